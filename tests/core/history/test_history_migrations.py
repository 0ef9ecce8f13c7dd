"""Schema migrations: a version 1 file written by explicit SQL (what hipcoach 0.1 creates, frozen here), its real
upgrade to version 2 (the sharp-pain mark), then hypothetical later versions injected to prove the step-by-step path,
the backup before it, and the rollback."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hipcoach.core.history import (
    HISTORY_FILE,
    LATEST_VERSION,
    MIGRATIONS,
    HistoryMigrationError,
    list_backups,
    migrate,
    open_history,
)
from hipcoach.core.history import migrations as history_migrations
from hipcoach.core.results import Status
from tests.core.history.support import file_hash, read, result

# The version 1 schema as released. Never edit: a real version 1 file looks like this forever.
V1_SCHEMA = [
    """CREATE TABLE sessions (
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
    )""",
    "CREATE INDEX sessions_by_start ON sessions (started_at)",
    """CREATE TABLE exercise_results (
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
    )""",
    "CREATE UNIQUE INDEX exercise_results_slot ON exercise_results (session_id, entry_index, coalesce(side, ''))",
    """CREATE TABLE pauses (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        started_at TEXT NOT NULL,
        seconds REAL NOT NULL CHECK (seconds >= 0),
        reason TEXT NOT NULL
    )""",
    "CREATE INDEX pauses_by_session ON pauses (session_id)",
]

V1_DATA = [
    "INSERT INTO sessions VALUES (1, '0b8f5c1e-0000-4000-8000-000000000001', 'short', 'Short routine', "
    "'2026-03-02T08:00:00+00:00', '2026-03-02T08:15:00+00:00', 'completed', 1.0, 900.0, 840.0, 6, 4, 'stiff')",
    "INSERT INTO sessions VALUES (2, '0b8f5c1e-0000-4000-8000-000000000002', 'short', 'Short routine', "
    "'2026-03-04T08:00:00+00:00', NULL, 'running', 1.0, NULL, NULL, NULL, NULL, NULL)",
    "INSERT INTO exercise_results VALUES (1, 1, 0, 'bridge', 'left', 10, 10, 'reps', 2, 2, 'completed', "
    "'2026-03-02T08:03:00+00:00')",
    "INSERT INTO exercise_results VALUES (2, 1, 0, 'bridge', 'right', 10, 8, 'reps', 2, 1, 'partial', "
    "'2026-03-02T08:03:00+00:00')",
    "INSERT INTO exercise_results VALUES (3, 1, 1, 'bike', NULL, 600, 600, 'seconds', 1, 1, 'completed', "
    "'2026-03-02T08:14:00+00:00')",
    "INSERT INTO pauses VALUES (1, 1, '2026-03-02T08:05:00+00:00', 30.0, 'user')",
]


def make_v1_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        for statement in V1_SCHEMA + V1_DATA:
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 1")
        conn.execute("COMMIT")
    finally:
        conn.close()
    return path


def schema(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").fetchall()
    finally:
        conn.close()
    return [(kind, name, re.sub(r"\s+", " ", sql).replace("( ", "(").replace(" )", ")")) for kind, name, sql in rows]


def columns(path: Path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def version_of(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


# Hypothetical later versions, as a future hipcoach would append them after the released ones.
seen_versions: list[tuple[str, int]] = []


def later_add_mood(conn: sqlite3.Connection) -> None:
    seen_versions.append(("mood", int(conn.execute("PRAGMA user_version").fetchone()[0])))
    conn.execute("ALTER TABLE sessions ADD COLUMN mood TEXT")
    conn.execute("UPDATE sessions SET mood = 'fine' WHERE status = 'completed'")


def later_add_goals(conn: sqlite3.Connection) -> None:
    seen_versions.append(("goals", int(conn.execute("PRAGMA user_version").fetchone()[0])))
    conn.execute("CREATE TABLE goals (week TEXT PRIMARY KEY, sessions INTEGER NOT NULL)")
    conn.execute("INSERT INTO goals VALUES ('2026-03-02', 3)")


def later_fails(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE goals (week TEXT PRIMARY KEY)")
    raise RuntimeError("step 3 went wrong")


def later_bad_sql(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE no_such_table ADD COLUMN x")


# ---------------------------------------------------------------------------------------------------------------


def test_the_first_step_gives_exactly_the_released_v1_schema(tmp_path: Path) -> None:
    """v0 → v1 gives the schema frozen above; so the fixture below is a faithful version 1 file."""
    new = sqlite3.connect(tmp_path / "new.sqlite3", isolation_level=None)
    migrate(new, MIGRATIONS[:1])
    new.close()
    assert schema(tmp_path / "new.sqlite3") == schema(make_v1_file(tmp_path / "v1.sqlite3"))


def test_a_new_history_has_the_schema_of_an_upgraded_v1_file(hipcoach_data_dir: Path, tmp_path: Path) -> None:
    """A new file and an old file brought up to date end with the same schema, whatever path they took."""
    assert len(MIGRATIONS) == LATEST_VERSION
    with open_history() as history:
        assert history.version == LATEST_VERSION
    old = make_v1_file(tmp_path / "old" / HISTORY_FILE)
    with open_history(old):
        pass
    assert schema(hipcoach_data_dir / HISTORY_FILE) == schema(old)


def test_a_v1_file_upgrades_to_v2_keeping_every_row_and_marks_sharp_pain(hipcoach_data_dir: Path) -> None:
    path = make_v1_file(hipcoach_data_dir / HISTORY_FILE)
    original = dump(path)
    with open_history() as history:
        assert history.version == LATEST_VERSION
        assert history.notice is None
        session, exercises = history.session_detail(1)
        assert (session.pain_before, session.pain_after, session.note) == (6, 4, "stiff")
        assert [(e.side, e.actual, e.sharp_pain) for e in exercises] == [
            ("left", 10, False),
            ("right", 8, False),
            (None, 600, False),
        ]
        assert [p.seconds for p in history.pauses(1)] == [30.0]
        history.record_exercise(2, result(0, sharp_pain=True), "reps")
    assert version_of(path) == LATEST_VERSION
    assert "sharp_pain" in columns(path, "exercise_results")
    assert read(path, "SELECT id, session_id, entry_index, side, actual, sharp_pain FROM exercise_results") == [
        (1, 1, 0, "left", 10, 0),
        (2, 1, 0, "right", 8, 0),
        (3, 1, 1, None, 600, 0),
        (4, 2, 0, "left", 10, 1),
        (5, 2, 0, "right", 10, 1),
    ]
    assert read(path, "SELECT id, uuid, status FROM sessions") == [
        (1, "0b8f5c1e-0000-4000-8000-000000000001", "completed"),
        (2, "0b8f5c1e-0000-4000-8000-000000000002", "running"),
    ]
    (backup,) = list_backups(hipcoach_data_dir / "backups")
    assert backup.name.endswith(f"-before-v{LATEST_VERSION}.sqlite3")
    assert dump(backup) == original
    with open_history() as history:  # the mark round-trips through the file
        _, exercises = history.session_detail(2)
        assert [e.sharp_pain for e in exercises] == [True, True]
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE exercise_results SET sharp_pain = 2 WHERE id = 1")
    conn.close()


def step(name: str) -> int:
    """The version a named step upgrades to, wherever the step sits in the list."""
    return [migration.__name__ for migration in MIGRATIONS].index(name) + 1


def test_the_attempts_step_keeps_every_row_as_a_first_attempt_and_allows_more(hipcoach_data_dir: Path) -> None:
    """Before the attempts step a redo deleted the first attempt (one row per exercise and side); after it, every
    old row is attempt 1, a second attempt of the same side fits beside it, and "not_reached" is a status."""
    version = step("_v3_attempts")
    path = make_v1_file(hipcoach_data_dir / HISTORY_FILE)
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[: version - 1])
    conn.close()
    before = read(path, "SELECT * FROM exercise_results ORDER BY id")
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:version])
    conn.close()
    assert version_of(path) == version
    assert [row[:-1] for row in read(path, "SELECT * FROM exercise_results ORDER BY id")] == before
    assert read(path, "SELECT DISTINCT attempt FROM exercise_results") == [(1,)]
    with open_history(path) as history:
        history.record_exercise(1, result(0, actual=3, status=Status.PARTIAL), "reps")
        _, rows = history.session_detail(1)
    assert [(row.entry_index, row.attempt, row.side, row.actual) for row in rows] == [
        (0, 1, "left", 10),
        (0, 1, "right", 8),
        (0, 2, "left", 3),
        (0, 2, "right", 3),
        (1, 1, None, 600),
    ]
    conn = sqlite3.connect(path)
    conn.execute("UPDATE exercise_results SET status = 'not_reached' WHERE id = 3")
    with pytest.raises(sqlite3.IntegrityError):  # still one row per attempt and side
        conn.execute("UPDATE exercise_results SET attempt = 1 WHERE attempt = 2 AND side = 'left'")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE exercise_results SET attempt = 0 WHERE id = 1")
    conn.close()


def test_an_up_to_date_file_opens_as_it_is(hipcoach_data_dir: Path) -> None:
    path = make_v1_file(hipcoach_data_dir / HISTORY_FILE)
    with open_history():  # upgraded once, with its backup
        pass
    upgraded = dump(path)
    with open_history() as history:
        assert history.notice is None
        unfinished = history.unfinished_session()
        assert unfinished is not None
        assert unfinished.id == 2
    assert dump(path) == upgraded
    assert len(list_backups(hipcoach_data_dir / "backups")) == 1  # no migration, no second pre-migration backup


def test_v1_to_two_later_versions_step_by_step_with_a_backup_first(hipcoach_data_dir: Path) -> None:
    path = make_v1_file(hipcoach_data_dir / HISTORY_FILE)
    original = dump(path)
    seen_versions.clear()
    latest = LATEST_VERSION + 2
    with open_history(migrations=(*MIGRATIONS, later_add_mood, later_add_goals)) as history:
        assert history.version == latest
        assert history.notice is None
        assert [row.id for row in history.sessions()] == [2, 1]
        history.record_exercise(2, result(0), "reps")  # the store still works on the newer schema
    # in order, each bumping user_version inside the transaction
    assert seen_versions == [("mood", LATEST_VERSION), ("goals", LATEST_VERSION + 1)]
    assert version_of(path) == latest
    assert "mood" in columns(path, "sessions")
    assert "sharp_pain" in columns(path, "exercise_results")
    (backup,) = list_backups(hipcoach_data_dir / "backups")
    assert backup.name.endswith(f"-before-v{latest}.sqlite3")
    assert dump(backup) == original  # the backup is the version 1 file as it was
    assert version_of(backup) == 1

    with open_history(migrations=(*MIGRATIONS, later_add_mood, later_add_goals)) as history:  # nothing left to do
        assert history.version == latest
    assert len(list_backups(hipcoach_data_dir / "backups")) == 1


@pytest.mark.parametrize("failing", [later_fails, later_bad_sql], ids=["exception", "bad SQL"])
def test_a_failing_step_rolls_back_and_leaves_the_file_at_its_old_version(
    hipcoach_data_dir: Path, failing: object
) -> None:
    path = make_v1_file(hipcoach_data_dir / HISTORY_FILE)
    before = file_hash(path)
    with pytest.raises(HistoryMigrationError) as raised:
        open_history(migrations=(*MIGRATIONS, later_add_mood, failing))  # type: ignore[arg-type]
    message = str(raised.value)
    assert str(path) in message
    assert f"from version 1 to {LATEST_VERSION + 2}" in message
    assert "left as it was" in message
    assert file_hash(path) == before
    assert version_of(path) == 1
    assert "mood" not in columns(path, "sessions")
    assert "sharp_pain" not in columns(path, "exercise_results")  # the real step 2 rolled back with the rest
    assert not Path(f"{path}-journal").exists()
    with open_history() as history:  # today's hipcoach still reads it
        assert len(history.sessions()) == 2


def test_migrate_needs_autocommit_mode() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("BEGIN")
    with pytest.raises(RuntimeError, match="no open transaction"):
        migrate(conn)
    conn.close()


def test_migrate_never_goes_down() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    with pytest.raises(RuntimeError, match="cannot migrate down"):
        migrate(conn)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION + 1
    conn.close()


def test_migrations_never_use_executescript() -> None:
    """executescript() commits the open transaction first, which would break the all-or-nothing upgrade."""
    source = Path(history_migrations.__file__).read_text(encoding="utf-8")
    code = source.split('"""', 2)[2]  # after the module docstring, which explains the rule
    assert "executescript(" not in code


def test_the_routine_file_step_keeps_every_session_and_adds_a_nullable_column(hipcoach_data_dir: Path) -> None:
    """Found by its function, not its number: its version is wherever it sits in the list."""
    step = next(i for i, m in enumerate(MIGRATIONS, start=1) if m.__name__ == "_v4_routine_file")
    path = make_v1_file(hipcoach_data_dir / HISTORY_FILE)
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[: step - 1])
    conn.close()
    with open_history() as history:
        assert history.routine_file(1) is None  # recorded before the file was kept
        began = datetime(2026, 3, 2, 8, tzinfo=UTC)
        session = history.start_session("mine", "Mine", 1.0, began, "/elsewhere/mine.toml")
        assert history.routine_file(session) == "/elsewhere/mine.toml"
        assert len(history.sessions()) == 3
    assert "routine_file" in columns(path, "sessions")
