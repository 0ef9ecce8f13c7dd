"""The one count: a session's exercises and an exercise's sessions are counted by status in the tally only."""

from __future__ import annotations

import ast
from datetime import UTC, datetime

from hipcoach.core.history import ExerciseRow, SessionRecord, SessionRow, tally
from tests.tools import REPO_ROOT

MOMENT = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _row(entry: int, side: str, actual: int, status: str) -> ExerciseRow:
    return ExerciseRow(entry, "clamshells", side, 10, actual, "reps", 2, 2 if actual >= 10 else 1, status, MOMENT)


def _record(*rows: ExerciseRow) -> SessionRecord:
    status = "stopped" if any(row.status == "not_reached" for row in rows) else "completed"
    session = SessionRow(1, "u", "strength", "Strength", MOMENT, MOMENT, status, 1.0, 600.0, 600.0, None, None, None)
    return SessionRecord(session, rows, ())


def test_an_exercise_s_totals_count_each_result_once_and_not_reached_apart() -> None:
    records = [
        _record(_row(0, "left", 10, "completed")),
        _record(_row(0, "left", 4, "partial")),
        _record(_row(0, "left", 0, "skipped")),
        _record(_row(0, "left", 0, "not_reached")),
    ]
    (total,) = tally.exercise_totals(records)
    assert (total.done, total.partial, total.skipped, total.not_reached) == (1, 1, 1, 1)
    assert (total.sessions, total.target, total.actual, total.percent) == (3, 30, 14, 47)


def test_no_module_but_the_tally_counts_results_by_status() -> None:
    """A ``Counter`` over statuses anywhere else is a second count that can drift from the first."""
    counting = {
        path.relative_to(REPO_ROOT).as_posix()
        for path in (REPO_ROOT / "hipcoach").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Counter"
        and any(isinstance(part, ast.Attribute) and part.attr == "status" for part in ast.walk(node))
    }
    assert counting <= {"hipcoach/core/history/tally.py"}, counting
