from __future__ import annotations

import inspect
import time

import pytest

from hipcoach.core.clocks import sleep_clock
from hipcoach.core.engine import SessionEngine
from hipcoach.core.events import (
    BeatReached,
    Event,
    ExerciseDone,
    Paused,
    PhaseStarted,
    RepCounted,
    Resumed,
    SecondElapsed,
    SessionEnded,
    SideSwitched,
    WaitingForUser,
)
from hipcoach.core.model import Kind, Position, Side
from hipcoach.core.plan import BeatKind, PhaseKind, Plan, PlanOptions, build_plan
from hipcoach.core.results import PauseReason, Status
from hipcoach.core.session_state import State
from tests.factories import FakeClock, entry, exercise, routine


class Rig:
    """An engine on fake monotonic and wall clocks that move together unless a test separates them."""

    def __init__(self, plan: Plan, time_scale: float = 1.0) -> None:
        self.clock = FakeClock(1000.0)
        self.wall = FakeClock(1_700_000_000.0)
        self.engine = SessionEngine(plan, self.clock, self.wall, time_scale)
        self.events: list[Event] = []

    def run(self, seconds: float, step: float = 0.25) -> list[Event]:
        """Advance both clocks in small polls, as the Qt timer would."""
        start = len(self.events)
        remaining = seconds
        while remaining > 1e-9:
            delta = min(step, remaining)
            self.clock.advance(delta)
            self.wall.advance(delta)
            self.events += self.engine.poll()
            remaining -= delta
        return self.events[start:]

    def do(self, events: list[Event]) -> list[Event]:
        self.events += events
        return events


def of_type(events: list[Event], kind: type) -> list[Event]:
    return [e for e in events if isinstance(e, kind)]


def started_kinds(events: list[Event]) -> list[PhaseKind]:
    return [e.phase.kind for e in events if isinstance(e, PhaseStarted)]


def two_exercises() -> Plan:
    clam = exercise("clamshell", position=Position.SIDE, per_side=True, reps=2, sets=2)
    stretch = exercise("stretch", kind=Kind.HOLD, hold=10, position=Position.SIDE)
    return build_plan(routine(entry(clam), entry(stretch)))


def test_runs_every_phase_in_order_and_ends_at_the_estimate() -> None:
    plan = two_exercises()
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run(plan.total_seconds - 0.25)
    assert rig.engine.state is State.RUNNING
    rig.run(0.25)
    assert rig.engine.state is State.FINISHED
    assert started_kinds(rig.events) == [p.kind for p in plan.phases]
    ended = of_type(rig.events, SessionEnded)
    assert len(ended) == 1
    summary = ended[0].summary  # type: ignore[attr-defined]
    assert summary.completed
    assert summary.elapsed_seconds == pytest.approx(plan.total_seconds)
    assert [r.status for r in summary.results] == [Status.COMPLETED, Status.COMPLETED]
    clam_result = summary.results[0]
    assert [(s.side, s.target, s.actual, s.sets_done) for s in clam_result.sides] == [
        (Side.LEFT, 4, 4, 2),
        (Side.RIGHT, 4, 4, 2),
    ]
    assert [(s.target, s.actual) for s in summary.results[1].sides] == [(10, 10)]


def test_late_polls_do_not_drift_phase_changes() -> None:
    """Phases start at the previous deadline, not when the engine noticed: lateness never adds up."""
    plan = two_exercises()
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run(plan.total_seconds + 0.3, step=0.7)  # polls that rarely land on a deadline
    assert rig.engine.state is State.FINISHED
    summary = of_type(rig.events, SessionEnded)[0].summary  # type: ignore[attr-defined]
    assert summary.elapsed_seconds == pytest.approx(plan.total_seconds)


def test_one_poll_can_cross_several_phases() -> None:
    plan = two_exercises()
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run(plan.total_seconds, step=29.0)  # under the stall threshold, several phases per poll
    assert started_kinds(rig.events) == [p.kind for p in plan.phases]
    assert rig.engine.state is State.FINISHED


def test_reps_are_paced_and_counted() -> None:
    ex = exercise("bridge", reps=3, hold=2, position=Position.BACK)  # 1 s up, 2 s hold, 1 s down
    plan = build_plan(routine(entry(ex)), PlanOptions(get_ready_seconds=5))
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run(30.0 + 15.0)  # the way down to the mat, then 5 s to get ready and 10 s into the position
    assert rig.engine.phase.kind is PhaseKind.REPS
    beats = [(e.beat.kind, e.beat.rep) for e in of_type(rig.events, BeatReached)]  # type: ignore[attr-defined]
    assert beats == [(BeatKind.UP, 1)]
    rig.run(4.0)
    reps = [(e.rep, e.of) for e in of_type(rig.events, RepCounted)]  # type: ignore[attr-defined]
    assert reps == [(1, 3)]
    rig.run(8.0)
    reps = [(e.rep, e.of) for e in of_type(rig.events, RepCounted)]  # type: ignore[attr-defined]
    assert reps == [(1, 3), (2, 3), (3, 3)]
    assert rig.engine.phase.kind is PhaseKind.GET_UP  # the exercise is over; the way up from the mat follows
    assert rig.engine.state is State.RUNNING
    rig.run(30.0)
    assert rig.engine.state is State.FINISHED


def test_countdown_seconds_in_a_hold() -> None:
    plan = build_plan(routine(entry(exercise("s", kind=Kind.HOLD, hold=5, position=Position.STANDING))))
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run(5.0)  # get-ready
    before = len(rig.events)
    rig.run(5.0)
    seconds = of_type(rig.events[before:], SecondElapsed)
    assert [e.remaining for e in seconds] == [4, 3, 2, 1]  # type: ignore[attr-defined]
    # each event carries its due moment, whatever the polling: start at 1000 s, get-ready 5 s, then 1 s steps
    assert [rig.engine.real_time(e.at) for e in seconds] == pytest.approx([1006.0, 1007.0, 1008.0, 1009.0])


def test_side_switch_is_announced_with_the_new_side() -> None:
    ex = exercise("kick", position=Position.ALL_FOURS, per_side=True, reps=1)
    plan = build_plan(routine(entry(ex, first_side=Side.RIGHT)))
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run(plan.total_seconds)
    switched = of_type(rig.events, SideSwitched)
    assert [e.side for e in switched] == [Side.LEFT]  # type: ignore[attr-defined]


def test_pause_mid_hold_keeps_the_remaining_time_to_the_millisecond() -> None:
    plan = build_plan(routine(entry(exercise("s", kind=Kind.HOLD, hold=30, position=Position.STANDING))))
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run(5.0 + 12.345, step=0.005)
    assert rig.engine.phase.kind is PhaseKind.HOLD
    assert of_type(rig.do(rig.engine.pause()), Paused)
    remaining = rig.engine.remaining()
    assert remaining == pytest.approx(17.655, abs=1e-6)
    rig.run(600.0, step=7.0)  # a long pause: nothing happens
    assert rig.engine.remaining() == remaining
    assert rig.engine.state is State.PAUSED
    assert of_type(rig.do(rig.engine.resume()), Resumed)
    assert rig.engine.remaining() == pytest.approx(remaining, abs=1e-9)
    rig.run(17.655 - 0.001, step=0.001)
    assert rig.engine.phase.kind is PhaseKind.HOLD
    rig.run(0.002, step=0.001)
    assert rig.engine.state is State.FINISHED
    summary = of_type(rig.events, SessionEnded)[0].summary  # type: ignore[attr-defined]
    assert summary.active_seconds == pytest.approx(35.0, abs=1e-6)
    assert summary.elapsed_seconds == pytest.approx(635.0, abs=1e-6)


def test_toggle_pause() -> None:
    plan = two_exercises()
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.do(rig.engine.toggle_pause())
    assert rig.engine.state is State.PAUSED
    rig.do(rig.engine.toggle_pause())
    assert rig.engine.state is State.RUNNING


def test_suspend_pauses_as_of_the_last_poll() -> None:
    """Linux: the monotonic clock stops while asleep, the wall clock does not."""
    plan = build_plan(routine(entry(exercise("s", kind=Kind.HOLD, hold=30, position=Position.STANDING))))
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run(10.0)
    remaining = rig.engine.remaining()
    rig.wall.advance(3600.0)  # an hour asleep
    rig.clock.advance(0.1)
    events = rig.do(rig.engine.poll())
    assert [e for e in events if isinstance(e, Paused)] == [Paused(PauseReason.SUSPEND)]
    assert rig.engine.pause_reason is PauseReason.SUSPEND
    assert rig.engine.remaining() == pytest.approx(remaining)


@pytest.mark.skipif(not hasattr(time, "CLOCK_BOOTTIME"), reason="the boot clock is Linux's")
def test_a_wall_clock_stepped_forward_is_not_a_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    """Time synchronisation (or the user) may step the wall clock ahead by seconds or hours; by default the engine
    notices a sleep on the boot clock, which only a sleep moves, so the session runs on (it used to pause as "the
    computer was asleep", and an unattended run then waited for ever)."""
    plan = build_plan(routine(entry(exercise("s", kind=Kind.HOLD, hold=30, position=Position.STANDING))))
    clock = FakeClock()
    engine = SessionEngine(plan, clock=clock)  # the default sleep clock
    engine.start()
    clock.advance(1.0)
    engine.poll()
    stepped = time.time() + 3600.0
    monkeypatch.setattr(time, "time", lambda: stepped)  # the wall clock an hour ahead
    clock.advance(0.5)
    events = engine.poll()
    assert not [e for e in events if isinstance(e, Paused)]
    assert engine.state is State.RUNNING
    assert sleep_clock() < stepped - 1000  # the sleep clock did not follow the wall clock
    assert inspect.signature(SessionEngine).parameters["wall_clock"].default is sleep_clock


def test_a_very_long_gap_between_polls_counts_as_a_suspend() -> None:
    """Windows: both clocks include the sleep, so only the gap itself shows it."""
    plan = build_plan(routine(entry(exercise("s", kind=Kind.HOLD, hold=30, position=Position.STANDING))))
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run(10.0)
    remaining = rig.engine.remaining()
    rig.clock.advance(3600.0)
    rig.wall.advance(3600.0)
    rig.do(rig.engine.poll())
    assert rig.engine.state is State.PAUSED
    assert rig.engine.remaining() == pytest.approx(remaining)
    rig.do(rig.engine.resume())
    rig.run(remaining)
    assert rig.engine.state is State.FINISHED


def test_time_scale_divides_every_duration() -> None:
    plan = two_exercises()
    rig = Rig(plan, time_scale=50.0)
    rig.do(rig.engine.start())
    rig.run(plan.total_seconds / 50.0 - 0.01, step=0.01)
    assert rig.engine.state is State.RUNNING
    rig.run(0.02, step=0.01)
    assert rig.engine.state is State.FINISHED
    assert started_kinds(rig.events) == [p.kind for p in plan.phases]


def test_time_scale_limits() -> None:
    with pytest.raises(ValueError, match="at most 1000"):
        SessionEngine(two_exercises(), time_scale=1001)
    with pytest.raises(ValueError, match="greater than 0"):
        SessionEngine(two_exercises(), time_scale=0)


def test_done_ends_a_rep_set_early_and_counts_it() -> None:
    ex = exercise("bridge", reps=10, sets=1, position=Position.STANDING)
    plan = build_plan(routine(entry(ex), entry(exercise("next", position=Position.STANDING))))
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run(5.0 + 3.0)
    assert rig.engine.phase.kind is PhaseKind.REPS
    events = rig.do(rig.engine.done())
    done = of_type(events, ExerciseDone)
    assert len(done) == 1
    result = done[0].result  # type: ignore[attr-defined]
    assert result.status is Status.COMPLETED
    assert result.sides[0].actual == 10
    assert rig.engine.phase.kind is PhaseKind.REST
    assert rig.engine.elapsed() == 0.0


def test_done_outside_work_does_nothing() -> None:
    rig = Rig(two_exercises())
    rig.do(rig.engine.start())
    assert rig.engine.done() == []
    assert rig.engine.phase.kind is PhaseKind.GET_DOWN
    rig.run(30.0)
    assert rig.engine.done() == []
    assert rig.engine.phase.kind is PhaseKind.GET_READY


def test_wait_for_me_holds_each_get_ready_until_confirmed() -> None:
    plan = build_plan(routine(entry(exercise("a", position=Position.STANDING))), PlanOptions(wait_for_me=True))
    rig = Rig(plan)
    events = rig.do(rig.engine.start())
    assert of_type(events, WaitingForUser)
    assert rig.engine.state is State.WAITING
    rig.run(120.0)
    assert rig.engine.phase.kind is PhaseKind.GET_READY
    assert rig.engine.remaining() == 5.0
    rig.do(rig.engine.toggle_pause())  # Space confirms
    assert rig.engine.state is State.RUNNING
    rig.run(5.0)
    assert rig.engine.phase.kind is PhaseKind.REPS
    summary_seconds = plan.total_seconds
    rig.run(summary_seconds)
    summary = of_type(rig.events, SessionEnded)[0].summary  # type: ignore[attr-defined]
    assert summary.active_seconds == pytest.approx(plan.total_seconds)


def test_start_can_hold_only_the_first_get_ready_for_the_pain_question() -> None:
    plan = build_plan(routine(entry(exercise("a", position=Position.STANDING)), entry(exercise("b"))))
    rig = Rig(plan)
    events = rig.do(rig.engine.start(hold=True))
    assert of_type(events, WaitingForUser) == [WaitingForUser(0)]
    rig.run(60.0)
    assert (rig.engine.state, rig.engine.remaining()) == (State.WAITING, 5.0)
    rig.do(rig.engine.confirm_ready())
    rig.run(plan.total_seconds)
    assert len(of_type(rig.events, WaitingForUser)) == 1  # the next get-ready does not wait
    summary = of_type(rig.events, SessionEnded)[0].summary  # type: ignore[attr-defined]
    assert summary.active_seconds == pytest.approx(plan.total_seconds)  # the wait is not exercise


def three_exercises() -> Plan:
    return build_plan(
        routine(
            entry(exercise("a", position=Position.STANDING, per_side=True, reps=2, sets=2)),
            entry(exercise("b", kind=Kind.HOLD, hold=8, position=Position.STANDING)),
            entry(exercise("c", position=Position.STANDING, reps=2)),
        )
    )


def engine_at_phase(plan: Plan, index: int, into: float) -> Rig:
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run(plan.seconds_before(index) + into, step=0.5)
    assert rig.engine.index == index
    return rig


@pytest.mark.parametrize("index", range(len(three_exercises().phases)))
@pytest.mark.parametrize("into", [0.0, 0.5])
def test_next_at_every_boundary_goes_to_the_next_get_ready(index: int, into: float) -> None:
    plan = three_exercises()
    rig = engine_at_phase(plan, index, into)
    phase = plan.phases[index]
    entry_index = phase.entry_index
    events = rig.do(rig.engine.next())
    if index < plan.get_ready_phase(entry_index):
        # during the rest in front of an exercise, "next" starts that exercise's get-ready
        assert rig.engine.index == plan.get_ready_phase(entry_index)
        assert not of_type(events, ExerciseDone)
        return
    done = of_type(events, ExerciseDone)
    assert [d.result.entry_index for d in done] == [entry_index]  # type: ignore[attr-defined]
    if entry_index == 2:
        assert rig.engine.state is State.FINISHED
    else:
        assert rig.engine.index == plan.get_ready_phase(entry_index + 1)
        assert rig.engine.state is State.RUNNING


@pytest.mark.parametrize("index", range(len(three_exercises().phases)))
def test_previous_at_every_boundary(index: int) -> None:
    plan = three_exercises()
    just_started = engine_at_phase(plan, index, 0.5)
    entry_index = plan.phases[index].entry_index
    just_started.do(just_started.engine.previous())
    in_front = index <= plan.get_ready_phase(entry_index)
    expected_entry = max(entry_index - 1, 0) if in_front else entry_index
    assert just_started.engine.index == plan.get_ready_phase(expected_entry)
    assert just_started.engine.elapsed() == 0.0

    well_in = engine_at_phase(plan, index, min(3.5, plan.phases[index].duration - 0.5))
    well_in.do(well_in.engine.previous())
    expected_entry = max(entry_index - 1, 0) if index < plan.get_ready_phase(entry_index) else entry_index
    assert well_in.engine.index == plan.get_ready_phase(expected_entry)


def test_back_then_redo_replaces_the_result() -> None:
    plan = three_exercises()
    rig = engine_at_phase(plan, plan.get_ready_phase(1), 4.0)  # exercise a done, in b's get-ready
    assert [d.result.status for d in of_type(rig.events, ExerciseDone)] == [Status.COMPLETED]  # type: ignore[attr-defined]
    rig.do(rig.engine.repeat())
    assert rig.engine.index == plan.get_ready_phase(1)
    rig.do(rig.engine.next())  # skip b without doing anything
    rig.run(plan.total_seconds)
    summary = of_type(rig.events, SessionEnded)[0].summary  # type: ignore[attr-defined]
    assert [r.status for r in summary.results] == [Status.COMPLETED, Status.SKIPPED, Status.COMPLETED]
    assert summary.completed


def test_going_back_and_repeating_keeps_both_attempts_and_the_last_is_the_result() -> None:
    """Exercise a done in full, then "back" into it and cut short: the summary lists both attempts in the order they
    ended, and the second, later one is a's result."""
    plan = three_exercises()
    rig = engine_at_phase(plan, plan.get_ready_phase(1), 0.5)  # a done, just into b's get-ready
    rig.do(rig.engine.previous())
    assert rig.engine.index == plan.get_ready_phase(0)
    rig.run(5.0 + 2.0)  # a's get-ready again, then one rep on the left
    rig.do(rig.engine.next())
    rig.run(plan.total_seconds)
    done = [d.result for d in of_type(rig.events, ExerciseDone)]  # type: ignore[attr-defined]
    assert [(r.entry_index, r.status) for r in done] == [
        (0, Status.COMPLETED),
        (0, Status.PARTIAL),
        (1, Status.COMPLETED),
        (2, Status.COMPLETED),
    ]
    summary = of_type(rig.events, SessionEnded)[0].summary  # type: ignore[attr-defined]
    assert summary.attempts == tuple(done)
    assert [r.status for r in summary.results] == [Status.PARTIAL, Status.COMPLETED, Status.COMPLETED]
    assert summary.results[0] is done[1]


def test_a_stop_in_the_work_ends_that_exercise_and_the_rest_are_not_reached() -> None:
    plan = three_exercises()
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run(5.0 + 2.0)  # one rep on the left
    events = rig.do(rig.engine.stop())
    summary = of_type(events, SessionEnded)[0].summary  # type: ignore[attr-defined]
    assert [r.status for r in summary.results] == [Status.PARTIAL, Status.NOT_REACHED, Status.NOT_REACHED]
    assert summary.attempts == (summary.results[0],)


def test_a_repeat_stopped_before_it_began_leaves_the_earlier_attempt_as_the_result() -> None:
    plan = three_exercises()
    rig = engine_at_phase(plan, plan.get_ready_phase(1), 0.5)  # a done in full
    rig.do(rig.engine.previous())  # back to a's get-ready
    events = rig.do(rig.engine.stop())
    summary = of_type(events, SessionEnded)[0].summary  # type: ignore[attr-defined]
    assert [r.status for r in summary.results] == [Status.COMPLETED, Status.NOT_REACHED, Status.NOT_REACHED]
    assert len(summary.attempts) == 1


@pytest.mark.parametrize("command", ["repeat", "previous"])
def test_a_repeat_in_the_middle_of_an_exercise_keeps_what_was_done_as_an_attempt(command: str) -> None:
    """Two reps, then Repeat (or Restart): the two reps were done and are kept as an attempt, as "next" and "stop"
    keep them; the repeat stopped in its get-ready leaves that attempt the result. (They were dropped, and the
    history said the exercise was never reached.)"""
    plan = three_exercises()
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run(5.0 + 4.0)  # get-ready, then two reps (2 s each) on the left
    events = rig.do(getattr(rig.engine, command)())
    kept = [d.result for d in of_type(events, ExerciseDone)]  # type: ignore[attr-defined]
    assert [(r.entry_index, r.status) for r in kept] == [(0, Status.PARTIAL)]
    assert [(s.side, s.actual) for s in kept[0].sides] == [(Side.LEFT, 2), (Side.RIGHT, 0)]
    assert rig.engine.index == plan.get_ready_phase(0)
    summary = of_type(rig.do(rig.engine.stop()), SessionEnded)[0].summary  # type: ignore[attr-defined]
    assert summary.results[0] is kept[0]
    assert summary.attempts == (kept[0],)


def test_a_repeat_before_any_rep_was_counted_records_nothing() -> None:
    plan = three_exercises()
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run(5.0 + 1.0)  # half of the first rep
    assert not of_type(rig.do(rig.engine.repeat()), ExerciseDone)
    summary = of_type(rig.do(rig.engine.stop()), SessionEnded)[0].summary  # type: ignore[attr-defined]
    assert summary.attempts == ()
    assert summary.results[0].status is Status.NOT_REACHED


def test_skipping_part_way_records_a_partial_result() -> None:
    plan = three_exercises()
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run(5.0 + 2.0)  # get-ready, then one rep (2 s) on the left
    events = rig.do(rig.engine.next())
    result = of_type(events, ExerciseDone)[0].result  # type: ignore[attr-defined]
    assert result.status is Status.PARTIAL
    assert [(s.side, s.actual, s.target) for s in result.sides] == [(Side.LEFT, 1, 4), (Side.RIGHT, 0, 4)]


def test_stop_ends_the_session_and_marks_the_rest_not_reached() -> None:
    """Stopped in the first get-ready: no exercise began, so none is skipped; all three were not reached."""
    plan = three_exercises()
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.do(rig.engine.pause())
    events = rig.do(rig.engine.stop())
    assert rig.engine.state is State.STOPPED
    summary = of_type(events, SessionEnded)[0].summary  # type: ignore[attr-defined]
    assert not summary.completed
    assert [r.status for r in summary.results] == [Status.NOT_REACHED] * 3
    assert summary.attempts == ()
    assert not of_type(events, ExerciseDone)
    assert rig.engine.stop() == []
    assert rig.engine.poll() == []


def test_commands_before_start_do_nothing() -> None:
    engine = SessionEngine(three_exercises(), FakeClock(), FakeClock())
    for command in (engine.pause, engine.resume, engine.next, engine.previous, engine.done, engine.stop):
        assert command() == []
    assert engine.state is State.IDLE
    assert engine.seconds_until_next_event() is None


def test_next_wake_up_is_the_next_second_beat_or_deadline() -> None:
    ex = exercise("bridge", reps=2, hold=None, position=Position.STANDING)  # beats at 0, 1, 2, 3
    plan = build_plan(routine(entry(ex)))
    rig = Rig(plan, time_scale=2.0)
    rig.do(rig.engine.start())
    assert rig.engine.seconds_until_next_event() == pytest.approx(0.5)  # the first second, at double speed
    rig.clock.advance(0.3)
    assert rig.engine.seconds_until_next_event() == pytest.approx(0.2)
    rig.run(2.55 - 0.3, step=0.05)  # 0.1 s of plan time into the reps phase
    assert rig.engine.phase.kind is PhaseKind.REPS
    assert rig.engine.seconds_until_next_event() == pytest.approx(0.45)  # the next beat, 0.9 s of plan time away


def test_progress_goes_from_zero_to_one() -> None:
    plan = three_exercises()
    rig = Rig(plan)
    rig.do(rig.engine.start())
    assert rig.engine.progress() == 0.0
    rig.run(plan.total_seconds / 2)
    assert rig.engine.progress() == pytest.approx(0.5)
    rig.run(plan.total_seconds)
    assert rig.engine.progress() == 1.0


def test_resume_at_an_entry_keeps_the_results_recorded_before() -> None:
    plan = three_exercises()
    first = Rig(plan)
    first.do(first.engine.start())
    first.run(plan.seconds_before(plan.get_ready_phase(1)) + 1.0)
    recorded = [e.result for e in of_type(first.events, ExerciseDone)]  # type: ignore[attr-defined]
    assert [r.entry_index for r in recorded] == [0]

    resumed = Rig(plan)
    events = resumed.do(resumed.engine.start(at_entry=1, done=recorded))
    assert resumed.engine.index == plan.get_ready_phase(1)
    assert [e.phase.kind for e in events if isinstance(e, PhaseStarted)] == [PhaseKind.GET_READY]
    resumed.run(plan.total_seconds)
    summary = of_type(resumed.events, SessionEnded)[0].summary  # type: ignore[attr-defined]
    assert [r.status for r in summary.results] == [Status.COMPLETED] * 3
    assert summary.elapsed_seconds == pytest.approx(plan.total_seconds - plan.seconds_before(plan.get_ready_phase(1)))


def test_resume_at_an_entry_that_does_not_exist_is_refused() -> None:
    with pytest.raises(ValueError, match="no entry 3"):
        SessionEngine(three_exercises(), FakeClock(), FakeClock()).start(at_entry=3)


# -- sharp pain ----------------------------------------------------------------------------------------------------


def test_sharp_pain_mid_work_ends_the_exercise_and_holds_at_the_next_get_ready() -> None:
    plan = three_exercises()
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run(5.0 + 2.0)  # get-ready, then one rep (2 s) on the left
    events = rig.do(rig.engine.sharp_pain())
    (done,) = of_type(events, ExerciseDone)
    result = done.result  # type: ignore[attr-defined]
    assert result.sharp_pain
    assert result.status is Status.PARTIAL
    assert [(s.side, s.actual) for s in result.sides] == [(Side.LEFT, 1), (Side.RIGHT, 0)]
    assert rig.engine.state is State.PAUSED
    assert rig.engine.pause_reason is PauseReason.SHARP_PAIN
    assert rig.engine.index == plan.get_ready_phase(1)
    assert of_type(events, Paused) == [Paused(PauseReason.SHARP_PAIN)]
    assert not rig.engine.can_stop_for_sharp_pain()
    assert rig.engine.sharp_pain() == []  # a second press does not end the next exercise
    rig.run(60.0)  # nothing moves while the user decides
    assert (rig.engine.index, rig.engine.elapsed()) == (plan.get_ready_phase(1), 0.0)


def test_carrying_on_after_sharp_pain_runs_the_next_exercise_from_its_get_ready() -> None:
    plan = three_exercises()
    rig = engine_at_phase(plan, plan.get_ready_phase(1) + 1, 3.0)  # three seconds into the hold of b
    rig.do(rig.engine.sharp_pain())
    rig.run(30.0)
    events = rig.do(rig.engine.resume())
    assert of_type(events, Resumed)
    assert rig.engine.state is State.RUNNING
    rig.run(plan.phases[plan.get_ready_phase(2)].duration)
    assert rig.engine.index == plan.get_ready_phase(2) + 1  # c's work started after its whole get-ready
    rig.run(plan.total_seconds)
    summary = of_type(rig.events, SessionEnded)[0].summary  # type: ignore[attr-defined]
    assert summary.completed
    assert [(r.status, r.sharp_pain) for r in summary.results] == [
        (Status.COMPLETED, False),
        (Status.PARTIAL, True),
        (Status.COMPLETED, False),
    ]
    assert summary.results[1].sides[0].actual == 3
    assert summary.elapsed_seconds - summary.active_seconds == pytest.approx(30.0)  # the decision is a pause


def test_sharp_pain_at_the_get_ready_skips_the_exercise_and_stop_ends_the_session() -> None:
    plan = three_exercises()
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run(2.0)
    events = rig.do(rig.engine.sharp_pain())
    result = of_type(events, ExerciseDone)[0].result  # type: ignore[attr-defined]
    assert (result.entry_index, result.status, result.sharp_pain) == (0, Status.SKIPPED, True)
    events = rig.do(rig.engine.stop())
    assert rig.engine.state is State.STOPPED
    summary = of_type(events, SessionEnded)[0].summary  # type: ignore[attr-defined]
    assert not summary.completed
    assert [(r.status, r.sharp_pain) for r in summary.results] == [
        (Status.SKIPPED, True),
        (Status.NOT_REACHED, False),  # held at its get-ready while the user decided: it never began
        (Status.NOT_REACHED, False),
    ]


def test_sharp_pain_on_the_last_exercise_ends_the_session() -> None:
    plan = three_exercises()
    rig = engine_at_phase(plan, plan.get_ready_phase(2) + 1, 3.0)  # one rep of two
    events = rig.do(rig.engine.sharp_pain())
    assert rig.engine.state is State.FINISHED
    summary = of_type(events, SessionEnded)[0].summary  # type: ignore[attr-defined]
    assert summary.completed  # the routine reached its end, as "next" on the last exercise would
    assert summary.results[2].sharp_pain
    assert summary.results[2].status is Status.PARTIAL


def test_sharp_pain_needs_an_exercise_under_way() -> None:
    plan = three_exercises()
    rig = Rig(plan)
    assert rig.engine.sharp_pain() == []  # not started
    rig = engine_at_phase(plan, plan.get_ready_phase(1) - 1, 1.0)  # the rest in front of b
    assert not rig.engine.can_stop_for_sharp_pain()
    assert rig.engine.sharp_pain() == []
    assert rig.engine.state is State.RUNNING


def test_sharp_pain_while_paused_by_the_user_keeps_the_work_done_before_the_pause() -> None:
    plan = three_exercises()
    rig = engine_at_phase(plan, plan.get_ready_phase(1) + 1, 4.0)
    rig.do(rig.engine.pause())
    rig.run(20.0)
    events = rig.do(rig.engine.sharp_pain())
    assert [type(e) for e in events][:2] == [ExerciseDone, Resumed]  # the user's pause ends with the exercise
    assert of_type(events, ExerciseDone)[0].result.sides[0].actual == 4  # type: ignore[attr-defined]
    assert rig.engine.pause_reason is PauseReason.SHARP_PAIN


def test_sharp_pain_in_wait_for_me_mode_pauses_instead_of_waiting() -> None:
    plan = build_plan(
        routine(entry(exercise("a", position=Position.STANDING)), entry(exercise("b", position=Position.STANDING))),
        PlanOptions(wait_for_me=True),
    )
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.do(rig.engine.confirm_ready())
    rig.run(6.0)
    events = rig.do(rig.engine.sharp_pain())
    assert not of_type(events, WaitingForUser)
    assert rig.engine.state is State.PAUSED
    rig.do(rig.engine.resume())
    rig.run(5.0)
    assert rig.engine.phase.kind is PhaseKind.REPS  # carrying on is the "ready"


def test_upcoming_foretells_every_moment_of_a_session_without_moving_the_engine() -> None:
    """The window starts a cue early by the output's latency from this look ahead, so it must bring exactly the
    events the clock will bring at that moment (phase ends, rests, sides, beats and the end of the session)."""
    ex = exercise("clam", reps=2, hold=3, per_side=True, sets=2, position=Position.SIDE)
    plan = build_plan(routine(entry(ex), entry(exercise("march", reps=2))))
    rig = Rig(plan, time_scale=2.0)
    rig.do(rig.engine.start())
    moments = 0
    while True:
        before = (rig.engine.index, rig.engine.elapsed(), rig.engine.state, rig.engine.progress())
        ahead = rig.engine.upcoming()
        assert before == (rig.engine.index, rig.engine.elapsed(), rig.engine.state, rig.engine.progress())
        if ahead is None:
            break
        at, foretold = ahead
        delay = rig.engine.seconds_until_next_event()
        assert delay is not None
        assert at / 2.0 == pytest.approx(rig.clock() + delay)  # plan time at double speed
        rig.clock.advance(delay)
        rig.wall.advance(delay)
        assert rig.do(rig.engine.poll()) == foretold
        moments += 1
    assert rig.engine.state is State.FINISHED
    assert moments > 50
    assert any(isinstance(event, SessionEnded) for event in foretold)


def test_upcoming_is_nothing_while_paused_or_waiting() -> None:
    rig = Rig(build_plan(routine(entry(exercise("bridge")))))
    rig.do(rig.engine.start(hold=True))
    assert rig.engine.upcoming() is None
    rig.do(rig.engine.confirm_ready())
    assert rig.engine.upcoming() is not None
    rig.do(rig.engine.pause())
    assert rig.engine.upcoming() is None
