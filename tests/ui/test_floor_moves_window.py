"""The way down to the mat and up again in the real window: shown with its own steps, said by the voice, and never
an exercise in the summary, the history (a real SQLite file), the exports or the report."""

from __future__ import annotations

import csv
import dataclasses
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.floor_moves import GET_DOWN, GET_UP, WAYS_UP
from hipcoach.core.history import HISTORY_FILE, open_history
from hipcoach.core.model import Position
from hipcoach.core.plan import PhaseKind, build_plan
from hipcoach.core.session_state import State
from hipcoach.core.wording import format_clock
from hipcoach.ui.recorder import SessionRecorder
from hipcoach.ui.report import write_report
from hipcoach.ui.screenshots import Screenshots
from tests.ui.rig import MakeRig, WindowRig

EPOCH = datetime(2026, 3, 17, 8, 0, tzinfo=UTC)
MOVE_WORDS = ("get-down", "get-up", GET_DOWN.title, GET_UP.title)


def stretching() -> object:
    return next(r for r in builtin_routines(load_catalogue()) if r.id == "stretching")


def screenshot(rig: WindowRig, folder: Path, name: str) -> None:
    """As a person sees it: the labels of new steps are shown by a posted event, which the event loop delivers."""
    QApplication.processEvents()
    Screenshots(rig.window, folder).take(name)


def numbered(steps: tuple[str, ...]) -> list[str]:
    return [f"{number}. {step}" for number, step in enumerate(steps, start=1)]


def test_the_moves_are_shown_said_and_never_recorded(
    qtbot: QtBot, make_rig: MakeRig, hipcoach_data_dir: Path, tmp_path: Path, artifacts_dir: Path
) -> None:
    rig = make_rig()
    recorder = SessionRecorder(
        hipcoach_data_dir / HISTORY_FILE, wall_clock=lambda: EPOCH + timedelta(seconds=rig.clock.now)
    )
    recorder.attach(rig.controller)
    spoken: list[str] = []
    rig.controller.cue.connect(lambda cue, _due: spoken.append(cue.text))
    routine = stretching()
    rig.window.resize(1280, 800)
    rig.start(routine)  # type: ignore[arg-type]
    view = rig.view

    rig.run_until(PhaseKind.GET_DOWN)
    assert view.name_label.text() == "Down to the mat"
    assert view.phase_label.text() == "Get down"
    assert view.steps.texts() == numbered(GET_DOWN.steps)
    assert view.steps.current_index() == 0
    assert view.caption_label.text() == f"\u201c{GET_DOWN.spoken}\u201d"
    assert spoken[-1] == GET_DOWN.spoken
    assert view.next_label.text() == "Next: Seated Butterfly Stretch"
    assert not view.sharp_pain_action.isEnabled()  # no exercise to stop on the way down
    assert view.pause_action.isEnabled()
    rig.run(12)
    assert view.steps.current_index() == 1  # the light walks down the steps
    screenshot(rig, artifacts_dir, "session-get-down")
    rig.key(Qt.Key.Key_Space)  # pause and carry on, as in any phase
    assert rig.state is State.PAUSED and view.phase_label.text() == "Paused"
    rig.key(Qt.Key.Key_Space)
    assert rig.state is State.RUNNING and view.name_label.text() == "Down to the mat"

    rig.run_until(PhaseKind.GET_UP)
    assert view.name_label.text() == "Up from the mat"
    from_pigeon = WAYS_UP[Position.KNEELING]  # the last exercise on the mat: up from where it leaves the body
    assert view.steps.texts() == numbered(from_pigeon.steps)
    assert spoken[-1] == from_pigeon.spoken
    assert view.next_label.text() == "Next: the end of the session."
    rig.run(3)
    screenshot(rig, artifacts_dir, "session-get-up")
    rig.run(build_plan(routine).total_seconds, step=1)  # type: ignore[arg-type]
    assert rig.window.current_page() is rig.window.summary_view
    summary_text = rig.window.summary_view.text()
    assert not any(word in summary_text for word in MOVE_WORDS), summary_text
    assert "5 done" in summary_text

    assert recorder.flush(10)
    qtbot.waitUntil(lambda: recorder.session_id is not None)
    ids = [item.exercise.id for item in routine.entries]  # type: ignore[attr-defined]
    with open_history() as history:
        session, rows = history.session_detail(recorder.session_id)  # type: ignore[arg-type]
        assert session.status == "completed"
        assert sorted({(row.entry_index, row.exercise_id) for row in rows}) == list(enumerate(ids))
        exported = json.dumps(history.export_json())
        csv_path = tmp_path / "history.csv"
        history.export_csv(csv_path)
        day = session.started_at.astimezone().date()
        write_report(history, tmp_path / "report.pdf", day, day, today=day)
    assert not any(word in exported for word in MOVE_WORDS)
    with csv_path.open(newline="", encoding="utf-8") as handle:
        exercises = {line["exercise_id"] for line in csv.DictReader(handle)}
    assert exercises == set(ids)
    assert recorder.close()


def test_a_routine_that_starts_on_the_floor_asks_the_pain_question_before_the_way_down(make_rig: MakeRig) -> None:
    rig = make_rig()
    gentle = builtin_routines(load_catalogue())[0]
    floor_first = dataclasses.replace(gentle, id="mine", name="Mine", entries=gentle.entries[1:])  # hip rotations
    rig.start(floor_first, keep_pain_question=True)
    view = rig.view
    assert rig.controller.phase is not None and rig.controller.phase.kind is PhaseKind.GET_DOWN
    assert view.pain_before.isVisible() and rig.state is State.WAITING
    rig.run(60)
    assert rig.controller.phase.kind is PhaseKind.GET_DOWN  # nothing moves before the answer
    rig.key(Qt.Key.Key_3)
    assert rig.state is State.RUNNING
    rig.run_until(PhaseKind.GET_READY)
    assert view.name_label.text() == "Hip Rotations"


def test_ending_the_session_on_the_floor_guides_the_way_up_and_records_no_more(
    qtbot: QtBot, make_rig: MakeRig, hipcoach_data_dir: Path, artifacts_dir: Path
) -> None:
    """Sharp pain on the mat, then "End the session": the way up is shown and said before the summary, and the
    history holds the session as stopped at that moment, with no row for the way up."""
    rig = make_rig()
    recorder = SessionRecorder(
        hipcoach_data_dir / HISTORY_FILE, wall_clock=lambda: EPOCH + timedelta(seconds=rig.clock.now)
    )
    recorder.attach(rig.controller)
    spoken: list[str] = []
    rig.controller.cue.connect(lambda cue, _due: spoken.append(cue.text))
    rig.window.resize(1280, 800)
    rig.start(stretching())  # type: ignore[arg-type]
    view = rig.view
    rig.run_until(PhaseKind.GET_DOWN)
    rig.run_until(PhaseKind.HOLD)  # the butterfly stretch, on the mat
    assert view.name_label.text() == "Seated Butterfly Stretch"
    rig.key(Qt.Key.Key_S)
    assert view.is_deciding_after_sharp_pain()
    rig.key(Qt.Key.Key_Escape)  # "End the session"
    assert rig.window.current_page() is view
    assert rig.controller.phase is not None and rig.controller.phase.kind is PhaseKind.GET_UP
    assert view.name_label.text() == "Up from the mat"
    # up from the butterfly (sitting), where the stop left the body, not from pigeon, the plan's last on the mat
    from_sitting = WAYS_UP[Position.FLOOR_SITTING]
    assert view.steps.texts() == numbered(from_sitting.steps)
    assert spoken[-1] == from_sitting.spoken and "Roll" not in spoken[-1]
    assert view.next_label.text() == "Next: the end of the session."
    assert view.progress.format() == "Session stopped" and not view.reminders_label.isVisible()
    assert not view.repeat_action.isEnabled() and not view.previous_action.isEnabled()
    assert view.next_action.isEnabled() and view.pause_action.isEnabled()
    screenshot(rig, artifacts_dir, "session-way-up-after-a-stop")
    rig.run(rig.controller.phase.duration + 1, step=1)
    assert rig.window.current_page() is rig.window.summary_view
    assert spoken[-1] == "Session stopped."
    assert recorder.flush(10)
    qtbot.waitUntil(lambda: recorder.session_id is not None)
    with open_history() as history:
        session, rows = history.session_detail(recorder.session_id)  # type: ignore[arg-type]
    assert session.status == "stopped"
    done = {row.exercise_id: row.status for row in rows if row.status != "not_reached"}
    assert done == {"leg-swings": "completed", "quadriceps-stretch": "completed", "butterfly-stretch": "skipped"}
    assert recorder.close()


def test_sharp_pain_on_the_last_exercise_on_the_mat_holds_before_the_way_up(make_rig: MakeRig) -> None:
    rig = make_rig()
    gentle = builtin_routines(load_catalogue())[0]
    mat_then_chair = dataclasses.replace(gentle, id="mine", name="Mine", entries=(gentle.entries[1], gentle.entries[0]))
    spoken: list[str] = []
    rig.controller.cue.connect(lambda cue, _due: spoken.append(cue.text))
    rig.start(mat_then_chair)
    view = rig.view
    rig.run_until(PhaseKind.REPS)
    rig.key(Qt.Key.Key_S)
    assert view.is_deciding_after_sharp_pain()
    assert view.name_label.text() == "Hip Rotations"  # the one stopped, not the one before it
    assert view.sharp_pain_panel.text_label.text() == "Hip Rotations is stopped and noted in your history."
    assert view.next_label.text() == "Next: Leg Swings"
    assert view.progress.format() == "Exercise 1 of 2"
    rig.key(Qt.Key.Key_Space)  # carry on: up from the mat first
    assert view.name_label.text() == "Up from the mat"
    assert spoken[-1] == WAYS_UP[Position.FLOOR_SITTING].spoken  # hip rotations are done sitting on the mat
    rig.run_until(PhaseKind.REPS)
    assert view.name_label.text() == "Leg Swings"


def test_the_time_taken_after_a_stop_on_the_floor_ends_at_the_stop(
    qtbot: QtBot, make_rig: MakeRig, hipcoach_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The way up is no part of the session: the summary's "Time taken" and the stored real time end at the stop
    (docs/timing.md), the stored end time after the way up."""
    rig = make_rig()
    recorder = SessionRecorder(
        hipcoach_data_dir / HISTORY_FILE, wall_clock=lambda: EPOCH + timedelta(seconds=rig.clock.now)
    )
    recorder.attach(rig.controller)
    monkeypatch.setattr(rig.view, "ask_to_stop", lambda: True)
    rig.start(stretching())  # type: ignore[arg-type]
    started = rig.clock.now
    rig.run_until(PhaseKind.GET_DOWN)
    rig.run_until(PhaseKind.HOLD)  # the butterfly stretch, on the mat
    rig.run(5, step=1)
    stopped_after = rig.clock.now - started
    rig.key(Qt.Key.Key_Escape)  # stop: guided up from the mat first
    assert rig.controller.phase is not None and rig.controller.phase.kind is PhaseKind.GET_UP
    way_up = rig.controller.phase.duration
    rig.run(way_up + 1, step=1)
    assert rig.window.current_page() is rig.window.summary_view
    assert rig.window.summary_view.time_label.text().startswith(f"Time taken: {format_clock(stopped_after)}\n")
    assert recorder.flush(10)
    qtbot.waitUntil(lambda: recorder.session_id is not None)
    with open_history() as history:
        session, _rows = history.session_detail(recorder.session_id)  # type: ignore[arg-type]
    assert session.real_seconds == pytest.approx(stopped_after, abs=1.0)
    assert session.ended_at is not None and session.started_at is not None
    assert (session.ended_at - session.started_at).total_seconds() >= stopped_after + way_up - 1
    assert recorder.close()
