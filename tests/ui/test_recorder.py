"""The session recorder (worker thread, queue, problems reported once) and the resumption logic it relies on.

Events come from a real SessionEngine on a fake clock, so the recorder sees exactly what the window would send.
Nothing sleeps: tests wait on ``flush()`` or on the ``drained`` / ``problem`` signals.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hipcoach.core import resume
from hipcoach.core.engine import SessionEngine
from hipcoach.core.events import Event, ExerciseDone, SessionEnded, SessionStarted
from hipcoach.core.history import HistoryStore, HistoryUnavailable, list_backups, open_history
from hipcoach.core.model import Kind, Side
from hipcoach.core.plan import build_plan
from hipcoach.core.results import Status
from hipcoach.ui.recorder import SessionRecorder
from hipcoach.ui.session_controller import SessionController
from tests.core.history.support import Lock, read
from tests.factories import FakeClock, entry, exercise, routine

ROUTINE = routine(
    entry(exercise("bridge", reps=2)),
    entry(exercise("clamshells", reps=2, per_side=True)),
    entry(exercise("pigeon-pose", kind=Kind.HOLD, hold=4, reps=1, per_side=True)),
)


class WallClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 29, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def engine_events(scale: float = 1.0, *, stop_after: int | None = None) -> list[Event]:
    """Every event of ROUTINE run to its end (or stopped after ``stop_after`` exercises)."""
    clock = FakeClock()
    engine = SessionEngine(build_plan(ROUTINE), clock, clock, time_scale=scale)
    events = engine.start()
    while engine.state.value == "running":
        clock.advance(0.25)
        events += engine.poll()
        if stop_after is not None and sum(isinstance(e, ExerciseDone) for e in events) >= stop_after:
            events += engine.stop()
    return events


def test_a_whole_session_is_recorded_with_every_side_and_a_backup(
    recorder: SessionRecorder, history_file: Path
) -> None:
    for event in engine_events():
        recorder.on_event(event)
    assert recorder.flush(10)
    with open_history(history_file) as history:
        (session,) = history.sessions()
        assert (session.routine_id, session.routine_name, session.status) == ("test", "Test routine", "completed")
        assert session.active_seconds is not None and session.active_seconds > 0
        _, rows = history.session_detail(session.id)
        backups = history.backups()
    assert [(row.entry_index, row.side, row.unit, row.status) for row in rows] == [
        (0, None, "reps", "completed"),
        (1, "left", "reps", "completed"),
        (1, "right", "reps", "completed"),
        (2, "left", "seconds", "completed"),
        (2, "right", "seconds", "completed"),
    ]
    assert len(backups) == 1


def test_each_exercise_is_committed_as_it_ends(qtbot: QtBot, recorder: SessionRecorder, history_file: Path) -> None:
    committed: list[tuple[int, int]] = []
    recorder.exercise_recorded.connect(lambda session_id, index: committed.append((session_id, index)))
    for event in engine_events():
        recorder.on_event(event)
        if isinstance(event, ExerciseDone):
            assert recorder.flush(10)
            # another connection sees it at once: it is committed, not waiting for the end of the session
            assert (event.result.entry_index,) in read(
                history_file, "SELECT DISTINCT entry_index FROM exercise_results"
            )
            assert read(history_file, "SELECT status FROM sessions") == [("running",)]
    qtbot.waitUntil(lambda: len(committed) == 3)
    assert recorder.session_id is not None
    assert committed == [(recorder.session_id, 0), (recorder.session_id, 1), (recorder.session_id, 2)]


def test_the_controller_signal_drives_it_and_drained_says_when_all_is_written(
    qtbot: QtBot, recorder: SessionRecorder, history_file: Path
) -> None:
    clock = FakeClock()
    controller = SessionController(clock=clock, wall_clock=clock, time_scale=4.0)
    recorder.attach(controller)
    with qtbot.waitSignal(recorder.drained, timeout=10_000):
        controller.start(build_plan(ROUTINE))
        controller.stop()
    assert recorder.pending == 0
    assert read(history_file, "SELECT status, time_scale FROM sessions") == [("stopped", 4.0)]


def test_pauses_are_recorded_in_real_seconds(recorder: SessionRecorder, history_file: Path) -> None:
    clock = FakeClock()
    engine = SessionEngine(build_plan(ROUTINE), clock, clock, time_scale=2.0)
    events = engine.start()
    clock.advance(1)
    events += engine.poll() + engine.pause()
    clock.advance(30)  # 30 real seconds paused
    events += engine.resume() + engine.stop()
    for event in events:
        recorder.on_event(event, 2.0)
    assert recorder.flush(10)
    assert read(history_file, "SELECT seconds, reason FROM pauses") == [(30.0, "user")]


def test_enqueueing_never_waits_for_the_disk(qtbot: QtBot, history_file: Path) -> None:
    """The worker is held inside a write; the GUI-side calls still return in microseconds."""
    gate = threading.Event()

    def slow_opener(path: Path | None) -> HistoryStore:
        gate.wait(30)
        return open_history(path)

    rec = SessionRecorder(history_file, opener=slow_opener)
    events = engine_events()
    timings: list[float] = []
    for event in events:
        began = time.perf_counter()
        rec.on_event(event)
        timings.append(time.perf_counter() - began)
    assert rec.pending > 0
    assert max(timings) < 0.005, max(timings)
    timings.sort()
    assert timings[len(timings) // 2] < 0.0005
    gate.set()
    assert rec.flush(10)
    assert rec.close()
    assert read(history_file, "SELECT count(*) FROM exercise_results") == [(5,)]


def test_a_history_that_cannot_be_opened_is_reported_once_and_the_session_goes_on(
    qtbot: QtBot, history_file: Path
) -> None:
    def failing(path: Path | None) -> HistoryStore:
        raise HistoryUnavailable(f"The history file {path} is locked by another program.")

    rec = SessionRecorder(history_file, opener=failing)
    problems: list[str] = []
    rec.problem.connect(problems.append)
    for event in engine_events():
        rec.on_event(event)
    assert rec.flush(10)
    qtbot.waitUntil(lambda: len(problems) >= 1)
    with qtbot.waitSignal(rec.drained, timeout=5000):
        rec.on_event(engine_events()[0])  # one more round trip: any second report would have arrived by now
    assert problems == [f"The history file {history_file} is locked by another program."]
    assert rec.close()


def test_a_full_disk_mid_session_is_reported_and_later_exercises_still_recorded(
    qtbot: QtBot, history_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    original = HistoryStore.record_exercise

    def full_once(self: HistoryStore, *args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise HistoryUnavailable(f"The disk holding {self.path} is full, so the history could not be saved.")
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(HistoryStore, "record_exercise", full_once)
    rec = SessionRecorder(history_file)
    problems: list[str] = []
    rec.problem.connect(problems.append)
    for event in engine_events():
        rec.on_event(event)
    assert rec.flush(10)
    qtbot.waitUntil(lambda: len(problems) == 1)
    assert str(history_file) in problems[0] and "full" in problems[0]
    assert read(history_file, "SELECT DISTINCT entry_index FROM exercise_results ORDER BY 1") == [(1,), (2,)]
    assert read(history_file, "SELECT status FROM sessions") == [("completed",)]
    assert rec.close()


def test_a_newer_history_is_never_written_and_said_once(qtbot: QtBot, history_file: Path) -> None:
    with open_history(history_file):
        pass
    conn = sqlite3.connect(history_file)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = hashlib.sha256(history_file.read_bytes()).hexdigest()
    rec = SessionRecorder(history_file)
    problems: list[str] = []
    rec.problem.connect(problems.append)
    for _ in range(2):
        for event in engine_events():
            rec.on_event(event)
    assert rec.flush(10)
    qtbot.waitUntil(lambda: len(problems) >= 1)
    with qtbot.waitSignal(rec.drained, timeout=5000):
        rec.on_event(engine_events()[0])
    assert rec.close()
    assert len(problems) == 1 and "newer version" in problems[0]
    assert hashlib.sha256(history_file.read_bytes()).hexdigest() == before
    assert not (history_file.parent / "backups").exists() or not list_backups(history_file.parent / "backups")


def test_pain_ratings_go_to_the_session_just_recorded(recorder: SessionRecorder, history_file: Path) -> None:
    events = engine_events()
    recorder.on_event(events[0])
    recorder.set_pain(before=6)
    for event in events[1:]:
        recorder.on_event(event)
    recorder.set_pain(after=3, note="easier today")
    assert recorder.flush(10)
    assert read(history_file, "SELECT pain_before, pain_after, note FROM sessions") == [(6, 3, "easier today")]


def test_pain_before_sharp_pain_and_pain_after_land_in_order(recorder: SessionRecorder, history_file: Path) -> None:
    """What the window sends during a session with a sharp-pain stop: rating, events, choice, rating and note."""
    clock = FakeClock()
    engine = SessionEngine(build_plan(ROUTINE), clock, clock)
    events = engine.start()
    for event in events:
        recorder.on_event(event)
    recorder.set_pain(before=5)  # answered during the first get-ready: after the session's row is queued
    events = []
    while not (engine.phase.entry_index == 1 and engine.phase.kind.is_work):
        clock.advance(0.25)
        events += engine.poll()
    clock.advance(2.5)  # one rep of the clamshells on the left
    events += engine.poll()
    events += engine.sharp_pain()
    clock.advance(20)  # deciding
    events += engine.resume()  # "Skip it and carry on"
    while engine.state.value == "running":
        clock.advance(0.25)
        events += engine.poll()
    for event in events:
        recorder.on_event(event)
    recorder.set_pain(after=3)
    recorder.set_pain(note="Clamshell hurt")
    assert recorder.flush(10)
    assert read(history_file, "SELECT pain_before, pain_after, note, status FROM sessions") == [
        (5, 3, "Clamshell hurt", "completed")
    ]
    assert read(history_file, "SELECT entry_index, side, status, sharp_pain FROM exercise_results ORDER BY id") == [
        (0, None, "completed", 0),
        (1, "left", "partial", 1),
        (1, "right", "partial", 1),
        (2, "left", "completed", 0),
        (2, "right", "completed", 0),
    ]
    assert read(history_file, "SELECT seconds, reason FROM pauses") == [(20.0, "sharp_pain")]


def repeated_events() -> list[Event]:
    """ROUTINE with its second exercise (clamshells, both sides) done in full, then "back" into it straight away
    and cut short after one rep on the left, and the rest run to the end."""
    clock = FakeClock()
    plan = build_plan(ROUTINE)
    engine = SessionEngine(plan, clock, clock)
    events = engine.start()
    while not any(isinstance(e, ExerciseDone) and e.result.entry_index == 1 for e in events):
        clock.advance(0.25)
        events += engine.poll()
    events += engine.previous()  # within 3 s of the next get-ready: back to the clamshells
    assert engine.index == plan.get_ready_phase(1)
    clock.advance(plan.phases[engine.index].duration + plan.phases[engine.index + 1].rep_seconds + 0.1)
    events += engine.poll()
    events += engine.next()
    while engine.state.value == "running":
        clock.advance(0.25)
        events += engine.poll()
    return events


def test_a_repeated_exercise_keeps_both_attempts(recorder: SessionRecorder, history_file: Path) -> None:
    """Done in full, then again after "back": the first attempt is never overwritten by the second."""
    for event in repeated_events():
        recorder.on_event(event)
    assert recorder.flush(10)
    assert read(
        history_file, "SELECT entry_index, attempt, side, actual, status FROM exercise_results WHERE entry_index = 1"
    ) == [
        (1, 1, "left", 2, "completed"),
        (1, 1, "right", 2, "completed"),
        (1, 2, "left", 1, "partial"),
        (1, 2, "right", 0, "partial"),
    ]


def test_a_resumed_session_keeps_the_earlier_attempts(history_file: Path) -> None:
    events = repeated_events()
    attempts = [e.result for e in events if isinstance(e, ExerciseDone)][:3]  # killed in the pigeon pose
    start = datetime.now(UTC) - timedelta(minutes=5)
    with open_history(history_file) as history:
        session_id = history.start_session("test", "Test routine", 1.0, start)
        for result in attempts:
            history.record_exercise(session_id, result, "reps", recorded_at=start + timedelta(minutes=1))
        point = resume.find_resumable(history, [ROUTINE], datetime.now(UTC))
    assert point is not None and point.entry_index == 2
    assert point.done == tuple(attempts)
    clock = FakeClock()
    engine = SessionEngine(build_plan(ROUTINE), clock, clock)
    engine.start(point.entry_index, point.done)
    (ended,) = [e for e in engine.stop() if isinstance(e, SessionEnded)]
    assert ended.summary.attempts == tuple(attempts)
    assert ended.summary.results[1] == attempts[2]
    assert ended.summary.results[2].status is Status.NOT_REACHED  # stopped in its get-ready


# -- interrupted sessions ------------------------------------------------------------------------------------------


def interrupted(history_file: Path, *, after: int, started: datetime | None = None) -> int:
    """A session killed after ``after`` exercises: recorded straight through a store, still marked running."""
    events = engine_events(stop_after=after)
    done = [e.result for e in events if isinstance(e, ExerciseDone)][:after]
    start = started or datetime.now(UTC) - timedelta(minutes=5)
    with open_history(history_file) as history:
        session_id = history.start_session("test", "Test routine", 1.0, start)
        for offset, result in enumerate(done, start=1):
            unit = "seconds" if result.exercise_id == "pigeon-pose" else "reps"
            history.record_exercise(session_id, result, unit, recorded_at=start + timedelta(minutes=offset))
    return session_id


def test_the_resume_point_is_the_exercise_that_was_in_progress(history_file: Path) -> None:
    session_id = interrupted(history_file, after=2)
    with open_history(history_file) as history:
        point = resume.find_resumable(history, [ROUTINE], datetime.now(UTC))
    assert point is not None
    assert (point.session.id, point.entry_index, point.exercise_name) == (session_id, 2, "Pigeon pose")
    assert [r.entry_index for r in point.done] == [0, 1]
    assert point.done[1].sides[0].side is Side.LEFT


def test_a_session_killed_before_its_first_result_carries_on_with_the_time_it_had_lasted(
    qtbot: QtBot, history_file: Path
) -> None:
    """Killed 50 s into a long first exercise, nothing recorded yet: the time so far, noted while it ran, is what
    the session had lasted (it used to be 0), and the carried-on session's real and active time include it."""
    long_first = routine(entry(exercise("bridge", reps=30)), *ROUTINE.entries[1:])
    started = datetime.now(UTC) - timedelta(minutes=5)
    clock = FakeClock()
    wall = WallClock()
    wall.now = started
    first = SessionRecorder(history_file, wall_clock=wall)
    engine = SessionEngine(build_plan(long_first), clock, clock)
    began = clock()
    events = engine.start()
    while clock() - began < 50:
        clock.advance(0.25)
        events += engine.poll()
    assert not [event for event in events if isinstance(event, ExerciseDone)]
    for event in events:
        wall.now = started + timedelta(seconds=event.at - began)
        first.on_event(event)
    assert first.flush(10)
    assert first.close()  # the kill: the session is left running, no result written

    with open_history(history_file) as history:
        point = resume.find_resumable(history, [long_first], datetime.now(UTC))
    assert point is not None and point.entry_index == 0
    real, active = point.earlier_seconds
    assert 35 <= real <= 50  # noted at least every 15 s (resume.PROGRESS_EVERY)
    assert active == real  # no pause

    second = SessionRecorder(history_file, wall_clock=wall)
    second.continue_session(point.session.id)
    clock2 = FakeClock()
    engine2 = SessionEngine(build_plan(long_first), clock2, clock2)
    resumed_at, began = wall.now + timedelta(minutes=1), clock2()
    for event in engine2.start():
        wall.now = resumed_at
        second.on_event(event)
    clock2.advance(10)
    for event in engine2.poll() + engine2.stop():
        wall.now = resumed_at + timedelta(seconds=event.at - began)
        second.on_event(event)
    assert second.flush(10)
    assert second.close()
    with open_history(history_file) as history:
        session, _ = history.session_detail(point.session.id)
    assert session.status == "stopped"
    assert session.real_seconds == pytest.approx(real + 10)
    assert session.active_seconds == pytest.approx(active + 10)


def test_nothing_is_offered_when_old_superseded_finished_or_the_routine_changed(history_file: Path) -> None:
    now = datetime.now(UTC)
    interrupted(history_file, after=1, started=now - resume.MAX_AGE - timedelta(minutes=1))
    with open_history(history_file) as history:
        assert resume.find_resumable(history, [ROUTINE], now) is None  # too old
    history_file.unlink()
    interrupted(history_file, after=3)
    with open_history(history_file) as history:
        assert resume.find_resumable(history, [ROUTINE], now) is None  # every exercise has a result
    history_file.unlink()
    interrupted(history_file, after=1)
    changed = routine(entry(exercise("squat")), *ROUTINE.entries[1:])
    with open_history(history_file) as history:
        assert resume.find_resumable(history, [changed], now) is None
        newer = history.start_session("test", "Test routine", 1.0, now)
        history.end_session(newer, "completed", now, 60, 60)
        assert resume.find_resumable(history, [ROUTINE], now) is None  # a newer session came after it


def test_declining_marks_the_interrupted_session_stopped(recorder: SessionRecorder, history_file: Path) -> None:
    session_id = interrupted(history_file, after=2)
    recorder.close_interrupted()
    assert recorder.flush(10)
    with open_history(history_file) as history:
        session = history.session(session_id)
        assert history.unfinished_session() is None
    assert session.status == "stopped"
    assert session.real_seconds == 120.0  # up to the last record, two minutes after the start
    assert session.ended_at == session.started_at + timedelta(minutes=2)


def test_a_declined_session_of_a_known_routine_records_what_it_never_reached(
    recorder: SessionRecorder, history_file: Path
) -> None:
    session_id = interrupted(history_file, after=1)
    recorder.close_interrupted([ROUTINE])
    assert recorder.flush(10)
    with open_history(history_file) as history:
        session, rows = history.session_detail(session_id)
    assert session.status == "stopped"
    assert session.real_seconds == 60.0  # the not-reached rows do not lengthen it
    assert [(row.entry_index, row.side, row.status, row.target, row.actual) for row in rows] == [
        (0, None, "completed", 2, 2),
        (1, "left", "not_reached", 2, 0),
        (1, "right", "not_reached", 2, 0),
        (2, "left", "not_reached", 4, 0),
        (2, "right", "not_reached", 4, 0),
    ]


def test_a_stopped_session_records_the_exercises_it_never_reached(
    recorder: SessionRecorder, history_file: Path
) -> None:
    for event in engine_events(stop_after=1):
        recorder.on_event(event)
    assert recorder.flush(10)
    assert read(history_file, "SELECT entry_index, side, status, actual FROM exercise_results ORDER BY id") == [
        (0, None, "completed", 2),
        (1, "left", "not_reached", 0),
        (1, "right", "not_reached", 0),
        (2, "left", "not_reached", 0),
        (2, "right", "not_reached", 0),
    ]


def test_a_resumed_session_goes_on_in_the_same_row(recorder: SessionRecorder, history_file: Path) -> None:
    session_id = interrupted(history_file, after=2)
    recorder.continue_session(session_id)
    resumed = [e for e in engine_events() if not isinstance(e, ExerciseDone) or e.result.entry_index >= 2]
    assert isinstance(resumed[0], SessionStarted)
    for event in resumed:
        recorder.on_event(event)
    assert recorder.flush(10)
    assert recorder.session_id == session_id
    with open_history(history_file) as history:
        (session,) = history.sessions()
        _, rows = history.session_detail(session_id)
    assert session.status == "completed"
    assert session.real_seconds is not None and session.real_seconds >= 120.0
    assert sorted({row.entry_index for row in rows}) == [0, 1, 2]


def test_delete_all_data_goes_through_the_worker_and_a_later_session_starts_afresh(
    qtbot: QtBot, recorder: SessionRecorder, history_file: Path
) -> None:
    for event in engine_events():
        recorder.on_event(event)
    with qtbot.waitSignal(recorder.data_deleted, timeout=10_000) as blocker:
        recorder.delete_all_data()
    deleted = blocker.args[0]
    assert str(history_file) in deleted
    assert any("backups" in path for path in deleted)
    assert not history_file.exists()
    for event in engine_events():
        recorder.on_event(event)
    assert recorder.flush(10)
    assert read(history_file, "SELECT count(*) FROM sessions") == [(1,)]


def test_a_locked_history_is_waited_for_on_the_worker_said_once_and_recorded_when_free(
    qtbot: QtBot, history_file: Path
) -> None:
    with open_history(history_file):
        pass
    lock = Lock(history_file)
    try:
        rec = SessionRecorder(history_file)
        problems: list[str] = []
        rec.problem.connect(problems.append)
        for event in engine_events():
            rec.on_event(event)
        qtbot.waitUntil(lambda: len(problems) == 1, timeout=10_000)
        assert "locked by another program" in problems[0] and "keeps trying" in problems[0]
        assert rec.pending > 0  # nothing dropped: still queued behind the lock
    finally:
        lock.release()
    assert rec.flush(20)
    assert rec.close()
    assert rec.lost == 0
    assert len(problems) == 1
    assert read(history_file, "SELECT count(*) FROM exercise_results") == [(5,)]
    assert read(history_file, "SELECT status FROM sessions") == [("completed",)]
