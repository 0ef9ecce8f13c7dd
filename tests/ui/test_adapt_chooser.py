"""The chooser's proposed changes (issue 17): listed for the routine chosen, Start says and runs what it runs, the
usual dose kept this time, Undo and "Turn adaptation off" asked for, and a Start that waits for the proposals."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hipcoach.core.dose_plan import Change, Direction, Proposal, planned_entries
from hipcoach.core.model import Routine
from tests.ui.rig import WindowRig, three_exercises

CHANGE_TEXT = "Leg raise: 3 \u2192 4 reps \u2014 your last two sessions were complete and pain stayed at 2 or below"


def with_reps(routine: Routine, reps: int) -> Routine:
    first = routine.entries[0]
    assert first.dose.reps is not None
    dose = dataclasses.replace(first.dose, reps=first.dose.reps.with_value(reps))
    return dataclasses.replace(routine, entries=(dataclasses.replace(first, dose=dose), *routine.entries[1:]))


def proposal_for(routine: Routine) -> tuple[Proposal, Change]:
    proposed = with_reps(routine, 4)
    before, after = planned_entries(routine)[0], planned_entries(proposed)[0]
    change = Change(0, before, after, Direction.UP, CHANGE_TEXT)
    return Proposal(current=routine, proposed=proposed, changes=(change,)), change


def started_reps(rig: WindowRig) -> int:
    plan = rig.controller.plan
    assert plan is not None
    reps = plan.routine.entries[0].dose.reps
    assert reps is not None
    return reps.value


def test_the_changes_are_listed_and_start_runs_them(rig: WindowRig) -> None:
    routine = three_exercises()
    proposal, _change = proposal_for(routine)
    chooser = rig.window.chooser
    rig.window.set_routines([routine])
    chooser.set_proposals({routine.id: proposal}, {})
    assert chooser.changes_panel.isVisible()
    assert CHANGE_TEXT in chooser.changes_panel.lines_label.text()
    assert chooser.start_button.text() == "Start with the changes"
    rig.key(Qt.Key.Key_Return)
    assert rig.window.current_page() is rig.view
    assert started_reps(rig) == 4


def test_keep_my_usual_dose_runs_the_current_dose_this_time_only(rig: WindowRig) -> None:
    routine = three_exercises()
    proposal, _change = proposal_for(routine)
    chooser = rig.window.chooser
    rig.window.set_routines([routine])
    chooser.set_proposals({routine.id: proposal}, {})
    rig.key(Qt.Key.Key_K)
    assert chooser.changes_panel.keep_button.isChecked()
    assert chooser.start_button.text() == "Start with my usual dose"
    rig.key(Qt.Key.Key_Return)
    assert started_reps(rig) == 3
    rig.controller.stop()
    rig.window.show_chooser()
    assert not chooser.changes_panel.keep_button.isChecked()  # "this time": the next start offers the changes again
    assert chooser.start_button.text() == "Start with the changes"


def test_undo_and_turning_adaptation_off_are_asked_for(rig: WindowRig, qtbot: QtBot) -> None:
    routine = three_exercises()
    proposal, change = proposal_for(routine)
    chooser = rig.window.chooser
    rig.window.set_routines([routine])
    chooser.set_proposals({routine.id: proposal}, {routine.id: [change]})
    assert [label.text() for label, _button in chooser.changes_panel.undo_rows] == [CHANGE_TEXT]
    with qtbot.waitSignal(chooser.undo_requested) as undo:
        qtbot.mouseClick(chooser.changes_panel.undo_rows[0][1], Qt.MouseButton.LeftButton)
    assert undo.args == [change]
    with qtbot.waitSignal(chooser.adaptation_off_requested):
        qtbot.mouseClick(chooser.changes_panel.off_button, Qt.MouseButton.LeftButton)


def test_a_routine_without_changes_says_start_and_shows_no_panel(rig: WindowRig) -> None:
    routine = three_exercises()
    rig.window.set_routines([routine])
    rig.window.chooser.set_proposals({routine.id: Proposal(routine, routine, ())}, {})
    assert not rig.window.chooser.changes_panel.isVisible()
    assert rig.window.chooser.start_button.text() == "Start"


def test_a_start_before_the_proposals_are_known_waits_for_them(rig: WindowRig) -> None:
    routine = three_exercises()
    proposal, _change = proposal_for(routine)
    chooser = rig.window.chooser
    rig.window.set_routines([routine])
    chooser.expect_proposals()
    rig.key(Qt.Key.Key_Return)
    assert rig.window.current_page() is chooser
    chooser.set_proposals({routine.id: proposal}, {})
    assert rig.window.current_page() is rig.view
    assert started_reps(rig) == 4
