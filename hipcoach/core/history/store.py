"""The history store: one SQLite file of sessions, exercise results and pauses that must never be lost.

Why it looks the way it does (docs/history.md has the long version):

* ``synchronous=FULL`` with the default rollback journal: every commit is on disk before ``record_exercise``
  returns, so a kill or a power cut loses at most the exercise in progress. Writes are a few rows per exercise, so
  the fsyncs cost nothing that matters; WAL would add two side files and no benefit for one writer.
* ``isolation_level=None`` and explicit ``BEGIN IMMEDIATE … COMMIT``: Python never opens or commits a transaction
  behind our back, and each call is exactly one transaction.
* Opening runs ``PRAGMA quick_check``. A damaged file is moved aside (never deleted), the newest good backup is put
  in its place, and ``notice`` says so in a sentence naming both files. Never a silent empty start.
* A file from a newer hipcoach (``user_version`` above what we know) is opened read-only through a ``mode=ro`` URI,
  so SQLite itself guarantees we do not change a byte of it.
* The data folder is 0700 and the files 0600 (created with ``os.open`` before SQLite sees them): health data.

A store holds one connection and, like it, belongs to the thread that opened it.
"""

from __future__ import annotations

import enum
import functools
import os
import re
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Final, Literal

from hipcoach.core import paths
from hipcoach.core.files import fsync_dir, os_problem, write_problem
from hipcoach.core.history import exchange, tally
from hipcoach.core.history.migrations import MIGRATIONS, Migration, migrate, user_version
from hipcoach.core.history.rows import (
    END_STATUSES,
    PAIN_RANGE,
    UNITS,
    ExerciseRow,
    HistoryError,
    HistoryLocked,
    HistoryMigrationError,
    HistoryReadOnly,
    HistoryUnavailable,
    PauseRow,
    SessionRecord,
    SessionRow,
    UnknownSession,
    parse_utc,
    utc_text,
)
from hipcoach.core.results import ExerciseResult

HISTORY_FILE: Final = "history.sqlite3"
BACKUP_DIR: Final = "backups"
KEEP_BACKUPS: Final = 5
BUSY_TIMEOUT_MS: Final = 5000
SQLITE_MAGIC: Final = b"SQLite format 3\x00"
SIDE_FILES: Final = ("-journal", "-wal", "-shm")
_BACKUP_NAME = re.compile(r"^history-(\d{8}-\d{6}-\d{6})(-before-v\d+)?\.sqlite3$")

# Primary SQLite result codes (the low byte of an extended code).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 5, 6, 8, 11, 13, 26
_SQLITE_PERM, _SQLITE_IOERR, _SQLITE_CANTOPEN = 3, 10, 14

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class _Keep(enum.Enum):
    KEEP = "keep"


KEEP: Final = _Keep.KEEP
"""Default of :meth:`HistoryStore.set_pain` arguments: leave the value as it is (None clears it)."""


class _Damaged(Exception):
    """Internal: the file is not a usable database (what SQLite or quick_check said is the message)."""


@dataclass(frozen=True)
class _Options:
    migrations: Sequence[Migration]
    busy_timeout_ms: int
    now: Clock

    @property
    def latest(self) -> int:
        return len(self.migrations)


# ---------------------------------------------------------------------------------------------------------------
# Opening


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
    options = _Options(tuple(migrations), busy_timeout_ms, now)
    folder = path.parent
    try:
        _prepare_folder(folder)
    except OSError as exc:
        raise HistoryUnavailable(
            f"The data folder {folder} could not be created ({os_problem(exc, folder)}), so no history can be kept."
        ) from exc
    try:
        if not _writable(path):
            return _open_in_read_only_folder(path, options)
        if _missing_or_empty(path) and list_backups(folder / BACKUP_DIR):
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


def _writable(path: Path) -> bool:
    """Whether we may change the file and create its journal next to it (``os.access`` also sees read-only mounts)."""
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.R_OK | os.W_OK)


def _open_writable(path: Path, options: _Options, *, recovering: bool) -> HistoryStore:
    _create_private_file(path)
    if _header_version(path) > options.latest:
        return _open_newer(path, options)
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(path, options, read_only=False)
        version = _inspect(conn, path, options)
        if version > options.latest:  # the header can lag behind a newer version's WAL
            conn.close()
            return _open_newer(path, options)
        if version < options.latest:
            _upgrade(conn, path, version, options)
    except _Damaged as damaged:
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


def _missing_or_empty(path: Path) -> bool:
    return not path.exists() or path.stat().st_size == 0


def _restore_missing(path: Path, options: _Options) -> HistoryStore:
    """The history is gone (deleted by hand, a sync tool, a disk that filled up) but backups are there: a new empty
    history would look like everything was lost, so the newest backup comes back instead, and the user is told."""
    state = "missing" if not path.exists() else "empty"
    restored = _restore_newest_backup(path, options)
    store = _open_writable(path, options, recovering=True)
    if restored is not None:
        sentence = f"The history file {path} was {state}, so the newest backup, {restored}, was restored."
    else:
        sentence = f"The history file {path} was {state} and no backup could be read, so a new history was started."
    store.notice = sentence if store.notice is None else f"{sentence} {store.notice}"
    return store


def _open_newer(path: Path, options: _Options) -> HistoryStore:
    try:
        conn = _connect(path, options, read_only=True)
    except _Damaged as damaged:
        return _recover(path, str(damaged), options)
    try:
        version = _inspect(conn, path, options)
    except _Damaged as damaged:
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


def _open_in_read_only_folder(path: Path, options: _Options) -> HistoryStore:
    """The folder (or the file) cannot be written: show what there is, record nothing, change nothing."""
    where = path.parent if not os.access(path.parent, os.W_OK) else path
    if not path.exists() or path.stat().st_size == 0:
        memory = sqlite3.connect(":memory:", isolation_level=None)
        migrate(memory, options.migrations)
        notice = f"{where} is read-only, so the sessions you do now cannot be recorded in {path}."
        return HistoryStore(memory, path, version=options.latest, read_only=True, notice=notice, options=options)
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(path, options, read_only=True)
        version = _inspect(conn, path, options)
    except _Damaged as damaged:
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


def _connect(path: Path, options: _Options, *, read_only: bool) -> sqlite3.Connection:
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
        raise _classify(exc, path, options) from exc
    return conn


def _inspect(conn: sqlite3.Connection, path: Path, options: _Options) -> int:
    """Run ``quick_check`` (it catches damaged pages a plain SELECT reads past), check the tables and columns
    against what ``user_version`` promises, and return ``user_version``."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        version = user_version(conn)
        missing = _schema_mismatch(conn, options.migrations, version)
    except sqlite3.Error as exc:
        raise _classify(exc, path, None) from exc
    messages = [str(row[0]) for row in rows]
    if messages != ["ok"]:
        raise _Damaged("; ".join(messages[:3]))
    if missing is not None:
        raise _Damaged(missing)
    return version


Schema = dict[str, tuple[tuple[str, str, int, int], ...]]


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


def _upgrade(conn: sqlite3.Connection, path: Path, version: int, options: _Options) -> None:
    """Back up (if there is anything to lose), then run the missing migration steps in one transaction."""
    has_schema = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    if has_schema:
        _write_backup(conn, path.parent / BACKUP_DIR, f"-before-v{options.latest}", options.now())
    try:
        migrate(conn, options.migrations)
    except sqlite3.Error as exc:
        if _code(exc) in (_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_CORRUPT, _SQLITE_NOTADB):
            raise _classify(exc, path, options) from exc
        raise _migration_failed(path, version, options, exc) from exc
    except Exception as exc:
        raise _migration_failed(path, version, options, exc) from exc


def _migration_failed(path: Path, version: int, options: _Options, exc: BaseException) -> HistoryMigrationError:
    return HistoryMigrationError(
        f"The history file {path} could not be upgraded from version {version} to {options.latest} ({exc}); it was "
        "left as it was."
    )


def _recover(path: Path, problem: str, options: _Options) -> HistoryStore:
    """Move the damaged file aside, restore the newest good backup (or start empty), and say what happened."""
    moment = options.now()
    moved = _move_aside(path, moment)
    restored = _restore_newest_backup(path, options)
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


def _move_aside(path: Path, moment: datetime) -> Path:
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


def _restore_newest_backup(path: Path, options: _Options) -> Path | None:
    for candidate in list_backups(path.parent / BACKUP_DIR):
        try:
            source = _connect(candidate, options, read_only=True)
        except (_Damaged, HistoryError):
            continue
        try:
            _inspect(source, candidate, options)
            _create_private_file(path)
            _copy_database(source, path)
        except (_Damaged, HistoryError, sqlite3.Error):
            path.unlink(missing_ok=True)
            continue
        finally:
            source.close()
        return candidate
    return None


# ---------------------------------------------------------------------------------------------------------------
# Files


def _create_private_file(path: Path) -> None:
    """Create the file 0600 before SQLite opens it (SQLite would use the umask); its journal inherits the mode."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, 0o600)


def _header_version(path: Path) -> int:
    """``user_version`` read from the file header (bytes 60-63), without letting SQLite touch the file."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return 0
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return 0
    return int.from_bytes(header[60:64], "big", signed=True)


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


def _write_backup(conn: sqlite3.Connection, folder: Path, tag: str, moment: datetime) -> Path:
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
        _copy_database(conn, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def _copy_database(source: sqlite3.Connection, target: Path) -> None:
    """SQLite's online backup into ``target`` (already created 0600), written with the same full sync."""
    copy = sqlite3.connect(target, isolation_level=None)
    try:
        copy.execute("PRAGMA synchronous = FULL")
        source.backup(copy)
    finally:
        copy.close()


# ---------------------------------------------------------------------------------------------------------------
# Errors


def _code(exc: sqlite3.Error) -> int:
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF


def _classify(exc: sqlite3.Error, path: Path, options: _Options | None) -> Exception:
    """Damage (to repair from a backup) or any other problem (to report, changing nothing)."""
    if _code(exc) in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return _Damaged(str(exc))
    return _sqlite_problem(exc, path, options)


def _sqlite_problem(exc: sqlite3.Error, path: Path, options: _Options | None) -> HistoryError:
    """A sentence for an SQLite error that is not damage: locked, read-only, disk full, or something else."""
    code = _code(exc)
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        waited = f" for {options.busy_timeout_ms / 1000:g} s" if options is not None else ""
        return HistoryLocked(
            f"The history file {path} is locked by another program (it stayed locked{waited}). Close the other "
            "program and try again; nothing was changed."
        )
    if code == _SQLITE_READONLY:
        return HistoryReadOnly(f"The history file {path} cannot be written ({write_problem(path.parent) or exc}).")
    if code == _SQLITE_FULL:
        return HistoryUnavailable(f"The disk holding {path} is full, so the history could not be saved.")
    # An I/O error or a file that cannot be opened: a full or read-only disk, or a permission, is the usual cause.
    cause = write_problem(path.parent) if code in (_SQLITE_IOERR, _SQLITE_CANTOPEN, _SQLITE_PERM) else None
    return HistoryUnavailable(f"The history file {path} could not be used ({cause or exc}).")


# ---------------------------------------------------------------------------------------------------------------
# The store

_SESSION_COLUMNS: Final = (
    "id, uuid, routine_id, routine_name, started_at, ended_at, status, time_scale, real_seconds, active_seconds, "
    "pain_before, pain_after, note"
)
_EXERCISE_COLUMNS: Final = (
    "entry_index, exercise_id, side, target, actual, unit, sets_target, sets_done, status, recorded_at, sharp_pain, "
    "attempt"
)
_INSERT_EXERCISE: Final = (
    f"INSERT INTO exercise_results (session_id, {_EXERCISE_COLUMNS}) VALUES ({', '.join(['?'] * 13)})"
)
_EXERCISE_ORDER: Final = "entry_index, attempt, coalesce(side, '')"


class HistoryStore:
    """Sessions, exercise results and pauses in one SQLite file. Open with :func:`open_history`.

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
        options: _Options,
    ) -> None:
        conn.row_factory = sqlite3.Row
        self._conn = conn
        self.path = path
        self.version = version
        self.read_only = read_only
        self.notice = notice
        self._options = options
        self._closed = False

    # -- lifetime -------------------------------------------------------------------------------------------------

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def backup_dir(self) -> Path:
        return self.path.parent / BACKUP_DIR

    # -- transactions ---------------------------------------------------------------------------------------------

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
            raise _sqlite_problem(exc, self.path, self._options) from exc
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            return list(self._conn.execute(sql, params).fetchall())
        except sqlite3.Error as exc:
            raise _sqlite_problem(exc, self.path, self._options) from exc

    @staticmethod
    def _require_session(conn: sqlite3.Connection, session_id: int) -> None:
        if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
            raise UnknownSession(f"There is no session with id {session_id} in the history.")

    # -- recording ------------------------------------------------------------------------------------------------

    def start_session(
        self,
        routine_id: str,
        routine_name: str,
        time_scale: float,
        started_at: datetime,
        routine_file: str | None = None,
    ) -> int:
        """Record a session as running; returns its id. ``started_at`` must be timezone-aware. ``routine_file`` is
        the file the routine was read from, kept so that an interruption can be resumed from any folder."""
        if not time_scale > 0:
            raise ValueError(f"time_scale must be greater than 0, not {time_scale}")
        started = utc_text(started_at, "started_at")
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO sessions (uuid, routine_id, routine_name, started_at, status, time_scale, routine_file) "
                "VALUES (?, ?, ?, ?, 'running', ?, ?)",
                (str(uuid.uuid4()), routine_id, routine_name, started, float(time_scale), routine_file or None),
            )
            session_id = cursor.lastrowid
        assert session_id is not None
        return session_id

    def record_exercise(
        self, session_id: int, result: ExerciseResult, unit: str, *, recorded_at: datetime | None = None
    ) -> int:
        """Record every side of one attempt at one exercise in one committed transaction; returns its number.

        An exercise done again in the same session (the user went "back") is a new attempt, numbered after the
        ones already recorded: nothing recorded is ever replaced or deleted here.
        """
        if unit not in UNITS:
            raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
        when = utc_text(recorded_at if recorded_at is not None else self._options.now(), "recorded_at")
        with self._write() as conn:
            self._require_session(conn, session_id)
            (attempt,) = conn.execute(
                "SELECT coalesce(max(attempt), 0) + 1 FROM exercise_results WHERE session_id = ? AND entry_index = ?",
                (session_id, result.entry_index),
            ).fetchone()
            rows = [
                (session_id, *_exercise_values(row))
                for row in tally.rows_of(result, unit, parse_utc(when), int(attempt))
            ]
            conn.executemany(_INSERT_EXERCISE, rows)
        return int(attempt)

    def record_pause(self, session_id: int, started_at: datetime, seconds: float, reason: str) -> None:
        if seconds < 0:
            raise ValueError(f"a pause cannot last {seconds} seconds")
        if not reason:
            raise ValueError("a pause needs a reason (engine.PauseReason)")
        started = utc_text(started_at, "started_at")
        with self._write() as conn:
            self._require_session(conn, session_id)
            conn.execute(
                "INSERT INTO pauses (session_id, started_at, seconds, reason) VALUES (?, ?, ?, ?)",
                (session_id, started, float(seconds), str(reason)),
            )

    def end_session(
        self, session_id: int, status: str, ended_at: datetime, real_seconds: float, active_seconds: float
    ) -> None:
        if status not in END_STATUSES:
            raise ValueError(f"a session ends {' or '.join(END_STATUSES)}, not {status!r}")
        if real_seconds < 0 or active_seconds < 0:
            raise ValueError("session durations cannot be negative")
        ended = utc_text(ended_at, "ended_at")
        with self._write() as conn:
            self._require_session(conn, session_id)
            conn.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, real_seconds = ?, active_seconds = ? WHERE id = ?",
                (status, ended, float(real_seconds), float(active_seconds), session_id),
            )

    def set_pain(
        self,
        session_id: int,
        before: int | Literal[_Keep.KEEP] | None = KEEP,
        after: int | Literal[_Keep.KEEP] | None = KEEP,
        note: str | Literal[_Keep.KEEP] | None = KEEP,
    ) -> None:
        """Set or correct the pain ratings (0-10) and the note. Leave an argument out to keep its value; pass None
        to clear it."""
        changes: list[tuple[str, object]] = []
        for name, value in (("pain_before", before), ("pain_after", after)):
            if value is KEEP:
                continue
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise TypeError(f"{name} must be a whole number or None, not {value!r}")
            low, high = PAIN_RANGE
            if value is not None and not low <= value <= high:
                raise ValueError(f"{name} must be from {low} to {high}, not {value}")
            changes.append((name, value))
        if note is not KEEP:
            changes.append(("note", note))
        if not changes:
            return
        assignments = ", ".join(f"{name} = ?" for name, _ in changes)
        with self._write() as conn:
            self._require_session(conn, session_id)
            conn.execute(
                f"UPDATE sessions SET {assignments} WHERE id = ?", [value for _, value in changes] + [session_id]
            )

    def delete_session(self, session_id: int) -> None:
        """Delete a session with its results and pauses (ON DELETE CASCADE)."""
        with self._write() as conn:
            self._require_session(conn, session_id)
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    # -- reading --------------------------------------------------------------------------------------------------

    def sessions(self, since: date | None = None) -> list[SessionRow]:
        """Sessions newest first; ``since`` is a local date (sessions started on or after its local midnight)."""
        if since is None:
            rows = self._query(f"SELECT {_SESSION_COLUMNS} FROM sessions ORDER BY started_at DESC, id DESC")
        else:
            start = datetime.combine(since, time()).astimezone()  # local midnight, aware
            rows = self._query(
                f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE started_at >= ? ORDER BY started_at DESC, id DESC",
                (utc_text(start),),
            )
        return [_session_row(row) for row in rows]

    def session(self, session_id: int) -> SessionRow:
        rows = self._query(f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise UnknownSession(f"There is no session with id {session_id} in the history.")
        return _session_row(rows[0])

    def session_detail(self, session_id: int) -> tuple[SessionRow, list[ExerciseRow]]:
        """The session and its results in routine order, each exercise's attempts in order, left before right."""
        session = self.session(session_id)
        rows = self._query(
            f"SELECT {_EXERCISE_COLUMNS} FROM exercise_results WHERE session_id = ? ORDER BY {_EXERCISE_ORDER}",
            (session_id,),
        )
        return session, [_exercise_row(row) for row in rows]

    def pauses(self, session_id: int) -> list[PauseRow]:
        rows = self._query(
            "SELECT started_at, seconds, reason FROM pauses WHERE session_id = ? ORDER BY started_at, id",
            (session_id,),
        )
        return [_pause_row(row) for row in rows]

    def unfinished_session(self) -> SessionRow | None:
        """The newest session still marked running: it was interrupted (crash, kill, power cut) and can be resumed
        from the first exercise not recorded."""
        rows = self._query(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE status = 'running' ORDER BY started_at DESC, id DESC "
            "LIMIT 1"
        )
        return _session_row(rows[0]) if rows else None

    def routine_file(self, session_id: int) -> str | None:
        """The file the session's routine was read from, or None (recorded before it was kept, or imported).

        Not part of :class:`SessionRow` nor of the export: it is a path on this computer, not part of the record."""
        rows = self._query("SELECT routine_file FROM sessions WHERE id = ?", (session_id,))
        return None if not rows or rows[0]["routine_file"] is None else str(rows[0]["routine_file"])

    # -- backups and deletion -------------------------------------------------------------------------------------

    def backup(self) -> Path:
        """Copy the history to ``backups/`` (0600) and keep the newest :data:`KEEP_BACKUPS` of these copies.

        Backups taken before a migration are kept apart from the rotation: they are the only copy of the old
        schema. Called after each session.
        """
        if self.read_only:
            raise HistoryReadOnly(f"The history is read-only ({self.notice or self.path}); no backup was taken.")
        try:
            target = _write_backup(self._conn, self.backup_dir, "", self._options.now())
        except sqlite3.Error as exc:
            raise _sqlite_problem(exc, self.path, self._options) from exc
        except OSError as exc:
            raise HistoryUnavailable(
                f"No backup could be written to {self.backup_dir} ({os_problem(exc, self.backup_dir)})."
            ) from exc
        rotating = [entry for entry in list_backups(self.backup_dir) if "-before-v" not in entry.name]
        for old in rotating[KEEP_BACKUPS:]:
            old.unlink(missing_ok=True)
        return target

    def backups(self) -> list[Path]:
        return list_backups(self.backup_dir)

    def delete_all_data(self) -> list[Path]:
        """Close the store and delete the history, its side files, moved-aside damaged copies and all backups.

        Works on a read-only store too: the user asked for it, and a newer version's file is theirs to delete.
        The settings are the caller's. Returns what was deleted. The store cannot be used afterwards.
        """
        self.close()
        deleted: list[Path] = []
        folder = self.path.parent
        prefix = self.path.name
        for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
            name = entry.name
            ours = name == prefix or name in {prefix + s for s in SIDE_FILES} or name.startswith(prefix + ".corrupt-")
            if ours and entry.is_file():
                entry.unlink()
                deleted.append(entry)
        if self.backup_dir.is_dir():
            deleted.extend(sorted(self.backup_dir.iterdir()))
            shutil.rmtree(self.backup_dir)
            deleted.append(self.backup_dir)
        if deleted:
            fsync_dir(folder)
        return deleted

    # -- export and import ----------------------------------------------------------------------------------------

    def records(self) -> list[SessionRecord]:
        """Every session with its results and pauses, oldest first (three queries, grouped here)."""
        sessions = [
            _session_row(row) for row in self._query(f"SELECT {_SESSION_COLUMNS} FROM sessions ORDER BY started_at, id")
        ]
        exercises: dict[int, list[ExerciseRow]] = {}
        for row in self._query(
            f"SELECT session_id, {_EXERCISE_COLUMNS} FROM exercise_results ORDER BY session_id, {_EXERCISE_ORDER}"
        ):
            exercises.setdefault(row["session_id"], []).append(_exercise_row(row))
        pauses: dict[int, list[PauseRow]] = {}
        for row in self._query("SELECT session_id, started_at, seconds, reason FROM pauses ORDER BY started_at, id"):
            pauses.setdefault(row["session_id"], []).append(_pause_row(row))
        return [
            SessionRecord(session, tuple(exercises.get(session.id, ())), tuple(pauses.get(session.id, ())))
            for session in sessions
        ]

    def export_json(self) -> dict[str, object]:
        """Everything, as the versioned envelope ``{"format": "hipcoach-history", "version": 1, "sessions": […]}``."""
        return exchange.to_json(self.records(), exported_at=self._options.now())

    def export_csv(self, path: Path) -> int:
        """One row per exercise result (a session without results gets one row); returns the number of rows."""
        return exchange.write_csv(self.records(), path)

    def import_json(self, data: object) -> int:
        """Merge an export into this history; sessions already here (same uuid) are skipped. Returns how many were
        added. Everything is validated before anything is written, and the whole import is one transaction."""
        records = exchange.from_json(data)
        added = 0
        with self._write() as conn:
            for record in records:
                session = record.session
                if conn.execute("SELECT 1 FROM sessions WHERE uuid = ?", (session.uuid,)).fetchone() is not None:
                    continue
                cursor = conn.execute(
                    f"INSERT INTO sessions ({_SESSION_COLUMNS.removeprefix('id, ')}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        session.uuid,
                        session.routine_id,
                        session.routine_name,
                        utc_text(session.started_at),
                        None if session.ended_at is None else utc_text(session.ended_at),
                        session.status,
                        session.time_scale,
                        session.real_seconds,
                        session.active_seconds,
                        session.pain_before,
                        session.pain_after,
                        session.note,
                    ),
                )
                session_id = cursor.lastrowid
                conn.executemany(
                    _INSERT_EXERCISE,
                    [(session_id, *_exercise_values(e)) for e in record.exercises],
                )
                conn.executemany(
                    "INSERT INTO pauses (session_id, started_at, seconds, reason) VALUES (?, ?, ?, ?)",
                    [(session_id, utc_text(p.started_at), p.seconds, p.reason) for p in record.pauses],
                )
                added += 1
        return added


def _session_row(row: sqlite3.Row) -> SessionRow:
    return SessionRow(
        id=row["id"],
        uuid=row["uuid"],
        routine_id=row["routine_id"],
        routine_name=row["routine_name"],
        started_at=parse_utc(row["started_at"]),
        ended_at=None if row["ended_at"] is None else parse_utc(row["ended_at"]),
        status=row["status"],
        time_scale=row["time_scale"],
        real_seconds=row["real_seconds"],
        active_seconds=row["active_seconds"],
        pain_before=row["pain_before"],
        pain_after=row["pain_after"],
        note=row["note"],
    )


def _exercise_row(row: sqlite3.Row) -> ExerciseRow:
    return ExerciseRow(
        entry_index=row["entry_index"],
        exercise_id=row["exercise_id"],
        side=row["side"],
        target=row["target"],
        actual=row["actual"],
        unit=row["unit"],
        sets_target=row["sets_target"],
        sets_done=row["sets_done"],
        status=row["status"],
        recorded_at=parse_utc(row["recorded_at"]),
        sharp_pain=bool(row["sharp_pain"]),
        attempt=row["attempt"],
    )


def _exercise_values(row: ExerciseRow) -> tuple[object, ...]:
    """The values of :data:`_EXERCISE_COLUMNS`, in their order."""
    return (
        row.entry_index,
        row.exercise_id,
        row.side,
        row.target,
        row.actual,
        row.unit,
        row.sets_target,
        row.sets_done,
        row.status,
        utc_text(row.recorded_at),
        int(row.sharp_pain),
        row.attempt,
    )


def _pause_row(row: sqlite3.Row) -> PauseRow:
    return PauseRow(started_at=parse_utc(row["started_at"]), seconds=row["seconds"], reason=row["reason"])
