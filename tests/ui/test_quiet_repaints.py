"""The session page's refresh asks for repaints rather than painting at once: the progress bar and the phase pill
were painted or restyled synchronously at every refresh, several times at a change of exercise (docs/speech.md,
"GUI stalls")."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar
from pytestqt.qtbot import QtBot

from hipcoach.core.plan import PhaseKind
from hipcoach.ui.widgets import set_pill, set_progress
from tests.factories import entry, exercise, routine
from tests.ui.rig import WindowRig


class EventCount(QObject):
    """Counts the events of one type a widget receives."""

    def __init__(self, kind: QEvent.Type) -> None:
        super().__init__()
        self.kind = kind
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == self.kind:
            self.count += 1
        return False


def shown_bar(qtbot: QtBot) -> tuple[QProgressBar, EventCount]:
    """A progress bar on screen, painted once already (before its first paint Qt has nothing to repaint at once)."""
    bar = QProgressBar()
    bar.setRange(0, 1000)
    bar.resize(800, 40)
    qtbot.addWidget(bar)
    paints = EventCount(QEvent.Type.Paint)
    bar.installEventFilter(paints)
    bar.show()
    qtbot.waitUntil(lambda: paints.count > 0)
    return bar, paints


def test_qt_paints_a_progress_bar_at_once_when_its_value_is_set(qtbot: QtBot) -> None:
    """Why set_progress exists: without it the paint happens inside setValue, on the caller's time."""
    bar, paints = shown_bar(qtbot)
    before = paints.count
    bar.setValue(500)
    assert paints.count > before


def test_set_progress_leaves_the_paint_to_the_event_loop(qtbot: QtBot) -> None:
    bar, paints = shown_bar(qtbot)
    before = paints.count
    set_progress(bar, 500, "Half way")
    assert (bar.value(), bar.format()) == (500, "Half way")
    assert paints.count == before  # nothing painted inside the call
    qtbot.waitUntil(lambda: paints.count > before)  # but painted soon after


class StyledLabel(QLabel):
    """Counts the style sheets it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.styled = 0

    def setStyleSheet(self, sheet: str) -> None:
        self.styled += 1
        super().setStyleSheet(sheet)


def test_a_pill_set_again_unchanged_is_not_restyled(qtbot: QtBot) -> None:
    label = StyledLabel()
    qtbot.addWidget(label)
    set_pill(label, "Reps", QColor("#2a7ab0"))
    set_pill(label, "Reps", QColor("#2a7ab0"))
    assert label.styled == 1
    set_pill(label, "Hold", QColor("#b05a2a"))
    assert label.styled == 2
    assert (label.text(), label.accessibleName()) == ("Hold", "Hold")


def test_the_session_page_refreshes_once_per_batch_of_engine_events(
    rig: WindowRig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change of exercise brings several events at once (the last beat, the exercise done, the next phase); the
    page is refreshed once for them, after the state has settled, not once for each."""
    events: list[object] = []
    refreshes: list[int] = []
    view = rig.view
    real_refresh = view.refresh

    def counted_refresh() -> None:
        refreshes.append(len(events))
        real_refresh()

    monkeypatch.setattr(view, "refresh", counted_refresh)
    rig.controller.engine_event.connect(events.append)
    rig.start(routine(entry(exercise("a", reps=2, sets=1)), entry(exercise("b", reps=2, sets=1))))
    rig.run_until(PhaseKind.REPS)
    rig.run(4 * 2 + 8)  # the first exercise's reps, then into the next one
    names = [type(event).__name__ for event in events]
    assert "ExerciseDone" in names
    assert 0 < len(refreshes) < len(events)
    assert view.name_label.text() == "B"  # and the page shows where the session is


def run_until_exercise(rig: WindowRig, name: str) -> None:
    for _ in range(200):
        if rig.view.name_label.text() == name:
            return
        rig.run(0.5)
    raise AssertionError(f"the session never reached {name}")


def test_a_change_of_exercise_relabels_the_steps_without_adding_widgets(rig: WindowRig) -> None:
    """New step labels on the shown page were polished and shown by a posted event each, about 2 ms apiece at every
    change of exercise; the labels are kept and given the new texts, shown at once."""
    steps = {
        "a": ("Lie down.", "Lift one leg.", "Lower it."),
        "b": ("Stand tall.", "Swing the leg.", "Bring it back."),
        "c": ("Sit.", "Lean forward."),
    }
    exercises = [replace(exercise(key, reps=2, sets=1), steps=texts) for key, texts in steps.items()]
    rig.start(routine(*(entry(item) for item in exercises)))
    rig.run_until(PhaseKind.REPS)
    QApplication.processEvents()  # the first exercise's labels are new: shown by the event loop
    added = EventCount(QEvent.Type.ChildAdded)
    rig.view.steps.installEventFilter(added)
    for name, key in (("B", "b"), ("C", "c")):
        run_until_exercise(rig, name)
        assert added.count == 0
        expected = [f"{n}. {text}" for n, text in enumerate(steps[key], start=1)]
        assert rig.view.steps.texts() == expected
        shown = [label for label in rig.view.steps.findChildren(QLabel) if label.isVisible()]
        assert [label.text() for label in shown] == expected  # at once, not after a posted show


def test_lines_shown_at_a_change_of_exercise_are_laid_out_once_by_the_event_loop(rig: WindowRig) -> None:
    """Qt lays the whole window out at once for each widget shown on it; the next exercise's get-ready shows its
    "why" line, and that relayout ran inside the engine's slot. The page's changes are laid out by the event loop."""
    rig.start(routine(entry(exercise("a", reps=2, sets=1)), entry(exercise("b", reps=2, sets=1))))
    rig.run_until(PhaseKind.REPS)
    QApplication.processEvents()
    view = rig.view
    assert not view.benefit_label.isVisible()
    resized = EventCount(QEvent.Type.Resize)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(resized)
    try:
        rig.run_until(PhaseKind.GET_READY)
        assert view.name_label.text() == "B"
        assert view.benefit_label.isVisible()
        assert resized.count == 0  # nothing laid out inside the engine's slot
        QApplication.processEvents()
        assert resized.count > 0  # but laid out before the next paint
    finally:
        app.removeEventFilter(resized)
    label = view.benefit_label
    assert label.height() >= label.heightForWidth(label.width()) > 0
