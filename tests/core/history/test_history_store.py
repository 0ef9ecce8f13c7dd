"""The history store on real SQLite files: round trips, file modes, redo, backups, deletion, locks, read-only
folders."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from hipcoach.core.history import (
    HISTORY_FILE,
    KEEP_BACKUPS,
    LATEST_VERSION,
    HistoryLocked,
    HistoryReadOnly,
    HistoryUnavailable,
    UnknownSession,
    open_history,
    opening,
    unit_for,
)
from hipcoach.core.model import Kind, Side
from hipcoach.core.results import ExerciseResult, SideResult, Status
from tests.core.history.support import T0, StepClock, file_hash, mode, result, seed
from tests.tools import REPO_ROOT, require_tool

# ---------------------------------------------------------------------------------------------------------------


def test_new_history_in_the_data_folder_is_private(hipcoach_data_dir: Path) -> None:
    with open_history() as history:
        assert history.path == hipcoach_data_dir / HISTORY_FILE
        assert history.notice is None
        assert not history.read_only
        seed(history, 1)
        history.backup()
    assert mode(hipcoach_data_dir) == 0o700
    assert mode(hipcoach_data_dir / HISTORY_FILE) == 0o600
    backups = hipcoach_data_dir / "backups"
    assert mode(backups) == 0o700
    assert [mode(entry) for entry in backups.iterdir()] == [0o600]


def test_an_existing_file_is_made_private(hipcoach_data_dir: Path) -> None:
    hipcoach_data_dir.mkdir(mode=0o755)
    os.chmod(hipcoach_data_dir, 0o755)
    path = hipcoach_data_dir / HISTORY_FILE
    path.touch()
    os.chmod(path, 0o644)
    with open_history():
        pass
    assert mode(hipcoach_data_dir) == 0o700
    assert mode(path) == 0o600


def test_connection_settings() -> None:
    with open_history() as history:
        conn = history._conn
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.isolation_level is None
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION


def test_session_round_trip() -> None:
    with open_history(now=StepClock()) as history:
        session_id = history.start_session("short", "Short routine", 2.0, T0)
        assert history.unfinished_session() == history.session(session_id)
        history.record_exercise(session_id, result(0, actual=7, status=Status.PARTIAL), "reps")
        history.record_exercise(
            session_id,
            result(1, "hold", sides=(None,), target=30, actual=0, status=Status.SKIPPED, sharp_pain=True),
            "seconds",
        )
        history.record_pause(session_id, T0 + timedelta(minutes=2), 42.5, "user")
        history.end_session(session_id, "stopped", T0 + timedelta(minutes=5), 300.0, 257.5)
        history.set_pain(session_id, before=6, after=4, note="Stiff in the morning")
    with open_history() as history:
        session, exercises = history.session_detail(session_id)
        assert history.unfinished_session() is None
        assert history.pauses(session_id)[0].seconds == 42.5
    assert session.routine_id == "short"
    assert session.routine_name == "Short routine"
    assert session.time_scale == 2.0
    assert session.started_at == T0
    assert session.ended_at == T0 + timedelta(minutes=5)
    assert session.started_at.tzinfo is not None
    assert (session.status, session.real_seconds, session.active_seconds) == ("stopped", 300.0, 257.5)
    assert (session.pain_before, session.pain_after, session.note) == (6, 4, "Stiff in the morning")
    assert [(e.entry_index, e.side, e.target, e.actual, e.unit, e.status, e.sharp_pain) for e in exercises] == [
        (0, "left", 10, 7, "reps", "partial", False),
        (0, "right", 10, 7, "reps", "partial", False),
        (1, None, 30, 0, "seconds", "skipped", True),
    ]
    assert exercises[0].recorded_at == T0 + timedelta(seconds=1)  # the injected clock's first reading


def test_a_redo_after_back_is_a_new_attempt_and_keeps_the_earlier_one() -> None:
    """Hip rotations 8 left, 6 right, then again after "back": both attempts stay, the last is the result."""
    with open_history() as history:
        session_id = history.start_session("short", "Short", 1.0, T0)
        first = ExerciseResult(
            0, "bridge", Status.PARTIAL, (SideResult(Side.LEFT, 10, 8, 2, 1), SideResult(Side.RIGHT, 10, 6, 2, 1))
        )
        assert history.record_exercise(session_id, first, "reps") == 1
        assert (
            history.record_exercise(session_id, result(1, "bike", sides=(None,), actual=100, target=600), "seconds")
            == 1
        )
        assert (
            history.record_exercise(session_id, result(1, "bike", sides=(None,), actual=600, target=600), "seconds")
            == 2
        )
        again = ExerciseResult(
            0, "bridge", Status.PARTIAL, (SideResult(Side.LEFT, 10, 1, 2, 0), SideResult(Side.RIGHT, 10, 0, 2, 0))
        )
        assert history.record_exercise(session_id, again, "reps") == 2
        _, exercises = history.session_detail(session_id)
    assert [(e.entry_index, e.attempt, e.side, e.actual, e.status) for e in exercises] == [
        (0, 1, "left", 8, "partial"),
        (0, 1, "right", 6, "partial"),
        (0, 2, "left", 1, "partial"),
        (0, 2, "right", 0, "partial"),
        (1, 1, None, 100, "completed"),
        (1, 2, None, 600, "completed"),
    ]


def test_the_schema_refuses_a_second_row_for_the_same_side() -> None:
    """The unique index works for exercises without sides too (plain UNIQUE would treat two NULLs as different)."""
    with open_history() as history:
        session_id = history.start_session("short", "Short", 1.0, T0)
        history.record_exercise(session_id, result(1, "bike", sides=(None,)), "seconds")
        insert = (
            "INSERT INTO exercise_results (session_id, entry_index, exercise_id, side, target, actual, unit, "
            "sets_target, sets_done, status, recorded_at, attempt) VALUES (?, 1, 'bike', NULL, 1, 1, 'seconds', 1, 1, "
            "'completed', '2026-03-02T08:00:00+00:00', 1)"
        )
        with pytest.raises(sqlite3.IntegrityError):
            history._conn.execute(insert, (session_id,))


def test_sessions_newest_first_and_since_a_local_date() -> None:
    with open_history() as history:
        ids = seed(history, 4)
        assert [row.id for row in history.sessions()] == list(reversed(ids))
        since = (T0 + timedelta(days=2)).astimezone().date()
        assert [row.id for row in history.sessions(since=since)] == [ids[3], ids[2]]


def test_set_pain_keeps_what_is_left_out_and_clears_none() -> None:
    with open_history() as history:
        (session_id,) = seed(history, 1)
        history.set_pain(session_id, before=5, after=3, note="ok")
        history.set_pain(session_id, after=2)
        assert (history.session(session_id).pain_before, history.session(session_id).pain_after) == (5, 2)
        history.set_pain(session_id, before=None, note=None)
        row = history.session(session_id)
        assert (row.pain_before, row.pain_after, row.note) == (None, 2, None)
        with pytest.raises(ValueError, match="pain_after must be from 0 to 10"):
            history.set_pain(session_id, after=11)
        with pytest.raises(TypeError):
            history.set_pain(session_id, before=True)


def test_delete_session_cascades() -> None:
    with open_history() as history:
        first, second = seed(history, 2)
        history.record_pause(first, T0, 10.0, "suspend")
        history.delete_session(first)
        assert [row.id for row in history.sessions()] == [second]
        conn = history._conn
        assert conn.execute("SELECT count(*) FROM exercise_results WHERE session_id = ?", (first,)).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM pauses").fetchone()[0] == 0
        with pytest.raises(UnknownSession):
            history.delete_session(first)
        with pytest.raises(UnknownSession):
            history.record_exercise(first, result(), "reps")


def test_bad_values_are_refused_before_anything_is_written() -> None:
    with open_history() as history:
        with pytest.raises(ValueError, match="timezone-aware"):
            history.start_session("short", "Short", 1.0, datetime(2026, 3, 2, 8, 0))
        session_id = history.start_session("short", "Short", 1.0, T0)
        with pytest.raises(ValueError, match="unit"):
            history.record_exercise(session_id, result(), "minutes")
        with pytest.raises(ValueError, match="completed or stopped"):
            history.end_session(session_id, "running", T0, 1.0, 1.0)
        assert history.session_detail(session_id)[1] == []


def test_unit_for_each_kind() -> None:
    assert [unit_for(kind) for kind in Kind] == ["reps", "steps", "seconds", "seconds"]


def test_backups_rotate_and_keep_the_newest(hipcoach_data_dir: Path) -> None:
    with open_history(now=StepClock()) as history:
        seed(history, 1)
        made = [history.backup() for _ in range(KEEP_BACKUPS + 3)]
        kept = history.backups()
    assert kept == list(reversed(made[-KEEP_BACKUPS:]))
    for backup in kept:
        with sqlite3.connect(backup) as conn:
            assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
        conn.close()


def test_delete_all_data_removes_history_backups_and_damaged_copies(hipcoach_data_dir: Path) -> None:
    (hipcoach_data_dir / "config").mkdir(parents=True)
    settings = hipcoach_data_dir / "config" / "settings.json"
    settings.write_text("{}")
    mine = hipcoach_data_dir / "routines"
    mine.mkdir()
    with open_history() as history:
        seed(history, 1)
        history.backup()
    (hipcoach_data_dir / f"{HISTORY_FILE}.corrupt-20260101-000000").write_bytes(b"old")
    history = open_history()
    deleted = history.delete_all_data()
    assert hipcoach_data_dir / HISTORY_FILE in deleted
    assert sorted(entry.name for entry in hipcoach_data_dir.iterdir()) == ["config", "routines"]
    assert settings.exists()  # the caller's to delete
    with open_history() as fresh:
        assert fresh.sessions() == []


# -- locks and read-only folders -----------------------------------------------------------------------------------


def test_a_locked_database_is_reported_not_treated_as_damaged(hipcoach_data_dir: Path) -> None:
    with open_history() as history:
        seed(history, 2)
    path = hipcoach_data_dir / HISTORY_FILE
    before = file_hash(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(HistoryLocked, match=r"locked by another program .*nothing was changed"):
            open_history(busy_timeout_ms=50)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert file_hash(path) == before
    assert not list(hipcoach_data_dir.glob("*.corrupt-*"))
    with open_history() as history:
        assert len(history.sessions()) == 2


def test_a_write_while_another_program_holds_the_lock_fails_cleanly(hipcoach_data_dir: Path) -> None:
    with open_history(busy_timeout_ms=50) as history:
        session_id = history.start_session("short", "Short", 1.0, T0)
        other = sqlite3.connect(hipcoach_data_dir / HISTORY_FILE, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(HistoryLocked):
                history.record_exercise(session_id, result(), "reps")
            assert not history._conn.in_transaction
        finally:
            other.execute("ROLLBACK")
            other.close()
        history.record_exercise(session_id, result(), "reps")
        assert len(history.session_detail(session_id)[1]) == 2


READ_ONLY_CHECK = """
import json, os, sys
from datetime import UTC, datetime
from hipcoach.core.history import HistoryReadOnly, open_history

with open_history() as history:
    try:
        history.start_session("short", "Short", 1.0, datetime(2026, 1, 5, 8, tzinfo=UTC))
        refused = False
    except HistoryReadOnly:
        refused = True
    print(json.dumps({
        "can_write": os.access(sys.argv[1], os.W_OK),
        "read_only": history.read_only,
        "notice": history.notice,
        "sessions": len(history.sessions()),
        "refused": refused,
    }))
"""


def open_in_read_only_folder(folder: Path) -> dict[str, object]:
    """Open the history in ``folder`` made read-only (0500) from a child process that cannot write there.

    Root may write to any folder, so under root (as in CI) the child runs without that power (setpriv drops
    CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from its capability bounding set): the real permission check, where
    a test run by a normal user gets it anyway."""
    command = [sys.executable, "-c", READ_ONLY_CHECK, str(folder)]
    if os.geteuid() == 0:
        command = [require_tool("setpriv"), "--bounding-set", "-dac_override,-dac_read_search", "--", *command]
    os.chmod(folder, 0o500)
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        )
    finally:
        os.chmod(folder, 0o700)
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout)
    assert report["can_write"] is False, "the child could write to the read-only folder: nothing was tested"
    return report


def test_read_only_folder_with_a_history_shows_it_read_only(hipcoach_data_dir: Path) -> None:
    with open_history() as history:
        seed(history, 2)
    path = hipcoach_data_dir / HISTORY_FILE
    before = file_hash(path)
    report = open_in_read_only_folder(hipcoach_data_dir)
    assert report["read_only"] is True
    notice = str(report["notice"])
    assert str(hipcoach_data_dir) in notice
    assert "read-only" in notice
    assert report["sessions"] == 2
    assert report["refused"] is True
    assert file_hash(path) == before
    assert sorted(entry.name for entry in hipcoach_data_dir.iterdir()) == [HISTORY_FILE]


def test_read_only_folder_without_a_history_still_opens(hipcoach_data_dir: Path) -> None:
    hipcoach_data_dir.mkdir(mode=0o700)
    report = open_in_read_only_folder(hipcoach_data_dir)
    assert report["read_only"] is True
    assert report["sessions"] == 0
    assert "cannot be recorded" in str(report["notice"])
    assert report["refused"] is True
    assert list(hipcoach_data_dir.iterdir()) == []


def test_simulated_read_only_folder(hipcoach_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same logic when the test runs as root (who may write to any folder): ``writable`` says no."""
    with open_history() as history:
        seed(history, 2)
    path = hipcoach_data_dir / HISTORY_FILE
    before = file_hash(path)
    monkeypatch.setattr(opening, "writable", lambda _path: False)
    with open_history() as history:
        assert history.read_only
        assert history.notice is not None
        assert "read-only" in history.notice
        assert len(history.sessions()) == 2
        with pytest.raises(HistoryReadOnly):
            history.set_pain(history.sessions()[0].id, before=3)
        with pytest.raises(HistoryReadOnly):
            history.backup()
    assert file_hash(path) == before
    assert sorted(entry.name for entry in hipcoach_data_dir.iterdir()) == [HISTORY_FILE]

    path.unlink()
    with open_history() as history:
        assert history.read_only
        assert history.sessions() == []
    assert list(hipcoach_data_dir.iterdir()) == []


def test_simulated_read_only_folder_with_a_damaged_file_changes_nothing(
    hipcoach_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hipcoach_data_dir.mkdir(mode=0o700)
    path = hipcoach_data_dir / HISTORY_FILE
    path.write_bytes(b"not a database at all" * 100)
    monkeypatch.setattr(opening, "writable", lambda _path: False)
    with pytest.raises(HistoryUnavailable, match=r"damaged .*Nothing was changed"):
        open_history()
    assert path.read_bytes() == b"not a database at all" * 100
    assert sorted(entry.name for entry in hipcoach_data_dir.iterdir()) == [HISTORY_FILE]


def test_a_data_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(HistoryUnavailable, match="could not be created"):
        open_history(blocker / "data" / HISTORY_FILE)


def test_the_since_filter_uses_local_midnight() -> None:
    local_midnight = datetime.combine(date(2026, 3, 10), datetime.min.time()).astimezone()
    with open_history() as history:
        early = history.start_session("a", "A", 1.0, local_midnight - timedelta(seconds=1))
        late = history.start_session("a", "A", 1.0, local_midnight)
        assert [row.id for row in history.sessions(since=date(2026, 3, 10))] == [late]
        assert {row.id for row in history.sessions()} == {early, late}
