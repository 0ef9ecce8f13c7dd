"""The figure's stills where the app shows them: the chooser's routine details (after the first paint), the
report for the physiotherapist, and the Help → Exercises catalogue."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel

from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.history import open_history
from hipcoach.ui.exercise_catalogue import ExerciseCatalogue
from hipcoach.ui.figure.colours import ACCENT_LIGHT
from hipcoach.ui.figure.stills import FigureStrip
from hipcoach.ui.report import write_report
from hipcoach.ui.report_tables import exercise_names_and_figures
from tests.history_seed import seed_history
from tests.tools import require_tool
from tests.ui.rig import WindowRig


def test_the_chooser_shows_a_still_of_each_exercise_once_asked_after_the_first_paint(rig: WindowRig) -> None:
    catalogue = load_catalogue()
    routines = builtin_routines(catalogue)
    chooser = rig.window.chooser
    chooser.set_routines(routines)
    assert chooser.figures is None  # not before the app asks (after its first paint)
    chooser.show_figures()
    strip = chooser.figures
    assert isinstance(strip, FigureStrip) and strip.isVisibleTo(chooser)
    for routine in routines:
        assert chooser.select(routine.id)
        with_figure = [e for e in routine.entries if e.exercise.movement.figure is not None]
        assert strip.count() == len(with_figure)
    assert any(e.exercise.movement.figure is not None for r in routines for e in r.entries)
    chooser.select(next(r.id for r in routines if any(e.exercise.movement.figure for e in r.entries)))
    rig.qtbot.waitUntil(lambda: strip.height() >= FigureStrip.CELL_HEIGHT)  # laid out in the page
    image = strip.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert len(colours) > 3  # something is drawn


def accent_pixels(pdf: Path, out: Path) -> int:
    """Pixels of the figure's accent colour on every page, rendered by poppler as a PDF viewer would."""
    pdftoppm = require_tool("pdftoppm")
    out.mkdir()
    subprocess.run([pdftoppm, "-r", "60", "-png", str(pdf), str(out / "page")], check=True, timeout=120)
    accent = QColor(ACCENT_LIGHT)
    found = 0
    for page in sorted(out.glob("page*.png")):
        image = QImage(str(page))
        for y in range(0, image.height(), 2):
            for x in range(0, image.width(), 2):
                colour = image.pixelColor(x, y)
                near = abs(colour.red() - accent.red()) + abs(colour.green() - accent.green())
                found += near + abs(colour.blue() - accent.blue()) < 60
    return found


def test_the_report_has_a_still_beside_each_exercise(qapp: object, tmp_path: Path) -> None:
    today = date(2026, 3, 20)
    with open_history(tmp_path / "history.sqlite3") as store:
        seed_history(store, days=30, start=today - timedelta(days=29), seed=3)
        with_stills, without = tmp_path / "stills.pdf", tmp_path / "plain.pdf"
        write_report(store, with_stills, today - timedelta(days=29), today, today=today)
        write_report(store, without, today - timedelta(days=29), today, today=today, figures={})
    assert exercise_names_and_figures()[1], "no exercise has a figure"
    assert accent_pixels(with_stills, tmp_path / "a") > 20
    assert accent_pixels(without, tmp_path / "b") == 0  # the charts do not use the figure's colour


def test_help_exercises_lists_all_18_with_their_figure_benefit_and_steps(rig: WindowRig) -> None:
    help_menu = next(a.menu() for a in rig.window.menuBar().actions() if a.text() == "&Help")
    assert rig.window.exercises_action in help_menu.actions()
    rig.window.exercises_action.trigger()
    page = next(w for w in rig.window._help_windows if isinstance(w, ExerciseCatalogue))
    rig.qtbot.waitUntil(page.isActiveWindow)  # it comes up in front, with the keys
    assert page.count() == 18
    numbers = [entry.exercise.number for entry in page.entries]
    assert numbers == sorted(numbers)
    for entry in page.entries:
        texts = [label.text() for label in entry.findChildren(QLabel)]
        assert any(entry.exercise.benefit in text for text in texts)
        assert any(entry.exercise.steps[-1] in text for text in texts)
        assert entry.still.isVisibleTo(page) == (entry.exercise.movement.figure is not None)
        if entry.exercise.movement.figure is not None:
            assert entry.still.poses() == ("start", "top")
    # the keyboard reaches every exercise, and the page scrolls to the one with the focus
    page.entries[0].setFocus()
    for _ in range(17):
        rig.qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)
    assert page.focusWidget() is page.entries[-1]
    assert page.scroll_area.verticalScrollBar().value() > 0
    rig.qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Escape)
    rig.qtbot.waitUntil(lambda: not page.isVisible())
    assert rig.window.show_exercises() is page  # made once, shown again
