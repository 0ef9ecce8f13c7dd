"""Sessions per week against the goal: a bar a week with its number on top, and a dashed goal line.

A week that meets the goal is a solid bar, one short of it an outlined, lighter bar: the two differ in shape as well
as colour, and the legend shows both with the same drawing as the bars.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter

from hipcoach.core.stats import Week, week_start
from hipcoach.core.wording import long_day, minutes_count, plural, short_day, whole
from hipcoach.ui.charts.axes import axes_for, line_sample, paint_axes, paint_legend, week_chart_size
from hipcoach.ui.charts.style import ChartStyle, metrics, outline_pen, pen, text


def _paint_bar(painter: QPainter, box: QRectF, style: ChartStyle, line: float, met: bool) -> None:
    """A bar, or its sample in the legend: solid when the goal is met, outlined and lighter when not."""
    if met:
        painter.fillRect(box, style.accent)
    else:
        painter.setPen(outline_pen(style.accent, line))
        painter.setBrush(style.accent_light)
        painter.drawRect(box)


class WeeklyBars:
    """Bars of sessions per week, a dashed goal line, and each bar's number on top of it."""

    title = "Sessions per week"

    def __init__(self, weeks: Sequence[Week], goal: int, today: date) -> None:
        self.weeks = tuple(weeks)
        self.goal = goal
        self.this_week = week_start(today)

    def _week_label(self, week: Week) -> str:
        return "This week" if week.start == self.this_week else short_day(week.start)

    def _top(self) -> int:
        """The scale's top: one above the goal and the highest bar, so the bar's number fits under the legend."""
        return max(self.goal, 3, *(week.sessions for week in self.weeks)) + 1

    def paint(self, painter: QPainter, rect: QRectF, style: ChartStyle) -> None:
        painter.save()
        top = self._top()
        step = 1 if top <= 8 else 2 if top <= 16 else 5
        font_metrics = metrics(painter, style.font)
        line = font_metrics.height()
        goal_pen = pen(style.text, max(1.5, line / 8), Qt.PenStyle.DashLine)

        def met_sample(box: QRectF) -> None:
            _paint_bar(painter, box, style, line, met=True)

        def unmet_sample(box: QRectF) -> None:
            _paint_bar(painter, box, style, line, met=False)

        axes = paint_axes(
            painter,
            rect,
            style,
            top_value=top,
            ticks=range(0, top + 1, step),
            labels=[self._week_label(week) for week in self.weeks],
            legend=lambda box: paint_legend(
                painter,
                box,
                style,
                [
                    (met_sample, "goal met"),
                    (unmet_sample, "not met"),
                    (line_sample(painter, goal_pen), f"goal: {self.goal} a week"),
                ],
            ),
        )
        width = axes.column_width()
        bar = width * 0.7
        painter.setFont(style.bold())
        bold = metrics(painter, style.bold())
        for column, week in enumerate(self.weeks):
            box = QRectF(
                axes.x(column) - bar / 2, axes.y(week.sessions), bar, axes.plot.bottom() - axes.y(week.sessions)
            )
            if week.sessions:  # an empty week has no bar, not an outline on the axis
                _paint_bar(painter, box, style, line, week.met(self.goal))
            number = str(week.sessions)
            if bold.horizontalAdvance(number) <= width:
                text(
                    painter,
                    QRectF(axes.x(column) - width / 2, box.top() - line * 1.05, width, line),
                    Qt.AlignmentFlag.AlignCenter,
                    number,
                    style.text,
                )
        goal_y = axes.y(self.goal)
        painter.setPen(goal_pen)
        painter.drawLine(QPointF(axes.plot.left(), goal_y), QPointF(axes.plot.right(), goal_y))
        painter.restore()

    def goal_y(self, rect: QRectF, font_metrics: QFontMetricsF) -> float:
        """Where the goal line is drawn (tests look for it there)."""
        return axes_for(rect, font_metrics, self._top(), len(self.weeks)).y(self.goal)

    def tooltip_at(self, rect: QRectF, point: QPointF, font_metrics: QFontMetricsF) -> str | None:
        column = axes_for(rect, font_metrics, self._top(), len(self.weeks)).column_at(point)
        if column is None:
            return None
        week = self.weeks[column]
        met = {"Yes": "goal met", "No": "goal not met", "Not yet": "goal not met yet"}[self._met_word(week)]
        return (
            f"Week of {long_day(week.start)}: {plural(week.sessions, 'session')}, {minutes_count(week.minutes)}, {met}"
        )

    def _met_word(self, week: Week) -> str:
        if week.met(self.goal):
            return "Yes"
        return "Not yet" if week.start == self.this_week else "No"

    def _finished(self) -> list[Week]:
        """The weeks that count for "goal met in N of M": the current one only once it meets the goal."""
        return [w for w in self.weeks if w.start != self.this_week or w.met(self.goal)]

    def summary(self) -> str:
        if not self.weeks:
            return "No weeks to show."
        total = sum(week.sessions for week in self.weeks)
        finished = self._finished()
        met = sum(1 for week in finished if week.met(self.goal))
        span = "the last" if self.weeks[-1].start == self.this_week else "these"
        weeks = "week" if len(self.weeks) == 1 else plural(len(self.weeks), "week")
        # "counted": a short stopped session is in the history but not here, and "0 sessions" would read as lost
        words = f"{plural(total, 'counted session')} in {span} {weeks}."
        if finished:
            words += f" Goal of {self.goal} a week met in {met} of {plural(len(finished), 'week')}."
        current = self.weeks[-1]
        if current.start == self.this_week and not current.met(self.goal):
            words += f" This week so far: {plural(current.sessions, 'session')}."
        return words

    def headers(self) -> tuple[str, ...]:
        return ("Week of", "Sessions", "Goal met", "Minutes")

    def rows(self) -> list[tuple[str, ...]]:
        return [
            (long_day(week.start), str(week.sessions), self._met_word(week), whole(week.minutes)) for week in self.weeks
        ]

    def size_hint(self, font_metrics: QFontMetricsF) -> QSize:
        return week_chart_size(font_metrics)
