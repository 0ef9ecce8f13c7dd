"""The shipped exercises' figures and the frames a session shows of them, for the figure tests."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from hipcoach.core import content
from hipcoach.core.figure.body import BodySide, Pose, Skeleton, forward_kinematics
from hipcoach.core.figure.description import ExerciseFigure
from hipcoach.core.figure.motion import frame
from hipcoach.core.model import Entry, Exercise, Routine
from hipcoach.core.plan import Phase, PhaseKind, Plan, build_plan

SAMPLES = 24
"""Moments sampled in each movement (keyframes and the frames between them)."""


@functools.cache
def catalogue() -> dict[str, Exercise]:
    """The article's exercises and every version of them: a version's figure meets the same bars."""
    return content.with_variants(content.load_catalogue())


def exercise_ids() -> list[str]:
    return sorted(catalogue())


def figure_of(exercise_id: str) -> ExerciseFigure:
    figure = catalogue()[exercise_id].movement.figure
    assert figure is not None, exercise_id
    return figure


def plan_of(exercise_id: str) -> Plan:
    """A one-exercise routine of ``exercise_id`` with its own dose, as a session would run it."""
    exercise = catalogue()[exercise_id]
    routine = Routine(id="test", name="Test", description="", entries=(Entry(exercise, exercise.dose),))
    return build_plan(routine)


def work_phase(exercise_id: str, side: BodySide | None = None) -> Phase:
    for phase in plan_of(exercise_id).phases:
        if phase.kind.is_work and (side is None or phase.side is None or phase.side.value == side.value):
            return phase
    raise AssertionError(f"{exercise_id} has no work phase on {side}")


def sides_of(exercise_id: str) -> tuple[BodySide | None, ...]:
    return (BodySide.LEFT, BodySide.RIGHT) if catalogue()[exercise_id].per_side else (None,)


def movement_span(figure: ExerciseFigure, phase: Phase) -> float:
    """How long one whole movement lasts in ``phase``: a rep, a stretch's way in, two machine cycles."""
    if phase.kind is PhaseKind.REPS:
        return phase.rep_seconds
    if phase.kind is PhaseKind.CARDIO:
        assert figure.cadence is not None
        return 2 * 60.0 / figure.cadence
    return 2.0


def moments(exercise_id: str, side: BodySide | None) -> Iterator[tuple[float, Pose]]:
    """(seconds, pose) through one movement of the exercise's first work phase on ``side``."""
    figure = figure_of(exercise_id)
    phase = work_phase(exercise_id, side)
    span = movement_span(figure, phase)
    for k in range(SAMPLES + 1):
        seconds = span * k / SAMPLES
        yield seconds, frame(figure, phase, seconds, side)


def skeletons(exercise_id: str, side: BodySide | None) -> Iterator[tuple[float, Skeleton]]:
    view = figure_of(exercise_id).view
    for seconds, pose in moments(exercise_id, side):
        yield seconds, forward_kinematics(pose, view)


def every_case() -> list[tuple[str, BodySide | None]]:
    return [(exercise_id, side) for exercise_id in exercise_ids() for side in sides_of(exercise_id)]
