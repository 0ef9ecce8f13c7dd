"""The year calendar: a cell per day for the last twelve months, a column per week (Monday at the top), a square
in each whose shade and size grow with the minutes, with a legend that writes the minutes next to each shade
(nothing is told by colour alone). A day with a sore-day session (the short, gentle version of a routine) has a dot
in its cell, a shape rather than a shade, and the legend then names it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter

from hipcoach.core.stats import DayMinutes, week_start
from hipcoach.core.wording import MONTH_NAMES, MONTHS, WEEKDAYS, long_day, minutes_count, plural, whole
from hipcoach.ui.charts.axes import Sample, paint_legend
from hipcoach.ui.charts.style import ChartStyle, metrics, outline_pen, text, text_at

HEAT_LIMITS: Final = (10, 20, 30)
"""Minutes a day where the heatmap's shade steps up: 1-9, 10-19, 20-29, 30 and more (the routines last 8-35)."""
HEAT_LABELS: Final = ("0", "1-9", "10-19", "20-29", "30+")
HEAT_SIZES: Final = (1.0, 0.45, 0.65, 0.85, 1.0)
"""How much of its cell each level's square fills: a size as well as a shade, since neighbouring shades differ by
1.2 to 1.5:1 only, too little to tell apart for many eyes (and none on a grey printout). More minutes, a bigger and a
darker square; the empty cell behind a small one keeps the calendar's grid."""
SORE_DAY_LABEL: Final = "sore-day session"


def heat_level(minutes: float, sessions: int) -> int:
    """0 for a rest day, then 1-4 by minutes; a day with a session is never shown as a rest day."""
    if sessions == 0 and minutes <= 0:
        return 0
    return 1 + sum(1 for limit in HEAT_LIMITS if minutes >= limit)


@dataclass(frozen=True)
class HeatmapLayout:
    """Where each day's cell is: computed once per paint from the rect and the font, and used for hit testing."""

    first: date  # the Monday of the first column
    origin: QPointF  # top-left of the first cell
    step: float  # cell size plus the gap
    cell: float
    columns: int
    legend_top: float

    def cell_rect(self, day: date) -> QRectF:
        offset = (day - self.first).days
        column, row = divmod(offset, 7)
        return QRectF(self.origin.x() + column * self.step, self.origin.y() + row * self.step, self.cell, self.cell)

    def day_at(self, point: QPointF) -> date | None:
        if self.step <= 0:
            return None
        column = math.floor((point.x() - self.origin.x()) / self.step)
        row = math.floor((point.y() - self.origin.y()) / self.step)
        if not (0 <= column < self.columns and 0 <= row < 7):
            return None
        day = self.first + timedelta(days=column * 7 + row)
        return day if self.cell_rect(day).contains(point) else None


def _level_square(painter: QPainter, cell: QRectF, level: int, style: ChartStyle) -> None:
    """A day's mark: the empty cell, and over it a square of the level's shade and size, centred (no pen)."""
    if HEAT_SIZES[level] < 1.0:
        painter.setBrush(style.heat[0])
        painter.drawRect(cell)
    size = cell.width() * HEAT_SIZES[level]
    painter.setBrush(style.heat[level])
    painter.drawRect(QRectF(cell.center().x() - size / 2, cell.center().y() - size / 2, size, size))


def _dot(painter: QPainter, cell: QRectF) -> None:
    """The sore-day mark: a round dot in the middle of the cell, a third of its size, so the smallest level's square
    still shows around it (the brush is the caller's)."""
    painter.setPen(Qt.PenStyle.NoPen)
    size = cell.width() * 0.3
    painter.drawEllipse(QRectF(cell.center().x() - size / 2, cell.center().y() - size / 2, size, size))


def _gutter(font_metrics: QFontMetricsF) -> float:
    """The room left of the cells for the weekday names."""
    return max(font_metrics.horizontalAdvance(name) for name in WEEKDAYS) + font_metrics.height() * 0.4


class CalendarHeatmap:
    """A cell per day for the last twelve months, a column per week (Monday at the top), shaded by minutes."""

    title = "Your year of exercise"

    def __init__(self, days: Sequence[DayMinutes], today: date) -> None:
        self.days = tuple(days)
        self.today = today
        self._by_day = {item.day: item for item in self.days}
        self.sore_days = tuple(item for item in self.days if item.sore_days)
        self.first = week_start(self.days[0].day) if self.days else week_start(today)
        self.columns = (week_start(today) - self.first).days // 7 + 1

    def layout(self, rect: QRectF, font_metrics: QFontMetricsF) -> HeatmapLayout:
        line = font_metrics.height()
        gutter = _gutter(font_metrics)
        legend = line * 1.6
        top = line * 1.2
        step = max(1.0, min((rect.width() - gutter) / self.columns, (rect.height() - top - legend) / 7))
        step = min(step, line * 1.5)  # very wide: keep the cells a sensible size and the legend near
        return HeatmapLayout(
            first=self.first,
            origin=QPointF(rect.left() + gutter, rect.top() + top),
            step=step,
            cell=step * 0.84,
            columns=self.columns,
            legend_top=rect.top() + top + 7 * step + line * 0.35,
        )

    def paint(self, painter: QPainter, rect: QRectF, style: ChartStyle) -> None:
        painter.save()
        painter.setFont(style.font)
        font_metrics = metrics(painter, style.font)
        grid = self.layout(rect, font_metrics)
        line = font_metrics.height()
        painter.setPen(Qt.PenStyle.NoPen)
        for item in self.days:
            _level_square(painter, grid.cell_rect(item.day), heat_level(item.minutes, item.sessions), style)
        painter.setBrush(style.text)
        for item in self.sore_days:
            _dot(painter, grid.cell_rect(item.day))
        # Today: an outline in the text colour, a shape rather than a shade.
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(outline_pen(style.text, line))
        painter.drawRect(grid.cell_rect(self.today))
        for row in (0, 2, 4):  # Mon, Wed, Fri, as paper calendars label them
            middle = grid.origin.y() + row * grid.step + grid.cell / 2
            label = QRectF(rect.left(), middle - line / 2, grid.origin.x() - rect.left(), line)
            text(painter, label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, WEEKDAYS[row], style.text)
        self._paint_months(painter, rect, grid, font_metrics, style)
        self._paint_legend(painter, grid, font_metrics, style, sore_days=bool(self.sore_days))
        painter.restore()

    def _paint_months(
        self, painter: QPainter, rect: QRectF, grid: HeatmapLayout, font_metrics: QFontMetricsF, style: ChartStyle
    ) -> None:
        """Each month's name above the column holding its 1st day, skipped where it would overlap the last one."""
        free_from = rect.left()
        for column in range(self.columns):
            monday = self.first + timedelta(days=7 * column)
            firsts = [monday + timedelta(days=d) for d in range(7) if (monday + timedelta(days=d)).day == 1]
            if not firsts and (column > 0 or monday.day > 7):
                continue  # column 0 is labelled only when most of its month is still to come
            month = firsts[0] if firsts else monday
            name = MONTHS[month.month - 1] + (f" {month.year}" if month.month == 1 else "")
            x = grid.origin.x() + column * grid.step
            width = font_metrics.horizontalAdvance(name)
            if x < free_from or x + width > rect.right():
                continue
            text_at(painter, font_metrics, QPointF(x, rect.top()), name, style.text, flags=Qt.AlignmentFlag.AlignLeft)
            free_from = x + width + font_metrics.horizontalAdvance("  ")

    @staticmethod
    def _paint_legend(
        painter: QPainter, grid: HeatmapLayout, font_metrics: QFontMetricsF, style: ChartStyle, *, sore_days: bool
    ) -> None:
        """ "Minutes a day:" and then each shade as a square with its minutes written after it; the dot of a
        sore-day session after them when the calendar has one."""
        line = font_metrics.height()
        swatch = min(grid.cell, line * 0.8)
        caption = "Minutes a day:"
        text_at(painter, font_metrics, QPointF(grid.origin.x(), grid.legend_top), caption, style.text)
        x = grid.origin.x() + (font_metrics.horizontalAdvance(caption) + line * 0.5)

        def shade(level: int) -> Sample:
            def draw(box: QRectF) -> None:
                painter.setPen(Qt.PenStyle.NoPen)
                _level_square(painter, box, level, style)

            return draw

        def sore(box: QRectF) -> None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.heat[0])
            painter.drawRect(box)
            painter.setBrush(style.text)
            _dot(painter, box)

        samples = [(shade(level), label) for level, label in enumerate(HEAT_LABELS)]
        if sore_days:
            samples.append((sore, SORE_DAY_LABEL))
        paint_legend(
            painter,
            QRectF(x, grid.legend_top, 0, line),
            style,
            samples,
            sample=QRectF(0, (line - swatch) / 2, swatch, swatch),
            advance=swatch + line * 0.25,
            spacing=line * 0.6,
        )

    def tooltip_at(self, rect: QRectF, point: QPointF, font_metrics: QFontMetricsF) -> str | None:
        day = self.layout(rect, font_metrics).day_at(point)
        item = self._by_day.get(day) if day is not None else None
        if item is None:
            return None
        if item.sessions == 0:
            return f"{long_day(item.day)}: no exercise"
        sore = f" ({plural(item.sore_days, SORE_DAY_LABEL)})" if item.sore_days else ""
        return f"{long_day(item.day)}: {plural(item.sessions, 'session')}{sore}, {minutes_count(item.minutes)}"

    def summary(self) -> str:
        active = [item for item in self.days if item.sessions > 0]
        if not active:
            return "No exercise recorded in the last 12 months."
        minutes = sum(item.minutes for item in self.days)
        busiest = max(active, key=lambda item: (item.minutes, item.day))
        return (
            f"{plural(len(active), 'day')} with exercise in the last 12 months, {minutes_count(minutes)} in all. "
            f"Most in one day: {minutes_count(busiest.minutes)}, on {long_day(busiest.day)}."
        )

    def headers(self) -> tuple[str, ...]:
        return ("Month", "Days with exercise", "Sessions", "Minutes")

    def rows(self) -> list[tuple[str, ...]]:
        """One row per month, oldest first: a day per row would be 365 rows to listen through."""
        months: dict[tuple[int, int], list[DayMinutes]] = {}
        for item in self.days:
            months.setdefault((item.day.year, item.day.month), []).append(item)
        return [
            (
                f"{MONTH_NAMES[month - 1]} {year}",
                whole(sum(1 for item in items if item.sessions > 0)),
                whole(sum(item.sessions for item in items)),
                whole(sum(item.minutes for item in items)),
            )
            for (year, month), items in months.items()
        ]

    def size_hint(self, font_metrics: QFontMetricsF) -> QSize:
        line = font_metrics.height()
        cell = line * 0.9
        return QSize(math.ceil(_gutter(font_metrics) + self.columns * cell), math.ceil(line * 2.8 + 7 * cell))
