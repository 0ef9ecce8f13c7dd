"""The session page's big number, painted to fill its box so it reads from a mat two metres away."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

LEAST: Final = QSize(160, 32)  # where the page cannot fit at all, the number shrinks to this, its lines give way
FITTED_HEIGHT: Final = 64  # the page shrinks its text rather than give the number less (ui/page_fit.py)


class CountdownDisplay(QWidget):
    """The big number, painted to fill its box: a label's font would have to be re-set on every resize, and the
    layout would fight it. Digits are tabular, and the size is fitted to a sample ("88" or "88:88") rather than the
    text itself, so the number does not jump in size as it counts down."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._sample = "88"
        self._dimmed = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(LEAST)
        self._name = "Countdown"
        self.setAccessibleName(self._name)

    def set_name(self, name: str) -> None:
        """What the number counts ("Seconds left", "Rep"): a screen reader hears it with the number, in the name,
        which is the one text every screen reader reads (a description is read only on request, if at all)."""
        self._name = name
        self._name_it()

    def _name_it(self) -> None:
        named = f"{self._name}: {self._text}" if self._text else self._name
        if named != self.accessibleName():
            self.setAccessibleName(named)

    def text(self) -> str:
        return self._text

    def is_dimmed(self) -> bool:
        return self._dimmed

    def set_value(self, text: str, *, sample: str, dimmed: bool) -> None:
        if (text, sample, dimmed) == (self._text, self._sample, self._dimmed):
            return
        self._text, self._sample, self._dimmed = text, sample, dimmed
        self._name_it()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(400, 300)

    def digit_height(self) -> float:
        """The height in pixels of a digit as painted now (the page's layout keeps it large: tests measure it)."""
        return QFontMetricsF(self._fitted_font()).tightBoundingRect("8").height()

    def _fitted_font(self) -> QFont:
        """The bold, tabular font whose sample fills the box."""
        font = QFont(self.font())
        font.setBold(True)
        font.setFeature(QFont.Tag("tnum"), 1)
        font.setPixelSize(100)
        metrics = QFontMetricsF(font)
        sample = metrics.tightBoundingRect(self._sample)
        box = self.contentsRect()
        by_height = 0.82 * box.height() / max(1.0, sample.height())
        by_width = 0.92 * box.width() / max(1.0, metrics.horizontalAdvance(self._sample))
        font.setPixelSize(max(8, int(100 * min(by_height, by_width))))
        return font

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002 - Qt's signature
        if not self._text:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        box = self.contentsRect()
        font = self._fitted_font()
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        tight = metrics.tightBoundingRect(self._text)
        x = box.center().x() - metrics.horizontalAdvance(self._text) / 2
        baseline = box.center().y() - (tight.top() + tight.bottom()) / 2
        group = QPalette.ColorGroup.Disabled if self._dimmed else QPalette.ColorGroup.Active
        painter.setPen(self.palette().color(group, QPalette.ColorRole.WindowText))
        painter.drawText(QPointF(x, baseline), self._text)
        painter.end()
