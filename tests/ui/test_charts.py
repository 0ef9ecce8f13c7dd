"""The History charts: pixels where the numbers say, summaries with hand-computed numbers, and their tables."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPalette
from pytestqt.qtbot import QtBot

from hipcoach.core.stats import PainWeek, SessionDay, Week, calendar
from hipcoach.ui.charts.bars import WeeklyBars
from hipcoach.ui.charts.heatmap import CalendarHeatmap, heat_level
from hipcoach.ui.charts.pain import PainTrend
from hipcoach.ui.charts.style import ChartStyle
from hipcoach.ui.charts.table import TextTableModel
from hipcoach.ui.charts.widgets import ChartPanel
from tests.tools import REPO_ROOT

TODAY = date(2026, 3, 18)  # a Wednesday
MONDAY = date(2026, 3, 16)


def font() -> QFont:
    result = QFont()
    result.setPointSizeF(10)
    return result


def paint(chart: CalendarHeatmap | WeeklyBars | PainTrend, size: tuple[int, int]) -> tuple[QImage, QRectF]:
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    rect = QRectF(0, 0, *size)
    painter = QPainter(image)
    chart.paint(painter, rect, ChartStyle.for_print(font()))
    painter.end()
    return image, rect


def lightness(image: QImage, point: QPointF) -> int:
    return image.pixelColor(point.toPoint()).lightness()


def metrics(image: QImage) -> QFontMetricsF:
    return QFontMetricsF(font(), image)


# --- the calendar heatmap ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "sessions", "level"),
    [(0, 0, 0), (0, 1, 1), (9.9, 1, 1), (10, 1, 2), (19, 1, 2), (20, 1, 3), (30, 1, 4), (95, 2, 4)],
)
def test_heat_levels_step_at_10_20_and_30_minutes(minutes: float, sessions: int, level: int) -> None:
    assert heat_level(minutes, sessions) == level


def heatmap() -> CalendarHeatmap:
    days = [
        SessionDay(date(2026, 3, 17), 40.0),
        SessionDay(date(2026, 3, 16), 5.0),
        SessionDay(date(2026, 2, 2), 12.0),
        SessionDay(date(2026, 2, 2), 20.0),
        SessionDay(date(2025, 6, 1), 8.0),
    ]
    return CalendarHeatmap(calendar(days, TODAY), TODAY)


def test_heatmap_day_with_more_minutes_is_darker(qapp: object) -> None:
    chart = heatmap()
    image, rect = paint(chart, (900, 220))
    grid = chart.layout(rect, metrics(image))
    long_day = lightness(image, grid.cell_rect(date(2026, 3, 17)).center())
    short_day = lightness(image, grid.cell_rect(date(2026, 3, 16)).center())
    rest_day = lightness(image, grid.cell_rect(date(2026, 3, 12)).center())
    background = lightness(image, QPointF(rect.right() - 2, rect.bottom() - 2))
    assert long_day < short_day < rest_day < background


def test_heatmap_levels_differ_in_size_as_well_as_shade(qapp: object) -> None:
    """Neighbouring shades differ by 1.2-1.5:1 only: the square of a day grows with its minutes too."""
    days = [date(2026, 3, 9), date(2026, 3, 10), date(2026, 3, 11), date(2026, 3, 12)]
    sessions = [SessionDay(day, minutes) for day, minutes in zip(days, (5.0, 15.0, 25.0, 40.0), strict=True)]
    chart = CalendarHeatmap(calendar(sessions, TODAY), TODAY)
    image, rect = paint(chart, (900, 220))
    grid = chart.layout(rect, metrics(image))

    def filled_width(day: date) -> int:
        cell = grid.cell_rect(day)
        centre, y = image.pixelColor(cell.center().toPoint()), round(cell.center().y())
        columns = range(math.floor(cell.left()), math.ceil(cell.right()))
        return sum(1 for x in columns if image.pixelColor(x, y) == centre)

    widths = [filled_width(day) for day in days]
    assert widths == sorted(widths) and len(set(widths)) == 4, widths  # 1-9, 10-19, 20-29, 30+: each bigger
    assert widths[0] <= grid.cell * 0.6


def test_heatmap_cells_are_a_column_a_week_monday_on_top(qapp: object) -> None:
    chart = heatmap()
    image, rect = paint(chart, (900, 220))
    grid = chart.layout(rect, metrics(image))
    monday, wednesday = grid.cell_rect(MONDAY), grid.cell_rect(TODAY)
    assert monday.left() == wednesday.left()
    assert wednesday.top() > monday.top()
    assert grid.cell_rect(MONDAY - timedelta(days=7)).left() < monday.left()
    assert grid.day_at(wednesday.center()) == TODAY
    assert grid.day_at(QPointF(rect.right() - 1, rect.top() + 1)) is None
    assert chart.first == date(2025, 3, 17)  # the Monday of the week holding 18 March 2025


def test_heatmap_tooltip_summary_and_table(qapp: object) -> None:
    chart = heatmap()
    image, rect = paint(chart, (900, 220))
    grid = chart.layout(rect, metrics(image))
    tip = chart.tooltip_at(rect, grid.cell_rect(date(2026, 2, 2)).center(), metrics(image))
    assert tip == "2 February 2026: 2 sessions, 32 minutes"
    assert chart.tooltip_at(rect, grid.cell_rect(date(2026, 2, 3)).center(), metrics(image)) == (
        "3 February 2026: no exercise"
    )
    # 1 June 2025 is inside the year (from 17 March 2025): 4 days, 5 + 40 + 12 + 20 + 8 = 85 minutes.
    assert chart.summary() == (
        "4 days with exercise in the last 12 months, 85 minutes in all. Most in one day: 40 minutes, on 17 March 2026."
    )
    rows = chart.rows()
    assert chart.headers() == ("Month", "Days with exercise", "Sessions", "Minutes")
    assert rows[0][0] == "March 2025"
    assert ("February 2026", "1", "2", "32") in rows
    assert ("March 2026", "2", "2", "45") in rows
    assert ("June 2025", "1", "1", "8") in rows


def test_empty_heatmap_says_so(qapp: object) -> None:
    chart = CalendarHeatmap(calendar([], TODAY), TODAY)
    paint(chart, (600, 160))
    assert chart.summary() == "No exercise recorded in the last 12 months."


# --- sessions per week -------------------------------------------------------------------------------------------


def test_one_minute_is_one_minute(qapp: object) -> None:
    """A first short session: the summary, the day's tooltip and the week's say "1 minute", never "1 minutes"."""
    chart = CalendarHeatmap(calendar([SessionDay(TODAY, 1.2)], TODAY), TODAY)
    assert chart.summary() == (
        "1 day with exercise in the last 12 months, 1 minute in all. Most in one day: 1 minute, on 18 March 2026."
    )
    image, rect = paint(chart, (900, 220))
    grid = chart.layout(rect, metrics(image))
    tip = chart.tooltip_at(rect, grid.cell_rect(TODAY).center(), metrics(image))
    assert tip == "18 March 2026: 1 session, 1 minute"
    week = WeeklyBars([Week(MONDAY, 1, 0.6)], 3, TODAY)
    image, rect = paint(week, (600, 300))
    tip = week.tooltip_at(rect, QPointF(rect.width() * 0.5, rect.height() - 40), metrics(image))
    assert tip == "Week of 16 March 2026: 1 session, 1 minute, goal not met yet"


def bars(goal: int = 3) -> WeeklyBars:
    weeks = [
        Week(MONDAY - timedelta(weeks=3), 3, 60.0),
        Week(MONDAY - timedelta(weeks=2), 2, 45.0),
        Week(MONDAY - timedelta(weeks=1), 4, 100.0),
        Week(MONDAY, 1, 30.0),
    ]
    return WeeklyBars(weeks, goal, TODAY)


def test_bars_summary_counts_the_unfinished_week_only_once_met() -> None:
    assert bars().summary() == (
        "10 counted sessions in the last 4 weeks. Goal of 3 a week met in 2 of 3 weeks. This week so far: 1 session."
    )
    assert bars(goal=1).summary() == ("10 counted sessions in the last 4 weeks. Goal of 1 a week met in 4 of 4 weeks.")


def test_a_first_short_session_is_not_summed_up_as_no_session() -> None:
    """One stopped 4-minute session, this week: it counts towards no goal, and the words say so."""
    chart = WeeklyBars([Week(MONDAY, 0, 4.0)], 3, TODAY)
    assert chart.summary() == "0 counted sessions in the last week. This week so far: 0 sessions."


def test_bars_table() -> None:
    assert bars().rows() == [
        ("23 February 2026", "3", "Yes", "60"),
        ("2 March 2026", "2", "No", "45"),
        ("9 March 2026", "4", "Yes", "100"),
        ("16 March 2026", "1", "Not yet", "30"),
    ]


def test_goal_line_and_bars_are_painted_where_expected(qapp: object) -> None:
    chart = bars()
    image, rect = paint(chart, (600, 300))
    goal_y = round(chart.goal_y(rect, metrics(image)))
    dark = sum(1 for x in range(100, 580) if image.pixelColor(x, goal_y).lightness() < 100)
    assert dark > 150, "the dashed goal line crosses the plot"
    above = sum(1 for x in range(100, 580) if image.pixelColor(x, goal_y - 6).lightness() < 100)
    assert above < dark / 3
    # The third bar (4 sessions, goal met) is solid accent just above the axis.
    tip = chart.tooltip_at(rect, QPointF(rect.width() * 0.68, goal_y + 20), metrics(image))
    assert tip == "Week of 9 March 2026: 4 sessions, 100 minutes, goal met"
    style = ChartStyle.for_print(font())
    column_x = rect.width() * 0.68
    assert image.pixelColor(round(column_x), goal_y + 20) == style.accent


# --- pain --------------------------------------------------------------------------------------------------------


def pain_chart() -> PainTrend:
    weeks = [MONDAY - timedelta(weeks=n) for n in (3, 2, 1, 0)]
    return PainTrend(
        weeks,
        [
            PainWeek(weeks[0], 6.0, 5.0, 2),
            PainWeek(weeks[2], 5.0, None, 1),
            PainWeek(weeks[3], 4.0, 2.5, 2),
        ],
    )


def test_pain_summary_and_table() -> None:
    chart = pain_chart()
    assert chart.summary() == (
        "Weekly average pain from 23 Feb to 16 March 2026 (0 none, 10 worst): "
        "before exercise from 6.0 to 4.0, after from 5.0 to 2.5."
    )
    assert chart.rows() == [
        ("23 February 2026", "2", "6.0", "5.0"),
        ("9 March 2026", "1", "5.0", "—"),
        ("16 March 2026", "2", "4.0", "2.5"),
    ]
    assert PainTrend([MONDAY], []).summary() == "No pain ratings in these weeks."
    one = PainTrend([MONDAY], [PainWeek(MONDAY, 3.0, None, 1)])
    assert one.summary() == "Weekly average pain in the week of 16 March 2026 (0 none, 10 worst): before exercise 3.0."


def test_pain_points_are_painted_at_their_values(qapp: object) -> None:
    chart = pain_chart()
    image, rect = paint(chart, (600, 300))
    tip = chart.tooltip_at(rect, QPointF(rect.width() * 0.97, rect.height() / 2), metrics(image))
    assert tip == "Week of 16 March 2026: pain before 4.0, after 2.5 (0-10)"
    gap = chart.tooltip_at(rect, QPointF(rect.width() * 0.45, rect.height() / 2), metrics(image))
    assert gap == "Week of 2 March 2026: no pain ratings"
    assert not image.isNull()


# --- style, models and widgets ----------------------------------------------------------------------------------


def test_heat_shades_move_away_from_the_background_in_light_and_dark(qapp: object) -> None:
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    dark.setColor(QPalette.ColorRole.Highlight, QColor("#3d7ede"))
    light = ChartStyle.for_print(font())
    night = ChartStyle.from_palette(dark, font())
    assert [c.lightness() for c in light.heat] == sorted((c.lightness() for c in light.heat), reverse=True)
    night_levels = [c.lightness() for c in night.heat]
    assert night_levels[1:] == sorted(night_levels[1:])
    assert night_levels[-1] > night.background.lightness()


def test_text_table_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = TextTableModel(("Week of", "Sessions"), [("2 March 2026", "3"), ("9 March 2026", "1")], numeric=(1,))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 2 and model.columnCount() == 2
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Sessions"
    assert model.cell(1, 1) == "1"


def test_chart_panel_shows_summary_and_toggles_to_its_table(qtbot: QtBot) -> None:
    panel = ChartPanel(bars())
    qtbot.addWidget(panel)
    panel.resize(700, 400)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.chart_widget.accessibleName() == "Sessions per week"
    assert panel.chart_widget.accessibleDescription() == bars().summary()
    assert panel.summary_label.text() == bars().summary()
    assert panel.stack.currentWidget() is panel.chart_widget
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    assert panel.stack.currentWidget() is panel.table
    assert panel.toggle.text() == "Show as chart"
    assert panel.model.rowCount() == 4
    assert panel.model.cell(3, 2) == "Not yet"
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    assert panel.stack.currentWidget() is panel.chart_widget
    image = panel.chart_widget.grab().toImage()
    assert image.width() > 0


def test_each_chart_job_has_a_small_module_that_imports_no_app_or_cli() -> None:
    """The charts are a package of one job a module: a module that grows past 450 lines holds two jobs again."""
    folder = REPO_ROOT / "hipcoach" / "ui" / "charts"
    modules = {path.stem: path.read_text(encoding="utf-8") for path in folder.glob("*.py")}
    assert {"style", "axes", "heatmap", "bars", "pain", "widgets", "table"} <= modules.keys()
    for name, source in modules.items():
        assert len(source.splitlines()) <= 450, name
        assert "hipcoach.app" not in source and "hipcoach.cli" not in source, name
    assert "never the app or the command line" in " ".join(modules["__init__"].split())
