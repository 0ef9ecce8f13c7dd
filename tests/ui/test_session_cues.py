"""What the session page shows of the cues: the side named on the body, the safety and form reminders beside the
steps, and both readable, uncut and apart at the small and the usual window size (screenshots kept in artifacts/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel

from hipcoach.core.content import load_catalogue
from hipcoach.core.model import Routine, Side
from hipcoach.core.plan import PhaseKind
from tests.factories import entry, routine
from tests.ui.rig import WindowRig


def _catalogue_routine(*exercise_ids: str, only_side: Side | None = None) -> Routine:
    catalogue = load_catalogue()
    entries = (entry(catalogue[exercise_id], only_side=only_side) for exercise_id in exercise_ids)
    return routine(*entries, rest_between_exercises=0)


def test_clamshells_say_which_side_to_lie_on_from_the_get_ready_to_the_switch(rig: WindowRig) -> None:
    rig.start(_catalogue_routine("clamshells"))
    rig.run_until(PhaseKind.GET_READY)  # after the way down to the mat
    view = rig.view
    assert view.side_label.isVisible()
    assert view.side_label.text() == "Lie on your right side, left knee on top."
    assert "Lie on your right side, left knee on top." in view.caption_label.text()
    rig.run_until(PhaseKind.REPS)
    assert view.phase_label.text() == "Reps"
    assert view.side_label.text() == "Lie on your right side, left knee on top."
    assert view.counters_label.text() == "Rep 1 of 10 · Set 1 of 2"
    rig.run(10 * 4)
    assert view.phase_label.text() == "Switch sides"
    assert view.side_label.text() == "Lie on your left side, right knee on top."
    assert view.caption_label.text().startswith("\u201cSwitch sides. Lie on your left side, right knee on top.")


def test_one_side_only_is_said_on_screen(rig: WindowRig) -> None:
    rig.start(_catalogue_routine("pigeon-pose", only_side=Side.RIGHT))
    rig.run_until(PhaseKind.GET_READY)
    assert rig.view.side_label.text() == "Right leg in front. This side only."


def test_an_exercise_done_on_both_sides_at_once_has_no_side_line(rig: WindowRig) -> None:
    rig.start(_catalogue_routine("bridge"))
    assert not rig.view.side_label.isVisible()


def test_safety_and_form_reminders_are_on_screen_with_the_steps_for_the_whole_exercise(rig: WindowRig) -> None:
    rig.start(_catalogue_routine("pigeon-pose"))
    rig.run_until(PhaseKind.GET_READY)
    view = rig.view
    shown = view.reminders_label.text().splitlines()
    assert shown[0] == "\u26a0 Ease in slowly; stop if the hip pinches."  # safety first
    assert "\u2022 Breathe slowly and let the hip relax." in shown
    rig.run_until(PhaseKind.HOLD)
    assert view.phase_label.text() == "Hold"
    assert view.reminders_label.isVisible()
    assert view.reminders_label.text().splitlines() == shown


def test_the_way_down_shows_its_own_steps_without_the_coming_exercise_s_reminders(rig: WindowRig) -> None:
    """ "Down to the mat" showed the pigeon pose's "Breathe slowly and let the hip relax." under the steps of getting
    down: one set of instructions at a time; the reminders come with the exercise's get-ready."""
    rig.start(_catalogue_routine("pigeon-pose"))
    rig.run_until(PhaseKind.GET_DOWN)
    assert rig.view.name_label.text() == "Down to the mat"
    assert not rig.view.reminders_label.isVisible() and rig.view.reminders_label.text() == ""
    rig.run_until(PhaseKind.GET_READY)
    assert rig.view.reminders_label.isVisible()


def _inside(rig: WindowRig, label: QLabel) -> QRect:
    """The part of ``label`` on screen, in the window: the steps scroll, and a step below the fold is cut by the
    scroll area's viewport, not drawn over what is below it."""
    top_left = label.mapTo(rig.window, label.rect().topLeft())
    box = QRect(top_left, label.size())
    parent = label.parentWidget()
    while parent is not None and parent is not rig.window:
        if isinstance(parent.parentWidget(), QAbstractScrollArea):  # the viewport
            box = box.intersected(QRect(parent.mapTo(rig.window, parent.rect().topLeft()), parent.size()))
        parent = parent.parentWidget()
    return box


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1024, 600)])
@pytest.mark.parametrize(
    ("exercise_id", "phase", "seconds"),
    [
        ("clamshells", PhaseKind.REPS, 10 * 4),  # the side switch: the longest side line
        ("pigeon-pose", PhaseKind.GET_READY, 1),  # the get-ready: the steps, a safety reminder, the benefit at once
    ],
)
def test_the_side_and_reminders_fit_the_window_without_overlapping(
    rig: WindowRig, artifacts_dir: Path, width: int, height: int, exercise_id: str, phase: PhaseKind, seconds: int
) -> None:
    rig.window.resize(width, height)
    rig.start(_catalogue_routine(exercise_id))
    rig.run_until(phase)
    rig.run(seconds)
    view = rig.view
    # the page lays out what it showed in the event loop, before the next paint; the fake clocks do not run it
    QApplication.processEvents()
    window = rig.window.rect()
    labels = [
        view.reminders_label,
        view.side_label,
        view.counters_label,
        view.caption_label,
        *view.steps.labels(),
    ]
    for label in labels:
        assert label.isVisible()
        box = _inside(rig, label)  # type: ignore[arg-type]
        assert box.isEmpty() or window.contains(box), (label.accessibleName(), box, window)
    for text_label in (view.reminders_label, view.side_label):
        needed = text_label.heightForWidth(text_label.width())
        assert text_label.height() >= needed, f"{text_label.accessibleName()} is cut off at {width}x{height}"
    boxes = [box for box in (_inside(rig, label) for label in labels) if not box.isEmpty()]  # type: ignore[arg-type]
    for i, first in enumerate(boxes):
        for second in boxes[i + 1 :]:
            assert not first.intersects(second), (first, second)
    rig.window.grab().save(str(artifacts_dir / f"session-cues-{exercise_id}-{width}x{height}.png"))
