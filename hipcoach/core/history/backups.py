"""Backups of the history: written with SQLite's online backup API, listed newest first, and rotated.

Why the backup API and not a file copy: it gives a consistent copy whatever else is going on (a hot journal next to
the file, another connection writing). Names carry the UTC time to the microsecond, so they sort by age, never
collide, and a file copy cannot change what they say. Backups taken before a migration are kept apart from the
rotation: they are the only copy of the old schema.

Imports the connection and error rooms of its own package.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final

from hipcoach.core import paths
from hipcoach.core.files import os_problem
from hipcoach.core.history.connection import Options
from hipcoach.core.history.errors import HistoryUnavailable, sqlite_problem

BACKUP_DIR: Final = "backups"
KEEP_BACKUPS: Final = 5
_BACKUP_NAME = re.compile(r"^history-(\d{8}-\d{6}-\d{6})(-before-v\d+)?\.sqlite3$")


def backup_dir(history: Path) -> Path:
    return history.parent / BACKUP_DIR


def list_backups(folder: Path) -> list[Path]:
    """Backups in ``folder``, newest first (by the UTC timestamp in the name, which file copies cannot change)."""
    if not folder.is_dir():
        return []
    found: list[tuple[str, str, Path]] = []
    for entry in folder.iterdir():
        match = _BACKUP_NAME.match(entry.name)
        if match is not None and entry.is_file():
            found.append((match.group(1), entry.name, entry))
    return [entry for _, _, entry in sorted(found, reverse=True)]


def take_backup(conn: sqlite3.Connection, history: Path, options: Options) -> Path:
    """The backup after a session: copy the history to ``backups/`` (0600), then keep the newest
    :data:`KEEP_BACKUPS` of these copies (the pre-migration ones are not counted, nor deleted)."""
    folder = backup_dir(history)
    try:
        target = write_backup(conn, folder, "", options.now())
    except sqlite3.Error as exc:
        raise sqlite_problem(exc, history, options.busy_timeout_ms) from exc
    except OSError as exc:
        raise HistoryUnavailable(f"No backup could be written to {folder} ({os_problem(exc, folder)}).") from exc
    rotating = [entry for entry in list_backups(folder) if "-before-v" not in entry.name]
    for old in rotating[KEEP_BACKUPS:]:
        old.unlink(missing_ok=True)
    return target


def write_backup(conn: sqlite3.Connection, folder: Path, tag: str, moment: datetime) -> Path:
    """Copy the database with the online backup API (consistent even with a hot journal next to it)."""
    paths.ensure_private_dir(folder)
    moment = moment.astimezone(UTC)
    while True:
        target = folder / f"history-{moment.strftime('%Y%m%d-%H%M%S-%f')}{tag}.sqlite3"
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            moment += timedelta(microseconds=1)
            continue
        os.close(fd)
        break
    try:
        copy_database(conn, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """SQLite's online backup into ``target`` (already created 0600), written with the same full sync."""
    copy = sqlite3.connect(target, isolation_level=None)
    try:
        copy.execute("PRAGMA synchronous = FULL")
        source.backup(copy)
    finally:
        copy.close()
