"""The parts the week charts (sessions per week, pain trend) share: a value scale on the left, a column per week,
a legend of sample marks with their words, and the size they ask for.

Where a chart's columns are is computed by :func:`axes_for` alone, so the painting, the tooltips and the tests all
find a column in the same place.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from hipcoach.ui.charts.style import ChartStyle, metrics, pen, text, text_at

Sample = Callable[[QRectF], None]
"""Draws a legend's sample mark into the box it is given."""


@dataclass(frozen=True)
class Axes:
    """A plot area with a value scale on the left and one column per week along the bottom."""

    plot: QRectF
    top_value: float
    columns: int

    def y(self, value: float) -> float:
        return self.plot.bottom() - self.plot.height() * value / self.top_value

    def column_width(self) -> float:
        return self.plot.width() / max(1, self.columns)

    def x(self, column: int) -> float:
        """The centre of a column."""
        return self.plot.left() + (column + 0.5) * self.column_width()

    def column_at(self, point: QPointF) -> int | None:
        if not self.plot.adjusted(0, -self.plot.height() * 0.1, 0, 0).contains(point):
            return None
        column = int((point.x() - self.plot.left()) / self.column_width())
        return column if 0 <= column < self.columns else None


def axes_for(
    rect: QRectF, font_metrics: QFontMetricsF, top_value: float, columns: int, with_legend: bool = True
) -> Axes:
    """The plot area inside ``rect``: room for the values on the left, the labels below, the legend above."""
    line = font_metrics.height()
    left = rect.left() + font_metrics.horizontalAdvance("10") + line * 0.5
    top = rect.top() + (line * 1.5 if with_legend else line * 0.6)
    bottom = rect.bottom() - line * 1.4
    plot = QRectF(left, top, max(1.0, rect.right() - left - line * 0.3), max(1.0, bottom - top))
    return Axes(plot, top_value, columns)


def week_chart_size(font_metrics: QFontMetricsF) -> QSize:
    """The size a week chart asks for: about twelve weeks' labels across, a readable scale up."""
    return QSize(math.ceil(font_metrics.height() * 22), math.ceil(font_metrics.height() * 11))


def paint_axes(
    painter: QPainter,
    rect: QRectF,
    style: ChartStyle,
    *,
    top_value: float,
    ticks: Sequence[float],
    labels: Sequence[str],
    legend: Callable[[QRectF], None] | None,
) -> Axes:
    """Draw the grid lines with their values and the column labels (thinned to fit); return where to plot."""
    font_metrics = metrics(painter, style.font)
    axes = axes_for(rect, font_metrics, top_value, len(labels), legend is not None)
    line = font_metrics.height()
    painter.setFont(style.font)
    for tick in ticks:
        y = axes.y(tick)
        painter.setPen(pen(style.grid, max(1.0, line / 16)))
        painter.drawLine(QPointF(axes.plot.left(), y), QPointF(axes.plot.right(), y))
        text(
            painter,
            QRectF(rect.left(), y - line / 2, axes.plot.left() - rect.left() - line * 0.3, line),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"{tick:g}",
            style.text,
        )
    widest = max((font_metrics.horizontalAdvance(label) for label in labels), default=0.0) + line * 0.6
    every = max(1, math.ceil(widest / axes.column_width()))
    free_until = rect.right()  # labels go right to left: the newest week's label is the one people look for
    for column in range(len(labels) - 1, -1, -every):
        box = QRectF(axes.x(column) - widest / 2, axes.plot.bottom() + line * 0.2, widest, line)
        box.moveLeft(max(rect.left(), min(box.left(), free_until - widest)))
        if box.right() > free_until or box.left() < rect.left():
            continue
        text(painter, box, Qt.AlignmentFlag.AlignCenter, labels[column], style.text)
        free_until = box.left()
    if legend is not None:
        legend(QRectF(axes.plot.left(), rect.top(), rect.right() - axes.plot.left(), line))
    return axes


def paint_legend(
    painter: QPainter,
    box: QRectF,
    style: ChartStyle,
    items: Sequence[tuple[Sample, str]],
    *,
    sample: QRectF | None = None,
    advance: float | None = None,
    spacing: float | None = None,
) -> None:
    """Sample marks followed by their words, left to right, one line high from ``box``'s top-left corner:
    "■ goal met   □ goal not met".

    ``sample`` is where a mark goes, relative to where its item starts; ``advance`` is how far its words start from
    there and ``spacing`` the room after them. The defaults suit a line or a bar; the heatmap's shades are squares.
    """
    font_metrics = metrics(painter, style.font)
    line = font_metrics.height()
    mark = sample if sample is not None else QRectF(0, line * 0.15, line * 1.4, line * 0.7)
    x = box.left()
    for draw_sample, label in items:
        draw_sample(QRectF(x + mark.left(), box.top() + mark.top(), mark.width(), mark.height()))
        x += advance if advance is not None else line * 1.7
        width = text_at(painter, font_metrics, QPointF(x, box.top()), label, style.text)
        x += width + (spacing if spacing is not None else line)


def line_sample(painter: QPainter, line_pen: QPen) -> Sample:
    """A legend's sample of a line: the pen drawn across the middle of the sample's box."""

    def draw(box: QRectF) -> None:
        painter.setPen(line_pen)
        painter.drawLine(QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y()))

    return draw
