"""The summary tells each exercise as a row: its picture, its name, what was done against the target and the result
in words; many exercises scroll, and the page fits a 1024x600 screen."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.history import ExerciseRow
from hipcoach.core.model import Side, Unit
from hipcoach.core.results import Status
from hipcoach.ui.summary_rows import amount_words
from tests.display import artifacts_dir
from tests.ui.rig import WindowRig, run_to_summary, two_sided

WHEN = datetime(2026, 3, 1, tzinfo=UTC)


def row(actual: int, target: int, *, side: Side | None = None, unit: Unit = Unit.REPS, sets: tuple[int, int] = (1, 1)):  # type: ignore[no-untyped-def]
    return ExerciseRow(0, "x", side, target, actual, unit, sets[1], sets[0], Status.PARTIAL, WHEN)


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ([row(12, 12)], "12 of 12 reps"),
        ([row(45, 60, unit=Unit.SECONDS)], "45 s of 60 s"),
        ([row(8, 12, sets=(2, 3))], "8 of 12 reps, 2 of 3 sets"),
        (
            [row(6, 6, side=Side.LEFT, sets=(2, 2)), row(6, 6, side=Side.RIGHT, sets=(2, 2))],
            "6 of 6 reps each side, 2 of 2 sets",
        ),
        ([row(6, 6, side=Side.LEFT), row(2, 6, side=Side.RIGHT)], "Left 6 of 6 reps, right 2 of 6 reps"),
        (
            [row(6, 6, side=Side.LEFT, sets=(2, 2)), row(3, 6, side=Side.RIGHT, sets=(1, 2))],
            "Left 6 of 6 reps, 2 of 2 sets, right 3 of 6 reps, 1 of 2 sets",
        ),
        ([row(5, 5, side=Side.RIGHT)], "Right 5 of 5 reps"),
    ],
)
def test_target_against_done_in_words(rows: list[ExerciseRow], words: str) -> None:
    assert amount_words(rows) == words


def test_a_two_sided_exercise_done_in_full_is_one_row(rig: WindowRig) -> None:
    rig.start(two_sided(sets=2))
    run_to_summary(rig)
    summary = rig.window.summary_view
    assert summary.result_lines() == ["Side kick: 6 of 6 reps each side, 2 of 2 sets. Done."]
    [only] = summary.results.rows
    assert only.result_label.text() == "Done" and only.name_label.text() == "Side kick"


def inside(widget_rect: QRect, area: QRect) -> bool:
    return area.contains(widget_rect.topLeft()) and area.contains(widget_rect.bottomRight())


def test_sixteen_exercises_scroll_and_the_page_fits_1024x600(rig: WindowRig, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = rig.window
    window.resize(1024, 600)
    full = next(r for r in builtin_routines(load_catalogue()) if r.id == "full")
    assert len(full.entries) == 16
    rig.start(full)
    for _ in range(400):  # skip every exercise: sixteen rows, quickly
        if window.current_page() is window.summary_view:
            break
        rig.key(Qt.Key.Key_Right)
        rig.run(0.5)
    summary = window.summary_view
    assert window.current_page() is summary
    qtbot.wait(20)  # a layout pass for the rows just made
    rows = summary.results.rows
    assert [r.name_label.text() for r in rows] == [entry.exercise.name for entry in full.entries]
    for one in rows:
        assert one.still.isVisibleTo(summary) and one.still.figure() is not None
        assert " of " in one.amount_label.text() and one.result_label.text() == "Skipped"
    assert window.size().height() == 600, "the window grew to fit the summary: something would be cut"
    assert summary.minimumSizeHint().height() <= summary.height()
    assert summary.results.verticalScrollBar().maximum() > 0  # they scroll
    area = QRect(QPoint(0, 0), window.size())
    for widget in (summary.back_button, summary.note_edit, summary.pain_after.buttons[10], summary.results):
        top_left = widget.mapTo(window, QPoint(0, 0))
        assert inside(QRect(top_left, widget.size()), area), widget.accessibleName()
    bar = summary.results.verticalScrollBar()
    for _ in range(40):  # Tab reaches the rows…
        if QApplication.focusWidget() is summary.results:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is summary.results
    for _ in range(10):  # …and Page Down scrolls them
        qtbot.keyClick(summary.results, Qt.Key.Key_PageDown)
    assert bar.value() == bar.maximum()
    QApplication.processEvents()
    last = rows[-1].mapTo(summary.results.viewport(), QPoint(0, 0))
    assert summary.results.viewport().rect().contains(QRect(last, rows[-1].size()).bottomLeft())
    window.grab().save(str(artifacts_dir() / "summary-16-exercises-1024x600.png"))
