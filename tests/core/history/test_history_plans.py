"""Schema version 6: each session keeps its plan and the sore-day mark, the answers to "How did that feel?" and the
user's dose choices are kept, and the progression reads past sessions back in a few queries. On real files."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from hipcoach.core.dose_plan import ChoiceKind, DoseChoice, DoseNumbers, Feeling, PlannedEntry
from hipcoach.core.history import HISTORY_FILE, MIGRATIONS, HistoryStore, migrate, open_history
from hipcoach.core.model import Side
from hipcoach.core.results import Status
from tests.core.history.support import T0, StepClock, read, result
from tests.history_seed import seed_history

BRIDGE = PlannedEntry("bridge", None, DoseNumbers(sets=2, reps=12, hold_seconds=3))
HALF_BRIDGE = PlannedEntry("bridge", "half-bridge", DoseNumbers(sets=2, reps=10), first_side=Side.RIGHT)
BIKE = PlannedEntry("bike", None, DoseNumbers(sets=1, minutes=12))
PLAN = (BRIDGE, BIKE)

# What the version 6 step adds, as released. Never edit: a real version 6 file looks like this forever.
V6_TABLES = {
    "feelings": "CREATE TABLE feelings (session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE, "
    "entry_index INTEGER NOT NULL CHECK (entry_index >= 0), feeling TEXT NOT NULL CHECK (feeling IN ('too_easy', "
    "'about_right', 'too_hard')), answered_at TEXT NOT NULL, PRIMARY KEY (session_id, entry_index))",
    "dose_choices": "CREATE TABLE dose_choices (id INTEGER PRIMARY KEY, made_at TEXT NOT NULL, exercise_id TEXT NOT "
    "NULL, kind TEXT NOT NULL CHECK (kind IN ('set')), plan TEXT NOT NULL, routine_id TEXT)",
}
V6_SESSION_COLUMNS = [("plan", "TEXT", 0, None), ("sore_day", "INTEGER", 1, "0")]


def _step(name: str) -> int:
    return [migration.__name__ for migration in MIGRATIONS].index(name) + 1


def _v5_file(path: Path) -> Path:
    """A version 5 history as that version wrote it: a finished session with results and precautions, a running one."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[: _step("_v6_plans") - 1])
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO sessions (id, uuid, routine_id, routine_name, started_at, ended_at, status, time_scale, "
        "real_seconds, active_seconds, pain_before, pain_after, note, routine_file, precautions) VALUES (1, 'u-1', "
        "'strength', 'Strength', '2026-03-02T08:00:00+00:00', '2026-03-02T08:15:00+00:00', 'completed', 1.0, 900.0, "
        "840.0, 3, 2, 'fine', '/x/strength.toml', 'crossing')"
    )
    conn.execute(
        "INSERT INTO sessions (id, uuid, routine_id, routine_name, started_at, status, time_scale) VALUES (2, 'u-2', "
        "'short', 'Short', '2026-03-03T08:00:00+00:00', 'running', 1.0)"
    )
    conn.execute(
        "INSERT INTO exercise_results (session_id, entry_index, exercise_id, side, target, actual, unit, "
        "sets_target, sets_done, status, recorded_at, sharp_pain, attempt) VALUES (1, 0, 'bridge', 'left', 20, 20, "
        "'reps', 2, 2, 'completed', '2026-03-02T08:03:00+00:00', 0, 1)"
    )
    conn.execute(
        "INSERT INTO pauses (session_id, started_at, seconds, reason) VALUES (1, ?, 30, 'user')",
        ("2026-03-02T08:05:00+00:00",),
    )
    conn.execute("COMMIT")
    conn.close()
    return path


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_a_version_5_file_upgrades_keeping_every_row_with_the_new_columns_at_their_defaults(
    hipcoach_data_dir: Path,
) -> None:
    path = _v5_file(hipcoach_data_dir / HISTORY_FILE)
    before = {table: read(path, f"SELECT * FROM {table} ORDER BY id") for table in ("exercise_results", "pauses")}
    sessions_before = read(path, "SELECT * FROM sessions ORDER BY id")
    with open_history() as store:
        assert store.version == _step("_v6_plans")
        assert [(s.id, s.sore_day) for s in store.sessions()] == [(2, False), (1, False)]
        assert store.session_plan(1) is None  # recorded before plans were kept
        assert store.session_precautions(1) == ("crossing",)
        assert store.dose_choices() == []
        (past,) = store.past_sessions()  # the running one is not finished
        assert (past.routine_id, past.completed, past.sore_day, past.trial) == ("strength", True, False, False)
        assert [(e.exercise_id, e.plan, e.status, e.feeling) for e in past.entries] == [
            ("bridge", None, Status.COMPLETED, None)
        ]
    assert {table: read(path, f"SELECT * FROM {table} ORDER BY id") for table in before} == before
    assert [row[:-2] for row in read(path, "SELECT * FROM sessions ORDER BY id")] == sessions_before
    assert read(path, "SELECT plan, sore_day FROM sessions ORDER BY id") == [(None, 0), (None, 0)]


def test_the_version_6_step_makes_the_released_schema(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "h.sqlite3", isolation_level=None)
    migrate(conn, MIGRATIONS[: _step("_v6_plans")])
    made = {
        name: re.sub(r"\s+", " ", sql).replace("( ", "(").replace(" )", ")")
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE name IN ('feelings', 'dose_choices')")
    }
    columns = [(r[1], r[2], r[3], r[4]) for r in conn.execute("PRAGMA table_info(sessions)")][-2:]
    conn.close()
    assert made == V6_TABLES
    assert columns == V6_SESSION_COLUMNS


def test_the_stored_answers_and_kinds_are_the_enums_values() -> None:
    """A new Feeling or ChoiceKind needs a migration step of its own: the released CHECK lists do not grow."""
    assert re.findall(r"'(\w+)'", V6_TABLES["feelings"].split("feeling IN")[1].split(")")[0]) == list(Feeling)
    assert re.findall(r"'(\w+)'", V6_TABLES["dose_choices"].split("kind IN")[1].split(")")[0]) == list(ChoiceKind)


def test_a_session_keeps_its_plan_and_the_sore_day_mark(tmp_path: Path) -> None:
    with open_history(tmp_path / HISTORY_FILE) as store:
        sore = store.start_session("strength", "Strength", 1.0, T0, plan=(HALF_BRIDGE, BIKE), sore_day=True)
        plain = store.start_session("strength", "Strength", 1.0, T0 + timedelta(days=1), plan=PLAN)
        old = store.start_session("strength", "Strength", 1.0, T0 + timedelta(days=2))
        assert store.session_plan(sore) == (HALF_BRIDGE, BIKE)
        assert store.session_plan(plain) == PLAN
        assert store.session_plan(old) is None
        assert [s.sore_day for s in store.sessions()] == [False, False, True]
        assert store.session(sore).sore_day
    with open_history(tmp_path / HISTORY_FILE) as store:  # read back from the file
        assert store.session_plan(sore) == (HALF_BRIDGE, BIKE)


def test_one_feeling_per_entry_replaced_and_cleared_and_deleted_with_its_session(tmp_path: Path) -> None:
    path = tmp_path / HISTORY_FILE
    with open_history(path, now=StepClock()) as store:
        session = store.start_session("strength", "Strength", 1.0, T0, plan=PLAN)
        store.set_feeling(session, 0, Feeling.TOO_EASY)
        store.set_feeling(session, 0, Feeling.ABOUT_RIGHT)
        store.set_feeling(session, 1, Feeling.TOO_HARD)
        store.set_feeling(session, 1, None)
        store.end_session(session, "completed", T0, 60.0, 60.0)
        (past,) = store.past_sessions()
        assert [e.feeling for e in past.entries] == [Feeling.ABOUT_RIGHT, None]
        assert read(path, "SELECT session_id, entry_index, feeling FROM feelings") == [(session, 0, "about_right")]
        store.delete_session(session)
    assert read(path, "SELECT count(*) FROM feelings") == [(0,)]


def test_choices_are_kept_and_read_back_oldest_first(tmp_path: Path) -> None:
    later = DoseChoice(T0 + timedelta(days=2), "bridge", ChoiceKind.SET, HALF_BRIDGE, routine_id="strength")
    earlier = DoseChoice(T0, "bike", ChoiceKind.SET, BIKE)
    with open_history(tmp_path / HISTORY_FILE) as store:
        store.record_choice(later)
        store.record_choice(earlier)
    with open_history(tmp_path / HISTORY_FILE) as store:
        assert store.dose_choices() == [earlier, later]


def test_past_sessions_read_each_entrys_last_attempt_sharp_pain_and_plan(tmp_path: Path) -> None:
    with open_history(tmp_path / HISTORY_FILE) as store:
        done = store.start_session("strength", "Strength", 1.0, T0, plan=(HALF_BRIDGE, BIKE), sore_day=True)
        store.record_exercise(done, result(0, "half-bridge", actual=2, status=Status.PARTIAL, sharp_pain=True), "reps")
        store.record_exercise(done, result(0, "half-bridge"), "reps")  # done again: the last attempt counts
        store.set_pain(done, before=4, after=3)
        store.end_session(done, "stopped", T0 + timedelta(minutes=9), 540.0, 500.0)
        trial = store.start_session("strength", "Strength", 10.0, T0 + timedelta(days=1), plan=PLAN)
        store.record_exercise(trial, result(0), "reps")
        store.record_exercise(trial, result(1, "bike", sides=(None,), status=Status.SKIPPED, actual=0), "seconds")
        store.end_session(trial, "completed", T0 + timedelta(days=1, minutes=2), 90.0, 90.0)
        store.start_session("strength", "Strength", 1.0, T0 + timedelta(days=2), plan=PLAN)  # still running
        first, second = store.past_sessions()
    assert (first.sore_day, first.completed, first.trial, first.pain_before, first.pain_after) == (
        True,
        False,
        False,
        4,
        3,
    )
    assert [(e.entry_index, e.exercise_id, e.plan, e.status, e.sharp_pain) for e in first.entries] == [
        (0, "bridge", HALF_BRIDGE, Status.COMPLETED, True),  # the routine's exercise, the version in its plan
        (1, "bike", BIKE, Status.NOT_REACHED, False),  # planned, never recorded
    ]
    assert (second.trial, second.completed) == (True, True)
    assert [(e.status, e.plan) for e in second.entries] == [(Status.COMPLETED, BRIDGE), (Status.SKIPPED, BIKE)]


@pytest.mark.parametrize(
    "stored",
    ['[{"exercise": "bridge"}]', "not json", '{"exercise": "bridge"}', '[{"exercise": "bridge", "dose": {"sets": 0}}]'],
)
def test_a_plan_edited_by_hand_reads_as_no_plan_and_the_rest_loads(tmp_path: Path, stored: str) -> None:
    path = tmp_path / HISTORY_FILE
    with open_history(path) as store:
        broken = store.start_session("strength", "Strength", 1.0, T0, plan=PLAN)
        store.record_exercise(broken, result(0), "reps")
        store.end_session(broken, "completed", T0, 60.0, 60.0)
        fine = store.start_session("strength", "Strength", 1.0, T0 + timedelta(days=1), plan=PLAN)
        store.end_session(fine, "completed", T0, 60.0, 60.0)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE sessions SET plan = ? WHERE id = ?", (stored, broken))
        conn.execute(
            "INSERT INTO dose_choices (made_at, exercise_id, kind, plan) VALUES (?, 'bridge', 'set', ?)",
            ("2026-03-02T08:00:00+00:00", stored),
        )
    conn.close()
    with open_history(path) as store:
        assert store.session_plan(broken) is None
        first, second = store.past_sessions()
        assert [(e.exercise_id, e.plan, e.status) for e in first.entries] == [("bridge", None, Status.COMPLETED)]
        assert [e.plan for e in second.entries] == list(PLAN)
        assert store.dose_choices() == []


def test_bad_values_are_refused_before_the_file(tmp_path: Path) -> None:
    path = tmp_path / HISTORY_FILE
    with open_history(path) as store:
        session = store.start_session("strength", "Strength", 1.0, T0, plan=PLAN)
    before = _dump(path)
    with open_history(path) as store:
        with pytest.raises(ValueError, match="too_easy, about_right, too_hard"):
            store.set_feeling(session, 0, "meh")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="entry_index"):
            store.set_feeling(session, -1, Feeling.TOO_HARD)
        with pytest.raises(TypeError):
            store.start_session("s", "S", 1.0, T0, plan=({"exercise": "bridge"},))  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="sore_day"):
            store.start_session("s", "S", 1.0, T0, sore_day="yes")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="kind"):
            store.record_choice(DoseChoice(T0, "bridge", "lower", BRIDGE))  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="timezone"):
            store.record_choice(DoseChoice(datetime(2026, 3, 2), "bridge", ChoiceKind.SET, BRIDGE))
        with pytest.raises(TypeError):
            store.record_choice(DoseChoice(T0, "bridge", ChoiceKind.SET, BRIDGE.to_json()))  # type: ignore[arg-type]
    assert _dump(path) == before


def test_past_sessions_of_ten_years_take_a_few_queries(tmp_path: Path) -> None:
    with open_history(tmp_path / HISTORY_FILE) as store:
        added = seed_history(store, days=3650, start=date(2016, 1, 1), seed=7, sessions_per_week=7)
        statements: list[str] = []
        store._conn.set_trace_callback(statements.append)
        past = store.past_sessions()
        store._conn.set_trace_callback(None)
    assert len(past) == added
    assert len(statements) <= 4
    # the seed keeps each session's plan, as the recorder does: each entry reads back its own planned entry
    assert all(
        entry.plan is not None and entry.plan.exercise_id == entry.exercise_id
        for session in past[:5]
        for entry in session.entries
    )
    assert past == sorted(past, key=lambda session: session.started_at)
    assert all(session.started_at.tzinfo == UTC for session in past[:3])


def test_the_store_api_is_what_the_contract_names() -> None:
    for name in ("set_feeling", "record_choice", "dose_choices", "past_sessions", "session_plan"):
        assert callable(getattr(HistoryStore, name))
