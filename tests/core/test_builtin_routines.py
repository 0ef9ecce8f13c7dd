"""Every shipped routine, run end to end on a fake clock: the time it takes is the time the chooser promises."""

from __future__ import annotations

import itertools

import pytest

from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.cues import SpokenLeadIn
from hipcoach.core.engine import SessionEngine
from hipcoach.core.events import Event, ExerciseDone, PhaseStarted, SessionEnded
from hipcoach.core.model import Routine
from hipcoach.core.plan import PlanOptions, build_plan, estimate_seconds
from hipcoach.core.results import Status
from hipcoach.core.session_state import State
from hipcoach.core.verbosity import Verbosity
from tests.factories import FakeClock

ROUTINES = builtin_routines(load_catalogue())


def test_the_four_routines_of_the_article_are_shipped() -> None:
    assert {"gentle-mobility", "strength", "stretching", "full"} <= {r.id for r in ROUTINES}


@pytest.mark.parametrize("routine", ROUTINES, ids=lambda r: r.id)
@pytest.mark.parametrize(
    "options",
    [PlanOptions(), PlanOptions(get_ready_seconds=12), PlanOptions(speech_floor=SpokenLeadIn(Verbosity.COACH))],
    ids=["default", "slow", "coach"],
)
def test_runs_to_the_end_in_exactly_its_estimate(routine: Routine, options: PlanOptions) -> None:
    plan = build_plan(routine, options)
    clock = FakeClock()
    engine = SessionEngine(plan, clock, clock)
    events: list[Event] = engine.start()
    ticks = 0
    while engine.state is State.RUNNING:
        clock.advance(0.1)
        events += engine.poll()
        ticks += 1
    assert engine.state is State.FINISHED
    summary = next(e.summary for e in events if isinstance(e, SessionEnded))
    assert summary.elapsed_seconds == pytest.approx(estimate_seconds(routine, options))
    assert ticks == pytest.approx(estimate_seconds(routine, options) * 10, abs=1)
    assert [e.phase for e in events if isinstance(e, PhaseStarted)] == list(plan.phases)
    done = [e.result for e in events if isinstance(e, ExerciseDone)]
    assert [r.exercise_id for r in done] == [entry.exercise.id for entry in routine.entries]
    assert all(r.status is Status.COMPLETED for r in done)


@pytest.mark.parametrize("routine", ROUTINES, ids=lambda r: r.id)
def test_floor_changes_are_few(routine: Routine) -> None:
    """Ordered to limit getting up and down: at most one trip down to the floor and one back up."""
    on_floor = [entry.exercise.position.on_floor for entry in routine.entries]
    changes = sum(1 for a, b in itertools.pairwise(on_floor) if a != b)
    assert changes <= 2
