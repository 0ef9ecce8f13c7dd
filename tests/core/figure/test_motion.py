"""The pose shown is a pure function of the phase and the seconds into it (docs/figure.md, "The rules of motion"):
start at get-ready, top at the end of the lift beat, still through the hold, back to start at the end of the
lowering, the other side after the switch, a stretch held, a machine looping at its cadence."""

from __future__ import annotations

import pytest

from hipcoach.core.figure.body import BodySide, Pose, forward_kinematics
from hipcoach.core.figure.description import START, TOP, ExerciseFigure
from hipcoach.core.figure.motion import frame, is_moving, next_motion, posed, position, shown, still
from hipcoach.core.model import Entry, Routine, Side
from hipcoach.core.plan import BeatKind, Phase, PhaseKind, build_plan
from tests.core.figure.support import catalogue, exercise_ids, figure_of, plan_of, sides_of, work_phase


def same(figure: ExerciseFigure, a: Pose, b: Pose) -> bool:
    pa, pb = forward_kinematics(a, figure.view).points, forward_kinematics(b, figure.view).points
    return all(pa[name] == pytest.approx(pb[name], abs=1e-9) for name in pa)


def phases(exercise_id: str, kind: PhaseKind) -> list[Phase]:
    return [phase for phase in plan_of(exercise_id).phases if phase.kind is kind]


def beat_at(phase: Phase, kind: BeatKind, rep: int = 1) -> float:
    return next(beat.offset for beat in phase.beats if beat.kind is kind and beat.rep == rep)


def test_get_ready_shows_the_start_pose_on_the_coming_side_and_stands_still() -> None:
    figure = figure_of("clamshells")
    (ready,) = phases("clamshells", PhaseKind.GET_READY)
    assert ready.side is Side.LEFT
    for seconds in (0.0, ready.duration / 2, ready.duration - 0.01):
        assert same(figure, frame(figure, ready, seconds), still(figure, START, BodySide.LEFT))
        assert not is_moving(figure, ready, seconds)
    assert next_motion(figure, ready, 0.0) is None


def test_a_rep_reaches_the_top_at_the_end_of_the_lift_beat_and_is_back_at_the_end_of_the_lowering() -> None:
    figure = figure_of("clamshells")  # no hold: lift, then lower
    reps = phases("clamshells", PhaseKind.REPS)[0]
    down = beat_at(reps, BeatKind.DOWN)
    assert same(figure, frame(figure, reps, 0.0), still(figure, START, BodySide.LEFT))
    assert same(figure, frame(figure, reps, down), still(figure, TOP, BodySide.LEFT))
    assert same(figure, frame(figure, reps, reps.rep_seconds), still(figure, START, BodySide.LEFT))
    middle = frame(figure, reps, down / 2)
    assert not same(figure, middle, still(figure, START, BodySide.LEFT))
    assert not same(figure, middle, still(figure, TOP, BodySide.LEFT))
    assert is_moving(figure, reps, down / 2)
    assert is_moving(figure, reps, down + 0.5)  # lowering


def test_the_top_is_held_still_through_the_hold_at_the_top() -> None:
    figure = figure_of("bridge")
    reps = phases("bridge", PhaseKind.REPS)[0]
    hold, down = beat_at(reps, BeatKind.HOLD), beat_at(reps, BeatKind.DOWN)
    assert hold < down
    for seconds in (hold, (hold + down) / 2, down):
        assert same(figure, frame(figure, reps, seconds), still(figure, TOP))
    assert not is_moving(figure, reps, (hold + down) / 2)
    assert next_motion(figure, reps, (hold + down) / 2) == pytest.approx(down)
    assert is_moving(figure, reps, hold / 2)


def test_the_side_switch_shows_the_other_side_the_exact_mirror() -> None:
    figure = figure_of("clamshells")
    (switch, *_) = phases("clamshells", PhaseKind.SWITCH_SIDES)
    assert switch.side is Side.RIGHT
    shown_pose = frame(figure, switch, 1.0)
    assert same(figure, shown_pose, still(figure, START, BodySide.RIGHT))
    assert not same(figure, shown_pose, still(figure, START, BodySide.LEFT))
    right_reps = next(p for p in phases("clamshells", PhaseKind.REPS) if p.side is Side.RIGHT)
    top = frame(figure, right_reps, beat_at(right_reps, BeatKind.DOWN))
    assert same(figure, top, still(figure, TOP, BodySide.RIGHT))


def test_a_stretch_holds_its_pose() -> None:
    figure = figure_of("pigeon-pose")
    hold = phases("pigeon-pose", PhaseKind.HOLD)[0]
    for seconds in (0.0, 1.0, hold.duration / 2, hold.duration - 0.01):
        assert same(figure, frame(figure, hold, seconds), still(figure, TOP, BodySide.LEFT))
        assert not is_moving(figure, hold, seconds)


@pytest.mark.parametrize("exercise_id", [e for e in exercise_ids() if catalogue()[e].kind.value == "cardio"])
def test_a_machine_loops_its_cycle_at_its_cadence(exercise_id: str) -> None:
    figure = figure_of(exercise_id)
    cardio = phases(exercise_id, PhaseKind.CARDIO)[0]
    assert figure.cadence is not None
    period = 60.0 / figure.cadence
    for seconds in (0.0, 0.3, 1.7, 100.0):
        assert same(figure, frame(figure, cardio, seconds), frame(figure, cardio, seconds + period))
        assert not same(figure, frame(figure, cardio, seconds), frame(figure, cardio, seconds + period / 2))
        assert is_moving(figure, cardio, seconds)
    assert same(figure, frame(figure, cardio, 0.0), still(figure, START))
    assert same(figure, frame(figure, cardio, period / 2), still(figure, TOP))
    assert not is_moving(figure, cardio, cardio.duration)


def test_a_rest_between_exercises_shows_the_coming_exercise_on_its_first_side() -> None:
    bridge, clamshells = catalogue()["bridge"], catalogue()["clamshells"]
    routine = Routine(
        id="two",
        name="Two",
        description="",
        entries=(Entry(bridge, bridge.dose), Entry(clamshells, clamshells.dose, first_side=Side.RIGHT)),
    )
    plan = build_plan(routine)
    index = next(i for i, phase in enumerate(plan.phases) if phase.kind is PhaseKind.REST and phase.entry_index == 1)
    assert plan.phases[index].side is None
    entry_index, side = shown(plan, index)
    assert (entry_index, side) == (1, Side.RIGHT)
    figure = figure_of("clamshells")
    pose = frame(figure, plan.phases[index], 3.0, side)
    assert same(figure, pose, still(figure, START, BodySide.RIGHT))


def test_the_frame_is_a_pure_function_of_the_seconds() -> None:
    figure = figure_of("bridge")
    reps = phases("bridge", PhaseKind.REPS)[0]
    assert same(figure, frame(figure, reps, 1.234), frame(figure, reps, 1.234))
    later_rep = reps.rep_seconds * 3 + 1.234
    assert same(figure, frame(figure, reps, 1.234), frame(figure, reps, later_rep))


@pytest.mark.parametrize(
    "exercise_id", [e for e in sorted(catalogue()) if catalogue()[e].kind.value in ("reps", "steps")]
)
def test_within_a_rep_the_working_joint_stays_between_its_start_and_top_angles(exercise_id: str) -> None:
    from hipcoach.core.figure.ranges import measure  # noqa: PLC0415 - only this test measures

    figure = figure_of(exercise_id)
    reps = phases(exercise_id, PhaseKind.REPS)[0]
    work = figure.work
    side = work.side or BodySide.LEFT if work.measure.startswith(("hip", "knee", "ankle")) else work.side
    low, high = sorted((work.start, work.top))
    for k in range(61):
        seconds = reps.rep_seconds * k / 60
        skeleton = forward_kinematics(frame(figure, reps, seconds), figure.view)
        assert low - 6 <= measure(skeleton, work.measure, side) <= high + 6, seconds


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_a_moving_pose_is_the_pose_at_its_position(exercise_id: str) -> None:
    """The session page keeps poses by their position in the movement; that is only right if the position is all a
    frame depends on."""
    for side in sides_of(exercise_id):
        figure = figure_of(exercise_id).for_side(side)
        phase = work_phase(exercise_id, side)
        for k in range(40):
            seconds = k * 0.37
            where = position(figure, phase, seconds)
            if phase.kind is PhaseKind.HOLD:
                assert where is None
                continue
            assert where is not None
            assert posed(figure, phase.kind, where) == frame(figure, phase, seconds, side), (exercise_id, seconds)
