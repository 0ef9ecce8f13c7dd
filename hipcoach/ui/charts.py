"""The History panel's charts, painted with QPainter from the Qt-free statistics in :mod:`hipcoach.core.stats`.

Why painted by hand: QtCharts is deprecated since Qt 6.10 (and GPL-only), QtGraphs needs QML and Quick3D, and a
calendar heatmap is not a chart type anywhere. Each chart here is a plain object holding its numbers, with

* ``paint(painter, rect, style)``: draws onto any QPainter, so the same code paints the panel and the PDF report;
* ``summary()``: one or two sentences for screen readers (and shown under the chart's title for everyone);
* ``headers()`` / ``rows()``: the same numbers as a table (``Show as table``).

Nothing is told by colour alone: the bars carry their number and a fill that differs in shape (solid or outlined)
as well as colour, the pain lines differ in dash and marker, the heatmap's shades get lighter-to-darker in a
legend with minutes written next to them, and every number is in the table view. Colours come from the palette
(window, text, highlight), so the charts follow a light or a dark desktop; the report uses a fixed print palette.
Sizes are taken from the font's height on the device being painted, so a 300 dpi page and a screen look alike.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.stats import DayMinutes, PainWeek, Week, week_start
from hipcoach.core.wording import MONTH_NAMES, MONTHS, NO_VALUE, WEEKDAYS, long_day, plural, short_day, whole
from hipcoach.ui.widgets import ACCENT_REST, set_font, text_label

HEAT_LIMITS: Final = (10, 20, 30)
"""Minutes a day where the heatmap's shade steps up: 1-9, 10-19, 20-29, 30 and more (the routines last 8-35)."""
HEAT_LABELS: Final = ("0", "1-9", "10-19", "20-29", "30+")
PAIN_MAX: Final = 10
CHART_FONT_SCALE: Final = 1.1


# --- words of the charts (the app's words are in hipcoach.core.wording) ---------------------------------------------


def one_decimal(value: float | None) -> str:
    return NO_VALUE if value is None else f"{value:.1f}"


# --- style --------------------------------------------------------------------------------------------------------


def blend(below: QColor, above: QColor, amount: float) -> QColor:
    """``above`` laid over ``below`` at ``amount`` opacity (0-1), as an opaque colour."""
    return QColor.fromRgbF(
        below.redF() + (above.redF() - below.redF()) * amount,
        below.greenF() + (above.greenF() - below.greenF()) * amount,
        below.blueF() + (above.blueF() - below.blueF()) * amount,
    )


@dataclass(frozen=True)
class ChartStyle:
    """The colours and the font a chart paints with: from the widget's palette on screen, fixed on paper."""

    background: QColor
    text: QColor
    grid: QColor
    accent: QColor
    accent_light: QColor
    heat: tuple[QColor, ...]  # one shade per heat level, the empty day first
    font: QFont

    @classmethod
    def from_colours(cls, background: QColor, text: QColor, accent: QColor, font: QFont) -> ChartStyle:
        return cls(
            background=QColor(background),
            text=QColor(text),
            grid=blend(background, text, 0.25),
            accent=QColor(accent),
            accent_light=blend(background, accent, 0.3),
            # Evenly spaced steps away from the background: lighter to darker on a light theme, darker to lighter
            # on a dark one, so the order reads without telling hues apart.
            heat=(
                blend(background, text, 0.09),
                blend(background, accent, 0.36),
                blend(background, accent, 0.66),
                QColor(accent),
                blend(accent, text, 0.45),
            ),
            font=QFont(font),
        )

    @classmethod
    def from_palette(cls, palette: QPalette, font: QFont) -> ChartStyle:
        """Highlight is the desktop's own accent and is chosen by the theme to stand out from its window colour."""
        return cls.from_colours(
            palette.color(QPalette.ColorRole.Window),
            palette.color(QPalette.ColorRole.WindowText),
            palette.color(QPalette.ColorRole.Highlight),
            font,
        )

    @classmethod
    def for_print(cls, font: QFont) -> ChartStyle:
        """Black on white paper, with the app's dark blue accent (it prints well in grey, too)."""
        return cls.from_colours(QColor("#ffffff"), QColor("#000000"), ACCENT_REST, font)

    def bold(self) -> QFont:
        font = QFont(self.font)
        font.setBold(True)
        return font


def _metrics(painter: QPainter, font: QFont) -> QFontMetricsF:
    """Metrics on the device being painted: a 300 dpi page has about three times a screen's pixels per point."""
    device = painter.device()
    return QFontMetricsF(font, device) if device is not None else QFontMetricsF(font)


def _pen(colour: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def _text(painter: QPainter, rect: QRectF, flags: Qt.AlignmentFlag, text: str, colour: QColor) -> None:
    painter.setPen(colour)
    painter.drawText(rect, int(flags), text)


# --- the chart protocol and the table model ------------------------------------------------------------------------


class Chart(Protocol):
    title: str

    def paint(self, painter: QPainter, rect: QRectF, style: ChartStyle) -> None: ...

    def summary(self) -> str: ...

    def headers(self) -> tuple[str, ...]: ...

    def rows(self) -> list[tuple[str, ...]]: ...

    def tooltip_at(self, rect: QRectF, point: QPointF, metrics: QFontMetricsF) -> str | None: ...

    def size_hint(self, metrics: QFontMetricsF) -> QSize: ...


class TextTableModel(QAbstractTableModel):
    """Read-only rows of text with column headers: a chart's numbers, or a session's exercises."""

    def __init__(
        self,
        headers: Sequence[str] = (),
        rows: Sequence[Sequence[str]] = (),
        parent: QObject | None = None,
        *,
        numeric: Sequence[int] = (),
    ) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._rows = [tuple(row) for row in rows]
        self._numeric = frozenset(numeric)

    def set_rows(self, headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = ()) -> None:
        self.beginResetModel()
        self._headers = tuple(headers)
        self._rows = [tuple(row) for row in rows]
        self._numeric = frozenset(numeric)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if not 0 <= index.column() < len(row):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(section + 1)

    def cell(self, row: int, column: int) -> str:
        return self._rows[row][column]


# --- the calendar heatmap ------------------------------------------------------------------------------------------


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


class CalendarHeatmap:
    """A cell per day for the last twelve months, a column per week (Monday at the top), shaded by minutes."""

    title = "Your year of exercise"

    def __init__(self, days: Sequence[DayMinutes], today: date) -> None:
        self.days = tuple(days)
        self.today = today
        self._by_day = {item.day: item for item in self.days}
        self.first = week_start(self.days[0].day) if self.days else week_start(today)
        self.columns = (week_start(today) - self.first).days // 7 + 1

    def layout(self, rect: QRectF, metrics: QFontMetricsF) -> HeatmapLayout:
        line = metrics.height()
        gutter = max(metrics.horizontalAdvance(name) for name in WEEKDAYS) + line * 0.4
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
        metrics = _metrics(painter, style.font)
        grid = self.layout(rect, metrics)
        line = metrics.height()
        painter.setPen(Qt.PenStyle.NoPen)
        for item in self.days:
            painter.setBrush(style.heat[heat_level(item.minutes, item.sessions)])
            painter.drawRect(grid.cell_rect(item.day))
        # Today: an outline in the text colour, a shape rather than a shade.
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(_pen(style.text, max(1.0, line / 10)))
        painter.drawRect(grid.cell_rect(self.today))
        for row in (0, 2, 4):  # Mon, Wed, Fri, as paper calendars label them
            middle = grid.origin.y() + row * grid.step + grid.cell / 2
            label = QRectF(rect.left(), middle - line / 2, grid.origin.x() - rect.left(), line)
            _text(painter, label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, WEEKDAYS[row], style.text)
        self._paint_months(painter, rect, grid, metrics, style)
        self._paint_legend(painter, grid, metrics, style)
        painter.restore()

    def _paint_months(
        self, painter: QPainter, rect: QRectF, grid: HeatmapLayout, metrics: QFontMetricsF, style: ChartStyle
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
            width = metrics.horizontalAdvance(name)
            if x < free_from or x + width > rect.right():
                continue
            _text(
                painter,
                QRectF(x, rect.top(), width + 1, metrics.height()),
                Qt.AlignmentFlag.AlignLeft,
                name,
                style.text,
            )
            free_from = x + width + metrics.horizontalAdvance("  ")

    @staticmethod
    def _paint_legend(painter: QPainter, grid: HeatmapLayout, metrics: QFontMetricsF, style: ChartStyle) -> None:
        line = metrics.height()
        x = grid.origin.x()
        y = grid.legend_top
        swatch = min(grid.cell, line * 0.8)
        caption = "Minutes a day:"
        _text(
            painter,
            QRectF(x, y, metrics.horizontalAdvance(caption) + 1, line),
            Qt.AlignmentFlag.AlignVCenter,
            caption,
            style.text,
        )
        x += metrics.horizontalAdvance(caption) + line * 0.5
        for level, label in enumerate(HEAT_LABELS):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.heat[level])
            painter.drawRect(QRectF(x, y + (line - swatch) / 2, swatch, swatch))
            x += swatch + line * 0.25
            width = metrics.horizontalAdvance(label) + 1
            _text(painter, QRectF(x, y, width, line), Qt.AlignmentFlag.AlignVCenter, label, style.text)
            x += width + line * 0.6

    def tooltip_at(self, rect: QRectF, point: QPointF, metrics: QFontMetricsF) -> str | None:
        day = self.layout(rect, metrics).day_at(point)
        item = self._by_day.get(day) if day is not None else None
        if item is None:
            return None
        if item.sessions == 0:
            return f"{long_day(item.day)}: no exercise"
        return f"{long_day(item.day)}: {plural(item.sessions, 'session')}, {whole(item.minutes)} minutes"

    def summary(self) -> str:
        active = [item for item in self.days if item.sessions > 0]
        if not active:
            return "No exercise recorded in the last 12 months."
        minutes = sum(item.minutes for item in self.days)
        busiest = max(active, key=lambda item: (item.minutes, item.day))
        return (
            f"{plural(len(active), 'day')} with exercise in the last 12 months, {whole(minutes)} minutes in all. "
            f"Most in one day: {whole(busiest.minutes)} minutes, on {long_day(busiest.day)}."
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

    def size_hint(self, metrics: QFontMetricsF) -> QSize:
        line = metrics.height()
        gutter = max(metrics.horizontalAdvance(name) for name in WEEKDAYS) + line * 0.4
        cell = line * 0.9
        return QSize(math.ceil(gutter + self.columns * cell), math.ceil(line * 2.8 + 7 * cell))


# --- axes shared by the bar chart and the pain trend ---------------------------------------------------------------


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
    metrics = _metrics(painter, style.font)
    axes = _axes(rect, metrics, top_value, len(labels), legend is not None)
    line = metrics.height()
    painter.setFont(style.font)
    for tick in ticks:
        y = axes.y(tick)
        painter.setPen(_pen(style.grid, max(1.0, line / 16)))
        painter.drawLine(QPointF(axes.plot.left(), y), QPointF(axes.plot.right(), y))
        _text(
            painter,
            QRectF(rect.left(), y - line / 2, axes.plot.left() - rect.left() - line * 0.3, line),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"{tick:g}",
            style.text,
        )
    widest = max((metrics.horizontalAdvance(label) for label in labels), default=0.0) + line * 0.6
    every = max(1, math.ceil(widest / axes.column_width()))
    free_until = rect.right()  # labels go right to left: the newest week's label is the one people look for
    for column in range(len(labels) - 1, -1, -every):
        box = QRectF(axes.x(column) - widest / 2, axes.plot.bottom() + line * 0.2, widest, line)
        box.moveLeft(max(rect.left(), min(box.left(), free_until - widest)))
        if box.right() > free_until or box.left() < rect.left():
            continue
        _text(painter, box, Qt.AlignmentFlag.AlignCenter, labels[column], style.text)
        free_until = box.left()
    if legend is not None:
        legend(QRectF(axes.plot.left(), rect.top(), rect.right() - axes.plot.left(), line))
    return axes


def _axes(rect: QRectF, metrics: QFontMetricsF, top_value: float, columns: int, with_legend: bool) -> Axes:
    line = metrics.height()
    left = rect.left() + metrics.horizontalAdvance("10") + line * 0.5
    top = rect.top() + (line * 1.5 if with_legend else line * 0.6)
    bottom = rect.bottom() - line * 1.4
    plot = QRectF(left, top, max(1.0, rect.right() - left - line * 0.3), max(1.0, bottom - top))
    return Axes(plot, top_value, columns)


def paint_legend(
    painter: QPainter, box: QRectF, style: ChartStyle, items: Sequence[tuple[Callable[[QRectF], None], str]]
) -> None:
    """Sample marks followed by their words, left to right: "■ goal met   □ goal not met"."""
    metrics = _metrics(painter, style.font)
    line = metrics.height()
    x = box.left()
    for draw_sample, label in items:
        draw_sample(QRectF(x, box.top() + line * 0.15, line * 1.4, line * 0.7))
        x += line * 1.7
        width = metrics.horizontalAdvance(label) + 1
        _text(painter, QRectF(x, box.top(), width, line), Qt.AlignmentFlag.AlignVCenter, label, style.text)
        x += width + line


# --- sessions per week against the goal ------------------------------------------------------------------------------


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
        metrics = _metrics(painter, style.font)
        line = metrics.height()

        def met_sample(box: QRectF) -> None:
            painter.fillRect(box, style.accent)

        def unmet_sample(box: QRectF) -> None:
            painter.setPen(_pen(style.accent, max(1.0, line / 10)))
            painter.setBrush(style.accent_light)
            painter.drawRect(box)

        def goal_sample(box: QRectF) -> None:
            painter.setPen(_pen(style.text, max(1.5, line / 8), Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y()))

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
                [(met_sample, "goal met"), (unmet_sample, "not met"), (goal_sample, f"goal: {self.goal} a week")],
            ),
        )
        width = axes.column_width()
        bar = width * 0.7
        painter.setFont(style.bold())
        bold = _metrics(painter, style.bold())
        for column, week in enumerate(self.weeks):
            box = QRectF(
                axes.x(column) - bar / 2, axes.y(week.sessions), bar, axes.plot.bottom() - axes.y(week.sessions)
            )
            if week.met(self.goal):
                painter.fillRect(box, style.accent)
            elif week.sessions:
                painter.setPen(_pen(style.accent, max(1.0, line / 10)))
                painter.setBrush(style.accent_light)
                painter.drawRect(box)
            number = str(week.sessions)
            if bold.horizontalAdvance(number) <= width:
                _text(
                    painter,
                    QRectF(axes.x(column) - width / 2, box.top() - line * 1.05, width, line),
                    Qt.AlignmentFlag.AlignCenter,
                    number,
                    style.text,
                )
        goal_y = axes.y(self.goal)
        painter.setPen(_pen(style.text, max(1.5, line / 8), Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(axes.plot.left(), goal_y), QPointF(axes.plot.right(), goal_y))
        painter.restore()

    def goal_y(self, rect: QRectF, metrics: QFontMetricsF) -> float:
        """Where the goal line is drawn (tests look for it there)."""
        return _axes(rect, metrics, self._top(), len(self.weeks), True).y(self.goal)

    def tooltip_at(self, rect: QRectF, point: QPointF, metrics: QFontMetricsF) -> str | None:
        column = _axes(rect, metrics, self._top(), len(self.weeks), True).column_at(point)
        if column is None:
            return None
        week = self.weeks[column]
        met = {"Yes": "goal met", "No": "goal not met", "Not yet": "goal not met yet"}[self._met_word(week)]
        return (
            f"Week of {long_day(week.start)}: {plural(week.sessions, 'session')}, {whole(week.minutes)} minutes, {met}"
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
        text = (
            f"{plural(total, 'session')} in {span} {plural(len(self.weeks), 'week')}. "
            f"Goal of {self.goal} a week met in {met} of {plural(len(finished), 'week')}."
        )
        current = self.weeks[-1]
        if current.start == self.this_week and not current.met(self.goal):
            text += f" This week so far: {plural(current.sessions, 'session')}."
        return text

    def headers(self) -> tuple[str, ...]:
        return ("Week of", "Sessions", "Goal met", "Minutes")

    def rows(self) -> list[tuple[str, ...]]:
        return [
            (long_day(week.start), str(week.sessions), self._met_word(week), whole(week.minutes)) for week in self.weeks
        ]

    def size_hint(self, metrics: QFontMetricsF) -> QSize:
        return QSize(math.ceil(metrics.height() * 22), math.ceil(metrics.height() * 11))


# --- pain before and after --------------------------------------------------------------------------------------------


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
        metrics = _metrics(painter, style.font)
        line = metrics.height()
        before_pen = _pen(style.text, max(1.5, line / 9), Qt.PenStyle.DashLine)
        after_pen = _pen(style.accent, max(2.0, line / 6))
        marker = line * 0.45

        def square(centre: QPointF) -> None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.text)
            painter.drawRect(QRectF(centre.x() - marker / 2, centre.y() - marker / 2, marker, marker))

        def dot(centre: QPointF) -> None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.accent)
            painter.drawEllipse(centre, marker * 0.6, marker * 0.6)

        def sample(pen: QPen, mark: Callable[[QPointF], None]) -> Callable[[QRectF], None]:
            def draw(box: QRectF) -> None:
                painter.setPen(pen)
                painter.drawLine(QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y()))
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
        for pen, mark, value_of in ((before_pen, square, _before), (after_pen, dot, _after)):
            points = [
                QPointF(axes.x(column), axes.y(value))
                if item is not None and (value := value_of(item)) is not None
                else None
                for column, item in enumerate(self.pain)
            ]
            painter.setPen(pen)
            for start, end in itertools.pairwise(points):
                if start is not None and end is not None:  # a week without ratings breaks the line
                    painter.drawLine(start, end)
            for point in points:
                if point is not None:
                    mark(point)
        if not any(self.pain):
            _text(painter, axes.plot, Qt.AlignmentFlag.AlignCenter, "No pain ratings yet", style.text)
        painter.restore()

    def tooltip_at(self, rect: QRectF, point: QPointF, metrics: QFontMetricsF) -> str | None:
        column = _axes(rect, metrics, PAIN_MAX, len(self.weeks), True).column_at(point)
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

    def size_hint(self, metrics: QFontMetricsF) -> QSize:
        return QSize(math.ceil(metrics.height() * 22), math.ceil(metrics.height() * 11))


def _before(item: PainWeek) -> float | None:
    return item.mean_before


def _after(item: PainWeek) -> float | None:
    return item.mean_after


# --- widgets ----------------------------------------------------------------------------------------------------------


class ChartWidget(QWidget):
    """Paints one chart with the widget's palette and font, and tells screen readers what it shows."""

    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_font(self, CHART_FONT_SCALE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable, so a screen reader reads the description
        self.chart = chart
        self.set_chart(chart)

    def set_chart(self, chart: Chart) -> None:
        self.chart = chart
        self.setAccessibleName(chart.title)
        self.setAccessibleDescription(chart.summary())
        self.updateGeometry()
        self.update()

    def chart_style(self) -> ChartStyle:
        return ChartStyle.from_palette(self.palette(), self.font())

    def sizeHint(self) -> QSize:
        return self.chart.size_hint(QFontMetricsF(self.font(), self))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint() * 0.6

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002 - Qt's signature
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.chart.paint(painter, QRectF(self.contentsRect()), self.chart_style())
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.chart.tooltip_at(
                QRectF(self.contentsRect()), QPointF(event.pos()), QFontMetricsF(self.font(), self)
            )
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


class ChartPanel(QWidget):
    """A chart with its title, its summary in words, and a "Show as table" button that swaps in its numbers."""

    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = text_label(chart.title, scale=1.3, bold=True, name="Chart title")
        self.summary_label = text_label(scale=1.05, name="Chart summary")
        self.chart_widget = ChartWidget(chart)
        self.model = TextTableModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        set_font(self.table, 1.05)
        self.toggle = QPushButton("Show as table")
        self.toggle.setCheckable(True)
        set_font(self.toggle, 1.0)
        self.toggle.toggled.connect(self.show_table)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.chart_widget)
        self.stack.addWidget(self.table)

        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.stack, 1)
        self.set_chart(chart)

    @property
    def chart(self) -> Chart:
        return self.chart_widget.chart

    def set_chart(self, chart: Chart) -> None:
        self.chart_widget.set_chart(chart)
        self.title_label.setText(chart.title)
        self.summary_label.setText(chart.summary())
        self.model.set_rows(chart.headers(), chart.rows(), numeric=range(1, len(chart.headers())))
        self.table.setAccessibleName(f"{chart.title}, as a table")
        self.toggle.setAccessibleName(f"Show {chart.title.lower()} as a table")

    def show_table(self, on: bool) -> None:
        self.stack.setCurrentWidget(self.table if on else self.chart_widget)
        self.toggle.setText("Show as chart" if on else "Show as table")
        if self.toggle.isChecked() != on:
            self.toggle.setChecked(on)
