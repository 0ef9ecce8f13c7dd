"""The summary's "How did that feel?" (issue 17): one exercise at a time, answered by mouse or by E / A / H (keys
no other part of the window uses), Up and Down for the others, an answer changed or cleared, not asked on a trial."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hipcoach.core.dose_plan import Feeling
from hipcoach.core.session_state import State
from tests.ui.rig import MakeRig, WindowRig, run_to_summary, three_exercises


def test_each_exercise_done_is_asked_about_and_every_answer_is_sent(rig: WindowRig, qtbot: QtBot) -> None:
    sent: list[tuple[int, object]] = []
    rig.window.feeling_saved.connect(lambda index, feeling: sent.append((index, feeling)))
    rig.start(three_exercises())
    run_to_summary(rig)
    panel = rig.window.summary_view.feelings
    assert panel.isVisible()
    assert [row.name for row in panel.rows()] == ["Leg raise", "Stretch", "Bike"]
    rig.key(Qt.Key.Key_H)  # too hard, and on to the next
    assert panel.current() == panel.rows()[1]
    qtbot.mouseClick(panel.buttons[Feeling.TOO_EASY], Qt.MouseButton.LeftButton)
    rig.key(Qt.Key.Key_A)
    rig.key(Qt.Key.Key_Up)
    rig.key(Qt.Key.Key_Up)
    assert panel.current() == panel.rows()[0]
    assert panel.buttons[Feeling.TOO_HARD].isChecked()
    rig.key(Qt.Key.Key_E)  # changed, and on to the next
    rig.key(Qt.Key.Key_E)  # the answer it had: cleared
    assert sent == [
        (0, Feeling.TOO_HARD),
        (1, Feeling.TOO_EASY),
        (2, Feeling.ABOUT_RIGHT),
        (0, Feeling.TOO_EASY),
        (1, None),
    ]
    assert panel.answers() == {0: Feeling.TOO_EASY, 2: Feeling.ABOUT_RIGHT}
    assert "E" in panel.buttons[Feeling.TOO_EASY].text() and "H" in panel.buttons[Feeling.TOO_HARD].text()


def test_the_answer_keys_never_rate_the_pain(rig: WindowRig) -> None:
    rig.start(three_exercises())
    run_to_summary(rig)
    for key in (Qt.Key.Key_E, Qt.Key.Key_A, Qt.Key.Key_H):
        rig.key(key)
    assert rig.window.summary_view.pain_after.value() is None
    rig.key(Qt.Key.Key_3)
    assert rig.window.summary_view.pain_after.value() == 3
    assert len(rig.window.summary_view.feelings.answers()) == 3


def test_an_exercise_not_reached_is_not_asked_about(rig: WindowRig) -> None:
    rig.start(three_exercises())
    for _ in range(100):
        phase = rig.controller.phase
        if rig.controller.state is State.RUNNING and phase is not None and phase.entry_index == 1:
            break
        rig.run(1)
    rig.controller.stop()
    assert [row.name for row in rig.window.summary_view.feelings.rows()] == ["Leg raise"]


def test_a_trial_run_is_not_asked(make_rig: MakeRig) -> None:
    rig = make_rig(time_scale=10.0)
    rig.start(three_exercises())
    run_to_summary(rig)
    assert not rig.window.summary_view.feelings.isVisible()
    assert rig.window.summary_view.feelings.rows() == []
