"""Every exercise's figure, at its keyframes and the frames between them: a body that keeps its shape, stays out of
the floor and the props, bends only as far as a normal joint does (AAOS), and moves the joint the exercise works."""

from __future__ import annotations

import math

import pytest

from hipcoach.core.figure.body import BONES, SEGMENT_LENGTHS, BodySide, View, forward_kinematics, norm, sub
from hipcoach.core.figure.description import START, TOP
from hipcoach.core.figure.motion import still
from hipcoach.core.figure.props import moving_shapes, static_shapes
from hipcoach.core.figure.ranges import measure, out_of_range
from tests.core.figure.support import catalogue, every_case, exercise_ids, figure_of, skeletons

CASES = every_case()
IDS = [f"{exercise_id}-{side or 'both'}" for exercise_id, side in CASES]


def test_every_shipped_exercise_has_a_figure() -> None:
    assert len([exercise for exercise in catalogue().values() if exercise.variant_of is None]) == 18
    assert all(exercise.movement.figure is not None for exercise in catalogue().values())


@pytest.mark.parametrize(("exercise_id", "side"), CASES, ids=IDS)
def test_segments_keep_their_length(exercise_id: str, side: BodySide | None) -> None:
    for seconds, skeleton in skeletons(exercise_id, side):
        for segment, start, end in BONES:
            length = norm(sub(skeleton[end], skeleton[start]))
            assert length == pytest.approx(SEGMENT_LENGTHS[segment], abs=1e-9), (seconds, segment, start)


@pytest.mark.parametrize(("exercise_id", "side"), CASES, ids=IDS)
def test_no_joint_below_the_floor_or_inside_a_prop(exercise_id: str, side: BodySide | None) -> None:
    figure = figure_of(exercise_id).for_side(side)
    solid = [shape for shape in static_shapes(figure) if shape.solid]
    for seconds, skeleton in skeletons(exercise_id, side):
        shapes = solid + [shape for shape in moving_shapes(figure, skeleton) if shape.solid]
        for name, (x, y, _z) in skeleton.points.items():
            if figure.view is not View.TOP:
                assert y >= -0.005, (seconds, name, y)
            inside = [shape.prop for shape in shapes if shape.contains(x, y, margin=0.005)]
            assert not inside, (seconds, name, inside)


@pytest.mark.parametrize(("exercise_id", "side"), CASES, ids=IDS)
def test_every_joint_stays_within_its_normal_range(exercise_id: str, side: BodySide | None) -> None:
    for seconds, skeleton in skeletons(exercise_id, side):
        assert out_of_range(skeleton) == [], seconds


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_the_working_joint_moves_through_its_stated_range(exercise_id: str) -> None:
    figure = figure_of(exercise_id)
    work = figure.work
    measured_on = work.side or BodySide.LEFT if work.measure.split(".")[0] in ("hip", "knee", "ankle") else work.side
    angles = {
        name: measure(forward_kinematics(still(figure, name), figure.view), work.measure, measured_on)
        for name in (START, TOP)
    }
    assert angles[START] == pytest.approx(work.start, abs=5)
    assert angles[TOP] == pytest.approx(work.top, abs=5)
    assert abs(work.top - work.start) >= 7, "the working joint hardly moves"


def _reflected(point: tuple[float, float, float]) -> tuple[float, float, float]:
    return (-point[0], point[1], point[2])


def _other(name: str) -> str:
    for side in BodySide:
        if name.startswith(f"{side}_"):
            return f"{side.other}_{name[len(side) + 1 :]}"
    return name


@pytest.mark.parametrize("exercise_id", [e for e in exercise_ids() if catalogue()[e].per_side])
def test_the_other_side_is_an_exact_mirror(exercise_id: str) -> None:
    lefts = list(skeletons(exercise_id, BodySide.LEFT))
    rights = list(skeletons(exercise_id, BodySide.RIGHT))
    assert len(lefts) == len(rights)
    for (seconds, left), (_, right) in zip(lefts, rights, strict=True):
        for name, point in left.points.items():
            mirrored = right[_other(name)]
            assert mirrored == pytest.approx(_reflected(point), abs=1e-9), (seconds, name)
    assert any(
        not math.isclose(left["left_knee"][0], right["right_knee"][0])
        for (_, left), (_, right) in zip(lefts, rights, strict=True)
    ), "the two sides are the same picture, not mirrors"


def test_an_exercise_with_its_figure_can_still_be_a_key() -> None:
    """Exercises are frozen values the app may keep in sets and dictionaries; the figure must not change that."""
    exercises = list(catalogue().values())
    assert len(set(exercises)) == len(exercises)
    figure = figure_of("clamshells")
    assert {figure: 1}[figure.for_side(BodySide.LEFT)] == 1
    assert figure.for_side(BodySide.RIGHT) != figure
    assert figure.for_side(BodySide.RIGHT).for_side(BodySide.LEFT) == figure
