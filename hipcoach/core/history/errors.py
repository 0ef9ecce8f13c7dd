"""The errors the history raises, and the reading of an SQLite error into one of them.

Why one module: every room of the history (opening, recovery, backups, writes, queries, import) meets the same
SQLite errors and must say the same sentence for each. SQLite errors are told apart by their result code: damage
(``SQLITE_CORRUPT``, ``SQLITE_NOTADB``) is repaired from a backup; everything else is reported, changing nothing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hipcoach.core.files import write_problem

# Primary SQLite result codes (the low byte of an extended code).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26


class HistoryError(Exception):
    """Base of every error the history raises on purpose. The message is a plain sentence meant for the user."""


class HistoryReadOnly(HistoryError):
    """A write to a history opened read-only (a newer version's file, or a read-only data folder)."""


class HistoryUnavailable(HistoryError):
    """The history cannot be opened or written now; nothing was changed. The app keeps guiding sessions."""


class HistoryLocked(HistoryUnavailable):
    """Another program held the database locked for longer than the busy timeout."""


class HistoryMigrationError(HistoryUnavailable):
    """Upgrading the schema failed; the transaction was rolled back, so the file is still at its old version."""


class HistoryImportError(HistoryError, ValueError):
    """An import file is not a hipcoach history, or one of its fields is wrong (the message names the field)."""


class UnknownSession(HistoryError, LookupError):
    """No session has this id (deleted meanwhile, or a programming error)."""


class Damaged(Exception):
    """Internal to the history: the file is not a usable database (what SQLite or quick_check said is the message).

    Never reaches a caller of the package: opening turns it into a repair from a backup, or into
    :class:`HistoryUnavailable` when no repair is possible."""


def sqlite_code(exc: sqlite3.Error) -> int:
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF


def classify(exc: sqlite3.Error, path: Path, busy_timeout_ms: int | None) -> Exception:
    """Damage (to repair from a backup) or any other problem (to report, changing nothing)."""
    if sqlite_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return Damaged(str(exc))
    return sqlite_problem(exc, path, busy_timeout_ms)


def sqlite_problem(exc: sqlite3.Error, path: Path, busy_timeout_ms: int | None) -> HistoryError:
    """A sentence for an SQLite error that is not damage: locked, read-only, disk full, or something else.

    ``busy_timeout_ms`` is how long the connection waited for a lock, or None when it is not known (the wait is
    then left out of the sentence)."""
    code = sqlite_code(exc)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        waited = f" for {busy_timeout_ms / 1000:g} s" if busy_timeout_ms is not None else ""
        return HistoryLocked(
            f"The history file {path} is locked by another program (it stayed locked{waited}). Close the other "
            "program and try again; nothing was changed."
        )
    if code == SQLITE_READONLY:
        return HistoryReadOnly(f"The history file {path} cannot be written ({write_problem(path.parent) or exc}).")
    if code == SQLITE_FULL:
        return HistoryUnavailable(f"The disk holding {path} is full, so the history could not be saved.")
    # An I/O error or a file that cannot be opened: a full or read-only disk, or a permission, is the usual cause.
    cause = write_problem(path.parent) if code in (SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_PERM) else None
    return HistoryUnavailable(f"The history file {path} could not be used ({cause or exc}).")
