"""A history locked by another program never holds the window: measured, with a real lock held by another process.

The other process takes SQLite's EXCLUSIVE lock (no other connection may even read) and keeps it until told to let
go. A QTimer heartbeat records the longest gap between its ticks: the GUI thread was blocked that long.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import hipcoach.app
import hipcoach.app_exit
from hipcoach.core.history import HISTORY_FILE, open_history
from hipcoach.core.model import Position
from hipcoach.options import EXIT_NOT_RECORDED, AppOptions
from hipcoach.ui import services as services_module
from hipcoach.ui.main_window import MainWindow
from tests.core.history.support import Lock
from tests.factories import entry, exercise, routine
from tests.ui.rig import ServeApp

BLOCK_LIMIT = 0.100  # seconds the GUI thread may be busy at a stretch with the history locked

ROUTINE = routine(entry(exercise("leg-raise", position=Position.STANDING)))


class Heartbeat:
    """The longest gap between ticks of a 5 ms timer, from ``start()`` on."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.longest = 0.0

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now


@pytest.fixture
def locked(hipcoach_data_dir: Path, serve_app: ServeApp) -> Iterator[Lock]:
    with open_history():
        pass  # a real history file, at the latest version
    serve_app(ROUTINE)
    lock = Lock(hipcoach_data_dir / HISTORY_FILE)
    yield lock
    lock.release()


def timed_history_opens(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """How long each open of the history on the GUI thread took (the History page's connection)."""
    took: list[float] = []
    original = services_module.open_history

    def timed(*args: object, **kwargs: object) -> object:
        began = time.perf_counter()
        try:
            return original(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            took.append(time.perf_counter() - began)

    monkeypatch.setattr(services_module, "open_history", timed)
    return took


def beat_after_paint(monkeypatch: pytest.MonkeyPatch, heartbeat: Heartbeat) -> None:
    original = hipcoach.app.GuiRun._after_paint

    def after_paint(run: hipcoach.app.GuiRun, *args: object, **kwargs: object) -> None:
        original(run, *args, **kwargs)  # type: ignore[arg-type]
        heartbeat.start()

    monkeypatch.setattr(hipcoach.app.GuiRun, "_after_paint", after_paint)


def test_an_unattended_run_never_waits_on_the_gui_thread_and_exits_non_zero(
    locked: Lock, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(hipcoach.app_exit, "FLUSH_TIMEOUT", 2.0)
    opens = timed_history_opens(monkeypatch)
    heartbeat = Heartbeat()
    beat_after_paint(monkeypatch, heartbeat)
    code = hipcoach.app.run_app(AppOptions(start="test", time_scale=1000, quit_when_done=True))
    heartbeat.timer.stop()
    assert code == EXIT_NOT_RECORDED
    assert opens and max(opens) < BLOCK_LIMIT, opens
    assert heartbeat.longest < BLOCK_LIMIT, heartbeat.longest
    err = capfd.readouterr().err
    assert "locked by another program" in err
    assert "not (fully) recorded" in err


def test_the_window_stays_responsive_says_so_and_recovers_once_the_lock_goes(
    locked: Lock, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    monkeypatch.setattr(services_module, "HISTORY_RETRY_MS", 100)
    opens = timed_history_opens(monkeypatch)
    heartbeat = Heartbeat()
    beat_after_paint(monkeypatch, heartbeat)
    steps: list[str] = []
    while_locked: list[float] = []

    def drive() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            return
        window = windows[0]
        said_locked = any("locked" in text for text in window.notices.texts())
        if not steps and said_locked:
            steps.append("told")
            while_locked.append(heartbeat.longest)  # what comes after the lock (building the page) is not measured
            locked.release()
        elif steps == ["told"] and window.history_action.isEnabled():
            window.show_history()  # built now, reading through the page's own connection: no lock now
            if window.current_page() is window.history_page is not None:
                steps.append("history page")
            window.close()

    poll = QTimer()
    poll.timeout.connect(drive)
    poll.start(20)
    try:
        hipcoach.app.run_app(AppOptions())
    finally:
        poll.stop()
        heartbeat.timer.stop()
    assert steps == ["told", "history page"]
    assert max(opens) < BLOCK_LIMIT, opens
    assert while_locked[0] < BLOCK_LIMIT, while_locked
