"""Connecting to a history file and checking it: the pragmas, ``quick_check``, and the schema against its version.

Why it looks the way it does (docs/history.md has the long version):

* ``synchronous=FULL`` with the default rollback journal: every commit is on disk before the write returns.
* ``isolation_level=None``: Python never opens or commits a transaction behind our back (``transactions`` does).
* ``PRAGMA quick_check`` and a comparison of the tables with what ``user_version`` promises: a damaged file is
  found at opening, where it can be repaired from a backup, not half-way through a session.
* Files are created 0600 with ``os.open`` before SQLite sees them (SQLite would use the umask): health data.

Imports only the errors and the migrations of its own package; opening, recovery and backups build on it.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from hipcoach.core.history.errors import Damaged, HistoryUnavailable, classify
from hipcoach.core.history.migrations import Migration, migrate, user_version

SQLITE_MAGIC: Final = b"SQLite format 3\x00"
SIDE_FILES: Final = ("-journal", "-wal", "-shm")

Clock = Callable[[], datetime]
Schema = dict[str, tuple[tuple[str, str, int, int], ...]]


@dataclass(frozen=True)
class Options:
    """What a store was opened with: the schema steps, how long to wait for a lock, and the clock (for tests)."""

    migrations: Sequence[Migration]
    busy_timeout_ms: int
    now: Clock

    @property
    def latest(self) -> int:
        return len(self.migrations)


def connect(path: Path, options: Options, *, read_only: bool) -> sqlite3.Connection:
    """A connection with our pragmas; ``read_only`` goes through a ``mode=ro`` URI, so SQLite itself cannot write."""
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "?mode=rw")
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=options.busy_timeout_ms / 1000)
    except sqlite3.Error as exc:
        raise HistoryUnavailable(f"The history file {path} could not be opened ({exc}).") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(options.busy_timeout_ms)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as exc:
        conn.close()
        raise classify(exc, path, options.busy_timeout_ms) from exc
    return conn


def inspect(conn: sqlite3.Connection, path: Path, options: Options) -> int:
    """Run ``quick_check`` (it catches damaged pages a plain SELECT reads past), check the tables and columns
    against what ``user_version`` promises, and return ``user_version``. Raises :class:`Damaged`."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        version = user_version(conn)
        missing = _schema_mismatch(conn, options.migrations, version)
    except sqlite3.Error as exc:
        raise classify(exc, path, None) from exc
    messages = [str(row[0]) for row in rows]
    if messages != ["ok"]:
        raise Damaged("; ".join(messages[:3]))
    if missing is not None:
        raise Damaged(missing)
    return version


@functools.cache
def expected_schema(migrations: tuple[Migration, ...], version: int) -> Schema:
    """The tables and columns a file at ``version`` has: the first ``version`` steps run on an empty in-memory
    database. Built from the steps themselves, so it is right for every later migration without a second list."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(memory, migrations[:version])
        return _schema_of(memory)
    finally:
        memory.close()


def _schema_of(conn: sqlite3.Connection) -> Schema:
    """Each table's columns as (name, declared type, not null, primary key), SQLite's own tables left out."""
    names = [
        str(row[0])
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ]
    return {
        name: tuple(
            (str(column[1]), str(column[2]).upper(), int(column[3]), int(column[5]))
            for column in conn.execute("SELECT * FROM pragma_table_info(?)", (name,))
        )
        for name in names
    }


def _schema_mismatch(conn: sqlite3.Connection, migrations: Sequence[Migration], version: int) -> str | None:
    """What is wrong with the tables, or None. A file that claims a version but lacks its tables or columns (dropped
    by hand or by another program) would record nothing, or fail later in a query, so it counts as damage.

    Tables of our own that are missing or have other columns are a mismatch; tables we do not know are left alone
    (a user may add one with the sqlite3 shell), and so is a file from a newer version, whose schema we cannot know.
    """
    if version < 1 or version > len(migrations):
        return None
    expected = expected_schema(tuple(migrations), version)
    actual = _schema_of(conn)
    for table, columns in expected.items():
        if table not in actual:
            return f"the table '{table}' of history version {version} is missing"
        if actual[table] != columns:
            return f"the table '{table}' does not have the columns of history version {version}"
    return None


def create_private_file(path: Path) -> None:
    """Create the file 0600 before SQLite opens it (SQLite would use the umask); its journal inherits the mode."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, 0o600)


def header_version(path: Path) -> int:
    """``user_version`` read from the file header (bytes 60-63), without letting SQLite touch the file."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return 0
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return 0
    return int.from_bytes(header[60:64], "big", signed=True)


def writable(path: Path) -> bool:
    """Whether we may change the file and create its journal next to it (``os.access`` also sees read-only mounts)."""
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.R_OK | os.W_OK)


def missing_or_empty(path: Path) -> bool:
    return not path.exists() or path.stat().st_size == 0
