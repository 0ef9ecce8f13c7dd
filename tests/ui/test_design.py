"""One type scale and one set of spacing steps on every page (docs/design.md).

Each page is put on screen as a user reaches it, and every widget sized through ``widgets.set_font`` must have asked
for a size of the scale (the multiple it keeps as a property); a number between two steps is what made the pages
drift apart. The spacing is checked in the source: a layout's spacing and margins are steps of ``ui/design.py``.
"""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from hipcoach.ui import design
from hipcoach.ui.figure import stills
from hipcoach.ui.widgets import FONT_SCALE_PROPERTY
from tests.ui.page_tour import seeded_window, tour
from tests.ui.rig import WindowRig

UI = Path(__file__).resolve().parents[2] / "hipcoach" / "ui"


def off_scale(page: QWidget) -> list[str]:
    found = []
    for widget in [page, *page.findChildren(QWidget)]:
        size = widget.property(FONT_SCALE_PROPERTY)
        if isinstance(size, float) and size not in design.TYPE_SCALE:
            words = widget.property("text") or widget.accessibleName() or widget.objectName()
            found.append(f"{type(widget).__name__} {str(words)[:30]!r}: {size:g}")
    return found


def too_small(page: QWidget) -> list[str]:
    """Words on screen smaller than the smallest size of the scale (a button left at the desktop's size)."""
    smallest = QFont().pointSizeF() * design.CAPTION - 0.01
    found = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton)) or not widget.isVisible() or not widget.text().strip():
            continue
        if widget.font().pointSizeF() < smallest:
            found.append(f"{type(widget).__name__} {widget.text()[:30]!r}: {widget.font().pointSizeF():.1f} pt")
    return found


def test_every_page_sizes_its_text_from_the_type_scale(rig: WindowRig, qtbot: QtBot, tmp_path: Path) -> None:
    seen = []
    with seeded_window(rig, tmp_path):
        for name, page in tour(rig, qtbot):
            seen.append(name)
            assert off_scale(page) == [], name
            assert too_small(page) == [], name
    assert {"chooser", "session", "summary", "history", "editor", "settings-appearance"} <= set(seen)


def test_the_scale_steps_up_clearly() -> None:
    """Each size at least an eighth bigger than the one below: a smaller step is not seen from the mat."""
    sizes = design.TYPE_SCALE
    assert list(sizes) == sorted(sizes)
    assert all(bigger / smaller >= 1.125 for smaller, bigger in itertools.pairwise(sizes))
    assert design.step_up(design.BODY) == design.LEAD and design.step_up(design.DISPLAY) == design.DISPLAY
    assert stills.NUMBER_SIZE == design.BODY  # the figure package may not import the design module


def _literal_spacing(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in {"setSpacing", "addSpacing", "setContentsMargins"}:
            continue
        for argument in node.args:
            if isinstance(argument, ast.Constant) and argument.value != 0:
                found.append(f"{path.name}:{node.lineno} {node.func.attr}({argument.value!r})")
    return found


def test_layouts_space_by_the_steps_of_the_design_module() -> None:
    found = [line for path in sorted(UI.rglob("*.py")) for line in _literal_spacing(path)]
    assert found == []
