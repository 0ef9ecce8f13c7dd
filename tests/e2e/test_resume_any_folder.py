"""A session started from a routine file outside the routines folder, killed after one exercise, is offered again.

The first run is the real app in a child process (``--start ~/elsewhere/mine.toml --quit-when-done``), killed with
SIGKILL as soon as its event log says the first exercise is committed. The second start is the window in this
process, without ``--start``: it must offer to carry on from the second exercise of that file, and carry on in the
same session row.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import hipcoach.app
from hipcoach.core.history import HISTORY_FILE
from hipcoach.options import AppOptions
from hipcoach.ui.main_window import MainWindow
from tests.tools import REPO_ROOT, wait_until
from tests.ui.rig import FakeInhibitor

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
    pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)"),  # offscreen: no window manager
]

ROUTINE = """
    name = "Mine, from elsewhere"
    description = "A short exercise, then a long hold that the kill cuts short."

    [[exercise]]
    id = "bridge"
    reps = 2
    sets = 1

    [[exercise]]
    id = "knee-to-chest"
    sets = 3
    hold_seconds = 60
"""


@pytest.fixture
def window_run(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[None]:
    monkeypatch.setattr(hipcoach.app, "ScreenSaverInhibitor", FakeInhibitor)
    monkeypatch.setattr(hipcoach.app, "make_speaker", lambda _settings: None)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: qapp.exit(99))
    guard.start(30_000)
    yield
    guard.stop()


def kill_after_first_exercise(routine_file: Path, data_dir: Path, tmp_path: Path) -> int:
    """Run the app on ``routine_file`` and SIGKILL it once exercise 0 is committed; returns the session id."""
    log = tmp_path / "events.log"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "HIPCOACH_DATA_DIR": str(data_dir),
        "HIPCOACH_EVENT_LOG": str(log),
    }
    args = ["--start", str(routine_file), "--time-scale", "20", "--quit-when-done"]
    app = subprocess.Popen(
        [sys.executable, "-m", "hipcoach", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:

        def committed() -> list[str]:
            lines = log.read_text().splitlines() if log.exists() else []
            return [line for line in lines if line.startswith("committed ")]

        wait_until(lambda: app.poll() is not None or bool(committed()), timeout=30, what="the first exercise")
        assert app.poll() is None, "the app ended before the kill"
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        assert app.stderr is not None
        app.stderr.close()
    return int(committed()[0].split()[1])


def test_a_routine_file_outside_the_routines_folder_is_offered_again(
    window_run: None, hipcoach_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    del window_run
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    routine_file = elsewhere / "mine.toml"
    routine_file.write_text(textwrap.dedent(ROUTINE), encoding="utf-8")
    session_id = kill_after_first_exercise(routine_file, hipcoach_data_dir, tmp_path)

    asked: list[tuple[str, str]] = []

    def answer(_window: MainWindow, routine_name: str, exercise_name: str) -> bool:
        asked.append((routine_name, exercise_name))
        return True

    monkeypatch.setattr(MainWindow, "ask_resume", answer)
    started: list[tuple[str, int]] = []

    def close_once_resumed() -> None:
        for window in qapp.topLevelWidgets():
            if isinstance(window, MainWindow) and window.isVisible() and window.controller.is_active:
                engine = window.controller.engine
                assert engine is not None
                started.append((engine.plan.routine.source, engine.index))
                window.close()

    poll = QTimer()
    poll.timeout.connect(close_once_resumed)
    poll.start(20)
    try:
        hipcoach.app.run_app(AppOptions())
    finally:
        poll.stop()

    assert asked == [("Mine, from elsewhere", "Knee-to-Chest Stretch")]
    assert started and started[0][0] == str(routine_file)
    conn = sqlite3.connect(hipcoach_data_dir / HISTORY_FILE)
    try:
        rows = conn.execute("SELECT id, status FROM sessions").fetchall()
    finally:
        conn.close()
    assert rows == [(session_id, "stopped")]  # the same row went on (and was stopped by closing the window)
