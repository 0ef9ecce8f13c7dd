"""The session screen at each kind of phase, driven through the real window on fake clocks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from hipcoach.core.content import load_catalogue
from hipcoach.core.model import Routine
from hipcoach.core.plan import PhaseKind
from hipcoach.core.session_state import State
from hipcoach.ui.session_texts import PAUSED_MESSAGE, SUSPEND_MESSAGE, WAIT_MESSAGE
from tests.factories import entry, routine
from tests.ui.rig import MakeRig, WindowRig, three_exercises, two_sided

# three_exercises(): get-ready 5 s, leg raise reps 6 s, rest 6 s, get-ready 5 s, stretch hold 30 s, rest 6 s,
# get-ready 15 s (standing to the bike), bike cardio 600 s.
TO_HOLD = 5 + 6 + 6 + 5
TO_CARDIO = TO_HOLD + 30 + 6 + 15


def test_get_ready_shows_the_exercise_its_dose_and_step_one(rig: WindowRig) -> None:
    rig.start(three_exercises())
    view = rig.view
    assert view.phase_label.text() == "Get ready"
    assert view.name_label.text() == "Leg raise"
    assert view.position_label.text() == "Standing"
    assert view.countdown.text() == "5"
    assert view.unit_label.text() == "seconds left"
    assert view.counters_label.text() == "3 reps"
    assert view.next_label.text() == "Next: Stretch"
    assert view.steps.texts() == ["1. First step.", "2. Second step.", "3. Third step."]
    assert view.steps.current_index() == 0
    assert view.progress.format() == "Exercise 1 of 3"
    # one set, no hold, no side: the get-ready is the exercise's one quiet moment for its form reminder
    assert view.caption_label.text() == "\u201cLeg raise. Get into position. 3 reps. Breathe out as you lift.\u201d"
    rig.run(1)
    assert view.countdown.text() == "4"


def test_reps_count_up_and_the_highlight_follows_lift_and_lowering(rig: WindowRig) -> None:
    rig.start(three_exercises())
    view = rig.view
    rig.run(5)
    assert view.phase_label.text() == "Reps"
    assert view.countdown.text() == "1"
    assert view.counters_label.text() == "Rep 1 of 3"
    assert view.steps.current_index() == 1  # the lift: the second-to-last step
    rig.run(1)
    assert view.countdown.text() == "1"
    assert view.steps.current_index() == 2  # "Down": the last step
    assert view.caption_label.text() == "\u201cDown.\u201d"
    rig.run(1)
    assert view.countdown.text() == "2"
    assert view.counters_label.text() == "Rep 2 of 3"
    assert view.steps.current_index() == 1
    assert 0 < view.progress.value() < 20


def test_rest_before_an_exercise_says_what_is_next(rig: WindowRig) -> None:
    rig.start(three_exercises())
    rig.run(5 + 6)
    view = rig.view
    assert view.phase_label.text() == "Rest"
    assert view.countdown.text() == "6"
    assert view.name_label.text() == "Stretch"
    assert view.next_label.text() == "Next: Stretch"
    assert view.counters_label.text() == "Relax"
    assert view.progress.format() == "Exercise 2 of 3"


def test_hold_counts_down_in_seconds(rig: WindowRig) -> None:
    rig.start(three_exercises())
    rig.run(TO_HOLD)
    view = rig.view
    assert view.phase_label.text() == "Hold"
    assert view.countdown.text() == "30"
    assert view.counters_label.text() == "Hold 30 seconds"
    assert view.steps.current_index() == 2  # where the stretch is held
    rig.run(10)
    assert view.countdown.text() == "20"
    assert view.unit_label.text() == "seconds left"
    assert view.next_label.text() == "Next: Bike"


def test_cardio_counts_down_in_minutes_and_seconds(rig: WindowRig) -> None:
    rig.start(three_exercises())
    rig.run(TO_CARDIO, step=1)
    view = rig.view
    assert view.phase_label.text() == "Cardio"
    assert view.name_label.text() == "Bike"
    assert view.position_label.text() == "On the machine"
    assert view.countdown.text() == "10:00"
    assert view.unit_label.text() == "minutes left"
    assert view.counters_label.text() == "10 minutes at a moderate pace"
    assert view.next_label.text() == "Next: the end. This is the last exercise."
    rig.run(1)
    assert view.countdown.text() == "9:59"
    rig.run(60, step=1)
    assert view.countdown.text() == "8:59"


def test_sides_and_sets_are_counted_and_switching_is_announced(rig: WindowRig) -> None:
    rig.start(two_sided(sets=2))
    view = rig.view
    assert view.counters_label.text() == "3 reps each side · 2 sets"
    assert view.side_label.text() == "Your left leg moves."
    rig.run(5)
    assert (view.counters_label.text(), view.side_label.text()) == ("Rep 1 of 3 · Set 1 of 2", "Your left leg moves.")
    rig.run(6)
    assert view.phase_label.text() == "Switch sides"
    assert (view.counters_label.text(), view.side_label.text()) == ("Set 1 of 2", "Your right leg moves.")
    assert view.countdown.text() == "5"
    assert view.steps.current_index() == 0
    assert view.caption_label.text() == (
        "\u201cSwitch sides. Your right leg moves. 3 reps each side, 2 sets. Breathe out as you lift.\u201d"
    )
    rig.run(5)
    assert (view.counters_label.text(), view.side_label.text()) == ("Rep 1 of 3 · Set 1 of 2", "Your right leg moves.")
    rig.run(6)
    assert view.phase_label.text() == "Rest"
    assert view.counters_label.text() == "Set 2 of 2 next"
    assert view.countdown.text() == "4"


def test_space_pauses_and_the_countdown_stands_still(rig: WindowRig) -> None:
    rig.start(three_exercises())
    rig.run(TO_HOLD + 3)
    view = rig.view
    assert view.countdown.text() == "27"
    rig.key(Qt.Key.Key_Space)
    assert rig.state is State.PAUSED
    assert view.phase_label.text() == "Paused"
    assert view.status_label.text() == PAUSED_MESSAGE
    assert view.pause_action.text() == "Resume"
    assert view.countdown.is_dimmed()
    rig.run(10)
    rig.controller.poll()
    assert view.countdown.text() == "27"
    rig.key(Qt.Key.Key_Space)
    assert rig.state is State.RUNNING
    assert view.phase_label.text() == "Hold"
    assert view.status_label.text() == ""
    assert view.pause_action.text() == "Pause"
    rig.run(1)
    assert view.countdown.text() == "26"


def test_a_sleeping_computer_pauses_and_says_so(rig: WindowRig) -> None:
    rig.start(three_exercises())
    rig.run(TO_HOLD + 2)
    rig.wall.advance(3600)  # the wall clock jumps, the monotonic clock did not run: the machine slept
    rig.run(0.5)
    assert rig.state is State.PAUSED
    assert rig.view.status_label.text() == SUSPEND_MESSAGE
    assert rig.view.status_label.text().startswith("Paused: the computer was asleep")
    assert rig.view.countdown.text() == "28"


@pytest.mark.parametrize("key", [Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_wait_for_me_holds_until_space_or_enter(make_rig: MakeRig, key: Qt.Key) -> None:
    rig = make_rig(wait_for_me=True)
    rig.start(three_exercises())
    view = rig.view
    assert rig.state is State.WAITING
    assert view.status_label.text() == WAIT_MESSAGE
    assert view.phase_label.text() == "Get ready"
    assert view.pause_action.text() == "Ready"
    rig.run(10)
    assert view.countdown.text() == "5"
    rig.key(key)
    assert rig.state is State.RUNNING
    assert view.status_label.text() == ""
    rig.run(1)
    assert view.countdown.text() == "4"


def test_a_waiting_get_ready_shows_one_ready_button(make_rig: MakeRig) -> None:
    rig = make_rig(wait_for_me=True)
    rig.start(three_exercises())
    view = rig.view

    def shown() -> list[str]:
        return [button.text() for button in view.buttons.values() if button.isVisible()]

    assert rig.state is State.WAITING
    assert shown().count("Ready") == 1
    assert [action.text() for action in view.session_actions() if action.isVisible()].count("Ready") == 1
    rig.key(Qt.Key.Key_Return)
    assert rig.state is State.RUNNING
    rig.run_until(PhaseKind.REPS)
    assert (view.pause_action.text(), view.done_action.text()) == ("Pause", "Done")
    assert {"Pause", "Done"} <= set(shown())
    rig.key(Qt.Key.Key_Space)
    assert rig.state is State.PAUSED  # Space pauses again once the session runs, and Enter is "done" again
    rig.key(Qt.Key.Key_Space)
    working = rig.controller.phase
    rig.key(Qt.Key.Key_Return)
    assert rig.state is State.RUNNING and rig.controller.phase is not working


@pytest.mark.parametrize("key", [Qt.Key.Key_Right, Qt.Key.Key_N])
def test_right_or_n_skips_to_the_next_exercise(rig: WindowRig, key: Qt.Key) -> None:
    rig.start(three_exercises())
    rig.run(6)
    rig.key(key)
    assert rig.view.name_label.text() == "Stretch"
    assert rig.view.phase_label.text() == "Get ready"
    assert rig.view.countdown.text() == "5"


@pytest.mark.parametrize("key", [Qt.Key.Key_Left, Qt.Key.Key_P])
def test_left_or_p_restarts_the_exercise_then_goes_back_one(rig: WindowRig, key: Qt.Key) -> None:
    rig.start(three_exercises())
    rig.key(Qt.Key.Key_Right)
    rig.run(4)  # past the first seconds of the get-ready: back restarts this exercise
    assert rig.view.countdown.text() == "1"
    rig.key(key)
    assert rig.view.name_label.text() == "Stretch"
    assert rig.view.countdown.text() == "5"
    rig.key(key)  # at its very start: back goes to the previous exercise
    assert rig.view.name_label.text() == "Leg raise"
    assert rig.view.phase_label.text() == "Get ready"


def test_r_repeats_the_exercise_from_its_get_ready(rig: WindowRig) -> None:
    rig.start(three_exercises())
    rig.run(TO_HOLD + 5)
    rig.key(Qt.Key.Key_R)
    assert rig.view.name_label.text() == "Stretch"
    assert rig.view.phase_label.text() == "Get ready"


def test_enter_finishes_a_work_phase_and_does_nothing_while_getting_ready(rig: WindowRig) -> None:
    rig.start(three_exercises())
    assert not rig.view.done_action.isEnabled()
    rig.key(Qt.Key.Key_Return)
    assert rig.view.phase_label.text() == "Get ready"
    assert rig.view.countdown.text() == "5"
    rig.run(TO_HOLD + 4)
    assert rig.view.done_action.isEnabled()
    rig.key(Qt.Key.Key_Return)
    assert rig.view.phase_label.text() == "Rest"
    assert rig.view.name_label.text() == "Bike"


def test_stop_asks_first_and_yes_ends_with_a_stopped_summary(rig: WindowRig, monkeypatch: pytest.MonkeyPatch) -> None:
    asked_in: list[State] = []

    def answer_yes() -> bool:
        asked_in.append(rig.state)
        return True

    monkeypatch.setattr(rig.view, "ask_to_stop", answer_yes)
    rig.start(three_exercises())
    rig.run(5 + 2.5)  # one rep of three done
    rig.key(Qt.Key.Key_Escape)
    assert asked_in == [State.PAUSED]  # the session does not run on while the question is open
    assert rig.state is State.STOPPED
    summary = rig.window.summary_view
    assert rig.window.current_page() is summary
    assert summary.title_label.text() == "Session stopped"
    assert summary.counts_label.text() == "0 done · 1 partly done · 0 skipped · 2 not reached"
    assert summary.result_lines() == [
        "Leg raise: 1 of 3 reps. Partly done.",
        "Stretch: 0 s of 30 s. Not reached.",
        "Bike: 0 s of 10 min. Not reached.",
    ]


def test_stop_answered_no_carries_on(rig: WindowRig, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rig.view, "ask_to_stop", lambda: False)
    rig.start(three_exercises())
    rig.run(TO_HOLD + 3)
    rig.key(Qt.Key.Key_Escape)
    assert rig.state is State.RUNNING
    assert rig.window.current_page() is rig.view
    rig.run(1)
    assert rig.view.countdown.text() == "26"


def test_stop_does_not_ask_when_unattended(make_rig: MakeRig, monkeypatch: pytest.MonkeyPatch) -> None:
    rig = make_rig(quit_when_done=True)

    def must_not_ask() -> bool:
        raise AssertionError("asked in quit-when-done mode")

    monkeypatch.setattr(rig.view, "ask_to_stop", must_not_ask)
    rig.start(three_exercises())
    rig.key(Qt.Key.Key_Escape)
    assert rig.state is State.STOPPED


def test_every_session_control_names_its_keys_and_has_an_accessible_name(rig: WindowRig) -> None:
    rig.start(three_exercises())
    expected = {
        "previous": "Left or P",
        "pause": "Space",
        "done": "Return or Enter",
        "next": "Right or N",
        "repeat": "R",
        "sharp_pain": "S",
        "stop": "Esc",
        "full_screen": "F11",
    }
    assert set(rig.view.buttons) == set(expected)
    for name, button in rig.view.buttons.items():
        assert f"({expected[name]})" in button.toolTip(), (name, button.toolTip())
        assert button.accessibleName(), name
    assert "(Return or Enter)" in rig.window.chooser.start_button.toolTip()
    assert "(Esc)" in rig.window.summary_view.back_button.toolTip()


def _catalogue_routine(*exercise_ids: str) -> Routine:
    catalogue = load_catalogue()
    return routine(*(entry(catalogue[exercise_id]) for exercise_id in exercise_ids), rest_between_exercises=0)


def _lit(rig: WindowRig) -> str:
    index = rig.view.steps.current_index()
    assert index is not None
    return rig.view.steps.texts()[index]


def test_the_movement_step_lights_on_the_lift_and_the_hold_step_on_the_hold(rig: WindowRig) -> None:
    """Hip abductions: 2 s up, 3 s hold, 2 s down. The lift lights "Raise the outer leg", not the posture line."""
    rig.start(_catalogue_routine("hip-abductions"))
    assert _lit(rig).startswith("1. Stand side-on")
    rig.run(5)  # the get-ready
    assert rig.view.phase_label.text() == "Reps"
    assert _lit(rig) == "2. Raise the outer leg slowly out to the side."
    rig.run(2)
    assert _lit(rig) == "4. Pause, then lower the leg slowly."
    rig.run(3)
    assert _lit(rig) == "4. Pause, then lower the leg slowly."
    rig.run(2)
    assert _lit(rig) == "2. Raise the outer leg slowly out to the side."


def test_clamshells_light_the_opening_then_the_lowering(rig: WindowRig) -> None:
    rig.start(_catalogue_routine("clamshells"))
    rig.run(30 + 5 + 10)  # the way down to the mat, then the get-ready with the time to lie on the side
    assert rig.view.phase_label.text() == "Reps"
    assert _lit(rig) == "2. Keep your heels together and open the top knee like a shell."
    rig.run(2)
    assert _lit(rig) == "4. Lower the knee slowly."


def test_the_hold_inside_a_rep_counts_down_on_screen(rig: WindowRig) -> None:
    rig.start(_catalogue_routine("hip-abductions"))  # 2 s up, a 3 s hold, 2 s down
    view = rig.view
    rig.run(5 + 2)
    assert (view.countdown.text(), view.unit_label.text(), view.counters_label.text()) == (
        "3",
        "Hold: seconds left",
        "Rep 1 of 10 · Set 1 of 2",
    )
    assert view.caption_label.text() == "\u201cHold.\u201d"
    rig.run(1)
    # the screen counts the hold; the voice does not, so no number follows the rep's
    assert (view.countdown.text(), view.caption_label.text()) == ("2", "\u201cHold.\u201d")
    rig.run(1)
    assert (view.countdown.text(), view.unit_label.text()) == ("1", "Hold: second left")
    rig.run(1)  # down: the big number is the rep again
    assert (view.countdown.text(), view.unit_label.text(), view.caption_label.text()) == (
        "1",
        "",
        "\u201cLeg in.\u201d",
    )


def test_the_back_button_says_whether_it_restarts_or_goes_back(rig: WindowRig) -> None:
    rig.start(three_exercises())
    action = rig.view.previous_action
    button = rig.view.buttons["previous"]
    assert action.text() == "Restart exercise"  # the first exercise has none before it
    rig.key(Qt.Key.Key_Right)
    assert (action.text(), button.text()) == ("Previous exercise", "Previous exercise")
    assert action.toolTip().startswith("Back to the previous exercise")
    assert action.toolTip().endswith("(Left or P)")
    rig.run(2.5)
    assert action.text() == "Previous exercise"
    rig.run(0.5)
    assert (action.text(), button.text()) == ("Restart exercise", "Restart exercise")
    assert action.toolTip().startswith("Restart this exercise")
    rig.run(10)  # into the hold
    rig.key(Qt.Key.Key_Left)  # restarts it, as the button said
    assert (rig.view.name_label.text(), rig.view.phase_label.text()) == ("Stretch", "Get ready")
    assert action.text() == "Previous exercise"
    rig.run(5 + 30 + 1)  # the rest before the bike: back means the stretch
    assert rig.view.phase_label.text() == "Rest"
    assert action.text() == "Previous exercise"


def test_the_readme_says_what_left_does() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| Left or P"))
    assert "within 3 s" in row
    assert '"Restart exercise"' in row
    assert '"Previous exercise"' in row


def test_the_get_ready_says_why_it_is_longer(rig: WindowRig) -> None:
    rig.start(_catalogue_routine("hip-abductions", "clamshells"))
    view = rig.view
    assert view.unit_label.text() == "seconds left"  # standing, as a session starts: the setting alone
    rig.key(Qt.Key.Key_Right)
    assert view.name_label.text() == "Down to the mat"  # "next" leads to the way down, guided
    rig.key(Qt.Key.Key_Right)  # "I am ready": on to the get-ready
    assert view.name_label.text() == "Clamshells"
    assert view.unit_label.text() == "seconds left \u00b7 more time to change position"


def test_a_get_ready_lengthened_for_the_spoken_intro_says_so(make_rig: MakeRig) -> None:
    rig = make_rig(speech_lead_in=True)
    rig.start(_catalogue_routine("hip-abductions"))
    assert rig.view.unit_label.text().endswith("seconds left \u00b7 more time to hear the instructions")


def test_the_get_ready_says_what_the_exercise_is_for(rig: WindowRig) -> None:
    rig.start(_catalogue_routine("hip-abductions", "clamshells"))
    view = rig.view
    assert view.benefit_label.isVisible()
    assert view.benefit_label.text() == "Why: " + load_catalogue()["hip-abductions"].benefit
    rig.run(5)
    assert view.phase_label.text() == "Reps"
    assert not view.benefit_label.isVisible()  # the work has the steps to itself
    rig.key(Qt.Key.Key_Right)
    assert not view.benefit_label.isVisible()  # the way down to the mat has its own steps
    rig.key(Qt.Key.Key_Right)
    assert view.benefit_label.text() == "Why: Works the muscles on the outside of the hip that hold the joint steady."
