"""What the history tests share, in a module of its own so that no test module imports another: known results
and sessions, a clock that steps, ways to look at and break the SQLite file, and a process that holds its lock."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hipcoach.core.history import HistoryStore
from hipcoach.core.model import Side
from hipcoach.core.results import ExerciseResult, SideResult, Status

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday


class StepClock:
    """A UTC clock that moves one second per reading, so backup names and recorded_at are distinct and known."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def result(
    entry_index: int = 0,
    exercise_id: str = "bridge",
    *,
    sides: tuple[Side | None, ...] = (Side.LEFT, Side.RIGHT),
    actual: int = 10,
    target: int = 10,
    status: Status = Status.COMPLETED,
    sharp_pain: bool = False,
) -> ExerciseResult:
    return ExerciseResult(
        entry_index,
        exercise_id,
        status,
        tuple(SideResult(side, target, actual, 2, 2 if actual >= target else 1) for side in sides),
        sharp_pain=sharp_pain,
    )


def seed(history: HistoryStore, count: int = 3, *, start: datetime = T0) -> list[int]:
    """``count`` completed sessions a day apart, each with a two-sided exercise and a timed one."""
    ids: list[int] = []
    for n in range(count):
        began = start + timedelta(days=n)
        session_id = history.start_session("short", "Short routine", 1.0, began)
        history.record_exercise(session_id, result(0), "reps", recorded_at=began + timedelta(minutes=3))
        history.record_exercise(
            session_id,
            result(1, "bike", sides=(None,), target=600, actual=600),
            "seconds",
            recorded_at=began + timedelta(minutes=14),
        )
        history.end_session(session_id, "completed", began + timedelta(minutes=15), 900.0, 840.0)
        ids.append(session_id)
    return ids


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage_page(path: Path, table: str = "sessions") -> None:
    """Break the rowid order on the table's (leaf) root page: SELECT still reads it, quick_check does not accept it."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    page = (root - 1) * page_size
    assert data[page] == 0x0D, "expected a table leaf page"
    first_cell = page + int.from_bytes(data[page + 8 : page + 10], "big")
    offset = first_cell
    while data[offset] & 0x80:  # skip the payload-size varint
        offset += 1
    offset += 1
    assert data[offset] == 1, "expected rowid 1 in the first cell"
    data[offset] = 0x7F  # rowid 127 before rowid 2: out of order
    path.write_bytes(bytes(data))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def read(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


class Lock:
    """Another process holding the history's exclusive lock until ``release()``."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(timeout=10)
        if self.process.stdout is not None and not self.process.stdout.closed:
            self.process.stdout.close()
