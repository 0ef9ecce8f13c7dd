"""Screenshots of the real window at fixed moments, for the end-to-end tests and the README
(``HIPCOACH_SCREENSHOT_DIR``, see docs/hooks.md): the chooser once it has painted, the session midway through the
first work phase, and the summary with its words beside it.

Imports: PySide6, the core, and the main window's type.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop
from PySide6.QtGui import QGuiApplication

from hipcoach import APP_NAME

if TYPE_CHECKING:
    from hipcoach.core.events import Event
    from hipcoach.core.plan import Phase
    from hipcoach.ui.main_window import MainWindow

EXPOSE_TIMEOUT = 10.0  # seconds to wait for the window manager to show the window before a screenshot


class Screenshots:
    """PNG files of the real window at three fixed moments, for end-to-end tests and the README.

    Under X11 the pixels come from the X server (what a person would see); the offscreen platform has no server, so
    there the widget renders itself.
    """

    def __init__(self, window: MainWindow, directory: Path) -> None:
        self.window = window
        self.directory = directory
        self.taken: list[str] = []

    def take(self, name: str) -> Path | None:
        if name in self.taken:
            return None
        self._wait_exposed()
        # Layouts update on a posted event; a screenshot taken inside a slot would show the old layout.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.window.repaint()
        from PySide6.QtGui import QPixmap  # noqa: PLC0415 - screenshots are for tests and the README

        pixmap = QPixmap()
        if QGuiApplication.platformName() != "offscreen":
            pixmap = self.window.screen().grabWindow(self.window.winId())
        if pixmap.isNull():
            pixmap = self.window.grab()
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{name}.png"
        if not pixmap.save(str(path), "PNG"):
            print(f"{APP_NAME}: could not save the screenshot {path}", file=sys.stderr, flush=True)
            return None
        self.taken.append(name)
        return path

    def save_text(self, name: str, text: str) -> None:
        """The words on screen beside the picture (``summary.txt``), so a test can compare them with the history."""
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / f"{name}.txt").write_text(text + "\n", encoding="utf-8")

    def on_event(self, event: Event) -> None:
        """The session screenshot: midway through the first work phase, when the screen is at its busiest; and the
        figure's: the first moment a figure is half-way through a lift or a lowering of a paced rep."""
        from hipcoach.core.events import SecondElapsed  # noqa: PLC0415 - loaded with the session

        if not isinstance(event, SecondElapsed):
            return
        engine = self.window.controller.engine
        if engine is None or engine.index != event.index:
            return
        phase = engine.phase
        if "session" not in self.taken and phase.kind.is_work and event.remaining * 2 <= phase.duration:
            self.take("session")
        if "figure" not in self.taken and self._mid_rep(phase, engine.elapsed()):
            self.take("figure")

    def _mid_rep(self, phase: Phase, seconds: float) -> bool:
        from hipcoach.core.figure.motion import rep_progress  # noqa: PLC0415 - loaded with the session
        from hipcoach.core.plan import PhaseKind  # noqa: PLC0415 - likewise

        figure = self.window.session_view.figure
        if phase.kind is not PhaseKind.REPS or figure.figure() is None or not figure.isVisible():
            return False
        return 0.25 <= rep_progress(phase, seconds) <= 0.75

    def _wait_exposed(self) -> None:
        """Only the first screenshot waits (and so runs the event loop); later ones are taken inside a slot, where
        running the loop could re-enter the session controller."""
        handle = self.window.windowHandle()
        if handle is None or handle.isExposed():
            return
        deadline = time.monotonic() + EXPOSE_TIMEOUT
        while not handle.isExposed() and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QCoreApplication.processEvents()
