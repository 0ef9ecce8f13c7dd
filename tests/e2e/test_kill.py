"""The real app, killed with SIGKILL at random moments of a session, never loses a completed exercise.

Each run is ``python -m hipcoach --start short.toml --time-scale 200 --quit-when-done`` (offscreen) on the same data
folder. With ``HIPCOACH_EVENT_LOG`` the recorder appends, with the monotonic time, ``session <id>`` once the
session's row is committed, ``done <entry>`` when the engine hands it an exercise (before the write) and
``committed <id> <entry>`` after the commit. The test waits for the session line, lets a seeded random delay pass,
and kills the process. Then:

* the database passes ``PRAGMA integrity_check``;
* every exercise reported committed is in the history;
* every exercise handed to the recorder more than ``GRACE`` seconds before the kill is in the history, so a
  recorder that wrote lazily (at the end of the session, or in batches) fails here, not only a broken commit;
* the rows are consistent with the routine (in order, no gaps, every side, the right exercise);
* the sessions of earlier runs still have exactly the rows they had.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hipcoach.core import content
from hipcoach.core.history import HISTORY_FILE
from tests.tools import REPO_ROOT, wait_until

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
]

SEED = 20260329
KILLS = 20
MAX_RUNS = 40
TIME_SCALE = "200"
GRACE = 0.25  # seconds: a committed exercise must be on disk this long after the engine reported it (target 20 ms)
MAX_DELAY = 1.1  # seconds after the session row: the routine below lasts about 1.2 s at this time scale
BUDGET = 75.0  # seconds for the whole test

ROUTINE = """
    name = "Kill test"
    description = "Six short exercises, with and without sides, reps and holds."
    rest_between_sets = 3
    rest_between_exercises = 3

    [[exercise]]
    id = "bridge"
    reps = 2
    sets = 1
    hold_seconds = 1

    [[exercise]]
    id = "pelvic-tilts"
    reps = 2
    sets = 1

    [[exercise]]
    id = "knee-to-chest"
    sets = 1
    hold_seconds = 5

    [[exercise]]
    id = "clamshells"
    reps = 2
    sets = 1

    [[exercise]]
    id = "hip-abductions"
    reps = 2
    sets = 1

    [[exercise]]
    id = "pigeon-pose"
    sets = 1
    hold_seconds = 5
"""

Row = tuple[int, str, str | None, int, int, str]  # entry_index, exercise_id, side, target, actual, status


@dataclass
class EventLog:
    session: int | None = None
    done: list[tuple[int, float]] = field(default_factory=list)
    committed: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> EventLog:
        log = cls()
        if not path.exists():
            return log
        for line in path.read_text().splitlines():
            parts = line.split()
            if not line.endswith("\n") and len(parts) < 2:
                continue  # a line cut by the kill
            if parts[0] == "session" and len(parts) == 3:
                log.session = int(parts[1])
            elif parts[0] == "done" and len(parts) == 3:
                log.done.append((int(parts[1]), float(parts[2])))
            elif parts[0] == "committed" and len(parts) == 4:
                log.committed.append((int(parts[1]), int(parts[2])))
        return log


def rows_by_session(database: Path) -> dict[int, set[Row]]:
    conn = sqlite3.connect(database)  # a plain connection: rolls back a hot journal left by the kill
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        found: dict[int, set[Row]] = {}
        for session_id, *row in conn.execute(
            "SELECT session_id, entry_index, exercise_id, side, target, actual, status FROM exercise_results"
        ):
            found.setdefault(session_id, set()).add(tuple(row))  # type: ignore[arg-type]
        for (session_id,) in conn.execute("SELECT id FROM sessions"):
            found.setdefault(session_id, set())
        return found
    finally:
        conn.close()


def check_consistent(rows: set[Row], expected: list[tuple[str, tuple[str | None, ...]]]) -> None:
    """In routine order without gaps, each with the routine's exercise and every one of its sides."""
    entries = sorted({row[0] for row in rows})
    assert entries == list(range(len(entries))), f"gaps in the recorded exercises: {entries}"
    for index in entries:
        exercise_id, sides = expected[index]
        mine = [row for row in rows if row[0] == index]
        assert {row[1] for row in mine} == {exercise_id}
        assert sorted(row[2] or "" for row in mine) == sorted(side or "" for side in sides)
        for _, _, _, target, actual, status in mine:
            assert status in ("completed", "partial", "skipped")
            assert status != "completed" or actual >= target


def test_sigkill_at_random_moments_never_loses_a_committed_exercise(hipcoach_data_dir: Path, tmp_path: Path) -> None:
    routine_file = tmp_path / "short.toml"
    routine_file.write_text(textwrap.dedent(ROUTINE), encoding="utf-8")
    routine = content.load_routine(routine_file, content.load_catalogue())
    expected = [
        (entry.exercise.id, tuple(None if s is None else s.value for s in entry.sides)) for entry in routine.entries
    ]
    database = hipcoach_data_dir / HISTORY_FILE
    rng = random.Random(SEED)
    earlier: dict[int, set[Row]] = {}
    kills = demanded = 0
    began = time.monotonic()

    for run in range(MAX_RUNS):
        if kills >= KILLS:
            break
        assert time.monotonic() - began < BUDGET, f"only {kills} kills in {BUDGET:g} s"
        log_path = tmp_path / f"events-{run}.log"
        stderr_path = tmp_path / f"stderr-{run}.txt"
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO_ROOT),
            "QT_QPA_PLATFORM": "offscreen",
            "HIPCOACH_DATA_DIR": str(hipcoach_data_dir),
            "HIPCOACH_EVENT_LOG": str(log_path),
        }
        args = ["--start", str(routine_file), "--time-scale", TIME_SCALE, "--quit-when-done"]
        with stderr_path.open("wb") as stderr:
            app = subprocess.Popen(
                [sys.executable, "-m", "hipcoach", *args],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        try:
            try:
                wait_until(
                    lambda: app.poll() is not None or EventLog.read(log_path).session is not None,  # noqa: B023
                    timeout=30,
                    interval=0.005,
                    what="the app to record the start of its session",
                )
            except TimeoutError:
                pytest.fail(
                    "the app wrote no 'session' line to HIPCOACH_EVENT_LOG: is the recorder wired into the app "
                    f"(SessionRecorder(event_log=event_log_from_env()))? stderr:\n{stderr_path.read_text()[-2000:]}"
                )
            assert EventLog.read(log_path).session is not None, stderr_path.read_text()[-2000:]
            delay = rng.uniform(0.0, MAX_DELAY)
            try:
                app.wait(timeout=delay)  # the random moment; ends early if the session finished first
            except subprocess.TimeoutExpired:
                killed_at = time.monotonic()
                app.send_signal(signal.SIGKILL)
                app.wait(timeout=30)
            else:
                killed_at = time.monotonic()
        finally:
            if app.poll() is None:
                app.kill()
                app.wait(timeout=30)

        was_killed = app.returncode == -signal.SIGKILL
        assert was_killed or app.returncode == 0, (app.returncode, stderr_path.read_text()[-2000:])
        kills += was_killed
        log = EventLog.read(log_path)
        session_id = log.session
        assert session_id is not None
        found = rows_by_session(database)
        mine = found.get(session_id, set())
        entries = {row[0] for row in mine}

        for committed_session, entry_index in log.committed:
            assert committed_session == session_id
            assert entry_index in entries, f"run {run}: exercise {entry_index} was committed but is not in the history"
        for entry_index, at in log.done:
            if at < killed_at - GRACE:
                demanded += 1
                assert entry_index in entries, (
                    f"run {run}: exercise {entry_index} ended {killed_at - at:.3f} s before the kill but is not in "
                    "the history: recording is late or lazy"
                )
        check_consistent(mine, expected)
        if not was_killed:
            assert entries == set(range(len(expected)))
        for other, rows in earlier.items():
            assert found.get(other) == rows, f"run {run}: the rows of session {other} changed"
        earlier[session_id] = mine

    assert kills >= KILLS, f"only {kills} of {MAX_RUNS} runs were killed before their end"
    assert demanded >= 10, f"only {demanded} exercises ended long enough before a kill to be demanded"
