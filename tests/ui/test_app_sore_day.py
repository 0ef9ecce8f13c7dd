"""``hipcoach --start ROUTINE --sore-day [--no-floor]``: the real app runs the sore-day version of the routine and
the history keeps it as a sore-day session, with the plan it ran (docs/progression.md, "Sore today?")."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

import hipcoach.app
from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.dose_plan import planned_entries
from hipcoach.core.history import open_history
from hipcoach.core.sore_day import on_floor, shipped_sore_day
from hipcoach.options import EXIT_OK, AppOptions


@pytest.mark.parametrize("floor_ok", [True, False])
def test_start_with_sore_day_runs_and_records_the_sore_day_version(
    monkeypatch: pytest.MonkeyPatch, qapp: QApplication, floor_ok: bool
) -> None:
    monkeypatch.delenv("HIPCOACH_RESOURCES", raising=False)  # the shipped content, as a user has it
    options = AppOptions(start="stretching", time_scale=1000, quit_when_done=True, sore_day=True, floor_ok=floor_ok)
    assert hipcoach.app.run_app(options) == EXIT_OK
    with open_history() as history:
        (row,) = history.sessions()
        plan = history.session_plan(row.id)
    assert row.sore_day and row.routine_name == "Stretching (sore day)"
    catalogue = load_catalogue()
    stretching = next(r for r in builtin_routines(catalogue) if r.id == "stretching")
    sore = shipped_sore_day(stretching, catalogue, floor_ok=floor_ok)
    assert plan == planned_entries(sore)
    assert all(entry.dose.sets == 1 for entry in plan)
    assert any(on_floor(entry.exercise) for entry in sore.entries) is floor_ok
