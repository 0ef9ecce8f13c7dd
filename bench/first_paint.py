"""The first-paint probe shared by the start-up benchmark's reference programs (hipcoach has its own, in app.py).

Prints the monotonic time of the first paint of the widget it watches, then quits the app, as hipcoach does with
HIPCOACH_EXIT_AFTER_PAINT.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"first-paint {time.monotonic():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
            watched.removeEventFilter(self)
        return False
