"""A stretch is drawn as it is held wherever one picture stands for it: the quadriceps stretch's knee is bent, the
heel drawn up, in its still and in every frame of the hold (docs/figure.md, "One still")."""

from __future__ import annotations

import pytest

from hipcoach.core.figure.body import BodySide, forward_kinematics
from hipcoach.core.figure.description import START, TOP
from hipcoach.core.figure.motion import frame, still
from hipcoach.core.figure.ranges import measure
from hipcoach.core.model import Kind
from hipcoach.core.plan import PhaseKind
from tests.core.figure.support import catalogue, figure_of, plan_of

BENT = 100.0  # degrees of knee flexion: a heel drawn up behind, not a leg standing straight
QUADRICEPS = ["quadriceps-stretch", "quadriceps-stretch-tuck"]


def knee(exercise_id: str, name: str, side: BodySide) -> float:
    figure = figure_of(exercise_id)
    return measure(forward_kinematics(still(figure, name, side), figure.view), "knee.flexion", side)


@pytest.mark.parametrize("side", list(BodySide))
@pytest.mark.parametrize("exercise_id", QUADRICEPS)
def test_the_single_still_of_the_quadriceps_stretch_has_the_knee_bent(exercise_id: str, side: BodySide) -> None:
    figure = figure_of(exercise_id)
    assert figure.likeness == TOP
    assert knee(exercise_id, figure.likeness, side) > BENT


@pytest.mark.parametrize("exercise_id", QUADRICEPS)
def test_every_frame_of_the_hold_has_the_knee_bent(exercise_id: str) -> None:
    figure = figure_of(exercise_id)
    holds = [phase for phase in plan_of(exercise_id).phases if phase.kind is PhaseKind.HOLD]
    assert {phase.side.value for phase in holds if phase.side is not None} == {"left", "right"}
    for phase in holds:
        assert phase.side is not None
        side = BodySide(phase.side.value)
        for k in range(11):
            pose = frame(figure, phase, phase.duration * k / 10)
            assert measure(forward_kinematics(pose, figure.view), "knee.flexion", side) > BENT, (side, k)


def test_a_movement_is_shown_by_its_start_and_every_stretch_as_held() -> None:
    for exercise_id, exercise in catalogue().items():
        figure = figure_of(exercise_id)
        held = exercise.kind is Kind.HOLD
        assert figure.likeness == (TOP if held else START), exercise_id
