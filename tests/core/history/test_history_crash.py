"""Crash durability: a child process records exercises one by one and says so after each commit; the parent kills
it with SIGKILL right after reading the k-th line. Every exercise reported as committed must be in the history,
and the file must pass ``PRAGMA integrity_check``. No sleeps: the kill is timed by the child's own output."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hipcoach.core.history import HISTORY_FILE, open_history

REPO = Path(__file__).resolve().parents[3]
EXERCISES = 400

CHILD = """
import sys
from datetime import UTC, datetime
from pathlib import Path

from hipcoach.core.results import ExerciseResult, SideResult, Status
from hipcoach.core.history import open_history
from hipcoach.core.model import Side

history = open_history(Path(sys.argv[1]))
session_id = history.start_session("short", "Short routine", 1.0, datetime.now(UTC))
print("session", session_id, flush=True)
for index in range(int(sys.argv[2])):
    sides = (SideResult(Side.LEFT, 10, 10, 2, 2), SideResult(Side.RIGHT, 10, 9, 2, 1))
    history.record_exercise(session_id, ExerciseResult(index, f"exercise-{index}", Status.PARTIAL, sides), "reps")
    print(index, flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("kill_after", [1, 2, 3, 5, 8, 13, 21, 34])
def test_killed_while_recording_keeps_every_committed_exercise(hipcoach_data_dir: Path, kill_after: int) -> None:
    path = hipcoach_data_dir / HISTORY_FILE
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(EXERCISES)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    committed: list[int] = []
    session_id = -1
    try:
        for line in child.stdout:
            if line.startswith("session"):
                session_id = int(line.split()[1])
                continue
            committed.append(int(line))
            if len(committed) == kill_after:
                os.kill(child.pid, signal.SIGKILL)
                break
    finally:
        child.kill()
        child.wait(timeout=60)
        child.stdout.close()
    assert len(committed) == kill_after, "the child stopped before recording enough exercises"
    assert child.returncode == -signal.SIGKILL

    conn = sqlite3.connect(path)  # a plain connection first: rolls back a hot journal, then checks every page
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    with open_history() as history:
        assert history.notice is None
        unfinished = history.unfinished_session()
        assert unfinished is not None
        assert unfinished.id == session_id
        _, exercises = history.session_detail(session_id)
    recorded = {row.entry_index for row in exercises}
    assert set(committed) <= recorded
    assert recorded == set(range(len(recorded)))  # whole exercises only, in order: nothing half-written
    assert all(sum(1 for row in exercises if row.entry_index == index) == 2 for index in recorded)
