"""Pain before and after exercise, a week's mean each, 0-10: before dashed with squares, after solid with dots, so
the two lines differ in dash and marker as well as colour. A week without ratings breaks the lines.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import date
from typing import Final

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from hipcoach.core.stats import PainWeek
from hipcoach.core.wording import long_day, one_decimal, short_day
from hipcoach.ui.charts.axes import Sample, axes_for, line_sample, paint_axes, paint_legend, week_chart_size
from hipcoach.ui.charts.style import ChartStyle, metrics, pen, text

PAIN_MAX: Final = 10


def _before(item: PainWeek) -> float | None:
    return item.mean_before


def _after(item: PainWeek) -> float | None:
    return item.mean_after


class PainTrend:
    """Mean pain before and after exercise, per week, 0-10: before dashed with squares, after solid with dots."""

    title = "Pain before and after exercise"

    def __init__(self, weeks: Sequence[date], pain: Sequence[PainWeek]) -> None:
        self.weeks = tuple(weeks)  # Mondays, oldest first: one column each, rated or not
        by_week = {item.start: item for item in pain}
        self.pain = tuple(by_week.get(start) for start in self.weeks)

    def paint(self, painter: QPainter, rect: QRectF, style: ChartStyle) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = metrics(painter, style.font).height()
        before_pen = pen(style.text, max(1.5, line / 9), Qt.PenStyle.DashLine)
        after_pen = pen(style.accent, max(2.0, line / 6))
        marker = line * 0.45

        def square(centre: QPointF) -> None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.text)
            painter.drawRect(QRectF(centre.x() - marker / 2, centre.y() - marker / 2, marker, marker))

        def dot(centre: QPointF) -> None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.accent)
            painter.drawEllipse(centre, marker * 0.6, marker * 0.6)

        def sample(line_pen: QPen, mark: Callable[[QPointF], None]) -> Sample:
            draw_line = line_sample(painter, line_pen)

            def draw(box: QRectF) -> None:
                draw_line(box)
                mark(box.center())

            return draw

        axes = paint_axes(
            painter,
            rect,
            style,
            top_value=PAIN_MAX,
            ticks=range(0, PAIN_MAX + 1, 2),
            labels=[short_day(start) for start in self.weeks],
            legend=lambda box: paint_legend(
                painter, box, style, [(sample(before_pen, square), "before"), (sample(after_pen, dot), "after")]
            ),
        )
        for line_pen, mark, value_of in ((before_pen, square, _before), (after_pen, dot, _after)):
            points = [
                QPointF(axes.x(column), axes.y(value))
                if item is not None and (value := value_of(item)) is not None
                else None
                for column, item in enumerate(self.pain)
            ]
            painter.setPen(line_pen)
            for start, end in itertools.pairwise(points):
                if start is not None and end is not None:  # a week without ratings breaks the line
                    painter.drawLine(start, end)
            for point in points:
                if point is not None:
                    mark(point)
        if not any(self.pain):
            text(painter, axes.plot, Qt.AlignmentFlag.AlignCenter, "No pain ratings yet", style.text)
        painter.restore()

    def tooltip_at(self, rect: QRectF, point: QPointF, font_metrics: QFontMetricsF) -> str | None:
        column = axes_for(rect, font_metrics, PAIN_MAX, len(self.weeks)).column_at(point)
        if column is None:
            return None
        item = self.pain[column]
        when = f"Week of {long_day(self.weeks[column])}"
        if item is None:
            return f"{when}: no pain ratings"
        return f"{when}: pain before {one_decimal(item.mean_before)}, after {one_decimal(item.mean_after)} (0-10)"

    def summary(self) -> str:
        rated = [item for item in self.pain if item is not None]
        if not rated:
            return "No pain ratings in these weeks."
        parts = []
        for word, value_of in (("before exercise", _before), ("after", _after)):
            values = [value for item in rated if (value := value_of(item)) is not None]
            if len(values) == 1:
                parts.append(f"{word} {values[0]:.1f}")
            elif values:
                parts.append(f"{word} from {values[0]:.1f} to {values[-1]:.1f}")
        first, last = rated[0].start, rated[-1].start
        span = f"in the week of {long_day(first)}" if first == last else f"from {short_day(first)} to {long_day(last)}"
        return f"Weekly average pain {span} (0 none, 10 worst): {', '.join(parts)}."

    def headers(self) -> tuple[str, ...]:
        return ("Week of", "Sessions rated", "Pain before", "Pain after")

    def rows(self) -> list[tuple[str, ...]]:
        return [
            (
                long_day(item.start),
                str(item.rated_sessions),
                one_decimal(item.mean_before),
                one_decimal(item.mean_after),
            )
            for item in self.pain
            if item is not None
        ]

    def size_hint(self, font_metrics: QFontMetricsF) -> QSize:
        return week_chart_size(font_metrics)
