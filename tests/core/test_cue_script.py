from __future__ import annotations

import pytest

from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.cue_script import cue_texts
from hipcoach.core.cues import cue_for
from hipcoach.core.engine import SessionEngine
from hipcoach.core.model import Kind, Position
from hipcoach.core.plan import PhaseKind, Plan, PlanOptions, build_plan
from hipcoach.core.session_state import State
from hipcoach.core.verbosity import Verbosity
from tests.factories import FakeClock, entry, exercise, routine


def small_plan(options: PlanOptions | None = None) -> Plan:
    return build_plan(
        routine(
            entry(exercise("clamshell", position=Position.SIDE, per_side=True, reps=3, hold=2, sets=2)),
            entry(exercise("stretch", kind=Kind.HOLD, hold=10)),
            entry(exercise("bike", kind=Kind.CARDIO, minutes=2, position=Position.MACHINE)),
        ),
        options,
    )


def spoken_in_a_real_run(plan: Plan, verbosity: Verbosity) -> list[str]:
    """What a session says, stepping the engine by 50 ms as a sloppy timer would."""
    clock = FakeClock()
    engine = SessionEngine(plan, clock=clock, wall_clock=clock)
    said: list[str] = []
    events = engine.start()
    while True:
        said += [cue.text for cue in (cue_for(e, plan, verbosity) for e in events) if cue is not None]
        if engine.state in (State.FINISHED, State.STOPPED):
            return said
        if engine.state is State.WAITING:
            events = engine.confirm_ready()
            continue
        clock.advance(0.05)
        events = engine.poll()


@pytest.mark.parametrize("verbosity", list(Verbosity))
def test_texts_are_distinct_and_in_the_order_first_said(verbosity: Verbosity) -> None:
    plan = small_plan()
    texts = cue_texts(plan, verbosity)
    said = spoken_in_a_real_run(plan, verbosity)
    first_said = list(dict.fromkeys(said))
    assert texts[: len(first_said)] == first_said
    assert len(set(texts)) == len(texts)


def test_pause_resume_and_stop_texts_come_last() -> None:
    texts = cue_texts(small_plan())
    assert texts[-4:] == ["Paused.", "Carry on.", "Paused. The computer was asleep.", "Session stopped."]
    assert "Well done. That is the end of your session." in texts


def test_wait_for_me_plans_are_simulated_too() -> None:
    texts = cue_texts(small_plan(PlanOptions(wait_for_me=True)), Verbosity.MINIMAL)
    assert texts[0] == "Down to the mat. Take your time."
    assert "Get ready. Your left leg moves. Press Space when you are ready." in texts
    assert "Well done. That is the end of your session." in texts


def test_every_builtin_routine_has_a_script() -> None:
    catalogue = load_catalogue()
    for routine_ in builtin_routines(catalogue):
        plan = build_plan(routine_)
        for verbosity in Verbosity:
            texts = cue_texts(plan, verbosity)
            assert set(spoken_in_a_real_run(plan, verbosity)) <= set(texts)
            assert texts[1:4] == ["3", "2", "1"]  # the first get-ready's countdown follows its announcement


def said_after_a_stop_in(plan: Plan, index: int, verbosity: Verbosity) -> list[str]:
    """What is said when the user stops part-way through phase ``index`` (the way up from where the body is)."""
    clock = FakeClock()
    engine = SessionEngine(plan, clock=clock, wall_clock=clock)
    engine.start()
    while engine.index < index:
        if engine.state is State.WAITING:
            engine.confirm_ready()
        clock.advance(0.5)
        engine.poll()
    clock.advance(plan.phases[index].duration * 0.6)
    engine.poll()
    events = engine.stop_and_get_up()
    return [cue.text for cue in (cue_for(e, plan, verbosity) for e in events) if cue is not None]


@pytest.mark.parametrize("verbosity", list(Verbosity))
def test_the_way_up_after_a_stop_is_rendered_ahead_from_every_position(verbosity: Verbosity) -> None:
    """A stop on the mat says the way up from where the body is (sitting, on the side, kneeling on the way down),
    not the plan's own way up: unless its words are in the script rendered ahead, the person on the mat hears a
    chime where they needed the way up."""
    catalogue = load_catalogue()
    for routine_ in builtin_routines(catalogue):
        plan = build_plan(routine_)
        texts = set(cue_texts(plan, verbosity))
        first_at: dict[object, int] = {}
        for index, phase in enumerate(plan.phases):
            if phase.kind is PhaseKind.GET_DOWN or phase.kind.is_work:
                position = "down" if phase.kind is PhaseKind.GET_DOWN else plan.entry(phase).exercise.position
                first_at.setdefault(position, index)
        for index in first_at.values():
            assert set(said_after_a_stop_in(plan, index, verbosity)) <= texts, (routine_.id, index)
