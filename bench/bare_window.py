"""The baseline for the start-up benchmark: a bare PySide6 QMainWindow, shown, until its first paint.

Prints the monotonic time of the first paint, then exits, exactly as hipcoach does with HIPCOACH_EXIT_AFTER_PAINT.
"""

from __future__ import annotations

import sys

from first_paint import FirstPaint  # run as a script: its folder is first on sys.path
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


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
