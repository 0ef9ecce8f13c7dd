"""The quadriceps stretch, wherever the app draws it: the chooser's still, the summary's row and the session page
through the whole hold show the knee bent and the heel drawn up, never a leg standing straight."""

from __future__ import annotations

import dataclasses

from hipcoach.core.content import load_catalogue
from hipcoach.core.figure.body import BodySide, Pose, forward_kinematics
from hipcoach.core.figure.description import ExerciseFigure
from hipcoach.core.figure.motion import still
from hipcoach.core.figure.ranges import measure
from hipcoach.core.model import DoseValue, Exercise
from hipcoach.core.plan import PhaseKind
from hipcoach.ui.figure.stills import FigureStill, FigureStrip
from tests.factories import entry, routine
from tests.ui.rig import WindowRig, run_to_summary

BENT = 100.0  # degrees of knee flexion


def quadriceps() -> Exercise:
    exercise = load_catalogue()["quadriceps-stretch"]
    dose = dataclasses.replace(exercise.dose, hold_seconds=DoseValue(20), sets=DoseValue(1))
    return dataclasses.replace(exercise, dose=dose)


def bent_knee(figure: ExerciseFigure, pose: Pose) -> float:
    """The greater knee flexion of the two legs (the working leg is the one bent)."""
    skeleton = forward_kinematics(pose, figure.view)
    return max(measure(skeleton, "knee.flexion", side) for side in BodySide)


def test_the_chooser_shows_the_stretch_as_held(rig: WindowRig) -> None:
    strip = FigureStrip()
    rig.qtbot.addWidget(strip)
    strip.set_entries([entry(quadriceps())])
    [(figure, name)] = strip.poses()
    assert bent_knee(figure, still(figure, name)) > BENT


def test_the_summary_shows_the_stretch_as_held(rig: WindowRig) -> None:
    rig.start(routine(entry(quadriceps())))
    run_to_summary(rig)
    [row] = rig.window.summary_view.results.rows
    shown = row.still
    assert isinstance(shown, FigureStill) and not shown.isHidden()
    figure = shown.figure()
    assert figure is not None
    [name] = shown.poses()
    assert bent_knee(figure, still(figure, name)) > BENT


def test_the_session_shows_the_knee_bent_through_every_hold(rig: WindowRig) -> None:
    rig.start(routine(entry(quadriceps())))
    seen = 0
    for _ in range(200):
        phase = rig.controller.phase
        if phase is None or rig.window.current_page() is not rig.view:
            break
        if phase.kind is PhaseKind.HOLD:
            figure = rig.view.figure.figure()
            assert figure is not None
            [pose] = rig.view.figure.poses()
            assert bent_knee(figure, pose) > BENT, (phase.side, rig.controller.remaining())
            seen += 1
        rig.run(1.0)
    assert seen >= 2 * 18  # both sides, each held 20 s, looked at every second
