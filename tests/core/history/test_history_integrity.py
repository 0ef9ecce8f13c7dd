"""Bad files at start: damaged ones are moved aside and the newest backup restored; a newer version's file is only
read; an empty file is simply a new history. Never a silent empty start, never a byte of a newer file changed."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from hipcoach.core.history import (
    HISTORY_FILE,
    LATEST_VERSION,
    MIGRATIONS,
    HistoryReadOnly,
    HistoryUnavailable,
    open_history,
)
from tests.core.history.support import T0, StepClock, damage_page, file_hash, mode, result, seed


def _truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def _garbage_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:16] = b"Not SQLite, sorry"[:16]
    path.write_bytes(bytes(data))


def _damaged_page(path: Path) -> None:
    damage_page(path, "sessions")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": _truncate,
    "random bytes": _random_bytes,
    "garbage header": _garbage_header,
    "damaged page": _damaged_page,
}


def _history_with_backups(folder: Path) -> tuple[Path, Path]:
    """A history with two sessions backed up, then a third one that only the live file has; returns the live
    file and the newest backup."""
    with open_history(now=StepClock()) as history:
        seed(history, 1)
        history.backup()
        seed(history, 1)
        newest = history.backup()
        seed(history, 1)
    # make the file big enough to have several pages, so truncation cuts real data
    with sqlite3.connect(folder / HISTORY_FILE) as conn:
        conn.execute("CREATE TABLE padding (x)")
        conn.executemany("INSERT INTO padding VALUES (?)", [("x" * 500,) for _ in range(40)])
    conn.close()
    return folder / HISTORY_FILE, newest


def test_a_damaged_page_is_read_past_by_select_but_caught_by_quick_check(hipcoach_data_dir: Path) -> None:
    """Why the integrity step runs quick_check and not just a query."""
    path, _ = _history_with_backups(hipcoach_data_dir)
    damage_page(path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 3
        assert conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]
    finally:
        conn.close()


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_damaged_history_is_moved_aside_and_newest_backup_restored(hipcoach_data_dir: Path, damage: str) -> None:
    path, newest = _history_with_backups(hipcoach_data_dir)
    DAMAGE[damage](path)
    damaged_bytes = path.read_bytes()
    (hipcoach_data_dir / f"{HISTORY_FILE}-journal").write_bytes(b"")  # a side file goes along with it

    with open_history() as history:
        assert not history.read_only
        assert len(history.sessions()) == 2  # what the newest backup had
        notice = history.notice
        history.record_exercise(history.start_session("short", "Short", 1.0, T0), result(), "reps")

    moved = sorted(hipcoach_data_dir.glob(f"{HISTORY_FILE}.corrupt-*"))
    assert [entry.name for entry in moved] == [moved[0].name, f"{moved[0].name}-journal"]
    assert moved[0].name.startswith(f"{HISTORY_FILE}.corrupt-")
    assert len(moved[0].name) == len(f"{HISTORY_FILE}.corrupt-YYYYmmdd-HHMMSS")
    assert moved[0].read_bytes() == damaged_bytes  # kept as it was, for recovery
    assert notice is not None
    assert str(path) in notice
    assert str(moved[0]) in notice
    assert str(newest) in notice
    assert "damaged" in notice
    assert mode(path) == 0o600
    assert newest.exists()  # the backup is copied, not consumed


@pytest.mark.parametrize("damage", ["random bytes", "garbage header"])
def test_damaged_history_without_backup_starts_empty_and_says_so(hipcoach_data_dir: Path, damage: str) -> None:
    with open_history() as history:
        seed(history, 2)
    path = hipcoach_data_dir / HISTORY_FILE
    DAMAGE[damage](path)
    with open_history() as history:
        assert history.sessions() == []
        assert history.notice is not None
        assert "no backup" in history.notice.lower()
        assert "new empty history" in history.notice
    assert len(list(hipcoach_data_dir.glob(f"{HISTORY_FILE}.corrupt-*"))) == 1


def test_a_damaged_newest_backup_is_skipped_for_the_one_before(hipcoach_data_dir: Path) -> None:
    path, newest = _history_with_backups(hipcoach_data_dir)
    _random_bytes(newest)
    _random_bytes(path)
    with open_history() as history:
        assert len(history.sessions()) == 1  # the older backup
        assert history.notice is not None
        assert str(newest) not in history.notice


def test_two_damaged_starts_in_the_same_second_keep_both_copies(hipcoach_data_dir: Path) -> None:
    clock = StepClock()
    frozen = clock()

    def same_second() -> datetime:
        return frozen

    for _ in range(2):
        with open_history(now=clock) as history:
            seed(history, 1)
        _random_bytes(hipcoach_data_dir / HISTORY_FILE)
        open_history(now=same_second).close()
    assert len(list(hipcoach_data_dir.glob(f"{HISTORY_FILE}.corrupt-*"))) == 2


def test_an_empty_file_is_a_new_history(hipcoach_data_dir: Path) -> None:
    hipcoach_data_dir.mkdir(mode=0o700)
    (hipcoach_data_dir / HISTORY_FILE).write_bytes(b"")
    with open_history() as history:
        assert history.notice is None
        assert history.sessions() == []
        assert history.version == LATEST_VERSION
    assert not list(hipcoach_data_dir.glob("*.corrupt-*"))
    assert not (hipcoach_data_dir / "backups").exists()  # nothing to back up before creating the schema


def test_a_newer_schema_is_never_modified_and_read_only(hipcoach_data_dir: Path) -> None:
    with open_history() as history:
        seed(history, 2)
    path = hipcoach_data_dir / HISTORY_FILE
    newer = LATEST_VERSION + 1
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("ALTER TABLE sessions ADD COLUMN mood TEXT")  # what a newer hipcoach might have added
    conn.execute(f"PRAGMA user_version = {newer}")
    conn.close()
    before = file_hash(path)
    stamp = path.stat().st_mtime_ns

    with open_history() as history:
        assert history.read_only
        assert history.version == newer
        assert history.notice is not None
        assert str(path) in history.notice
        assert f"history version {newer}" in history.notice
        assert f"knows up to {LATEST_VERSION}" in history.notice
        rows = history.sessions()
        assert len(rows) == 2
        assert len(history.session_detail(rows[0].id)[1]) == 3
        for write in (
            lambda: history.start_session("short", "Short", 1.0, T0),
            lambda: history.record_exercise(rows[0].id, result(), "reps"),
            lambda: history.set_pain(rows[0].id, before=1),
            lambda: history.delete_session(rows[0].id),
            lambda: history.import_json(history.export_json()),
            history.backup,
        ):
            with pytest.raises(HistoryReadOnly):
                write()

    assert file_hash(path) == before
    assert path.stat().st_mtime_ns == stamp
    assert sorted(entry.name for entry in hipcoach_data_dir.iterdir()) == [HISTORY_FILE]


@pytest.mark.parametrize("state", ["missing", "empty"])
def test_a_missing_or_emptied_history_comes_back_from_the_newest_backup(hipcoach_data_dir: Path, state: str) -> None:
    """A new empty history would look like everything was lost: the backups are there, so one comes back."""
    path, newest = _history_with_backups(hipcoach_data_dir)
    if state == "missing":
        path.unlink()
    else:
        path.write_bytes(b"")
    with open_history() as history:
        assert len(history.sessions()) == 2
        assert history.notice is not None
        assert f"was {state}" in history.notice
        assert str(newest) in history.notice
        assert str(path) in history.notice
    assert mode(path) == 0o600


def test_delete_all_data_then_open_is_a_quiet_new_start(hipcoach_data_dir: Path) -> None:
    _history_with_backups(hipcoach_data_dir)
    open_history().delete_all_data()
    with open_history() as history:
        assert history.notice is None
        assert history.sessions() == []


def test_a_history_path_that_is_a_folder_is_reported(hipcoach_data_dir: Path) -> None:
    (hipcoach_data_dir / HISTORY_FILE).mkdir(parents=True)
    with pytest.raises(HistoryUnavailable, match="could not be opened"):
        open_history()


def _drop(path: Path, *tables: str) -> None:
    """What another program (or a hand in the sqlite3 shell) can do: tables gone, user_version left as it was."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        for table in tables:
            conn.execute(f"DROP TABLE {table}")
        conn.commit()
    finally:
        conn.close()


def _drop_column(path: Path, table: str, column: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize(
    "tables", [("exercise_results", "pauses", "sessions"), ("pauses",)], ids=["every table", "one table"]
)
def test_dropped_tables_are_damage_moved_aside_and_the_backup_restored(
    hipcoach_data_dir: Path, tables: tuple[str, ...]
) -> None:
    path, newest = _history_with_backups(hipcoach_data_dir)
    _drop(path, *tables)
    with open_history() as history:
        assert history.version == LATEST_VERSION
        assert len(history.sessions()) == 2  # the newest backup's sessions
        history.pauses(history.sessions()[0].id)  # every table is there again
        notice = history.notice or ""
        assert "damaged" in notice
        assert f"'{tables[-1]}'" in notice or f"'{tables[0]}'" in notice
        assert str(newest) in notice
    moved = list(hipcoach_data_dir.glob(f"{HISTORY_FILE}.corrupt-*"))
    assert len(moved) == 1
    kept = sqlite3.connect(moved[0])
    try:
        assert kept.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION  # moved, not changed
    finally:
        kept.close()


def test_a_dropped_column_is_damage_too(hipcoach_data_dir: Path) -> None:
    path, _ = _history_with_backups(hipcoach_data_dir)
    _drop_column(path, "sessions", "note")
    with open_history() as history:
        assert "damaged" in (history.notice or "")
        assert "'sessions'" in (history.notice or "")
        assert len(history.sessions()) == 2


def test_a_backup_with_dropped_tables_is_not_restored(hipcoach_data_dir: Path) -> None:
    path, newest = _history_with_backups(hipcoach_data_dir)
    _drop(newest, "pauses")
    _drop(path, "sessions", "exercise_results", "pauses")
    with open_history() as history:
        assert len(history.sessions()) == 1  # the backup before the newest
        assert str(newest) not in (history.notice or "")


def test_the_expected_schema_follows_every_migration_step() -> None:
    """Built from the steps themselves: a later step's table or column shows up without a list to keep."""
    from hipcoach.core.history.connection import expected_schema  # noqa: PLC0415 - one test needs it

    def later(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE later_things (id INTEGER PRIMARY KEY, what TEXT)")

    steps = (*MIGRATIONS, later)
    assert "later_things" not in expected_schema(MIGRATIONS, LATEST_VERSION)
    assert [column[0] for column in expected_schema(steps, len(steps))["later_things"]] == ["id", "what"]
    assert "sharp_pain" in [column[0] for column in expected_schema(MIGRATIONS, 2)["exercise_results"]]
    assert "sharp_pain" not in [column[0] for column in expected_schema(MIGRATIONS, 1)["exercise_results"]]
