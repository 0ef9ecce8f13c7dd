"""Every shipped routine, run end to end on a fake clock: the time it takes is the time the chooser promises."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

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


# Written here, not read from the exercise files: what a physiotherapist would call a warm-up to start with.
WARM_UPS = {"stationary-bike", "elliptical", "rowing-machine", "leg-swings"}
GENTLER_FLOOR_STRETCHES = {"butterfly-stretch", "knee-to-chest"}
CLI_TIMING = PlanOptions(speech_floor=SpokenLeadIn())  # what `hipcoach routines` and the chooser show by default


@pytest.mark.parametrize("routine", ROUTINES, ids=lambda r: r.id)
def test_every_builtin_routine_starts_with_a_warm_up(routine: Routine) -> None:
    assert routine.entries[0].exercise.id in WARM_UPS
    assert routine.starts_warm


def test_strength_has_a_standard_version_of_about_twenty_minutes_and_a_long_one_named_so() -> None:
    by_id = {routine.id: routine for routine in ROUTINES}
    standard, long = by_id["strength"], by_id["strength-long"]  # "strength" stays the id the history knows
    assert standard.name == "Strength"
    assert 18 * 60 <= estimate_seconds(standard, CLI_TIMING) <= 22 * 60
    assert 18 * 60 <= estimate_seconds(standard) <= 22 * 60
    assert "long" in long.name.lower()
    assert estimate_seconds(long, CLI_TIMING) > estimate_seconds(standard, CLI_TIMING)


@pytest.mark.parametrize("routine", [r for r in ROUTINES if "pigeon-pose" in {e.exercise.id for e in r.entries}])
def test_pigeon_comes_after_the_gentler_floor_stretches(routine: Routine) -> None:
    ids = [entry.exercise.id for entry in routine.entries]
    gentler = [index for index, exercise_id in enumerate(ids) if exercise_id in GENTLER_FLOOR_STRETCHES]
    assert gentler, routine.id
    assert ids.index("pigeon-pose") > max(gentler), ids


def test_stretching_has_pigeon_among_its_stretches() -> None:
    assert "pigeon-pose" in {e.exercise.id for r in ROUTINES if r.id == "stretching" for e in r.entries}


def test_the_documented_minutes_are_what_the_command_line_says() -> None:
    text = (Path(__file__).parents[2] / "docs" / "routine-format.md").read_text(encoding="utf-8")
    for routine in ROUTINES:
        row = re.search(rf"^\| `{routine.id}` +\|[^|]+\| +(\d+) \|$", text, flags=re.MULTILINE)
        assert row is not None, routine.id
        assert int(row.group(1)) == max(1, round(estimate_seconds(routine, CLI_TIMING) / 60)), routine.id


def test_the_routines_listed_in_the_cli_docs_are_the_builtin_ones_with_their_minutes() -> None:
    text = (Path(__file__).parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    block = text.split("```\nId               Name", 1)[1].split("```", 1)[0]
    rows = [line.split() for line in block.strip().splitlines()[1:]]
    expected = [(r.id, max(1, round(estimate_seconds(r, CLI_TIMING) / 60))) for r in ROUTINES]
    listed = [(row[0], int(next(cell for cell in row[1:] if cell.isdigit()))) for row in rows]
    assert listed == expected
