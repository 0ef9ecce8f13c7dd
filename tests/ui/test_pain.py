"""Pain in the window: the 0-10 question before (first get-ready) and after (summary, with a note), and "Sharp pain"
with its two choices, driven through the real window on fake clocks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hipcoach.core.history import HISTORY_FILE, open_history
from hipcoach.core.results import PauseReason
from hipcoach.core.session_state import State
from hipcoach.ui.pain import PainScale
from hipcoach.ui.services import Services
from hipcoach.ui.session_texts import PAIN_BEFORE_WAIT, WAIT_MESSAGE
from hipcoach.ui.summary_view import SummaryView
from tests.ui.rig import MakeRig, WindowRig, three_exercises

# three_exercises(): get-ready 5 s, leg raise reps 6 s, rest 6 s, get-ready 5 s, stretch hold 30 s, rest 6 s,
# get-ready 15 s (standing to the bike), bike cardio 600 s.
TO_HOLD = 5 + 6 + 6 + 5
FULL_RUN = TO_HOLD + 30 + 6 + 15 + 600


class Ratings:
    """What the window asked the recorder to write, in order."""

    def __init__(self, rig: WindowRig) -> None:
        self.calls: list[tuple[str, object, object]] = []
        rig.window.pain_before_rated.connect(lambda value: self.calls.append(("before", value, None)))
        rig.window.pain_after_saved.connect(lambda after, note: self.calls.append(("after", after, note)))


def click(qtbot: QtBot, widget: QWidget | None) -> None:
    assert widget is not None
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


# -- before ------------------------------------------------------------------------------------------------------


def test_the_session_waits_for_the_question_and_a_click_answers_it(rig: WindowRig, qtbot: QtBot) -> None:
    """At any speed the first exercise does not begin before the question is answered (it was once gone before a
    key could be pressed, at --time-scale 10)."""
    ratings = Ratings(rig)
    rig.start(three_exercises(), keep_pain_question=True)
    row = rig.view.pain_before
    assert row.isVisible()
    assert "How is your pain right now?" in row.question_label.text()
    assert rig.state is State.WAITING
    assert rig.view.status_label.text() == PAIN_BEFORE_WAIT
    rig.run(60)
    assert (rig.view.phase_label.text(), rig.view.countdown.text()) == ("Get ready", "5")
    click(qtbot, row.buttons[6])
    assert ratings.calls == [("before", 6, None)]
    assert rig.state is State.RUNNING
    assert rig.view.status_label.text() == ""
    assert row.isVisible()  # the answer stays in sight until the exercise begins
    assert row.buttons[6].isChecked()
    assert row.hint_label.text() == "Your answer: 6 of 10. Press another number to change it."
    rig.run(2)
    assert rig.view.countdown.text() == "3"  # the get-ready runs from the answer on
    rig.run(3)
    assert rig.view.phase_label.text() == "Reps"
    assert not row.isVisible()


@pytest.mark.parametrize(
    ("key", "value"), [(Qt.Key.Key_0, 0), (Qt.Key.Key_4, 4), (Qt.Key.Key_9, 9), (Qt.Key.Key_T, 10)]
)
def test_one_key_answers_it_whatever_has_the_focus(rig: WindowRig, qtbot: QtBot, key: Qt.Key, value: int) -> None:
    ratings = Ratings(rig)
    rig.start(three_exercises(), keep_pain_question=True)
    rig.view.buttons["next"].setFocus()
    qtbot.keyClick(rig.window.focusWidget() or rig.window, key)
    assert ratings.calls == [("before", value, None)]
    assert rig.view.pain_before.value() == value
    assert f"Your answer: {value} of 10" in rig.view.pain_before.hint_label.text()
    assert rig.state is State.RUNNING
    rig.run(5)
    rig.key(Qt.Key.Key_2)  # the digits mean a rating only while the question is on screen
    assert ratings.calls == [("before", value, None)]


def test_an_answer_can_be_changed_during_the_get_ready(rig: WindowRig) -> None:
    ratings = Ratings(rig)
    rig.start(three_exercises(), keep_pain_question=True)
    rig.key(Qt.Key.Key_3)
    rig.run(1)
    rig.key(Qt.Key.Key_5)
    assert ratings.calls == [("before", 3, None), ("before", 5, None)]
    assert rig.view.countdown.text() == "4"  # changing it does not restart the get-ready


def test_ready_without_an_answer_starts_unrated(rig: WindowRig) -> None:
    ratings = Ratings(rig)
    rig.start(three_exercises(), keep_pain_question=True)
    rig.key(Qt.Key.Key_Space)
    assert rig.state is State.RUNNING
    assert not rig.view.pain_before.isVisible()
    rig.key(Qt.Key.Key_3)
    assert ratings.calls == []


def test_with_wait_for_me_an_answer_still_waits_for_space(make_rig: MakeRig) -> None:
    rig = make_rig(wait_for_me=True)
    rig.start(three_exercises(), keep_pain_question=True)
    rig.key(Qt.Key.Key_4)
    assert rig.state is State.WAITING
    assert rig.view.status_label.text() == WAIT_MESSAGE
    rig.key(Qt.Key.Key_Space)
    assert rig.state is State.RUNNING


def test_skip_hides_it_without_a_rating(rig: WindowRig, qtbot: QtBot) -> None:
    ratings = Ratings(rig)
    rig.start(three_exercises(), keep_pain_question=True)
    click(qtbot, rig.view.pain_before.skip_button)
    assert not rig.view.pain_before.isVisible()
    rig.key(Qt.Key.Key_5)  # gone means gone: the digits are free again
    assert ratings.calls == []
    assert rig.state is State.RUNNING


def test_x_skips_it_and_starts(rig: WindowRig) -> None:
    rig.start(three_exercises(), keep_pain_question=True)
    rig.key(Qt.Key.Key_X)
    assert not rig.view.pain_before.isVisible()
    assert rig.state is State.RUNNING


def test_it_is_not_asked_when_unattended_or_when_resuming(make_rig: MakeRig) -> None:
    unattended = make_rig(quit_when_done=True)
    unattended.start(three_exercises(), keep_pain_question=True)
    assert not unattended.view.pain_before.isVisible()
    assert unattended.state is State.RUNNING
    rig = make_rig()
    rig.window.start_routine(three_exercises(), at_entry=1)
    assert rig.view.name_label.text() == "Stretch"
    assert not rig.view.pain_before.isVisible()


def test_a_new_session_asks_afresh(rig: WindowRig, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rig.view, "ask_to_stop", lambda: True)
    rig.start(three_exercises(), keep_pain_question=True)
    rig.key(Qt.Key.Key_7)
    rig.key(Qt.Key.Key_Escape)  # stop
    rig.key(Qt.Key.Key_Escape)  # back to the routines
    rig.key(Qt.Key.Key_Return)
    assert rig.view.pain_before.isVisible()
    assert rig.view.pain_before.value() is None


# -- after -------------------------------------------------------------------------------------------------------


def at_the_summary(rig: WindowRig) -> tuple[Ratings, SummaryView]:
    """A whole session run to its end, the ratings watched: the summary on screen."""
    ratings = Ratings(rig)
    rig.start(three_exercises())
    rig.run(FULL_RUN, step=1)
    summary = rig.window.summary_view
    assert rig.window.current_page() is summary
    return ratings, summary


def test_the_summary_asks_pain_after_and_takes_a_note(rig: WindowRig, qtbot: QtBot) -> None:
    ratings, summary = at_the_summary(rig)
    assert summary.pain_after.isVisible()
    assert summary.pain_after.skip_button is None
    rig.key(Qt.Key.Key_3)
    assert ratings.calls == [("after", 3, None)]
    assert summary.pain_after.value() == 3
    assert summary.saved_label.text() == "Saved: pain 3 of 10."
    click(qtbot, summary.pain_after.buttons[2])  # a second thought replaces the first
    assert ratings.calls[-1] == ("after", 2, None)
    summary.note_edit.setFocus()
    qtbot.keyClicks(summary.note_edit, "Hip 2 better")  # digits go into the note while it has the focus
    assert ratings.calls[-1] == ("after", 2, None)
    qtbot.keyClick(summary.note_edit, Qt.Key.Key_Return)
    assert ratings.calls[-1] == ("after", None, "Hip 2 better")
    assert summary.saved_label.text() == "Saved: pain 2 of 10 and your note."
    count = len(ratings.calls)
    click(qtbot, summary.save_button)  # nothing new to save
    rig.key(Qt.Key.Key_Escape)
    assert len(ratings.calls) == count
    assert rig.window.current_page() is rig.window.chooser


def test_a_digit_typed_in_the_note_before_a_rating_is_the_rating(rig: WindowRig, qtbot: QtBot) -> None:
    ratings = Ratings(rig)
    rig.start(three_exercises())
    rig.run(FULL_RUN, step=1)
    summary = rig.window.summary_view
    summary.note_edit.setFocus()
    qtbot.keyClick(summary.note_edit, Qt.Key.Key_4)
    assert summary.note_edit.text() == ""
    assert ratings.calls == [("after", 4, None)]
    assert summary.pain_after.hint_label.text() == "Your answer: 4 of 10. Press another number to change it."
    assert summary.saved_label.text() == "Saved: pain 4 of 10."
    qtbot.keyClicks(summary.note_edit, "Walked 2 km")  # rated: now the note takes its digits
    assert summary.note_edit.text() == "Walked 2 km"
    assert ratings.calls == [("after", 4, None)]


def test_a_typed_note_is_saved_on_the_way_back(rig: WindowRig, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rig.view, "ask_to_stop", lambda: True)
    ratings = Ratings(rig)
    rig.start(three_exercises())
    rig.run(6)
    rig.key(Qt.Key.Key_Escape)
    summary = rig.window.summary_view
    assert summary.title_label.text() == "Session stopped"
    assert summary.pain_after.isVisible()  # stopped sessions are asked too
    summary.note_edit.setText("Knee clicked")
    rig.key(Qt.Key.Key_Escape)
    assert ratings.calls == [("after", None, "Knee clicked")]


def test_the_summary_does_not_ask_when_unattended(make_rig: MakeRig) -> None:
    rig = make_rig(quit_when_done=True)
    rig.start(three_exercises())
    rig.key(Qt.Key.Key_Escape)
    assert rig.window.current_page() is rig.window.summary_view
    assert not rig.window.summary_view.pain_area.isVisible()


# -- sharp pain --------------------------------------------------------------------------------------------------


def test_sharp_pain_stops_the_exercise_and_offers_two_choices(rig: WindowRig) -> None:
    rig.start(three_exercises())
    rig.run(5 + 2.5)
    assert rig.view.sharp_pain_action.isEnabled()
    rig.key(Qt.Key.Key_S)
    panel = rig.view.sharp_pain_panel
    assert rig.state is State.PAUSED
    assert rig.controller.engine is not None
    assert rig.controller.engine.pause_reason is PauseReason.SHARP_PAIN
    assert panel.isVisible()
    assert not rig.view.countdown.isVisible()
    assert panel.text_label.text() == "Leg raise is stopped and noted in your history."
    assert rig.view.phase_label.text() == "Stopped"
    assert rig.view.name_label.text() == "Leg raise"  # the screen is about the exercise just stopped
    assert rig.view.next_label.text() == "Next: Stretch"
    assert panel.carry_on_button.text() == "Skip it and carry on  (Space)"
    assert panel.end_button.text() == "End the session  (Esc)"
    for action in (rig.view.pause_action, rig.view.next_action, rig.view.stop_action, rig.view.sharp_pain_action):
        assert not action.isEnabled(), action.text()
    rig.run(30)  # nothing moves while the user decides, and only the two choices have keys
    for key in (Qt.Key.Key_N, Qt.Key.Key_P, Qt.Key.Key_R, Qt.Key.Key_S, Qt.Key.Key_Return):
        rig.key(key)
    assert rig.state is State.PAUSED
    assert panel.isVisible()
    assert rig.controller.engine.phase.entry_index == 1
    assert rig.controller.engine.elapsed() == 0.0


def test_the_progress_bar_names_the_stopped_exercise_until_the_user_chooses(rig: WindowRig) -> None:
    """The session already holds at the next exercise, but the whole page is about the one just stopped: the bar
    once said "Exercise 2 of 3" under "Leg raise"."""
    rig.start(three_exercises())
    rig.run(5 + 2.5)
    assert rig.view.progress.format() == "Exercise 1 of 3"
    rig.key(Qt.Key.Key_S)
    assert rig.view.name_label.text() == "Leg raise"
    assert rig.view.progress.format() == "Exercise 1 of 3"
    rig.run(30)
    assert rig.view.progress.format() == "Exercise 1 of 3"
    rig.key(Qt.Key.Key_Space)
    assert rig.view.name_label.text() == "Stretch"
    assert rig.view.progress.format() == "Exercise 2 of 3"


def test_carry_on_with_space_runs_the_next_exercise(rig: WindowRig) -> None:
    rig.start(three_exercises())
    rig.run(5 + 2.5)
    rig.key(Qt.Key.Key_S)
    rig.key(Qt.Key.Key_Space)
    assert rig.state is State.RUNNING
    assert not rig.view.sharp_pain_panel.isVisible()
    assert rig.view.countdown.isVisible()
    assert rig.view.phase_label.text() == "Get ready"
    assert rig.view.name_label.text() == "Stretch"
    rig.run(5)
    assert rig.view.phase_label.text() == "Hold"
    assert rig.view.pause_action.isEnabled()


def test_carry_on_by_click(rig: WindowRig, qtbot: QtBot) -> None:
    rig.start(three_exercises())
    rig.run(TO_HOLD + 3)
    click(qtbot, rig.view.buttons["sharp_pain"])
    click(qtbot, rig.view.sharp_pain_panel.carry_on_button)
    assert rig.state is State.RUNNING
    assert rig.view.name_label.text() == "Bike"


def test_end_the_session_gives_a_stopped_summary_that_names_the_exercise(rig: WindowRig, qtbot: QtBot) -> None:
    rig.start(three_exercises())
    rig.run(TO_HOLD + 3)
    rig.key(Qt.Key.Key_S)
    click(qtbot, rig.view.sharp_pain_panel.end_button)
    assert rig.state is State.STOPPED
    summary = rig.window.summary_view
    assert rig.window.current_page() is summary
    assert summary.title_label.text() == "Session stopped"
    assert summary.result_lines() == [
        "Leg raise: 3 of 3 reps. Done.",
        "Stretch: 3 s of 30 s. Partly done · stopped: sharp pain.",
        "Bike: 0 s of 10 min. Not reached.",
    ]


def test_esc_ends_the_session_without_asking_again(rig: WindowRig, monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_ask() -> bool:
        raise AssertionError("the panel already asked")

    monkeypatch.setattr(rig.view, "ask_to_stop", must_not_ask)
    rig.start(three_exercises())
    rig.run(2)
    rig.key(Qt.Key.Key_S)  # during the get-ready
    rig.key(Qt.Key.Key_Escape)
    assert rig.state is State.STOPPED
    assert "Leg raise: 0 of 3 reps. Skipped · stopped: sharp pain." in rig.window.summary_view.result_lines()


def test_sharp_pain_on_the_last_exercise_ends_with_the_summary(rig: WindowRig) -> None:
    rig.start(three_exercises())
    rig.run(TO_HOLD + 30 + 6 + 15 + 60, step=1)
    rig.key(Qt.Key.Key_S)
    summary = rig.window.summary_view
    assert rig.window.current_page() is summary
    assert summary.title_label.text() == "Well done. Routine complete."
    assert summary.result_lines()[-1].endswith("Partly done · stopped: sharp pain.")


def test_sharp_pain_is_off_in_the_rest_before_an_exercise(rig: WindowRig) -> None:
    rig.start(three_exercises())
    rig.run(5 + 6 + 1)
    assert rig.view.phase_label.text() == "Rest"
    assert not rig.view.sharp_pain_action.isEnabled()
    rig.key(Qt.Key.Key_S)
    assert rig.state is State.RUNNING


# -- names and keys ----------------------------------------------------------------------------------------------


def test_every_new_control_names_its_key_and_has_an_accessible_name(rig: WindowRig) -> None:
    rig.start(three_exercises(), keep_pain_question=True)
    row = rig.view.pain_before
    expected = {row.buttons[value]: f"({value})" for value in range(10)}
    expected[row.buttons[10]] = "(T)"
    assert row.skip_button is not None
    expected[row.skip_button] = "(X)"
    expected[rig.view.buttons["sharp_pain"]] = "(S)"
    panel = rig.view.sharp_pain_panel
    expected[panel.carry_on_button] = "(Space)"
    expected[panel.end_button] = "(Esc)"
    summary = rig.window.summary_view
    expected[summary.save_button] = "(Return or Enter)"
    for value in range(11):
        expected[summary.pain_after.buttons[value]] = "(T)" if value == 10 else f"({value})"
    for button, keys in expected.items():
        assert keys in button.toolTip(), (button.accessibleName(), button.toolTip())
        assert button.accessibleName()
    assert rig.view.buttons["sharp_pain"].toolTip() == "Sharp pain: stop this exercise now (S)"
    assert row.buttons[0].accessibleName() == "Pain 0, no pain"
    assert row.buttons[10].accessibleName() == "Pain 10, the worst pain"
    assert summary.note_edit.accessibleName() == "Note"
    assert "Return or Enter" in summary.note_edit.toolTip()
    assert summary.note_edit.placeholderText() == "Anything to remember? (optional)"


def test_the_pain_scale_clears_for_a_new_question(qtbot: QtBot) -> None:
    scale = PainScale("Pain?", skippable=False)
    qtbot.addWidget(scale)
    scale.actions_by_value[5].trigger()
    assert scale.value() == 5
    scale.clear()
    assert scale.value() is None


# -- into the history --------------------------------------------------------------------------------------------


def test_the_window_and_the_recorder_put_it_all_in_the_history(rig: WindowRig, hipcoach_data_dir: Path) -> None:
    """The wiring the app uses (hipcoach.ui.services), from keys to rows."""
    services = Services(rig.window, rig.controller, rig.window.settings, {}, lambda _settings: None)
    try:
        rig.start(three_exercises(), keep_pain_question=True)
        rig.key(Qt.Key.Key_6)
        rig.run(5 + 2.5)
        rig.key(Qt.Key.Key_S)
        rig.key(Qt.Key.Key_Escape)
        rig.key(Qt.Key.Key_2)
        summary = rig.window.summary_view
        summary.note_edit.setText("Sharp in the groin")
        rig.key(Qt.Key.Key_Return)
        assert services.recorder.flush(10)
        with open_history(hipcoach_data_dir / HISTORY_FILE) as history:
            (session,) = history.sessions()
            _, rows = history.session_detail(session.id)
        assert (session.status, session.pain_before, session.pain_after) == ("stopped", 6, 2)
        assert session.note == "Sharp in the groin"
        assert [(row.exercise_id, row.status, row.sharp_pain) for row in rows] == [
            ("leg-raise", "partial", True),
            ("stretch", "not_reached", False),  # the get-ready it was waiting at, ended by "End the session"
            ("bike", "not_reached", False),
        ]
    finally:
        services.close()


def test_space_on_the_summary_never_rates_the_pain(rig: WindowRig) -> None:
    """Space means "Ready" and "Pause" all session long: on the summary it must not press the focused "0" and
    record a pain of 0 nobody gave. The focus starts on "Back to routines"."""
    ratings, summary = at_the_summary(rig)
    assert summary.back_button.hasFocus()
    rig.key(Qt.Key.Key_4)
    focused = QApplication.focusWidget()
    assert focused is not None
    rig.qtbot.keyClick(focused, Qt.Key.Key_Space)
    assert ratings.calls == [("after", 4, None)]
