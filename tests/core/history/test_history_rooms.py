"""The history's rooms: rows carry the enums, the database does not import the engine, no module is too long, and
the rooms import each other in one direction, never through the package's ``__init__``."""

from __future__ import annotations

import ast
import json
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from hipcoach.core.history import ExerciseRow, HistoryStore, SessionRecord, SessionRow, open_history
from hipcoach.core.history.exchange import from_json
from hipcoach.core.history.rows import SessionStatus, Unit
from hipcoach.core.model import Side
from hipcoach.core.results import Status
from tests.core.history.support import T0, result, seed
from tests.history_seed import seed_history
from tests.tools import REPO_ROOT

HISTORY = REPO_ROOT / "hipcoach" / "core" / "history"
MAX_LINES = 450


def _stored(history: HistoryStore) -> list[SessionRecord]:
    seed(history, 1)
    stopped = history.start_session("short", "Short routine", 1.0, T0)
    history.record_exercise(stopped, result(0, status=Status.NOT_REACHED, actual=0), "reps")
    history.end_session(stopped, "stopped", T0, 10.0, 10.0)
    return history.records()


def test_rows_read_back_hold_the_enums(tmp_path: Path) -> None:
    with open_history(tmp_path / "history.sqlite3") as history:
        records = _stored(history)
    sessions = [record.session for record in records]
    exercises = [row for record in records for row in record.exercises]
    assert {type(session.status) for session in sessions} == {SessionStatus}
    assert {session.status for session in sessions} == {SessionStatus.COMPLETED, SessionStatus.STOPPED}
    assert {type(row.status) for row in exercises} == {Status}
    assert {type(row.unit) for row in exercises} == {Unit}
    assert {row.side for row in exercises} == {Side.LEFT, Side.RIGHT, None}
    assert {type(row.side) for row in exercises if row.side is not None} == {Side}
    assert Status.NOT_REACHED in {row.status for row in exercises}


def test_an_import_holds_the_enums_and_exports_the_same_text(tmp_path: Path) -> None:
    with open_history(tmp_path / "history.sqlite3") as history:
        _stored(history)
        exported = history.export_json()
    text = json.dumps(exported)
    imported = from_json(json.loads(text))
    assert {type(record.session.status) for record in imported} == {SessionStatus}
    rows = [row for record in imported for row in record.exercises]
    assert {type(row.status) for row in rows} == {Status}
    assert {type(row.unit) for row in rows} == {Unit}
    assert {type(row.side) for row in rows if row.side is not None} == {Side}
    assert '"status": "completed"' in text and '"side": "left"' in text and '"unit": "reps"' in text
    assert "Status." not in text and "Side." not in text and "Unit." not in text


def test_the_database_does_not_import_the_engine() -> None:
    code = "import sys; import hipcoach.core.history as h; h.open_history; print('hipcoach.core.engine' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO_ROOT)
    assert shown.stdout.strip() == "False"


def test_every_module_of_the_history_is_short() -> None:
    lengths = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in HISTORY.glob("*.py")}
    assert {name: count for name, count in lengths.items() if count > MAX_LINES} == {}


def _history_imports(path: Path) -> set[str]:
    """The modules of the history package that ``path`` imports, the package itself included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            if node.module == "hipcoach.core.history":
                found |= {f"__init__:{alias.name}" for alias in node.names}
            elif node.module.startswith("hipcoach.core.history."):
                found.add(node.module.rsplit(".", 1)[1])
        elif isinstance(node, ast.Import):
            found |= {
                alias.name.rsplit(".", 1)[1] for alias in node.names if alias.name.startswith("hipcoach.core.history.")
            }
    return found


def test_the_rooms_import_each_other_in_one_direction() -> None:
    graph = {path.stem: _history_imports(path) for path in HISTORY.glob("*.py") if path.stem != "__init__"}
    through_init = {name: sorted(i for i in found if i.startswith("__init__")) for name, found in graph.items()}
    assert {name: found for name, found in through_init.items() if found} == {}
    done: set[str] = set()

    def visit(name: str, trail: tuple[str, ...]) -> None:
        assert name not in trail, f"import circle: {' -> '.join((*trail, name))}"
        if name in done:
            return
        for other in graph.get(name, ()):
            visit(other, (*trail, name))
        done.add(name)

    for name in graph:
        visit(name, ())


def _awkward_history(history: HistoryStore) -> None:
    """Every kind of CSV field: text needing quotes, empty values, a session without results, a trial run."""
    seed(history, 2)
    odd = history.start_session('odd, "quoted"\nid', 'A "name", with\r\nbreaks', 10.0, T0)
    history.record_exercise(odd, result(0, 'clam,"shell"\nx', sides=(None,)), "seconds")
    history.record_exercise(odd, result(0, 'clam,"shell"\nx', sides=(None,), actual=3), "seconds")
    history.record_exercise(odd, result(1, "plain", actual=0, status=Status.SKIPPED, sharp_pain=True), "steps")
    history.set_pain(odd, before=3, after=None, note='sore, "a bit"\nthen fine')
    history.start_session("empty", "Nothing recorded", 0.5, T0, precautions=["deep-bend"])  # running, no results
    adapted = history.start_session("strength", "Strength", 1.0, T0, precautions=["turning-in", "crossing"])
    history.record_exercise(adapted, result(0), "reps")


def test_the_csv_export_made_in_sql_is_the_file_made_from_the_rows(tmp_path: Path) -> None:
    from hipcoach.core.history.exchange import write_csv  # noqa: PLC0415 - the reference writer

    with open_history(tmp_path / "history.sqlite3") as history:
        _awkward_history(history)
        rows = history.export_csv(tmp_path / "fast.csv")
        assert rows == write_csv(history.records(), tmp_path / "rows.csv")
    assert (tmp_path / "fast.csv").read_bytes() == (tmp_path / "rows.csv").read_bytes()
    assert rows == 2 * 3 + (1 + 1 + 2) + 1 + 2  # two seeded sessions, the odd one, the empty one, the adapted one
    assert (tmp_path / "fast.csv").read_bytes().count(b",crossing turning-in,0,,,\r\n") == 2


def test_a_hand_edited_row_is_exported_as_before(tmp_path: Path) -> None:
    """A time not in the stored form (changed in the sqlite3 shell) is written the way the rows write it."""
    from hipcoach.core.history.exchange import write_csv  # noqa: PLC0415 - the reference writer

    with open_history(tmp_path / "history.sqlite3") as history:
        _awkward_history(history)
        history._conn.execute("UPDATE exercise_results SET recorded_at = '2026-03-02T09:00:00+01:00' WHERE id = 1")
        history.export_csv(tmp_path / "fast.csv")
        write_csv(history.records(), tmp_path / "rows.csv")
    fast = (tmp_path / "fast.csv").read_text(encoding="utf-8")
    assert fast == (tmp_path / "rows.csv").read_text(encoding="utf-8")
    assert "2026-03-02T08:00:00+00:00" in fast and "+01:00" not in fast


def _seeded_history(history: HistoryStore) -> None:
    """A year of realistic sessions (stopped, paused, repeated, rated, with notes), then the session texts csv must
    quote, a trial run, a session without results and one still running."""
    seed_history(history, days=365, start=date(2025, 3, 1), seed=12, sessions_per_week=5)
    odd = history.start_session("odd, routine", 'A "name", with\r\nbreaks', 10.0, T0)
    history.record_exercise(odd, result(0, "clamshells", sides=(None,)), "seconds")
    history.record_exercise(odd, result(0, "clamshells", sides=(None,), actual=3), "seconds")
    history.record_exercise(odd, result(1, "bridge", actual=0, status=Status.SKIPPED, sharp_pain=True), "steps")
    history.set_pain(odd, before=3, after=None, note='sore, "a bit"\nthen fine')
    history.end_session(odd, "stopped", T0 + timedelta(seconds=95), 95.0, 90.5)
    history.start_session("empty", "Nothing recorded", 1.0, T0 + timedelta(hours=1))  # running, no results
    adapted = history.start_session("strength", "Strength", 1.0, T0 + timedelta(hours=2), precautions=["crossing"])
    history.record_exercise(adapted, result(0), "reps")


def test_the_csv_of_a_seeded_history_is_the_file_made_from_the_rows(tmp_path: Path) -> None:
    from hipcoach.core.history.exchange import write_csv  # noqa: PLC0415 - the reference writer

    with open_history(tmp_path / "history.sqlite3") as history:
        _seeded_history(history)
        rows = history.export_csv(tmp_path / "fast.csv")
        assert rows == write_csv(history.records(), tmp_path / "rows.csv")
        assert rows > 2000
    assert (tmp_path / "fast.csv").read_bytes() == (tmp_path / "rows.csv").read_bytes()


def test_precautions_changed_by_hand_come_out_of_the_database_as_the_rows_write_them(tmp_path: Path) -> None:
    """The session's own fields are written by :mod:`csv` in both paths, so even a value edited in the sqlite3 shell
    (empty words, a quote) gives the same file, still made straight from the database."""
    from hipcoach.core.history.csv_sql import write_csv_from_database  # noqa: PLC0415
    from hipcoach.core.history.exchange import write_csv  # noqa: PLC0415 - the reference writer

    with open_history(tmp_path / "history.sqlite3") as history:
        _seeded_history(history)
        history._conn.execute("UPDATE sessions SET precautions = ',crossing,,a \"b\"' WHERE precautions IS NOT NULL")
        assert write_csv_from_database(history._conn, tmp_path / "fast.csv") is not None
        write_csv(history.records(), tmp_path / "rows.csv")
    assert (tmp_path / "fast.csv").read_bytes() == (tmp_path / "rows.csv").read_bytes()
    assert b',"crossing a ""b""",0,,,\r\n' in (tmp_path / "fast.csv").read_bytes()


def test_the_csv_export_builds_no_object_per_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The export of a history in the form hipcoach writes builds no ``ExerciseRow`` or ``SessionRow``, and no
    ``sqlite3.Row`` either: ten years are 50,000 results, and building an object for each was most of the time."""
    built: list[str] = []
    with open_history(tmp_path / "history.sqlite3") as history:
        _seeded_history(history)
        rows_made = 0

        def counting_rows(cursor: sqlite3.Cursor, row: tuple[object, ...]) -> sqlite3.Row:
            nonlocal rows_made
            rows_made += 1
            return sqlite3.Row(cursor, row)

        history._conn.row_factory = counting_rows
        history.export_csv(tmp_path / "history.csv")
        assert rows_made <= 2  # the checks' one-line answers, not a row per result or per session
        for row_type in (ExerciseRow, SessionRow):
            original = row_type.__init__

            def counting(self: object, *args: object, _original: Any = original, **kwargs: object) -> None:
                built.append(type(self).__name__)
                _original(self, *args, **kwargs)

            monkeypatch.setattr(row_type, "__init__", counting)
        history.export_csv(tmp_path / "history.csv")
        assert built == []
        history.records()  # the counting itself works
        assert "ExerciseRow" in built and "SessionRow" in built


def test_an_imported_exercise_id_that_needs_quotes_is_exported_through_the_rows(tmp_path: Path) -> None:
    from hipcoach.core.history.csv_sql import write_csv_from_database  # noqa: PLC0415

    with open_history(tmp_path / "history.sqlite3") as history:
        _seeded_history(history)
        assert write_csv_from_database(history._conn, tmp_path / "fast.csv") is not None
        odd = history.start_session("odd", "Odd", 1.0, T0 + timedelta(days=1))
        history.record_exercise(odd, result(0, 'clam,"shell"', sides=(None,)), "reps")
        assert write_csv_from_database(history._conn, tmp_path / "fast.csv") is None
        history.export_csv(tmp_path / "history.csv")
    assert 'clam,""shell""' in (tmp_path / "history.csv").read_text(encoding="utf-8")
