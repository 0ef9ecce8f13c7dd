"""The History page's Overview tab: in plain numbers the run of weeks that met the weekly goal, the longest run, and
the minutes this week and this month; below them the three charts (a year's calendar, sessions per week against
the goal, pain before and after), each with its summary in words and a "Show as table" button.

A base class of :class:`hipcoach.ui.history_view.HistoryView`, so the page keeps one set of attributes (the tests
and the window reach ``view.tiles`` and ``view.bars``); the page sets the attributes declared here before building.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, tzinfo
from typing import Final

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.history import SessionRow
from hipcoach.core.stats import calendar_start, overview, pain_by_week, session_days, weeks_between
from hipcoach.core.wording import plural, whole
from hipcoach.ui.charts.bars import WeeklyBars
from hipcoach.ui.charts.heatmap import CalendarHeatmap
from hipcoach.ui.charts.pain import PainTrend
from hipcoach.ui.charts.widgets import ChartPanel
from hipcoach.ui.design import CAPTION, FRAME_PADDING, SPACE_M, SPACE_S, SPACE_XL, SPACE_XS, TITLE
from hipcoach.ui.history_list import SessionsSplitter
from hipcoach.ui.widgets import text_label

CHART_WEEKS: Final = 12
# Narrower than these (the page's width), the week charts, and the sessions and their detail, go one above the other
# (docs/accessibility.md, "Layout").
NARROWEST: Final = 640  # the page reflowed: the header in two rows, the charts and the sessions stacked
CHARTS_STACK_WIDTH: Final = 1100
MARGINS: Final = 64  # the page's margins and the splitter's handle, with room to spare


class SummaryTile(QFrame):
    """One number in large type with its words underneath: "3 weeks" / "in a row meeting your goal"."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = caption
        self.value_label = text_label(scale=TITLE, bold=True, wrap=False)
        self.caption_label = text_label(caption, scale=CAPTION)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*FRAME_PADDING)
        layout.setSpacing(SPACE_XS)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        # Preferred height: the row gives every tile the height of the tallest, so their frames line up.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_value(self, value: str) -> None:
        self.value_label.setText(value)
        self.setAccessibleName(f"{self.caption}: {value}")


class HistoryOverview(QWidget):
    """The tiles and the charts, drawn from the sessions the page has read."""

    goal: int
    _today: Callable[[], date]
    _tz: tzinfo | None
    _sessions: list[SessionRow]
    sessions_splitter: SessionsSplitter  # the Sessions tab: the list and the chosen session's detail
    header: QBoxLayout  # the title and the goal, then the report and export buttons

    def minimumSizeHint(self) -> QSize:
        """No wider than the page needs once reflowed: as wide as the header in one row, it held the window wider
        than a small screen before the page could put the header in two."""
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), NARROWEST), hint.height())

    def _header_width(self) -> int:
        """The width the header needs in one row: below it, two rows."""
        items = (self.header.itemAt(index) for index in range(self.header.count()))
        return sum(item.sizeHint().width() for item in items if item is not None) + self.header.spacing() + MARGINS

    def _sessions_width(self) -> int:
        """The width the list of sessions and the chosen one's detail need side by side: below it, stacked. The
        detail scrolls (so it fits a short window below the list), and is measured by what it holds."""
        splitter = self.sessions_splitter
        parts = [splitter.widget(index) for index in range(splitter.count())]
        held = [part.widget() if isinstance(part, QScrollArea) else part for part in parts]
        return sum(max(part.minimumSizeHint().width(), part.minimumWidth()) for part in held if part) + MARGINS

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.reflow(event.size().width())

    def reflow(self, width: int) -> None:
        """Side by side where the page is wide enough for both to be read, else one above the other (the page
        scrolls, or the splitter shares the height)."""
        header = QBoxLayout.Direction.TopToBottom if width < self._header_width() else QBoxLayout.Direction.LeftToRight
        if self.header.direction() is not header:
            self.header.setDirection(header)
        narrow_charts = width < CHARTS_STACK_WIDTH
        direction = QBoxLayout.Direction.TopToBottom if narrow_charts else QBoxLayout.Direction.LeftToRight
        if self.charts_row.direction() is not direction:
            self.charts_row.setDirection(direction)
        orientation = Qt.Orientation.Vertical if width < self._sessions_width() else Qt.Orientation.Horizontal
        if self.sessions_splitter.orientation() is not orientation:
            self.sessions_splitter.setOrientation(orientation)
            self.sessions_splitter.share()

    def _build_overview(self) -> QScrollArea:
        """The numbers and the charts, scrollable so that a small window or a large font never cuts them off."""
        self.tiles = {
            "streak": SummaryTile("in a row meeting your goal"),
            "longest": SummaryTile("longest run meeting it"),
            "week": SummaryTile("minutes this week"),
            "month": SummaryTile("minutes this month"),
        }
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile)
        today = self._today()
        self.heatmap = ChartPanel(CalendarHeatmap([], today))
        self.bars = ChartPanel(WeeklyBars([], self.goal, today))
        self.pain = ChartPanel(PainTrend([], []))
        # side by side on a wide page, one above the other on a narrow one (HistoryView.reflow)
        self.charts_row = charts_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        charts_row.setSpacing(SPACE_XL)
        charts_row.addWidget(self.bars, 1)
        charts_row.addWidget(self.pain, 1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, SPACE_S, 0, 0)
        layout.setSpacing(SPACE_M)
        layout.addLayout(tiles)
        layout.addWidget(self.heatmap)
        layout.addLayout(charts_row, 1)
        scroll = QScrollArea()
        scroll.setWidget(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        return scroll

    def _show_overview(self) -> None:
        today = self._today()
        days = session_days(self._sessions, self._tz)
        numbers = overview(days, today, self.goal, CHART_WEEKS)
        self.tiles["streak"].set_value(plural(numbers.current_streak, "week"))
        self.tiles["longest"].set_value(plural(numbers.longest_streak, "week"))
        self.tiles["week"].set_value(whole(numbers.minutes_this_week))
        self.tiles["month"].set_value(whole(numbers.minutes_this_month))
        self.heatmap.set_chart(CalendarHeatmap(numbers.calendar, today))
        self.bars.set_chart(WeeklyBars(numbers.weeks, self.goal, today))
        # Pain changes over months, not weeks: the trend reaches back to the first session of the last twelve
        # months (at least as far back as the bars).
        first = min(numbers.weeks[0].start, max(calendar_start(today), days[0].day if days else today))
        weeks = [week.start for week in weeks_between(days, first, today)]
        self.pain.set_chart(PainTrend(weeks, pain_by_week(days, weeks[0], today)))
