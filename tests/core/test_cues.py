from __future__ import annotations

import subprocess
import sys

import pytest

from hipcoach.core.cues import COUNTDOWN_FROM, Priority, SpokenLeadIn, cue_for, cues_for, spoken_seconds
from hipcoach.core.engine import SessionEngine
from hipcoach.core.events import (
    BeatReached,
    Event,
    Paused,
    PhaseStarted,
    Resumed,
    SecondElapsed,
    SessionEnded,
    SideSwitched,
)
from hipcoach.core.model import Kind, Position, Side
from hipcoach.core.plan import Beat, BeatKind, PhaseKind, Plan, PlanOptions, build_plan, estimate_seconds
from hipcoach.core.results import PauseReason, SessionSummary
from hipcoach.core.verbosity import Verbosity
from tests.factories import FakeClock, entry, exercise, routine


def sample_plan(options: PlanOptions | None = None) -> Plan:
    return build_plan(
        routine(
            entry(exercise("clamshell", position=Position.SIDE, per_side=True, reps=10, hold=3, sets=2)),
            entry(exercise("stretch", kind=Kind.HOLD, hold=30, position=Position.BACK)),
            entry(exercise("bike", kind=Kind.CARDIO, minutes=10, position=Position.MACHINE)),
        ),
        options,
    )


def phase_index(plan: Plan, kind: PhaseKind, nth: int = 0) -> int:
    return [i for i, p in enumerate(plan.phases) if p.kind is kind][nth]


def text(event: Event, plan: Plan, verbosity: Verbosity = Verbosity.STANDARD) -> str | None:
    cue = cue_for(event, plan, verbosity)
    return cue.text if cue is not None else None


def test_get_ready_at_each_verbosity() -> None:
    plan = sample_plan()
    get_ready = phase_index(plan, PhaseKind.GET_READY)
    event = PhaseStarted(get_ready, plan.phases[get_ready])
    assert text(event, plan, Verbosity.MINIMAL) == "Get ready. Your left leg moves."
    assert text(event, plan) == "Clamshell. Get into position. 10 reps each side, 2 sets. Your left leg moves."
    coach = text(event, plan, Verbosity.COACH)
    assert coach is not None
    assert coach.endswith("First step. Second step. Third step.")
    assert cue_for(event, plan).priority is Priority.TRANSITION  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("made", "said"),
    [
        (exercise("lift", reps=1), "1 rep."),
        (exercise("lift", reps=2), "2 reps."),
        (exercise("walk", kind=Kind.STEPS, reps=1), "1 step."),
        (exercise("stretch", kind=Kind.HOLD, hold=1), "Hold 1 second."),
    ],
)
def test_an_amount_of_one_is_said_in_the_singular(made: object, said: str) -> None:
    plan = build_plan(routine(entry(made)))  # type: ignore[arg-type]
    spoken = text(PhaseStarted(0, plan.phases[0]), plan)
    assert spoken is not None and said in spoken, spoken


def test_wait_for_me_asks_for_space() -> None:
    plan = sample_plan(PlanOptions(wait_for_me=True))
    get_ready = phase_index(plan, PhaseKind.GET_READY)
    assert text(PhaseStarted(get_ready, plan.phases[get_ready]), plan, Verbosity.MINIMAL) == (
        "Get ready. Your left leg moves. Press Space when you are ready."
    )


def test_rests_say_what_comes_next() -> None:
    plan = sample_plan()
    between_sets = phase_index(plan, PhaseKind.REST, 0)
    between_exercises = phase_index(plan, PhaseKind.REST, 1)
    said = text(PhaseStarted(between_sets, plan.phases[between_sets]), plan)
    assert said == "Rest. Set 2 of 2 next. Your left leg moves."  # the next set starts on the first side again
    assert text(PhaseStarted(between_exercises, plan.phases[between_exercises]), plan) == "Rest. Next up: Stretch."
    assert text(PhaseStarted(between_exercises, plan.phases[between_exercises]), plan, Verbosity.MINIMAL) == "Rest."
    coach = text(PhaseStarted(between_sets, plan.phases[between_sets]), plan, Verbosity.COACH)
    assert coach == "Rest. Set 2 of 2 next. Your left leg moves."  # the one reminder went to the first switch


def test_holds_cardio_and_reps() -> None:
    plan = sample_plan()
    hold = phase_index(plan, PhaseKind.HOLD)
    cardio = phase_index(plan, PhaseKind.CARDIO)
    reps = phase_index(plan, PhaseKind.REPS)
    # a hold long enough for it carries the exercise's form reminder, said before its halfway mark
    assert text(PhaseStarted(hold, plan.phases[hold]), plan) == "Hold for 30 seconds. Breathe out as you lift."
    assert text(PhaseStarted(hold, plan.phases[hold]), plan, Verbosity.MINIMAL) == "Hold."
    assert text(PhaseStarted(cardio, plan.phases[cardio]), plan) == "Start. 10 minutes at a moderate pace."
    assert text(PhaseStarted(reps, plan.phases[reps]), plan) is None  # the first beat speaks


def test_beats_count_reps_and_pace_them() -> None:
    plan = sample_plan()
    reps = phase_index(plan, PhaseKind.REPS)
    up = BeatReached(reps, Beat(0.0, BeatKind.UP, 4))
    hold = BeatReached(reps, Beat(1.0, BeatKind.HOLD, 1))
    down = BeatReached(reps, Beat(4.0, BeatKind.DOWN, 4))
    assert text(up, plan, Verbosity.MINIMAL) == "4."
    first = BeatReached(reps, Beat(0.0, BeatKind.UP, 1))
    assert text(first, plan, Verbosity.MINIMAL) == "Go."  # not "1" straight after the countdown's "1"
    assert text(first, plan) == "Up."
    assert text(up, plan) == "Up 4."  # the exercise's word for the first half, with the rep's number
    assert text(hold, plan, Verbosity.MINIMAL) is None
    assert text(down, plan, Verbosity.MINIMAL) is None
    assert text(hold, plan) == "Hold."
    assert text(down, plan) == "Down."
    assert text(hold, plan, Verbosity.COACH) == "Hold."  # reminders go to quiet moments, never over the beats
    # the sample's beat is one second: "Up 2." fills it, so the "Hold." that would cut it gives way
    assert text(BeatReached(reps, Beat(6.0, BeatKind.HOLD, 2)), plan) is None
    assert cue_for(up, plan).priority is Priority.BEAT  # type: ignore[union-attr]


def test_last_three_seconds_are_counted_except_in_reps() -> None:
    plan = sample_plan()
    hold = phase_index(plan, PhaseKind.HOLD)
    reps = phase_index(plan, PhaseKind.REPS)
    assert [text(SecondElapsed(hold, n), plan) for n in (4, 3, 2, 1)] == [None, "3", "2", "1"]
    assert text(SecondElapsed(reps, 3), plan) is None
    assert cue_for(SecondElapsed(0, 2), plan).priority is Priority.COUNTDOWN  # type: ignore[union-attr]
    assert text(SecondElapsed(hold, 15), plan) == "Halfway. Keep breathing."
    assert text(SecondElapsed(hold, 15), plan, Verbosity.MINIMAL) is None


def test_cardio_announces_minutes_left() -> None:
    plan = sample_plan()
    cardio = phase_index(plan, PhaseKind.CARDIO)
    assert text(SecondElapsed(cardio, 300), plan, Verbosity.MINIMAL) == "5 minutes left."
    assert text(SecondElapsed(cardio, 60), plan) == "1 minute left."
    assert text(SecondElapsed(cardio, 299), plan) is None


def test_side_switch_pause_and_end() -> None:
    plan = sample_plan()
    switch = phase_index(plan, PhaseKind.SWITCH_SIDES)
    assert text(SideSwitched(switch, Side.RIGHT), plan) == (
        "Switch sides. Your right leg moves. 10 reps each side, 2 sets. Breathe out as you lift."
    )
    assert text(SideSwitched(switch, Side.RIGHT), plan, Verbosity.MINIMAL) == "Switch sides. Your right leg moves."
    assert text(Paused(PauseReason.USER), plan) == "Paused."
    assert text(Paused(PauseReason.SUSPEND), plan) == "Paused. The computer was asleep."
    assert text(Paused(PauseReason.SHARP_PAIN), plan) == "Stopped. Skip this exercise, or end the session?"
    assert text(Resumed(), plan) == "Carry on."
    done = SessionSummary(results=(), completed=True, active_seconds=1.0, elapsed_seconds=1.0)
    stopped = SessionSummary(results=(), completed=False, active_seconds=1.0, elapsed_seconds=1.0)
    assert text(SessionEnded(done), plan) == "Well done. That is the end of your session."
    assert text(SessionEnded(stopped), plan) == "Session stopped."


@pytest.mark.parametrize("verbosity", list(Verbosity))
def test_every_event_of_a_whole_session_has_a_short_cue_or_none(verbosity: Verbosity) -> None:
    plan = sample_plan()
    clock = FakeClock()
    engine = SessionEngine(plan, clock, clock)
    events = engine.start()
    while engine.state.value == "running":
        clock.advance(0.5)
        events += engine.poll()
    cues = [cue_for(event, plan, verbosity) for event in events]
    spoken = [cue for cue in cues if cue is not None]
    assert spoken, "a session says something"
    longest = 400 if verbosity is Verbosity.COACH else 120
    assert all(0 < len(cue.text) <= longest for cue in spoken)
    assert spoken[-1].text == "Well done. That is the end of your session."


def test_spoken_seconds_grows_with_the_text_and_shrinks_with_the_rate() -> None:
    short, long = spoken_seconds("Down."), spoken_seconds("Lie on your back. Lift your hips. Hold. Lower slowly.")
    assert 0.5 < short < 2.0 < long
    assert spoken_seconds("Lie on your back.", 80) > spoken_seconds("Lie on your back.", 160)
    assert spoken_seconds("Lie on your back. Now.") > spoken_seconds("Lie on your back, now")  # a sentence pauses


def opening_text(plan: Plan, index: int, verbosity: Verbosity) -> str:
    phase = plan.phases[index]
    switch = phase.kind is PhaseKind.SWITCH_SIDES
    event: Event = SideSwitched(index, phase.side) if switch and phase.side is not None else PhaseStarted(index, phase)
    said = text(event, plan, verbosity)
    assert said is not None
    return said


@pytest.mark.parametrize("verbosity", list(Verbosity))
def test_spoken_lead_in_ends_what_is_said_before_the_countdown(verbosity: Verbosity) -> None:
    """The coach reads every step during the get-ready; its "3, 2, 1" must still come after the last word."""
    options = PlanOptions(speech_floor=SpokenLeadIn(verbosity))
    plan = sample_plan(options)
    opening = [i for i, p in enumerate(plan.phases) if p.kind in (PhaseKind.GET_READY, PhaseKind.SWITCH_SIDES)]
    assert len(opening) == 5  # three get-readies, two side switches
    for index in opening:
        talk = spoken_seconds(opening_text(plan, index, verbosity))
        assert plan.phases[index].duration - COUNTDOWN_FROM >= talk
    assert options == PlanOptions(speech_floor=SpokenLeadIn(verbosity))  # a value: equal settings, equal options
    assert estimate_seconds(plan.routine, options) == plan.total_seconds


def test_spoken_lead_in_leaves_short_cues_and_other_phases_alone() -> None:
    standing = exercise("swing", position=Position.STANDING, reps=4, sets=2)
    steps = routine(entry(standing), entry(standing))

    def plan_for(verbosity: Verbosity | None, rate: float = 160) -> Plan:
        options = PlanOptions(speech_floor=SpokenLeadIn(verbosity, rate) if verbosity is not None else None)
        return build_plan(steps, options)

    plain = plan_for(None)
    minimal = [p for p in plan_for(Verbosity.MINIMAL).phases if p.kind is not PhaseKind.REST]
    assert minimal == [p for p in plain.phases if p.kind is not PhaseKind.REST]  # "Get ready." fits
    coach = plan_for(Verbosity.COACH)
    assert coach.phases[0].duration > plain.phases[0].duration == 5
    assert plan_for(Verbosity.COACH, 80).phases[0].duration > coach.phases[0].duration
    work = [[p for p in plan.phases if p.kind.is_work] for plan in (plain, coach)]
    assert work[0] == work[1]
    rests = [[p.duration for p in plan.phases if p.kind is PhaseKind.REST] for plan in (plain, coach)]
    assert all(long >= short for short, long in zip(rests[0], rests[1], strict=True))


def test_core_never_imports_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, hipcoach.core as c\n"
        "for m in pkgutil.iter_modules(c.__path__): importlib.import_module('hipcoach.core.' + m.name)\n"
        "bad = sorted(n for n in sys.modules if n.startswith('PySide6') or n.startswith('shiboken'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def _rep_cues(hold: int, verbosity: Verbosity = Verbosity.STANDARD) -> list[str]:
    """What is said during the first rep of a set of two, with a hold of ``hold`` seconds, run on the engine."""
    plan = build_plan(routine(entry(exercise("bridge", reps=2, hold=hold))))
    clock = FakeClock()
    engine = SessionEngine(plan, clock=clock, wall_clock=clock)
    engine.start()
    clock.advance(plan.phases[0].duration)
    said: list[str] = []
    for _ in range(int(2 * plan.phases[1].rep_seconds)):  # half-second steps through the first rep
        ours = [event for event in engine.poll() if getattr(event, "index", None) == 1]  # the reps, not the get-ready
        said += [cue.text for event in ours if (cue := cue_for(event, plan, verbosity)) is not None]
        clock.advance(0.5)
    return said


@pytest.mark.parametrize("verbosity", list(Verbosity))
@pytest.mark.parametrize("hold", [2, 3, 5])
def test_the_hold_inside_a_rep_is_not_counted_so_no_number_follows_the_rep_number(
    verbosity: Verbosity, hold: int
) -> None:
    """ "Down. 2. Hold. 2. 1." was heard as the count going backwards: the only numbers said are the reps'."""
    said = _rep_cues(hold, verbosity)
    if verbosity is Verbosity.MINIMAL:
        assert said == ["Go."]
    else:
        assert said == ["Up.", "Hold.", "Down."]


def _said(events: list[Event], plan: Plan) -> list[str]:
    return [cue.text for cue in cues_for(events, plan) if cue is not None]


def test_carry_on_is_not_said_when_a_command_leaves_the_pause_for_somewhere_else() -> None:
    """Esc, then "Stop session": the engine leaves the pause and ends the session in one batch. "Carry on." before
    "Session stopped." says the opposite of what happens; likewise "next" from a pause says the next exercise."""
    clock = FakeClock()
    plan = sample_plan()
    engine = SessionEngine(plan, clock=clock)
    engine.start()
    clock.advance(plan.phases[0].duration + 3)
    engine.poll()
    engine.pause()
    assert _said(engine.stop(), plan) == ["Session stopped."]
    engine = SessionEngine(plan, clock=clock)
    engine.start()
    clock.advance(plan.phases[0].duration + 3)
    engine.poll()
    engine.pause()
    said = _said(engine.next(), plan)
    assert said and "Carry on." not in said
    engine.pause()
    assert _said(engine.resume(), plan) == ["Carry on."]  # a plain resume still says so
