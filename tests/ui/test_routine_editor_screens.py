"""The routine editor at the usual window size and at the smallest supported screen: everything readable, nothing
cut off or overlapping, the rest reachable by scrolling (screenshots kept in artifacts/ for a person to look at)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from hipcoach.core.content import load_catalogue
from hipcoach.core.content.catalogue import with_variants
from hipcoach.core.model import Level
from hipcoach.core.routine_edit.draft import DraftEntry, RoutineDraft
from hipcoach.ui.routine_editor import RoutineEditorPage

BUSY = RoutineDraft(
    id="",
    name="Morning ten",
    description="A short routine before work: warm up standing, then a few minutes on the mat.",
    entries=(
        DraftEntry("clamshells", level=Level.EASIER, reps=20, only_side=None, pinned=True),
        DraftEntry("leg-swings"),
        DraftEntry("bridge", level=Level.HARDER),
        DraftEntry("pigeon-pose", hold_seconds=45),
        DraftEntry("hip-abductions", sets=3),
    ),
)


def _rect_in(widget: QWidget, page: QWidget) -> QRect:
    return QRect(widget.mapTo(page, widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1024, 600)])
def test_the_editor_fits_the_screen_and_is_kept_as_a_screenshot(
    qtbot: QtBot, tmp_path: Path, artifacts_dir: Path, width: int, height: int
) -> None:
    exercises = with_variants(load_catalogue())
    page = RoutineEditorPage(exercises, tmp_path, lambda: [])
    qtbot.addWidget(page)
    page.open_draft(BUSY)
    page.resize(width, height)
    with qtbot.waitExposed(page):
        page.show()
    page.ui.form.spins["reps"].editingFinished.emit()  # the article's note under the field, as after leaving it
    qtbot.waitUntil(page.ui.form.notes["reps"].isVisible)
    assert page.ui.summary.spare_button.isVisible()  # the floor advice: the busiest the summary gets
    page.grab().save(str(artifacts_dir / f"routine-editor-{width}x{height}.png"))
    page.ui.show_catalogue()
    page.grab().save(str(artifacts_dir / f"routine-editor-catalogue-{width}x{height}.png"))

    body = page.ui.scroll.widget()
    assert body.width() <= page.ui.scroll.viewport().width()  # never sideways
    for button in page.findChildren(QAbstractButton):
        if button.isVisible() and button.text():
            inside = body if body.isAncestorOf(button) else page  # below the title: reached by scrolling
            where = _rect_in(button, inside)
            assert inside.rect().contains(where), f"{button.text()!r} is cut off at {where}"
            assert button.width() >= button.sizeHint().width() - 1, f"{button.text()!r} is squeezed"
    top_buttons = [b for b in page.findChildren(QAbstractButton) if b.text() in ("Undo", "Redo", "Save", "Close")]
    title = _rect_in(page.ui.title, page)
    assert all(not title.intersects(_rect_in(b, page)) for b in top_buttons)
