from __future__ import annotations

import pytest

from hipcoach.core.model import Entry, Kind, Position, Routine, Side, Tempo
from hipcoach.core.plan import BeatKind, Longer, Phase, PhaseKind, PlanOptions, build_plan
from tests.factories import entry, exercise, routine


def kinds(plan_phases: object) -> list[str]:
    return [phase.kind.value for phase in plan_phases]  # type: ignore[attr-defined]


def test_per_side_sets_alternate_sides_with_rest_between_sets() -> None:
    ex = exercise("clamshell", position=Position.SIDE, per_side=True, sets=2)
    plan = build_plan(routine(entry(ex)))
    assert kinds(plan.phases) == [
        "get-down", "get-ready", "reps", "switch-sides", "reps", "rest", "reps", "switch-sides", "reps", "get-up",
    ]  # fmt: skip
    sides = [phase.side for phase in plan.phases[1:-1]]
    assert sides == [Side.LEFT, Side.LEFT, Side.RIGHT, Side.RIGHT, Side.LEFT, Side.LEFT, Side.RIGHT, Side.RIGHT]
    work = [phase for phase in plan.phases if phase.kind is PhaseKind.REPS]
    assert [phase.set_number for phase in work] == [1, 1, 2, 2]
    assert all(phase.set_count == 2 for phase in work)
    rest = plan.phases[5]
    assert (rest.duration, rest.set_number) == (4.0, 2)


def test_side_lying_switch_takes_the_roll_over_time() -> None:
    side_lying = build_plan(routine(entry(exercise("c", position=Position.SIDE, per_side=True))))
    standing = build_plan(routine(entry(exercise("a", position=Position.STANDING, per_side=True))))
    assert side_lying.phases[3].duration == PlanOptions().roll_over_seconds == 10
    assert standing.phases[2].duration == PlanOptions().switch_sides_seconds == 5


def test_first_side_and_only_side() -> None:
    ex = exercise("kick", per_side=True)
    right_first = build_plan(routine(entry(ex, first_side=Side.RIGHT)))
    assert [p.side for p in right_first.phases if p.kind is PhaseKind.REPS] == [Side.RIGHT, Side.LEFT]
    only_left = build_plan(routine(entry(ex, only_side=Side.LEFT)))
    assert kinds(only_left.phases) == ["get-ready", "reps"]
    assert only_left.phases[1].side is Side.LEFT


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (Position.STANDING, Position.STANDING, 5),
        (Position.STANDING, Position.CHAIR, 15),  # same level, another position
        (Position.STANDING, Position.BACK, 15),  # after the way down to the mat: into the position
        (Position.STANDING, Position.KNEELING, 5),  # the way down ends kneeling
        (Position.BACK, Position.SIDE, 15),
        (Position.ALL_FOURS, Position.STANDING, 5),  # the way up ends standing
    ],
)
def test_get_ready_is_longer_when_the_position_changes(before: Position, after: Position, expected: int) -> None:
    plan = build_plan(routine(entry(exercise("a", position=before)), entry(exercise("b", position=after))))
    second_get_ready = [p for p in plan.phases if p.kind is PhaseKind.GET_READY][1]
    assert second_get_ready.duration == expected


@pytest.mark.parametrize(
    ("before", "after", "why"),
    [
        (Position.STANDING, Position.STANDING, ()),
        (Position.STANDING, Position.CHAIR, (Longer.POSITION,)),
        (Position.STANDING, Position.BACK, (Longer.POSITION,)),
        (Position.ALL_FOURS, Position.STANDING, ()),
    ],
)
def test_a_longer_get_ready_says_why(before: Position, after: Position, why: tuple[Longer, ...]) -> None:
    plan = build_plan(routine(entry(exercise("a", position=before)), entry(exercise("b", position=after))))
    second_get_ready = [p for p in plan.phases if p.kind is PhaseKind.GET_READY][1]
    assert second_get_ready.longer_for == why


def test_a_get_ready_lengthened_for_its_spoken_intro_says_so_too() -> None:
    ex = exercise("a", position=Position.BACK)
    plan = build_plan(routine(entry(ex)), PlanOptions(speech_floor=lambda _p, _e, _r: 60.0))
    assert plan.phases[1].longer_for == (Longer.POSITION, Longer.SPEECH)
    plain = build_plan(routine(entry(exercise("a", position=Position.STANDING))))
    assert plain.phases[0].longer_for == ()


def test_first_exercise_on_the_floor_starts_with_the_way_down() -> None:
    plan = build_plan(routine(entry(exercise("a", position=Position.BACK))), PlanOptions(get_ready_seconds=8))
    assert kinds(plan.phases) == ["get-down", "get-ready", "reps", "get-up"]
    assert plan.phases[0].duration == PlanOptions().floor_move_seconds == 30
    assert plan.phases[1].duration == 8 + 10  # then into the position


def test_rest_between_exercises_comes_before_the_next_get_ready() -> None:
    plan = build_plan(routine(entry(exercise("a")), entry(exercise("b"))))
    assert kinds(plan.phases) == ["get-ready", "reps", "rest", "get-ready", "reps"]
    assert plan.phases[2].entry_index == 1  # the rest belongs to the exercise it leads into
    assert plan.get_ready_phase(1) == 3
    assert plan.first_phase(1) == 2


def test_paced_reps_have_up_hold_down_beats() -> None:
    ex = exercise("bridge", reps=2, hold=3, tempo=Tempo(2.0, 1.5))
    phase = build_plan(routine(entry(ex))).phases[1]
    assert phase.rep_seconds == 6.5
    assert phase.duration == 13.0
    assert [(b.offset, b.kind, b.rep) for b in phase.beats if b.kind is not BeatKind.HOLDING] == [
        (0.0, BeatKind.UP, 1),
        (2.0, BeatKind.HOLD, 1),
        (5.0, BeatKind.DOWN, 1),
        (6.5, BeatKind.UP, 2),
        (8.5, BeatKind.HOLD, 2),
        (11.5, BeatKind.DOWN, 2),
    ]


def test_a_hold_inside_a_rep_has_a_beat_for_each_second_left() -> None:
    ex = exercise("bridge", reps=2, hold=3, tempo=Tempo(2.0, 1.5))
    phase = build_plan(routine(entry(ex))).phases[1]
    holding = [(b.offset, b.kind, b.rep, b.remaining) for b in phase.beats if b.rep == 1 and b.offset >= 2.0]
    assert holding == [
        (2.0, BeatKind.HOLD, 1, 3),
        (3.0, BeatKind.HOLDING, 1, 2),
        (4.0, BeatKind.HOLDING, 1, 1),
        (5.0, BeatKind.DOWN, 1, 0),
    ]


def test_steps_have_no_hold_beat_even_with_a_hold_value() -> None:
    ex = exercise("walk", kind=Kind.STEPS, reps=4, hold=3)
    phase = build_plan(routine(entry(ex))).phases[1]
    assert {b.kind for b in phase.beats} == {BeatKind.UP, BeatKind.DOWN}
    assert phase.duration == 8.0


def test_hold_and_cardio_durations() -> None:
    stretch = exercise("stretch", kind=Kind.HOLD, hold=30, per_side=True)
    bike = exercise("bike", kind=Kind.CARDIO, minutes=10, position=Position.MACHINE)
    plan = build_plan(routine(entry(stretch), entry(bike)))
    holds = [p for p in plan.phases if p.kind is PhaseKind.HOLD]
    assert [(p.duration, p.target) for p in holds] == [(30.0, 30), (30.0, 30)]
    cardio = [p for p in plan.phases if p.kind is PhaseKind.CARDIO]
    assert [(p.duration, p.target) for p in cardio] == [(600.0, 600)]


def test_total_is_the_sum_of_phases() -> None:
    plan = build_plan(routine(entry(exercise("a", reps=3)), entry(exercise("b", kind=Kind.HOLD, hold=20))))
    # get-ready 5 + 3 reps x 2 s + rest 6 + get-ready 5 + hold 20
    assert plan.total_seconds == 5 + 6 + 6 + 5 + 20


def test_wait_for_me_marks_every_get_ready() -> None:
    plan = build_plan(routine(entry(exercise("a")), entry(exercise("b"))), PlanOptions(wait_for_me=True))
    assert [p.wait_for_user for p in plan.phases] == [p.kind is PhaseKind.GET_READY for p in plan.phases]


def test_speech_floor_lengthens_only_get_ready_side_switch_and_rest_to_whole_seconds() -> None:
    asked: list[PhaseKind] = []

    def floor(phase: Phase, _entry: Entry, _routine: Routine) -> float:
        asked.append(phase.kind)
        return 12.2

    ex = exercise("a", position=Position.STANDING, per_side=True, sets=2)
    plain = build_plan(routine(entry(ex)))
    floored = build_plan(routine(entry(ex)), PlanOptions(speech_floor=floor))
    spoken = {PhaseKind.GET_READY, PhaseKind.SWITCH_SIDES, PhaseKind.REST}
    assert set(asked) == spoken
    for before, after in zip(plain.phases, floored.phases, strict=True):
        if before.kind in spoken:
            assert after.duration == 13.0  # whole seconds, so the countdown stays on second boundaries
        else:
            assert after == before


def test_speech_floor_never_shortens_a_phase() -> None:
    ex = exercise("b", position=Position.CHAIR, per_side=True)  # standing -> chair: 5 + 10 s get-ready
    plan = build_plan(routine(entry(ex)), PlanOptions(speech_floor=lambda _p, _e, _r: 7.0))
    assert plan.phases[0].duration == 15.0
    assert plan.phases[2].duration == 7.0  # the 5 s switch is too short for 7 s


def test_lying_face_down_is_floor_work_with_a_plain_switch_of_legs() -> None:
    """The donkey kick's easier version is done face down: the way down to the mat comes first, and changing legs
    needs no roll-over (the body stays where it is)."""
    assert Position.FRONT.on_floor
    assert Position.FRONT.label == "Lying on your front"
    face_down = build_plan(routine(entry(exercise("lift", position=Position.FRONT, per_side=True))))
    assert kinds(face_down.phases) == ["get-down", "get-ready", "reps", "switch-sides", "reps", "get-up"]
    assert face_down.phases[3].duration == PlanOptions().switch_sides_seconds
