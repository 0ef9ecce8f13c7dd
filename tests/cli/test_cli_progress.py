"""``--sore-day`` and ``--no-floor`` (with ``--start`` and on ``cues``), and ``hipcoach progress``: what the next
session of each routine would change, from the real history (docs/cli.md, docs/progression.md)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hipcoach.cli.progress import ADAPTATION_OFF, NO_CHANGE
from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.cue_script import cue_script
from hipcoach.core.cues import SpokenLeadIn
from hipcoach.core.dose_plan import planned_entries
from hipcoach.core.history import open_history
from hipcoach.core.plan import PlanOptions, build_plan
from hipcoach.core.results import ExerciseResult, SideResult, Status
from hipcoach.core.settings import Settings, save_settings
from hipcoach.core.sore_day import on_floor, shipped_sore_day
from hipcoach.core.verbosity import Verbosity
from hipcoach.core.wording import format_clock
from tests.conftest import Run

# The command reads today's date (three weeks away would step the dose back): the sessions are of the last days.
T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(days=3)


@pytest.fixture(autouse=True)
def shipped_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HIPCOACH_RESOURCES", raising=False)  # the shipped exercises, as a user has them


@pytest.mark.parametrize("floor", [(), ("--no-floor",)])
def test_cues_of_the_sore_day_version(run: Run, floor: tuple[str, ...]) -> None:
    status, out, err = run("cues", "gentle-mobility", "--sore-day", *floor)
    assert status == 0
    assert "Gentle Mobility (sore day)" in err
    catalogue = load_catalogue()
    written = next(r for r in builtin_routines(catalogue) if r.id == "gentle-mobility")
    sore = shipped_sore_day(written, catalogue, floor_ok=not floor)
    plan = build_plan(sore, PlanOptions(speech_floor=SpokenLeadIn(Verbosity.STANDARD)))
    expected = [f"{format_clock(line.at):>6}  {line.cue.text}" for line in cue_script(plan, Verbosity.STANDARD)]
    assert out.splitlines() == expected
    _, whole, _ = run("cues", "gentle-mobility")
    assert len(out.splitlines()) < len(whole.splitlines())
    if floor:
        assert not any(on_floor(entry.exercise) for entry in sore.entries)
        assert "mat" not in out.casefold()


def _two_good_strength_sessions() -> None:
    catalogue = load_catalogue()
    strength = next(r for r in builtin_routines(catalogue) if r.id == "strength")
    with open_history() as history:
        for day in (0, 2):
            start = T0 + timedelta(days=day)
            session_id = history.start_session("strength", "Strength", 1.0, start, plan=planned_entries(strength))
            for index, entry in enumerate(strength.entries):
                sides = tuple(SideResult(side, 10, 10, 1, 1) for side in entry.sides)
                history.record_exercise(
                    session_id, ExerciseResult(index, entry.exercise.id, Status.COMPLETED, sides), "reps"
                )
            history.end_session(session_id, "completed", start + timedelta(minutes=20), 1200, 1200)
            history.set_pain(session_id, before=1, after=2)


def test_progress_lists_the_changes_of_the_next_session(run: Run) -> None:
    _two_good_strength_sessions()
    status, out, err = run("progress", "strength")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Strength"
    assert "  Bridge: 12 → 13 reps — your last two sessions were complete and pain stayed at 2 or below" in lines
    assert "  Clamshells: 10 → 11 reps — your last two sessions were complete and pain stayed at 2 or below" in lines
    status, out, _ = run("progress")
    assert status == 0 and "Gentle Mobility\n  no change: the next session runs the dose you have reached" in out


def test_progress_says_nothing_changes_while_adaptation_is_off(run: Run) -> None:
    _two_good_strength_sessions()
    save_settings(Settings(adapt_doses=False))
    status, out, err = run("progress", "strength")
    assert (status, err) == (0, "")
    assert out.splitlines() == [ADAPTATION_OFF, "Strength", f"  {NO_CHANGE}"]


def test_progress_without_a_history_changes_nothing(run: Run, hipcoach_data_dir: object) -> None:
    status, out, err = run("progress")
    assert (status, err) == (0, "")
    assert out.count("no change") == len(builtin_routines(load_catalogue()))


def test_progress_of_an_unknown_routine_exits_2(run: Run) -> None:
    status, out, err = run("progress", "no-such-routine")
    assert (status, out) == (2, "") and "no-such-routine" in err
