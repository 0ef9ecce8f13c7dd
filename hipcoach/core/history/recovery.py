"""Recovery of a damaged or missing history: move the damaged file aside, put the newest good backup in its place.

Why never delete: a damaged file may still hold sessions no backup has (``sqlite3 … .recover`` can often read
them), so it is renamed with its side files, never removed. A backup is restored only after it passes the same
``quick_check`` and schema check as the history itself. What to tell the user is decided by ``opening``, which
calls these two steps.

Imports the connection, backup and error rooms of its own package.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from hipcoach.core.files import fsync_dir
from hipcoach.core.history.backups import backup_dir, copy_database, list_backups
from hipcoach.core.history.connection import SIDE_FILES, Options, connect, create_private_file, inspect
from hipcoach.core.history.errors import Damaged, HistoryError


def move_aside(path: Path, moment: datetime) -> Path:
    """Rename the file and its side files to ``<name>.corrupt-YYYYmmdd-HHMMSS[-journal…]``, never deleting them.

    The side files keep SQLite's naming, so the set can still be opened together (``sqlite3 … .recover``).
    """
    stamp = moment.astimezone().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while any(Path(f"{target}{suffix}").exists() for suffix in ("", *SIDE_FILES)):
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{target}{suffix}"))
    os.replace(path, target)
    fsync_dir(path.parent)
    return target


def restore_newest_backup(path: Path, options: Options) -> Path | None:
    """Copy the newest backup that passes the checks into ``path``; returns it, or None when none does."""
    for candidate in list_backups(backup_dir(path)):
        try:
            source = connect(candidate, options, read_only=True)
        except (Damaged, HistoryError):
            continue
        try:
            inspect(source, candidate, options)
            create_private_file(path)
            copy_database(source, path)
        except (Damaged, HistoryError, sqlite3.Error):
            path.unlink(missing_ok=True)
            continue
        finally:
            source.close()
        return candidate
    return None
