"""Opening the history: create, check, repair, upgrade, or show read-only, and say what happened in one sentence.

``open_history()`` is the way in. Every way a file can be found (missing, empty, damaged, from a newer version, in
a read-only folder, locked, needing an upgrade) ends in a usable store with a ``notice`` for the user, or in
:class:`HistoryUnavailable` with nothing changed: never a silent empty start, never a lost session.
docs/history.md has the table of situations.

* A file from a newer hipcoach (``user_version`` above what we know) is opened read-only through a ``mode=ro`` URI,
  so SQLite itself guarantees we do not change a byte of it.
* A damaged file is moved aside and the newest good backup put in its place (``recovery``).
* The data folder is 0700 and the files 0600: health data.

The top of the history's rooms: imports the store and every room below it, and nothing imports it but the
package's ``__init__``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from hipcoach.core import paths
from hipcoach.core.files import os_problem
from hipcoach.core.history.backups import backup_dir, list_backups, write_backup
from hipcoach.core.history.connection import (
    Clock,
    Options,
    connect,
    create_private_file,
    header_version,
    inspect,
    missing_or_empty,
    writable,
)
from hipcoach.core.history.errors import (
    SQLITE_BUSY,
    SQLITE_CORRUPT,
    SQLITE_LOCKED,
    SQLITE_NOTADB,
    Damaged,
    HistoryMigrationError,
    HistoryUnavailable,
    classify,
    sqlite_code,
)
from hipcoach.core.history.migrations import MIGRATIONS, Migration, migrate
from hipcoach.core.history.recovery import move_aside, restore_newest_backup
from hipcoach.core.history.store import HistoryStore

HISTORY_FILE: Final = "history.sqlite3"
BUSY_TIMEOUT_MS: Final = 5000


def _utc_now() -> datetime:
    return datetime.now(UTC)


def history_path() -> Path:
    return paths.data_dir() / HISTORY_FILE


def open_history(
    path: Path | None = None,
    *,
    migrations: Sequence[Migration] = MIGRATIONS,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    now: Clock = _utc_now,
) -> HistoryStore:
    """Open (creating, checking, repairing or upgrading as needed) the history at ``path``.

    Returns a store whose ``notice`` is a sentence to show the user when something unusual happened (a damaged
    file replaced by a backup, a newer version's file shown read-only, a read-only folder). Raises
    :class:`HistoryUnavailable` (or its subclasses :class:`HistoryLocked`, :class:`HistoryMigrationError`) when the
    history cannot be used at all; in every case nothing the user had is lost. ``migrations`` and ``now`` are
    injectable for tests.
    """
    path = history_path() if path is None else path
    options = Options(tuple(migrations), busy_timeout_ms, now)
    folder = path.parent
    try:
        _prepare_folder(folder)
    except OSError as exc:
        raise HistoryUnavailable(
            f"The data folder {folder} could not be created ({os_problem(exc, folder)}), so no history can be kept."
        ) from exc
    try:
        if not writable(path):
            return _open_in_read_only_folder(path, options)
        if missing_or_empty(path) and list_backups(backup_dir(path)):
            return _restore_missing(path, options)
        return _open_writable(path, options, recovering=False)
    except OSError as exc:
        raise HistoryUnavailable(
            f"The history file {path} could not be opened ({os_problem(exc, path)}); nothing was deleted."
        ) from exc


def _prepare_folder(folder: Path) -> None:
    """Create the folder 0700, or take group and other permissions away from an existing one.

    Never *adds* permissions: a folder the user made read-only stays read-only (and the history is then shown
    read-only) rather than being silently made writable again.
    """
    paths.ensure_private_dir(folder)  # if it is not ours, or read-only, the writability check decides what happens


def _open_writable(path: Path, options: Options, *, recovering: bool) -> HistoryStore:
    create_private_file(path)
    if header_version(path) > options.latest:
        return _open_newer(path, options)
    conn: sqlite3.Connection | None = None
    try:
        conn = connect(path, options, read_only=False)
        version = inspect(conn, path, options)
        if version > options.latest:  # the header can lag behind a newer version's WAL
            conn.close()
            return _open_newer(path, options)
        if version < options.latest:
            _upgrade(conn, path, version, options)
    except Damaged as damaged:
        if conn is not None:
            conn.close()
        if recovering:
            raise HistoryUnavailable(
                f"The history file {path} is damaged and so is the backup restored into it ({damaged})."
            ) from damaged
        return _recover(path, str(damaged), options)
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    return HistoryStore(conn, path, version=options.latest, read_only=False, notice=None, options=options)


def _restore_missing(path: Path, options: Options) -> HistoryStore:
    """The history is gone (deleted by hand, a sync tool, a disk that filled up) but backups are there: a new empty
    history would look like everything was lost, so the newest backup comes back instead, and the user is told."""
    state = "missing" if not path.exists() else "empty"
    restored = restore_newest_backup(path, options)
    store = _open_writable(path, options, recovering=True)
    if restored is not None:
        sentence = f"The history file {path} was {state}, so the newest backup, {restored}, was restored."
    else:
        sentence = f"The history file {path} was {state} and no backup could be read, so a new history was started."
    store.notice = sentence if store.notice is None else f"{sentence} {store.notice}"
    return store


def _open_newer(path: Path, options: Options) -> HistoryStore:
    try:
        conn = connect(path, options, read_only=True)
    except Damaged as damaged:
        return _recover(path, str(damaged), options)
    try:
        version = inspect(conn, path, options)
    except Damaged as damaged:
        conn.close()
        return _recover(path, str(damaged), options)
    except BaseException:
        conn.close()
        raise
    notice = (
        f"The history file {path} was written by a newer version of hipcoach (history version {version}; this "
        f"version knows up to {options.latest}). It is shown read-only and left unchanged, so the sessions you do "
        "now are not recorded; update hipcoach to record them again."
    )
    return HistoryStore(conn, path, version=version, read_only=True, notice=notice, options=options)


def _open_in_read_only_folder(path: Path, options: Options) -> HistoryStore:
    """The folder (or the file) cannot be written: show what there is, record nothing, change nothing."""
    where = path.parent if not os.access(path.parent, os.W_OK) else path
    if not path.exists() or path.stat().st_size == 0:
        memory = sqlite3.connect(":memory:", isolation_level=None)
        migrate(memory, options.migrations)
        notice = f"{where} is read-only, so the sessions you do now cannot be recorded in {path}."
        return HistoryStore(memory, path, version=options.latest, read_only=True, notice=notice, options=options)
    conn: sqlite3.Connection | None = None
    try:
        conn = connect(path, options, read_only=True)
        version = inspect(conn, path, options)
    except Damaged as damaged:
        if conn is not None:
            conn.close()
        raise HistoryUnavailable(
            f"The history file {path} is damaged ({damaged}), and {where} is read-only, so it could not be moved "
            "aside or replaced by a backup. Nothing was changed."
        ) from damaged
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    if version < options.latest:
        conn.close()
        raise HistoryUnavailable(
            f"The history file {path} needs an upgrade (version {version} to {options.latest}), but {where} is "
            "read-only. Nothing was changed."
        )
    notice = f"{where} is read-only, so the history in {path} is shown but the sessions you do now are not recorded."
    if version > options.latest:
        notice += f" It was also written by a newer version of hipcoach (history version {version})."
    return HistoryStore(conn, path, version=version, read_only=True, notice=notice, options=options)


def _upgrade(conn: sqlite3.Connection, path: Path, version: int, options: Options) -> None:
    """Back up (if there is anything to lose), then run the missing migration steps in one transaction."""
    has_schema = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    if has_schema:
        write_backup(conn, backup_dir(path), f"-before-v{options.latest}", options.now())
    try:
        migrate(conn, options.migrations)
    except sqlite3.Error as exc:
        if sqlite_code(exc) in (SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CORRUPT, SQLITE_NOTADB):
            raise classify(exc, path, options.busy_timeout_ms) from exc
        raise _migration_failed(path, version, options, exc) from exc
    except Exception as exc:
        raise _migration_failed(path, version, options, exc) from exc


def _migration_failed(path: Path, version: int, options: Options, exc: BaseException) -> HistoryMigrationError:
    return HistoryMigrationError(
        f"The history file {path} could not be upgraded from version {version} to {options.latest} ({exc}); it was "
        "left as it was."
    )


def _recover(path: Path, problem: str, options: Options) -> HistoryStore:
    """Move the damaged file aside, restore the newest good backup (or start empty), and say what happened."""
    moment = options.now()
    moved = move_aside(path, moment)
    restored = restore_newest_backup(path, options)
    store = _open_writable(path, options, recovering=True)
    if restored is not None:
        sentence = (
            f"The history file {path} was damaged ({problem}), so it was moved aside as {moved} and the newest "
            f"backup, {restored}, was restored: sessions recorded after that backup are only in the moved file."
        )
    else:
        sentence = (
            f"The history file {path} was damaged ({problem}), so it was moved aside as {moved}. There was no "
            "backup to restore, so a new empty history was started."
        )
    store.notice = sentence if store.notice is None else f"{sentence} {store.notice}"
    return store
