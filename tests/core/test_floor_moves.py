"""Getting down to the mat and up again: a guided phase of the plan, before the first exercise on the floor and
after the last, counted in the estimate, said and shown, and never an exercise of its own."""

from __future__ import annotations

import pytest

from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.cues import SpokenLeadIn, cue_for
from hipcoach.core.engine import SessionEngine
from hipcoach.core.events import Event, ExerciseDone, PhaseStarted, SessionEnded
from hipcoach.core.floor_moves import GET_DOWN, GET_UP, WAYS_UP, body_at, current_step, floor_move
from hipcoach.core.model import Kind, Position, Routine
from hipcoach.core.plan import Phase, PhaseKind, Plan, PlanOptions, build_plan
from hipcoach.core.results import Status
from hipcoach.core.session_state import State
from hipcoach.core.verbosity import Verbosity
from tests.factories import FakeClock, entry, exercise, routine

ROUTINES = builtin_routines(load_catalogue())
MOVES = (PhaseKind.GET_DOWN, PhaseKind.GET_UP)


def floor_entries(r: Routine) -> list[int]:
    return [index for index, item in enumerate(r.entries) if item.exercise.position.on_floor]


def run_to_end(plan: Plan) -> tuple[list[Event], SessionEngine]:
    clock = FakeClock()
    engine = SessionEngine(plan, clock, clock)
    events = engine.start()
    while engine.state is State.RUNNING:
        clock.advance(0.5)
        events += engine.poll()
    return events, engine


@pytest.mark.parametrize("r", ROUTINES, ids=lambda r: r.id)
def test_each_builtin_routine_gets_down_before_its_first_floor_exercise_and_up_after_its_last(r: Routine) -> None:
    plan = build_plan(r, PlanOptions(speech_floor=SpokenLeadIn()))
    phases = plan.phases
    floor = floor_entries(r)
    assert floor, r.id
    downs = [index for index, phase in enumerate(phases) if phase.kind is PhaseKind.GET_DOWN]
    ups = [index for index, phase in enumerate(phases) if phase.kind is PhaseKind.GET_UP]
    assert downs == [plan.get_ready_phase(floor[0]) - 1]  # right before the first floor exercise's get-ready
    assert phases[downs[0] - 1].kind is PhaseKind.REST  # after the rest, which is taken standing
    last_work = max(
        index for index, phase in enumerate(phases) if phase.entry_index == floor[-1] and phase.kind.is_work
    )
    assert ups == [last_work + 1]  # right after the last floor exercise's work
    assert phases[ups[0]].entry_index == floor[-1]
    assert all(phase.duration >= PlanOptions().floor_move_seconds for phase in phases if phase.kind in MOVES)
    # counted in the estimate
    moves = sum(phase.duration for phase in phases if phase.kind in MOVES)
    assert plan.total_seconds == pytest.approx(sum(phase.duration for phase in phases))
    assert moves >= 2 * 30

    # run on a fake clock: every phase of the plan, in order, and no exercise result for the moves
    events, engine = run_to_end(plan)
    assert engine.state is State.FINISHED
    assert [e.phase.kind for e in events if isinstance(e, PhaseStarted)] == [p.kind for p in phases]
    assert [e.result.exercise_id for e in events if isinstance(e, ExerciseDone)] == [x.exercise.id for x in r.entries]
    summary = next(e.summary for e in events if isinstance(e, SessionEnded))
    assert len(summary.results) == len(summary.attempts) == len(r.entries)
    assert all(result.status is Status.COMPLETED for result in summary.results)
    assert summary.elapsed_seconds == pytest.approx(plan.total_seconds)
    # the exercise is over (and recorded) before the way up begins
    done_at = next(e.at for e in events if isinstance(e, ExerciseDone) and e.result.entry_index == floor[-1])
    up_at = next(e.at for e in events if isinstance(e, PhaseStarted) and e.phase.kind is PhaseKind.GET_UP)
    assert done_at == pytest.approx(up_at)


@pytest.mark.parametrize("verbosity", list(Verbosity))
def test_the_moves_are_spoken_at_every_verbosity(verbosity: Verbosity) -> None:
    plan = build_plan(ROUTINES[0])
    for index, phase in enumerate(plan.phases):
        if phase.kind in MOVES:
            cue = cue_for(PhaseStarted(index, phase), plan, verbosity)
            assert cue is not None
            move = GET_DOWN if phase.kind is PhaseKind.GET_DOWN else GET_UP
            assert cue.text == (move.short if verbosity is Verbosity.MINIMAL else move.spoken)
            assert "chair" in cue.text or verbosity is Verbosity.MINIMAL


def test_the_move_lasts_long_enough_to_be_said_before_its_countdown() -> None:
    slow = SpokenLeadIn(Verbosity.STANDARD, words_per_minute=40)
    plan = build_plan(routine(entry(exercise("bridge", position=Position.BACK))), PlanOptions(speech_floor=slow))
    assert plan.phases[0].kind is PhaseKind.GET_DOWN
    assert plan.phases[0].duration >= slow(plan.phases[0], plan.routine.entries[0], plan.routine) > 30


def test_the_light_walks_down_the_steps() -> None:
    phase = Phase(PhaseKind.GET_DOWN, 40.0, 0)
    lying = entry(exercise("bridge", position=Position.BACK))
    assert [current_step(phase, lying, t) for t in (0, 9.9, 10, 25, 39.9, 40)] == [0, 0, 1, 2, 3, 3]


@pytest.mark.parametrize("position", [p for p in Position if p.on_floor])
def test_the_way_up_starts_from_where_the_last_floor_exercise_left_the_body(position: Position) -> None:
    """Lying face down, rolling onto the side first is a needless move; on hands and knees the user is there."""
    plan = build_plan(routine(entry(exercise("a", position=position))))
    index = next(i for i, p in enumerate(plan.phases) if p.kind is PhaseKind.GET_UP)
    move = floor_move(plan.phases[index], plan.entry(plan.phases[index]))
    spoken = cue_for(PhaseStarted(index, plan.phases[index]), plan, Verbosity.STANDARD)
    assert spoken is not None and spoken.text == move.spoken
    words = {
        Position.BACK: "Roll onto your side",
        Position.SIDE: "From your side",
        Position.FRONT: "push back onto your hands and knees",
        Position.FLOOR_SITTING: "Turn to one side",
        Position.KNEELING: "legs back under you",
    }
    if position in words:
        assert words[position] in move.steps[0]
    else:  # already on hands and knees: straight to the chair
        assert move.steps[0].startswith("Move close to the chair")
    assert "roll" not in spoken.text.lower() or position is Position.BACK
    assert move.steps[-1] == GET_UP.steps[-1] and spoken.text.endswith("push up slowly.")
    # the light walks down this move's own steps
    assert (
        current_step(plan.phases[index], plan.entry(plan.phases[index]), plan.phases[index].duration)
        == len(move.steps) - 1
    )


def test_a_routine_back_on_its_feet_in_the_middle_gets_up_and_down_again() -> None:
    standing, lying = exercise("a"), exercise("b", position=Position.BACK)
    plan = build_plan(routine(entry(lying), entry(standing), entry(lying)))
    assert [p.kind.value for p in plan.phases] == [
        "get-down", "get-ready", "reps", "get-up",
        "rest", "get-ready", "reps",
        "rest", "get-down", "get-ready", "reps", "get-up",
    ]  # fmt: skip


# -- commands during a move ---------------------------------------------------------------------------------------


class Rig:
    def __init__(self, plan: Plan) -> None:
        self.clock = FakeClock()
        self.engine = SessionEngine(plan, self.clock, self.clock)
        self.events: list[Event] = []

    def do(self, events: list[Event]) -> list[Event]:
        self.events += events
        return events

    def run(self, seconds: float) -> None:
        for _ in range(round(seconds * 4)):
            self.clock.advance(0.25)
            self.do(self.engine.poll())

    def run_to(self, kind: PhaseKind) -> None:
        while self.engine.phase.kind is not kind and self.engine.state is State.RUNNING:
            self.run(0.25)

    def done(self) -> list[ExerciseDone]:
        return [e for e in self.events if isinstance(e, ExerciseDone)]


def two_on_the_floor() -> Plan:
    """Standing, then two on the floor, then nothing: the way up ends the session."""
    return build_plan(
        routine(
            entry(exercise("swing")),
            entry(exercise("clam", position=Position.SIDE, per_side=True)),
            entry(exercise("stretch", kind=Kind.HOLD, hold=10, position=Position.BACK)),
        )
    )


def test_pause_and_resume_in_a_move_keep_its_time() -> None:
    rig = Rig(two_on_the_floor())
    rig.do(rig.engine.start())
    rig.run_to(PhaseKind.GET_DOWN)
    rig.run(7)
    rig.do(rig.engine.pause())
    left = rig.engine.remaining()
    rig.clock.advance(100)
    rig.do(rig.engine.poll())
    rig.do(rig.engine.resume())
    assert rig.engine.phase.kind is PhaseKind.GET_DOWN
    assert rig.engine.remaining() == pytest.approx(left) == pytest.approx(30 - 7)


def test_next_in_the_way_down_means_ready_and_skips_no_exercise() -> None:
    rig = Rig(two_on_the_floor())
    rig.do(rig.engine.start())
    rig.run_to(PhaseKind.GET_DOWN)
    count = len(rig.done())
    rig.do(rig.engine.next())
    assert rig.engine.phase.kind is PhaseKind.GET_READY and rig.engine.phase.entry_index == 1
    assert len(rig.done()) == count
    assert not rig.engine.can_stop_for_sharp_pain() or rig.engine.phase.kind is PhaseKind.GET_READY


def test_next_on_the_last_floor_exercise_still_guides_up_and_skipping_the_way_up_ends_the_session() -> None:
    rig = Rig(two_on_the_floor())
    rig.do(rig.engine.start())
    rig.run_to(PhaseKind.HOLD)
    rig.do(rig.engine.next())
    assert rig.engine.phase.kind is PhaseKind.GET_UP
    assert [d.result.exercise_id for d in rig.done()] == ["swing", "clam", "stretch"]
    assert not rig.engine.can_stop_for_sharp_pain()  # nothing to stop: it is no exercise
    assert rig.engine.sharp_pain() == []
    assert rig.engine.done() == []
    ended = rig.do(rig.engine.next())
    assert rig.engine.state is State.FINISHED
    summary = next(e.summary for e in ended if isinstance(e, SessionEnded))
    assert [r.exercise_id for r in summary.attempts] == ["swing", "clam", "stretch"]  # no attempt added


def test_stop_on_the_way_up_keeps_the_exercise_as_it_ended() -> None:
    rig = Rig(two_on_the_floor())
    rig.do(rig.engine.start())
    rig.run_to(PhaseKind.GET_UP)
    rig.run(3)
    ended = rig.do(rig.engine.stop())
    summary = next(e.summary for e in ended if isinstance(e, SessionEnded))
    assert len(summary.attempts) == 3
    assert [r.status for r in summary.results] == [Status.COMPLETED] * 3


def test_stop_on_the_way_down_leaves_the_floor_exercises_not_reached() -> None:
    rig = Rig(two_on_the_floor())
    rig.do(rig.engine.start())
    rig.run_to(PhaseKind.GET_DOWN)
    ended = rig.do(rig.engine.stop())
    summary = next(e.summary for e in ended if isinstance(e, SessionEnded))
    assert [r.status for r in summary.results] == [Status.COMPLETED, Status.NOT_REACHED, Status.NOT_REACHED]


def test_a_session_resumed_at_the_first_floor_exercise_starts_with_the_way_down() -> None:
    plan = two_on_the_floor()
    engine = SessionEngine(plan, FakeClock(), FakeClock())
    events = engine.start(at_entry=1, hold=True)
    assert engine.phase.kind is PhaseKind.GET_DOWN and engine.phase.entry_index == 1
    assert engine.state is State.WAITING
    assert [e.phase.kind for e in events if isinstance(e, PhaseStarted)] == [PhaseKind.GET_DOWN]
    later = SessionEngine(plan, FakeClock(), FakeClock())
    later.start(at_entry=2)
    assert later.phase.kind is PhaseKind.GET_READY  # already on the floor


def test_sharp_pain_before_the_floor_leads_to_the_way_down_paused() -> None:
    rig = Rig(two_on_the_floor())
    rig.do(rig.engine.start())
    rig.run_to(PhaseKind.REPS)
    rig.do(rig.engine.sharp_pain())
    assert rig.engine.phase.kind is PhaseKind.GET_DOWN
    assert rig.engine.state is State.PAUSED


# -- a session ended on the floor guides the way up first ------------------------------------------------------------


def floor_then_standing() -> Plan:
    """On the floor, then back on the feet: the way up sits between them."""
    lying, standing = exercise("bridge", position=Position.BACK), exercise("swing")
    return build_plan(routine(entry(lying), entry(standing)))


def said(events: list[Event], plan: Plan) -> list[str]:
    cues = (cue_for(event, plan) for event in events)
    return [cue.text for cue in cues if cue is not None]


def test_stop_on_the_floor_guides_the_way_up_then_ends_stopped_as_of_the_stop() -> None:
    rig = Rig(two_on_the_floor())
    plan = rig.engine.plan
    started = rig.clock()
    rig.do(rig.engine.start())
    rig.run_to(PhaseKind.REPS)
    rig.run_to(PhaseKind.GET_READY)
    rig.run_to(PhaseKind.REPS)  # the clamshells, on the floor
    rig.run(2)
    stopped_at = rig.clock() - started
    stop = rig.do(rig.engine.stop_and_get_up())
    assert not [e for e in stop if isinstance(e, SessionEnded)]
    assert rig.engine.is_ending
    assert rig.engine.phase.kind is PhaseKind.GET_UP and rig.engine.state is State.RUNNING
    assert WAYS_UP[Position.SIDE].spoken in said(stop, plan)  # up from the clamshells, where the stop left the body
    assert rig.engine.repeat() == [] and rig.engine.previous() == []  # no way back into an exercise now
    way_up = rig.engine.phase.duration
    rig.do(rig.engine.pause())
    rig.clock.advance(50)
    rig.do(rig.engine.resume())
    rig.run(rig.engine.phase.duration + 1)
    assert rig.engine.state is State.STOPPED
    summary = next(e.summary for e in rig.events if isinstance(e, SessionEnded))
    assert [r.status for r in summary.results] == [Status.COMPLETED, Status.PARTIAL, Status.NOT_REACHED]
    assert [d.result.exercise_id for d in rig.done()] == ["swing", "clam"]  # the way up is no exercise
    assert summary.elapsed_seconds == pytest.approx(stopped_at)  # the session ended at the stop
    assert summary.active_seconds == pytest.approx(stopped_at)
    # the way up (its own length and the 50 s paused in it) is counted apart, so the real time can leave it out
    assert summary.way_up_seconds == pytest.approx(way_up + 50)


def test_the_way_up_after_a_stop_can_be_skipped_or_stopped() -> None:
    for command in ("next", "stop", "stop_and_get_up"):
        rig = Rig(two_on_the_floor())
        rig.do(rig.engine.start())
        rig.run_to(PhaseKind.HOLD)
        rig.do(rig.engine.stop_and_get_up())
        assert rig.engine.phase.kind is PhaseKind.GET_UP
        ended = rig.do(getattr(rig.engine, command)())
        assert rig.engine.state is State.STOPPED, command
        assert [e for e in ended if isinstance(e, SessionEnded)], command
        assert [d.result.exercise_id for d in rig.done()] == ["swing", "clam", "stretch"], command


def test_stop_half_way_down_guides_the_way_up() -> None:
    rig = Rig(two_on_the_floor())
    rig.do(rig.engine.start())
    rig.run_to(PhaseKind.GET_DOWN)
    rig.run(rig.engine.phase.duration / 2)  # kneeling by now
    rig.do(rig.engine.stop_and_get_up())
    assert rig.engine.phase.kind is PhaseKind.GET_UP and rig.engine.state is State.RUNNING


def test_sharp_pain_on_the_last_floor_exercise_holds_at_the_way_up_and_carrying_on_says_it() -> None:
    rig = Rig(floor_then_standing())
    plan = rig.engine.plan
    rig.do(rig.engine.start())
    rig.run_to(PhaseKind.REPS)
    rig.run(2)
    rig.do(rig.engine.sharp_pain())
    assert rig.engine.phase.kind is PhaseKind.GET_UP and rig.engine.state is State.PAUSED
    assert [d.result.exercise_id for d in rig.done()] == ["bridge"]
    carry_on = rig.do(rig.engine.resume())
    assert said(carry_on, plan)[-1] == GET_UP.spoken  # said again: the question had cut it
    assert rig.engine.remaining() == pytest.approx(rig.engine.phase.duration)
    rig.run_to(PhaseKind.REPS)
    assert rig.engine.phase.entry_index == 1
    assert [d.result.exercise_id for d in rig.done()] == ["bridge"]


def test_ending_the_session_after_sharp_pain_on_the_floor_guides_the_way_up() -> None:
    rig = Rig(floor_then_standing())
    plan = rig.engine.plan
    rig.do(rig.engine.start())
    rig.run_to(PhaseKind.REPS)
    rig.do(rig.engine.sharp_pain())
    end = rig.do(rig.engine.stop_and_get_up())
    assert rig.engine.phase.kind is PhaseKind.GET_UP and rig.engine.state is State.RUNNING
    assert said(end, plan)[-1] == GET_UP.spoken
    rig.run(rig.engine.phase.duration + 1)
    assert rig.engine.state is State.STOPPED
    summary = next(e.summary for e in rig.events if isinstance(e, SessionEnded))
    assert [r.exercise_id for r in summary.attempts] == ["bridge"]
    assert summary.results[0].sharp_pain and summary.results[1].status is Status.NOT_REACHED


def test_sharp_pain_on_the_last_exercise_on_the_floor_guides_up_before_the_end() -> None:
    rig = Rig(two_on_the_floor())
    rig.do(rig.engine.start())
    rig.run_to(PhaseKind.HOLD)
    rig.do(rig.engine.sharp_pain())
    assert rig.engine.phase.kind is PhaseKind.GET_UP and rig.engine.state is State.RUNNING
    rig.run(rig.engine.phase.duration + 1)
    assert rig.engine.state is State.FINISHED
    assert [d.result.exercise_id for d in rig.done()] == ["swing", "clam", "stretch"]


def test_carrying_on_after_sharp_pain_says_the_next_exercise_again() -> None:
    rig = Rig(two_on_the_floor())
    plan = rig.engine.plan
    rig.do(rig.engine.start())
    rig.run_to(PhaseKind.GET_DOWN)
    rig.run_to(PhaseKind.REPS)  # the clamshells; the stretch comes next, on the floor too
    rig.do(rig.engine.sharp_pain())
    assert rig.engine.phase.kind is PhaseKind.GET_READY and rig.engine.phase.entry_index == 2
    carry_on = rig.do(rig.engine.resume())
    assert said(carry_on, plan)[-1].startswith("Stretch")


def test_the_window_closing_on_the_floor_stops_at_once() -> None:
    rig = Rig(two_on_the_floor())
    rig.do(rig.engine.start())
    rig.run_to(PhaseKind.HOLD)
    ended = rig.do(rig.engine.stop())
    assert rig.engine.state is State.STOPPED and [e for e in ended if isinstance(e, SessionEnded)]


def test_a_stop_guides_the_way_up_from_where_the_body_is() -> None:
    """A stop jumps to the plan's way up, which belongs to the last exercise on the mat: the words must start from
    where the stop found the body, not from where that last exercise would have left it."""
    sitting, lying = exercise("butterfly", position=Position.FLOOR_SITTING), exercise("bridge", position=Position.BACK)
    plan = build_plan(routine(entry(sitting), entry(lying)))
    kinds = [phase.kind for phase in plan.phases]
    down, rest = kinds.index(PhaseKind.GET_DOWN), kinds.index(PhaseKind.REST)
    ready = kinds.index(PhaseKind.GET_READY, rest)
    half = plan.phases[ready].duration / 2
    assert body_at(plan, down, 5.0) is Position.ALL_FOURS  # half-way down: kneeling, hands down
    assert body_at(plan, down + 2, 1.0) is Position.FLOOR_SITTING  # the butterfly's work
    assert body_at(plan, rest, 1.0) is Position.FLOOR_SITTING  # resting after it, not yet lying down
    assert body_at(plan, ready, half - 0.1) is Position.FLOOR_SITTING
    assert body_at(plan, ready, half + 0.1) is Position.BACK  # lying down for the bridge by now
    rig = Rig(plan)
    rig.do(rig.engine.start())
    rig.run_to(PhaseKind.REPS)
    rig.run(1)
    assert plan.entry(rig.engine.phase).exercise is sitting
    stop = rig.do(rig.engine.stop_and_get_up())
    assert WAYS_UP[Position.FLOOR_SITTING].spoken in said(stop, plan)
    assert GET_UP.spoken not in said(stop, plan)  # the bridge's way up (roll to the side) is not the one said
