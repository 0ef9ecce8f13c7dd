"""The baseline for the start-up benchmark: a bare PySide6 QMainWindow, shown, until its first paint.

Prints the monotonic time of the first paint, then exits, exactly as hipcoach does with HIPCOACH_EXIT_AFTER_PAINT.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"first-paint {time.monotonic():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
            watched.removeEventFilter(self)
        return False


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QLabel("bare window"))
    window.resize(1024, 700)
    paint = FirstPaint()
    window.centralWidget().installEventFilter(paint)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
