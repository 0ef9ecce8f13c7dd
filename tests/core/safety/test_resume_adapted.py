"""A session done under hip precautions, interrupted, then resumed after the answers changed or the precautions
ended: the same adapted plan comes back from the precautions its row recorded (real history file, real content).
And the recorder writes those precautions on the session row, with the migration that made room for them."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from hipcoach.core import content, resume
from hipcoach.core.engine import SessionEngine
from hipcoach.core.history import HISTORY_FILE, MIGRATIONS, HistoryStore, migrate, open_history, unit_for
from hipcoach.core.model import Exercise, Routine
from hipcoach.core.plan import build_plan
from hipcoach.core.results import ExerciseResult, SideResult, Status
from hipcoach.core.safety.adapt import GENTLE_ROUTINE_ID, adapt_routine, offer
from hipcoach.core.safety.answers import OperatedHip, Operation, SafetyAnswers
from hipcoach.core.safety.precautions import BY_APPROACH, PRECAUTION_WEEKS, Approach, Precaution
from hipcoach.ui.recorder import SessionRecorder
from tests.core.history.test_history_migrations import make_v1_file
from tests.factories import FakeClock

OPERATED_ON = date(2026, 1, 10)
BACK = BY_APPROACH[Approach.BACK]


def gentle(routines: list[Routine]) -> Routine:
    return next(r for r in routines if r.id == GENTLE_ROUTINE_ID)


def interrupted_after_first(store: HistoryStore, adapted: Routine) -> int:
    """A session of ``adapted`` cut off after its first exercise, as a kill leaves it."""
    start = datetime.now(UTC) - timedelta(minutes=5)
    session = store.start_session(adapted.id, adapted.name, 1.0, start, adapted.source, precautions=adapted.precautions)
    first = adapted.entries[0]
    sides = tuple(SideResult(side, 10, 10, 1, 1) for side in first.sides)
    store.record_exercise(
        session,
        ExerciseResult(0, first.exercise.id, Status.COMPLETED, sides),
        unit_for(first.exercise.kind),
        recorded_at=start + timedelta(minutes=1),
    )
    return session


def test_resume_rebuilds_the_adapted_plan_after_the_precautions_ended(
    catalogue: dict[str, Exercise], builtins: list[Routine]
) -> None:
    answers = SafetyAnswers(True, Operation(OperatedHip.LEFT, Approach.BACK, OPERATED_ON), answered_on=OPERATED_ON)
    adapted = gentle(list(offer(builtins, catalogue, answers, OPERATED_ON + timedelta(days=20)).routines))
    assert adapted.adaptations  # the gentle routine is changed under these precautions
    with open_history() as store:
        session = interrupted_after_first(store, adapted)
        assert store.session_precautions(session) == tuple(sorted(p.value for p in BACK))
        # Twelve weeks later the offer has the routines as written again; the session still has its own plan.
        after = OPERATED_ON + timedelta(weeks=PRECAUTION_WEEKS)
        assert gentle(list(offer(builtins, catalogue, answers, after).routines)) is gentle(builtins)
        point = resume.find_resumable(store, builtins, datetime.now(UTC), None, catalogue)
    assert point is not None
    assert point.routine.entries == adapted.entries
    assert point.routine.precautions == BACK
    assert point.entry_index == 1
    assert point.exercise_name == "Quadriceps Stretch"  # the stand-in for the butterfly stretch
    engine = SessionEngine(build_plan(point.routine), FakeClock(), FakeClock())
    engine.start(point.entry_index, point.done)  # the plan the engine runs takes the recorded result


def test_resume_from_routines_adapted_to_other_precautions_reads_the_file_again(
    catalogue: dict[str, Exercise], builtins: list[Routine]
) -> None:
    adapted = adapt_routine(gentle(builtins), catalogue, BACK)
    today = [adapt_routine(r, catalogue, BY_APPROACH[Approach.FRONT]) for r in builtins]  # the answers changed
    load = lambda path: content.load_routine(path, catalogue)  # noqa: E731 - the app's loader
    with open_history() as store:
        interrupted_after_first(store, adapted)
        point = resume.find_resumable(store, today, datetime.now(UTC), load, catalogue)
    assert point is not None and point.routine.entries == adapted.entries


def test_without_the_catalogue_an_adapted_session_is_not_offered(
    catalogue: dict[str, Exercise], builtins: list[Routine]
) -> None:
    with open_history() as store:
        interrupted_after_first(store, adapt_routine(gentle(builtins), catalogue, BACK))
        assert resume.find_resumable(store, builtins, datetime.now(UTC)) is None  # never a guessed plan


def test_a_session_without_precautions_resumes_as_written_whatever_the_answers_now(
    catalogue: dict[str, Exercise], builtins: list[Routine]
) -> None:
    with open_history() as store:
        interrupted_after_first(store, gentle(builtins))
        point = resume.find_resumable(store, builtins, datetime.now(UTC), None, catalogue)
    assert point is not None and point.routine is gentle(builtins)


def test_closing_an_adapted_session_records_what_its_own_plan_never_reached(
    catalogue: dict[str, Exercise], builtins: list[Routine]
) -> None:
    adapted = adapt_routine(gentle(builtins), catalogue, BACK)
    with open_history() as store:
        session = interrupted_after_first(store, adapted)
        resume.close_interrupted(store, keep=None, now=datetime.now(UTC), routines=builtins, exercises=catalogue)
        _, rows = store.session_detail(session)
    assert [(row.exercise_id, row.status) for row in rows if row.side != "right"] == [
        ("leg-swings", "completed"),
        ("quadriceps-stretch", "not_reached"),
        ("pelvic-tilts", "not_reached"),
    ]


def test_the_recorder_writes_the_precautions_on_the_session_row(
    qtbot: QtBot, hipcoach_data_dir: Path, catalogue: dict[str, Exercise], builtins: list[Routine]
) -> None:
    adapted = adapt_routine(gentle(builtins), catalogue, BACK)
    recorder = SessionRecorder(hipcoach_data_dir / HISTORY_FILE)
    clock = FakeClock()
    engine = SessionEngine(build_plan(adapted), clock, clock)
    for event in engine.start() + engine.stop():
        recorder.on_event(event)
    assert recorder.flush(10)
    assert recorder.close()
    with open_history() as store:
        (session,) = store.sessions()
        assert store.session_precautions(session.id) == ("crossing", "deep-bend", "turning-in")
        _, rows = store.session_detail(session.id)
        recorded = list(dict.fromkeys(row.exercise_id for row in rows))
        assert recorded == ["leg-swings", "quadriceps-stretch", "pelvic-tilts"]  # what was done: the stand-in
        assert store.precautions_by_session() == {session.id: ("crossing", "deep-bend", "turning-in")}


def test_the_precautions_step_keeps_every_session_and_adds_a_nullable_column(hipcoach_data_dir: Path) -> None:
    step = next(i for i, m in enumerate(MIGRATIONS, start=1) if m.__name__ == "_v5_precautions")
    path = make_v1_file(hipcoach_data_dir / HISTORY_FILE)
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[: step - 1])
    conn.close()
    with open_history() as store:
        assert len(store.sessions()) == 2
        assert store.session_precautions(1) == ()  # recorded before they were kept
        assert store.precautions_by_session() == {}
        began = datetime(2026, 3, 2, 8, tzinfo=UTC)
        session = store.start_session("strength", "Strength", 1.0, began, precautions=[Precaution.CROSSING])
        assert store.session_precautions(session) == ("crossing",)
    conn = sqlite3.connect(path)
    assert "precautions" in [row[1] for row in conn.execute("PRAGMA table_info(sessions)")]
    conn.close()
