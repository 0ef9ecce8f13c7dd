"""Each shipped exercise's declared demands on the hip, held against its figure (docs/figure.md): the declared
greatest bend is at least the figure's, for both hips, on both sides, at every keyframe and along the way between
them (and round a machine's cycle, where the feet follow the pedals); extension and crossing the middle are
declared exactly where the figure shows them. Rotation about the thigh's own axis (turning in or out) is not a
degree of freedom of the figure, so those two are the file's word alone (docs/safety.md)."""

from __future__ import annotations

import pytest

from hipcoach.core import content
from hipcoach.core.figure.body import BodySide, View, forward_kinematics
from hipcoach.core.figure.description import ExerciseFigure
from hipcoach.core.figure.motion import along, cycle_pose
from hipcoach.core.figure.ranges import measure
from hipcoach.core.model import Demands, Exercise, Position
from hipcoach.core.safety.adapt import broken_by
from hipcoach.core.safety.precautions import DEEP_BEND_DEGREES, Precaution

SLACK = 0.5  # degrees: the figure's own slack against the normal ranges
PAST_NEUTRAL = 5.0  # degrees past neutral before the figure counts as extending or crossing
SAMPLES = 40

CATALOGUE = content.with_variants(content.load_catalogue())  # the article's exercises and their versions


def demands_of(exercise: Exercise) -> Demands:
    assert exercise.movement.demands is not None, f"{exercise.id} declares no demands"
    return exercise.movement.demands


def figures(exercise: Exercise) -> list[ExerciseFigure]:
    figure = exercise.movement.figure
    assert figure is not None, exercise.id
    return [figure.for_side(side) for side in BodySide] if figure.per_side else [figure]


def hip_angles(exercise: Exercise, name: str) -> list[float]:
    """``name`` of both hips at every keyframe, along the path and round the cycle, on each side done."""
    found: list[float] = []
    for figure in figures(exercise):
        poses = list(figure.keyframes.values()) + [along(figure, i / SAMPLES) for i in range(SAMPLES + 1)]
        if figure.cadence:
            poses += [cycle_pose(figure, i / SAMPLES * 60.0 / figure.cadence) for i in range(SAMPLES)]
        for pose in poses:
            skeleton = forward_kinematics(pose, figure.view)
            found.extend(measure(skeleton, name, side) for side in BodySide)
    return found


@pytest.mark.parametrize("exercise_id", sorted(CATALOGUE))
def test_the_declared_bend_is_at_least_the_figures(exercise_id: str) -> None:
    exercise = CATALOGUE[exercise_id]
    greatest = max(hip_angles(exercise, "hip.flexion"))
    assert demands_of(exercise).hip_bend >= greatest - SLACK, f"the figure bends the hip {greatest:.0f}°"


@pytest.mark.parametrize("exercise_id", sorted(CATALOGUE))
def test_extension_is_declared_where_the_figure_extends(exercise_id: str) -> None:
    exercise = CATALOGUE[exercise_id]
    figure = exercise.movement.figure
    assert figure is not None
    extends = min(hip_angles(exercise, "hip.flexion")) < -PAST_NEUTRAL
    if figure.view is View.SIDE:  # the side view shows extension exactly
        assert demands_of(exercise).extends == extends
    else:
        assert demands_of(exercise).extends or not extends


@pytest.mark.parametrize("exercise_id", sorted(CATALOGUE))
def test_crossing_is_declared_where_the_figure_crosses(exercise_id: str) -> None:
    exercise = CATALOGUE[exercise_id]
    figure = exercise.movement.figure
    assert figure is not None
    crosses = min(hip_angles(exercise, "hip.abduction")) < -PAST_NEUTRAL
    if figure.view is View.FRONT:  # the front view shows adduction exactly
        assert demands_of(exercise).crosses_middle == crosses
    else:
        assert demands_of(exercise).crosses_middle or not crosses


@pytest.mark.parametrize("exercise_id", sorted(CATALOGUE))
def test_floor_and_kneeling_agree_with_the_position(exercise_id: str) -> None:
    exercise = CATALOGUE[exercise_id]
    demands = demands_of(exercise)
    assert demands.floor == exercise.position.on_floor
    assert demands.kneels == (exercise.position in (Position.KNEELING, Position.ALL_FOURS))


# A physiotherapist's reading of the movements the figure cannot show (rotation about the thigh).
TURNING = {
    "pigeon-pose": (False, True),
    "butterfly-stretch": (False, True),
    "hip-rotations": (True, True),
    "clamshells": (False, True),
    "yoga-squat": (False, True),
    "hip-rotations-lying": (False, True),  # the knee falls out: outward only
    "hip-rotations-band": (True, True),
    "butterfly-stretch-supported": (False, True),
    "butterfly-stretch-forward": (False, True),
    "clamshells-small": (False, True),
    "clamshells-band": (False, True),
    "yoga-squat-band": (False, True),
    "figure-four-stretch": (False, True),
    "pigeon-pose-forearms": (False, True),
}


@pytest.mark.parametrize("exercise_id", sorted(CATALOGUE))
def test_turning_is_declared_by_the_file(exercise_id: str) -> None:
    demands = demands_of(CATALOGUE[exercise_id])
    assert (demands.turns_in, demands.turns_out) == TURNING.get(exercise_id, (False, False))


def test_what_the_issue_names_bends_past_ninety_degrees() -> None:
    for exercise_id in ("pigeon-pose", "butterfly-stretch", "hip-rotations", "yoga-squat", "knee-to-chest"):
        assert demands_of(CATALOGUE[exercise_id]).hip_bend > 90, exercise_id
    assert demands_of(CATALOGUE["rowing-machine"]).hip_bend > 90  # at the catch
    assert demands_of(CATALOGUE["bridge"]).extends is False  # to neutral, not past it


def test_the_easier_bike_keeps_the_hip_bend_within_ninety_degrees() -> None:
    """After an operation from the back no hip bend past 90 degrees: the high seat keeps the bike in (its figure is
    held to the declared bend above), where the article's bike is ruled out."""
    deep = frozenset({Precaution.DEEP_BEND})
    assert broken_by(CATALOGUE["stationary-bike-easy"], deep) == ()
    assert max(hip_angles(CATALOGUE["stationary-bike-easy"], "hip.flexion")) <= DEEP_BEND_DEGREES
    assert broken_by(CATALOGUE["stationary-bike"], deep) == (Precaution.DEEP_BEND,)
