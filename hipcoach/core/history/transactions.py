"""The store's connection, its lifetime, and one transaction per call: what the writes and queries build on.

* ``isolation_level=None`` and explicit ``BEGIN IMMEDIATE … COMMIT``: Python never opens or commits a transaction
  behind our back, and each call is exactly one transaction. ``IMMEDIATE`` takes the write lock up front, so a busy
  database fails at the start (after ``busy_timeout``) rather than half-way, and a failure rolls everything back.
* Every SQLite error leaves as a :class:`HistoryError` with a sentence for the user (``errors``).

A store holds one connection and, like it, belongs to the thread that opened it.

Imports the connection options and the errors of its own package.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hipcoach.core.history.backups import backup_dir
from hipcoach.core.history.connection import Options
from hipcoach.core.history.errors import HistoryReadOnly, UnknownSession, sqlite_problem


class StoreCore:
    """A connection to one history file and what every room of the store needs from it.

    ``read_only`` is True for a newer version's file or a read-only folder: reading works, every write raises
    :class:`HistoryReadOnly`. ``notice`` is None, or a sentence to show the user once.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        version: int,
        read_only: bool,
        notice: str | None,
        options: Options,
    ) -> None:
        conn.row_factory = sqlite3.Row
        self._conn = conn
        self.path = path
        self.version = version
        self.read_only = read_only
        self.notice = notice
        self._options = options
        self._closed = False

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._conn.close()

    @property
    def backup_dir(self) -> Path:
        return backup_dir(self.path)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE … COMMIT``: the write lock is taken up front, so a busy database fails at the start
        (after ``busy_timeout``) rather than half-way, and a failure rolls everything back."""
        if self.read_only:
            raise HistoryReadOnly(f"The history is read-only ({self.notice or self.path}); nothing was recorded.")
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise self._problem(exc) from exc
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            return list(self._conn.execute(sql, params).fetchall())
        except sqlite3.Error as exc:
            raise self._problem(exc) from exc

    def _problem(self, exc: sqlite3.Error) -> Exception:
        return sqlite_problem(exc, self.path, self._options.busy_timeout_ms)

    @staticmethod
    def _require_session(conn: sqlite3.Connection, session_id: int) -> None:
        if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
            raise UnknownSession(f"There is no session with id {session_id} in the history.")
