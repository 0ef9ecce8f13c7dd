"""The moment the window has painted for the first time: what the start-up puts off until then runs there.

The app builds only what the first frame needs, then everything else (the services, the content, the History) once
the window is on screen (docs/startup.md); this object says when that is.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FIRST_PAINT_FALLBACK_MS: Final = 1000


class FirstPaint(QObject):
    """Runs ``after`` once the window has painted for the first time (and prints when, for the start-up
    benchmark, with ``report``). A timer makes sure it runs even on a platform that never paints."""

    def __init__(self, window: QWidget, after: Callable[[], None], *, report: bool = False) -> None:
        super().__init__(window)
        self._after = after
        self._report = report
        self._done = False
        window.installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            if self._report:
                print(f"first-paint {time.monotonic():.6f}", flush=True)
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        if not self._done:
            self._done = True
            self._after()
