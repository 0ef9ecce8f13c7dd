"""What the history CLI tests share: a known history to list, export and import, and the CLI as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hipcoach.core.history import open_history
from hipcoach.core.model import Side
from hipcoach.core.results import ExerciseResult, SideResult, Status
from tests.tools import REPO_ROOT

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def seed(days: int = 3) -> None:
    """``days`` sessions a day apart: completed with pain ratings, the last one still running (interrupted)."""
    with open_history() as history:
        for day in range(days):
            start = T0 + timedelta(days=day)
            session_id = history.start_session("gentle-mobility", "Gentle Mobility", 1.0, start)
            history.record_exercise(
                session_id, ExerciseResult(0, "bridge", Status.COMPLETED, (SideResult(None, 10, 10, 2, 2),)), "reps"
            )
            sides = (SideResult(Side.LEFT, 10, 10, 2, 2), SideResult(Side.RIGHT, 10, 4, 2, 0))
            history.record_exercise(session_id, ExerciseResult(1, "clamshells", Status.PARTIAL, sides), "reps")
            history.record_exercise(
                session_id,
                ExerciseResult(2, "pigeon-pose", Status.SKIPPED, (SideResult(None, 40, 0, 1, 0),)),
                "seconds",
            )
            if day < days - 1:
                history.end_session(session_id, "completed", start + timedelta(minutes=13), 780, 720)
                history.set_pain(session_id, before=6, after=4)


def run_process(*argv: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "HIPCOACH_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "hipcoach", *argv], env=env, capture_output=True, text=True, timeout=60, check=False
    )
