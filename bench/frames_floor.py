"""The floor under any moving figure: a bare Qt window that repaints a picture, with no Python at all per frame.

``bench_figure`` part 5 runs this as a process of its own, on the same platform and screen as the app in part 2, and
measures its CPU from outside: once still, once repainting ``--fps`` times a second. A ``QTimeLine`` (Qt's own timer,
in C++) is connected by name to the label's ``update()`` slot, so each frame is Qt alone: the process woken, the
label's picture painted into the window's backing store, the backing store flushed. Whatever a figure paints, its
frames cost at least this; the difference to the still run is the least a frame can cost on this machine. With
``--wake-only`` the timer runs connected to nothing: the cost of waking the process alone.

After the measured time the program counts, for one more second, the paints that reach the label (an event filter in
Python, so only after the measurement) and prints them, which shows the frames really were painted.
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import SIGNAL, SLOT, QEvent, QObject, Qt, QTimeLine, QTimer
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QWidget


class PaintCounter(QObject):
    """Counts the paint events of the object it filters."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def picture(width: int, height: int) -> QPixmap:
    """Something like a figure: thick anti-aliased strokes on the window's colour."""
    pixmap = QPixmap(width, height)
    pixmap.fill(QColor("white"))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#2b3a55"), max(4, height // 25), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(width // 6, height * 3 // 4, width // 2, height * 3 // 4)
    painter.drawLine(width // 2, height * 3 // 4, width * 5 // 6, height // 3)
    painter.end()
    return pixmap


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fps", type=float, default=0.0, help="repaints a second; 0: the window stays still")
    parser.add_argument("--wake-only", action="store_true", help="the timer runs, connected to nothing: no repaint")
    parser.add_argument("--box", default="356x362", help="the picture's size, as the figure's box")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to run before counting the paints")
    args = parser.parse_args()
    width, height = (int(v) for v in args.box.split("x"))

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(1024, 700)
    layout = QHBoxLayout(window)
    layout.addWidget(QLabel("Steps\n" * 8))
    label = QLabel()
    label.setPixmap(picture(width, height))
    label.setFixedSize(width, height)
    label.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
    layout.addWidget(label)
    window.show()

    timeline = QTimeLine(1000)
    if args.fps > 0:
        timeline.setUpdateInterval(max(1, round(1000 / args.fps)))
        timeline.setLoopCount(0)
        if not args.wake_only:
            QObject.connect(timeline, SIGNAL("valueChanged(qreal)"), label, SLOT("update()"))  # Qt to Qt, no Python
        timeline.start()

    counter = PaintCounter()

    def count() -> None:
        label.installEventFilter(counter)
        QTimer.singleShot(1000, report)

    def report() -> None:
        print(f"paints in one second: {counter.paints}", flush=True)
        app.quit()

    QTimer.singleShot(round(args.seconds * 1000), count)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
