"""The history schema, as a list of migration steps.

Why steps and not one ``CREATE TABLE IF NOT EXISTS`` script: a history file lives for years and is opened by every
later version of hipcoach, so each version of the schema is reached from the one before by one small, tested step.

Rules (docs/history.md, "Migrations"):

* ``MIGRATIONS[n - 1]`` turns a version ``n - 1`` database into version ``n``; ``PRAGMA user_version`` holds the
  version. A new version appends one function; a released step is never edited.
* A step runs plain ``Connection.execute`` statements. Never ``executescript()``: it commits the open transaction
  first, so a failure half-way would leave a half-migrated file.
* :func:`migrate` runs every missing step inside one ``BEGIN IMMEDIATE`` transaction and bumps ``user_version``
  inside it (``user_version`` is transactional), so a failing step leaves the file exactly at its old version.
* Prefer additive changes (new tables, new nullable columns): an older hipcoach can then still *read* a newer file,
  which it opens read-only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Final

Migration = Callable[[sqlite3.Connection], None]


def _v1_initial(conn: sqlite3.Connection) -> None:
    """Sessions, the result of each exercise and side, and pauses.

    ``uuid`` lets an exported history be imported again without duplicating sessions. Times are UTC ISO 8601 text
    (``2026-03-29T08:15:00+00:00``): readable in the sqlite3 shell, and sortable as text.
    """
    conn.execute(
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            routine_id TEXT NOT NULL,
            routine_name TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'stopped')),
            time_scale REAL NOT NULL DEFAULT 1.0 CHECK (time_scale > 0),
            real_seconds REAL CHECK (real_seconds >= 0),
            active_seconds REAL CHECK (active_seconds >= 0),
            pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
            pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
            note TEXT
        )
        """
    )
    conn.execute("CREATE INDEX sessions_by_start ON sessions (started_at)")
    conn.execute(
        """
        CREATE TABLE exercise_results (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            entry_index INTEGER NOT NULL CHECK (entry_index >= 0),
            exercise_id TEXT NOT NULL,
            side TEXT CHECK (side IN ('left', 'right')),
            target INTEGER NOT NULL CHECK (target >= 0),
            actual INTEGER NOT NULL CHECK (actual >= 0),
            unit TEXT NOT NULL CHECK (unit IN ('reps', 'steps', 'seconds')),
            sets_target INTEGER NOT NULL CHECK (sets_target >= 0),
            sets_done INTEGER NOT NULL CHECK (sets_done >= 0),
            status TEXT NOT NULL CHECK (status IN ('completed', 'partial', 'skipped')),
            recorded_at TEXT NOT NULL
        )
        """
    )
    # UNIQUE(session_id, entry_index, side) as an expression: in SQL two NULL sides are distinct, so a plain UNIQUE
    # would let an exercise without sides be recorded twice.
    conn.execute(
        "CREATE UNIQUE INDEX exercise_results_slot ON exercise_results (session_id, entry_index, coalesce(side, ''))"
    )
    conn.execute(
        """
        CREATE TABLE pauses (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            started_at TEXT NOT NULL,
            seconds REAL NOT NULL CHECK (seconds >= 0),
            reason TEXT NOT NULL
        )
        """
    )
    conn.execute("CREATE INDEX pauses_by_session ON pauses (session_id)")


def _v2_sharp_pain(conn: sqlite3.Connection) -> None:
    """Mark the exercise results the user stopped with "Sharp pain" (1), so the history and the report can show
    them. Every earlier row gets 0: before version 2 there was no way to say so."""
    conn.execute(
        "ALTER TABLE exercise_results ADD COLUMN sharp_pain INTEGER NOT NULL DEFAULT 0 CHECK (sharp_pain IN (0, 1))"
    )


def _v3_attempts(conn: sqlite3.Connection) -> None:
    """Keep every attempt of an exercise, and mark the exercises a stopped session never reached.

    Before version 3 a result was one row per exercise and side, and doing an exercise again (after "back")
    deleted the first attempt. Now each attempt has its number (``attempt``, from 1; every earlier row is attempt
    1) and the slot is (session, entry, attempt, side), so nothing recorded is ever replaced. The status gains
    ``not_reached``. SQLite cannot change a CHECK constraint in place, so the table is rebuilt: created anew, the
    rows copied with their ids, the old table dropped and the new one renamed (nothing references it, so the
    rename touches no other table).

    The new table is written out in full, most of it as version 1 wrote it, and is not built from ``_v1_initial``'s
    text on purpose: a released step is frozen, so this one must make the same table on every file for ever,
    whatever later versions change (the tests hold version 1 to the schema it released, and an upgraded file to a
    new one).
    """
    conn.execute(
        """
        CREATE TABLE exercise_results_v3 (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            entry_index INTEGER NOT NULL CHECK (entry_index >= 0),
            exercise_id TEXT NOT NULL,
            side TEXT CHECK (side IN ('left', 'right')),
            target INTEGER NOT NULL CHECK (target >= 0),
            actual INTEGER NOT NULL CHECK (actual >= 0),
            unit TEXT NOT NULL CHECK (unit IN ('reps', 'steps', 'seconds')),
            sets_target INTEGER NOT NULL CHECK (sets_target >= 0),
            sets_done INTEGER NOT NULL CHECK (sets_done >= 0),
            status TEXT NOT NULL CHECK (status IN ('completed', 'partial', 'skipped', 'not_reached')),
            recorded_at TEXT NOT NULL,
            sharp_pain INTEGER NOT NULL DEFAULT 0 CHECK (sharp_pain IN (0, 1)),
            attempt INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1)
        )
        """
    )
    columns = (
        "id, session_id, entry_index, exercise_id, side, target, actual, unit, sets_target, sets_done, status, "
        "recorded_at, sharp_pain"
    )
    conn.execute(f"INSERT INTO exercise_results_v3 ({columns}) SELECT {columns} FROM exercise_results")
    conn.execute("DROP TABLE exercise_results")  # drops the old one-row-per-slot index with it
    conn.execute("ALTER TABLE exercise_results_v3 RENAME TO exercise_results")
    conn.execute(
        "CREATE UNIQUE INDEX exercise_results_slot "
        "ON exercise_results (session_id, entry_index, attempt, coalesce(side, ''))"
    )


def _v4_routine_file(conn: sqlite3.Connection) -> None:
    """Keep the file each session's routine was read from, so an interrupted session can be resumed whatever
    folder its routine file is in (the id alone finds only the built-in routines and the user's routines folder).
    Nullable: sessions recorded before this step, and imported ones, have no file."""
    conn.execute("ALTER TABLE sessions ADD COLUMN routine_file TEXT")


def _v5_precautions(conn: sqlite3.Connection) -> None:
    """Keep the hip precautions each session was adapted to (docs/safety.md), as their words joined by commas
    ("crossing,deep-bend,turning-in"), so the report can mark the session and resume rebuilds the same adapted
    plan even after the answers changed or the precautions ended. Nullable: a session done without precautions,
    and every session recorded before this step, has none."""
    conn.execute("ALTER TABLE sessions ADD COLUMN precautions TEXT")


def _v6_plans(conn: sqlite3.Connection) -> None:
    """Keep what an adapting programme needs (docs/progression.md): the plan each session ran, the sore-day mark,
    the user's answer to "How did that feel?" per exercise, and the choices they made about a dose.

    * ``sessions.plan``: the JSON text of the plan (``[PlannedEntry.to_json(), ...]``, one per routine entry), so
      resume rebuilds the same adapted or sore-day session and the history and the report show each session's dose
      and version. Nullable: sessions recorded before this step have none, and the progression does not count them.
    * ``sessions.sore_day``: 1 for a sore-day session (a short, gentle version of the routine); every earlier session
      reads 0.
    * ``feelings``: one answer per session and entry, deleted with its session.
    * ``dose_choices``: the choices that set where an exercise's dose starts from (undo, a version chosen by hand),
      oldest first by ``made_at``; ``plan`` is the JSON text of one ``PlannedEntry``; ``routine_id`` the routine it
      was made in (the dose is kept per routine), NULL for a choice that holds in every routine.

    The CHECK lists are the values of ``Feeling`` and ``ChoiceKind`` when this step was released, written out: a
    released step is frozen, so it must not change when those enums grow (a new value needs a step of its own).
    """
    conn.execute("ALTER TABLE sessions ADD COLUMN plan TEXT")
    conn.execute("ALTER TABLE sessions ADD COLUMN sore_day INTEGER NOT NULL DEFAULT 0 CHECK (sore_day IN (0, 1))")
    conn.execute(
        """
        CREATE TABLE feelings (
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            entry_index INTEGER NOT NULL CHECK (entry_index >= 0),
            feeling TEXT NOT NULL CHECK (feeling IN ('too_easy', 'about_right', 'too_hard')),
            answered_at TEXT NOT NULL,
            PRIMARY KEY (session_id, entry_index)
        )
        """
    )
    conn.execute(
        """
        CREATE TABLE dose_choices (
            id INTEGER PRIMARY KEY,
            made_at TEXT NOT NULL,
            exercise_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('set')),
            plan TEXT NOT NULL,
            routine_id TEXT
        )
        """
    )


MIGRATIONS: Final[tuple[Migration, ...]] = (
    _v1_initial,
    _v2_sharp_pain,
    _v3_attempts,
    _v4_routine_file,
    _v5_precautions,
    _v6_plans,
)
LATEST_VERSION: Final = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> tuple[int, int]:
    """Bring the database to ``len(migrations)``; returns (version before, version after).

    ``conn`` must be in autocommit mode (``isolation_level=None``) so that the transaction here is the only one.
    The version is read again after ``BEGIN IMMEDIATE`` (which takes the write lock), so two processes opening the
    same old file never both migrate it. Any exception rolls everything back and is re-raised.
    """
    if conn.in_transaction:
        raise RuntimeError("migrate() needs a connection with no open transaction")
    target = len(migrations)
    conn.execute("BEGIN IMMEDIATE")
    try:
        before = user_version(conn)
        if before > target:
            raise RuntimeError(f"cannot migrate down from version {before} to {target}")
        for version in range(before + 1, target + 1):
            migrations[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {int(version)}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return before, target
