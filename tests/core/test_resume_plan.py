"""A session that ran another dose, an easier or harder version, or the sore-day version, interrupted and resumed,
runs the same plan: the one its row kept (schema version 6). Real recorder and engine, real history file, real
content. A plan this version cannot rebuild leaves the routine as written, and the offer says so."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from hipcoach.core import content, resume
from hipcoach.core.dose_plan import DoseNumbers, PlannedEntry, apply_plan, planned_entries
from hipcoach.core.engine import SessionEngine
from hipcoach.core.events import ExerciseDone
from hipcoach.core.history import HISTORY_FILE, open_history
from hipcoach.core.model import Exercise, Routine
from hipcoach.core.plan import build_plan
from hipcoach.ui.recorder import SessionRecorder
from tests.factories import FakeClock


def strength(routines: list[Routine]) -> Routine:
    return next(r for r in routines if r.id == "strength")


def adapted(routine: Routine, catalogue: dict[str, Exercise]) -> Routine:
    """The bridge done as its harder version (the single-leg bridge), and every other dose changed."""
    plan = []
    for entry in planned_entries(routine):
        numbers = entry.dose
        bigger = replace(numbers, reps=None if numbers.reps is None else numbers.reps + 1, sets=numbers.sets + 1)
        if entry.exercise_id == "bridge":
            plan.append(PlannedEntry("bridge", "single-leg-bridge", DoseNumbers(sets=2, reps=6, hold_seconds=2)))
        else:
            plan.append(replace(entry, dose=bigger))
    return apply_plan(routine, plan, content.with_variants(catalogue))


def sore_day(routine: Routine) -> Routine:
    """A sore-day version as the progression's branch makes one: fewer entries, smaller doses, marked."""
    smaller = [replace(e, dose=replace(e.dose, sets=e.dose.sets.with_value(1))) for e in routine.entries[:3]]
    return replace(routine, entries=tuple(smaller), sore_day=True)


def run_until_cut_off(path: Path, routine: Routine, exercises_done: int) -> None:
    """Run ``routine`` with the real engine and recorder, and stop recording after ``exercises_done`` exercises,
    as a kill leaves the history: the session still running, the exercises before it committed."""
    recorder = SessionRecorder(path)
    clock = FakeClock()
    engine = SessionEngine(build_plan(routine), clock, clock)
    for event in engine.start():
        recorder.on_event(event)
    done = 0
    while done < exercises_done:
        clock.advance(0.25)
        for event in engine.poll():
            recorder.on_event(event)
            done += isinstance(event, ExerciseDone)
    assert recorder.flush(10)
    assert recorder.close()


def resumed(path: Path, routines: list[Routine], catalogue: dict[str, Exercise]) -> resume.ResumePoint:
    with open_history(path) as store:
        point = resume.find_resumable(store, routines, datetime.now(UTC) + timedelta(minutes=30), None, catalogue)
    assert point is not None
    return point


def test_an_adapted_session_resumes_with_its_doses_and_versions(
    qtbot: QtBot, hipcoach_data_dir: Path, catalogue: dict[str, Exercise], builtins: list[Routine]
) -> None:
    ran = adapted(strength(builtins), catalogue)
    assert ran.entries != strength(builtins).entries
    assert any(entry.variant_of == "bridge" for entry in ran.entries)
    path = hipcoach_data_dir / HISTORY_FILE
    run_until_cut_off(path, ran, 2)
    point = resumed(path, builtins, catalogue)
    assert point.entry_index == 2
    assert point.routine.entries == ran.entries
    assert build_plan(point.routine).phases == build_plan(ran).phases
    assert point.notice is None


def test_a_sore_day_session_resumes_as_the_sore_day_version(
    qtbot: QtBot, hipcoach_data_dir: Path, catalogue: dict[str, Exercise], builtins: list[Routine]
) -> None:
    ran = sore_day(strength(builtins))
    path = hipcoach_data_dir / HISTORY_FILE
    run_until_cut_off(path, ran, 1)
    point = resumed(path, builtins, catalogue)
    assert point.routine.sore_day
    assert point.routine.entries == ran.entries  # three entries, one set each, not the routine as written
    assert build_plan(point.routine).phases == build_plan(ran).phases


def test_a_plan_naming_an_unknown_version_resumes_as_written_and_says_so(
    qtbot: QtBot, hipcoach_data_dir: Path, catalogue: dict[str, Exercise], builtins: list[Routine]
) -> None:
    written = strength(builtins)
    path = hipcoach_data_dir / HISTORY_FILE
    run_until_cut_off(path, written, 1)
    plan = list(planned_entries(written))
    plan[3] = replace(plan[3], variant_id="moon-walk")  # written by a newer hipcoach
    with open_history(path) as store:
        (session,) = store.sessions()
        store._conn.execute(
            "UPDATE sessions SET plan = ? WHERE id = ?",
            (json.dumps([p.to_json() for p in plan]), session.id),
        )
    point = resumed(path, builtins, catalogue)
    assert point.routine.entries == written.entries
    assert point.notice == resume.PLAN_NOT_REBUILT
