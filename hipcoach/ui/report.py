"""The report for the physiotherapist: a PDF of one period of the history, painted with the panel's own charts.

Why a PDF painted by us: it prints and mails as it looks, it needs nothing installed, and QPdfWriter works offscreen
and offline. The charts are the very objects the History panel paints (hipcoach.ui.charts), so the report cannot
show other numbers than the screen. It holds what a physiotherapist asks about: how often (sessions per week against
the goal, adherence), how much of each exercise against what was asked (per side, since a painful hip is often one
side), how the pain went, and the patient's own notes.

The words and rows it prints are in :mod:`hipcoach.ui.report_tables`, shared with the History panel's lists.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path
from typing import Final

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextOption

from hipcoach import APP_NAME, __version__
from hipcoach.core.figure.body import BodySide
from hipcoach.core.figure.description import ExerciseFigure
from hipcoach.core.files import write_atomic_bytes
from hipcoach.core.history import HistoryStore, SessionRecord, tally
from hipcoach.core.safety.answers import SafetyAnswers, load_answers
from hipcoach.core.stats import (
    DEFAULT_GOAL,
    adherence,
    check_goal,
    pain_by_week,
    session_days,
    weeks_between,
)
from hipcoach.core.wording import long_day, minutes_count, plural, safety_lines
from hipcoach.ui.charts.bars import WeeklyBars
from hipcoach.ui.charts.pain import PainTrend
from hipcoach.ui.charts.style import ChartStyle, blend
from hipcoach.ui.figure.colours import light_colours
from hipcoach.ui.figure.stills import paint_stills
from hipcoach.ui.plan_words import SORE_DAY_NOTE, PlanWords, load_plan_words, progression_lines
from hipcoach.ui.report_tables import (
    ADAPTED_NOTE,
    Table,
    counts_text,
    earlier_attempts_words,
    exercise_names_and_figures,
    local_day,
    names_and_figures_of,
    sessions_table,
    sharp_pain_words,
    totals_table,
    when_text,
)

STILL_MM: Final = (20.0, 11.0)  # the still beside each exercise's row: small, but the position reads
RESOLUTION: Final = 300  # dots per inch: sharp print, and pages stay small
MARGIN_MM: Final = 15.0


# --- the document ------------------------------------------------------------------------------------------------


def _font(points: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


@functools.cache
def _cell_option(align: Qt.AlignmentFlag) -> QTextOption:
    """Centred in its row, wrapped at spaces, and inside a word only when one word is wider than the column."""
    option = QTextOption(align | Qt.AlignmentFlag.AlignVCenter)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return option


class _Document:
    """A cursor down A4 pages: each block asks for room first and goes to a new page when there is none."""

    def __init__(self, writer: QPdfWriter, painter: QPainter, footer: str) -> None:
        self.writer = writer
        self.painter = painter
        self._metrics: dict[int, tuple[QFont, QFontMetricsF]] = {}
        self.footer = footer
        self.body = _font(10)
        self.small = _font(9)
        self.width = float(writer.width())
        self.footer_height = self.line(self.small) * 1.8
        self.bottom = writer.height() - self.footer_height
        self.page = 1
        self.y = 0.0
        self.left = 0.0  # where a table's text starts: past the stills of a table that has them
        self.figures: Mapping[str, ExerciseFigure] = {}

    def metrics(self, font: QFont) -> QFontMetricsF:
        """The font's metrics on the page, made once per font: a table of ten years asks them ~60,000 times."""
        found = self._metrics.get(id(font))
        if found is None or found[0] is not font:
            found = (font, QFontMetricsF(font, self.writer))
            self._metrics[id(font)] = found
        return found[1]

    def line(self, font: QFont) -> float:
        return self.metrics(font).height()

    def room(self, height: float) -> bool:
        """Start a new page unless ``height`` fits on this one; True when it did."""
        if self.y + height <= self.bottom or self.y == 0:
            return False
        self._paint_footer()
        self.writer.newPage()
        self.page += 1
        self.y = 0.0
        return True

    def _paint_footer(self) -> None:
        self.painter.setFont(self.small)
        self.painter.setPen(Qt.GlobalColor.black)
        box = QRectF(0, self.writer.height() - self.line(self.small), self.width, self.line(self.small))
        self.painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft), self.footer)
        self.painter.drawText(box, int(Qt.AlignmentFlag.AlignRight), f"Page {self.page}")

    def paragraph(self, text: str, font: QFont | None = None, *, after: float = 0.4) -> None:
        font = font or self.body
        self.painter.setFont(font)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        box = self.painter.boundingRect(QRectF(0, 0, self.width, 1e6), flags, text)
        self.room(box.height())
        self.painter.setPen(Qt.GlobalColor.black)
        self.painter.drawText(QRectF(0, self.y, self.width, box.height()), flags, text)
        self.y += box.height() + self.line(font) * after

    def heading(self, text: str) -> None:
        """A section title; kept with at least a few lines of what follows."""
        font = _font(13, bold=True)
        self.room(self.line(font) * 1.6 + self.line(self.body) * 5)
        self.y += self.line(font) * 0.4 if self.y > 0 else 0
        self.paragraph(text, font, after=0.25)

    def chart(self, chart: WeeklyBars | PainTrend, height_mm: float) -> None:
        height = height_mm / 25.4 * RESOLUTION
        self.room(height)
        chart.paint(self.painter, QRectF(0, self.y, self.width, height), ChartStyle.for_print(self.small))
        self.y += height + self.line(self.body) * 0.6

    def table(self, table: Table) -> None:
        """Rows that do not fit go on the next page, under the column headers again. A cell too long for its column
        (a routine name of the user's own) wraps onto more lines and the row grows: a name is never cut short."""
        header_font = _font(9, bold=True)
        line_height = self.line(self.small) * 1.45
        pictures = dict(enumerate(table.pictures)) if self.figures else {}
        self.left = STILL_MM[0] / 25.4 * RESOLUTION if pictures else 0.0
        widths = self._column_widths(table, header_font)
        header_height = self._row_height(table.headers, widths, header_font, line_height)
        self.room(header_height + line_height * 2)
        self._table_header(table, widths, header_font, header_height)
        print_style = ChartStyle.for_print(self.small)
        shade = blend(print_style.background, print_style.grid, 0.35)
        for number, row in enumerate(table.rows):
            row_height = self._row_height(row, widths, self.small, line_height)
            if number in pictures:
                row_height = max(row_height, STILL_MM[1] / 25.4 * RESOLUTION)
            if self.room(row_height):
                self._table_header(table, widths, header_font, header_height)
            if number % 2:
                self.painter.fillRect(QRectF(0, self.y, self.width, row_height), shade)
            if number in pictures:
                self._still(*pictures[number], row_height)
            self._table_row(table, row, widths, self.small, row_height)
        self.y += line_height * 0.6
        self.left = 0.0

    def _still(self, exercise_id: str, side: str | None, height: float) -> None:
        """The exercise's start pose, small, left of its row (on the row's side), in the print colours."""
        figure = self.figures.get(exercise_id)
        if figure is None:
            return
        pad = self.line(self.small) * 0.15
        box = QRectF(pad, self.y + pad, self.left - 2 * pad, height - 2 * pad)
        on_side = BodySide(side) if side in ("left", "right") else None
        paint_stills(self.painter, box, figure, on_side, colours=light_colours())

    def _column_widths(self, table: Table, header_font: QFont) -> list[float]:
        """Each column as wide as its widest cell, the flexible one taking what is left of the page width. A header
        wraps like any cell, so it asks only for its longest word: a long header ("Done / partly / skipped / not
        reached") over short numbers must not squeeze the routine's name off the page."""
        pad = self.line(self.small) * 0.8  # the cell padding (0.6 of a line) and a little slack for rounding
        header = QFontMetricsF(header_font, self.writer)
        body = QFontMetricsF(self.small, self.writer)
        widths = [
            max(
                [
                    *(header.horizontalAdvance(word) for word in title.split()),
                    *(body.horizontalAdvance(row[i]) for row in table.rows),
                ]
            )
            + pad
            for i, title in enumerate(table.headers)
        ]
        others = sum(width for i, width in enumerate(widths) if i != table.flexible)
        room = self.width - self.left
        widths[table.flexible] = max(room - others, room * 0.12)
        return widths

    def _cell_box(self, x: float, width: float, height: float, font: QFont) -> QRectF:
        pad = self.line(font) * 0.3
        return QRectF(x + pad, self.y, width - 2 * pad, height)

    def _row_height(self, cells: Sequence[str], widths: Sequence[float], font: QFont, line_height: float) -> float:
        """One line's height, or more when a cell wraps: the tallest cell, with the same space above and below."""
        self.painter.setFont(font)
        one_line = self.line(font)
        spare = line_height - one_line
        option = _cell_option(Qt.AlignmentFlag.AlignLeft)
        metrics = self.metrics(font)
        pad = 2 * one_line * 0.3
        tallest = max(
            # a cell that fits its column on one line is one line high: measured without laying out its wrapping
            one_line
            if metrics.horizontalAdvance(cell) <= width - pad
            else self.painter.boundingRect(self._cell_box(0, width, 1e6, font), cell, option).height()
            for cell, width in zip(cells, widths, strict=True)
        )
        return max(line_height, tallest + spare)

    def _table_header(self, table: Table, widths: Sequence[float], font: QFont, row_height: float) -> None:
        self._table_row(table, table.headers, widths, font, row_height)
        self.painter.setPen(Qt.GlobalColor.black)
        self.painter.drawLine(0, round(self.y), round(self.width), round(self.y))

    def _table_row(
        self, table: Table, cells: Sequence[str], widths: Sequence[float], font: QFont, row_height: float
    ) -> None:
        self.painter.setFont(font)
        self.painter.setPen(Qt.GlobalColor.black)
        x = self.left
        for column, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            align = Qt.AlignmentFlag.AlignRight if column in table.numeric else Qt.AlignmentFlag.AlignLeft
            self.painter.drawText(self._cell_box(x, width, row_height, font), cell, _cell_option(align))
            x += width
        self.y += row_height

    def finish(self) -> None:
        self._paint_footer()


def write_report(
    store: HistoryStore,
    path: Path,
    period_start: date,
    period_end: date,
    goal: int = DEFAULT_GOAL,
    *,
    today: date | None = None,
    names: Mapping[str, str] | None = None,
    tz: tzinfo | None = None,
    figures: Mapping[str, ExerciseFigure] | None = None,
    safety: SafetyAnswers | None = None,
) -> None:
    """Write the report for the days ``period_start`` to ``period_end`` (local dates, both included) to ``path``.
    ``safety`` is the answers to the safety questions (by default those saved in the data folder).

    The file appears whole or not at all (written next to it, then renamed) and is private (0600): it is health
    data. Raises OSError for the caller to report, and HistoryError if the history cannot be read.
    """
    goal = check_goal(goal)
    if period_end < period_start:
        raise ValueError(f"the report period ends ({period_end}) before it starts ({period_start})")
    today = today or date.today()
    adapted = frozenset(store.precautions_by_session())
    in_period = [r for r in store.records() if period_start <= local_day(r.session, tz) <= period_end]
    records = [r for r in in_period if not r.session.trial]  # demo runs are not exercise
    # The content the doses are compared with, read only for a period that kept plans (and then read once).
    words = load_plan_words() if any(r.plan is not None or r.session.sore_day for r in records) else None
    if names is None or figures is None:
        found = names_and_figures_of(words.exercises) if words and words.exercises else exercise_names_and_figures()
        names = found[0] if names is None else names
        figures = found[1] if figures is None else figures
    safety = load_answers(today)[0] if safety is None else safety
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(f"Home exercise report, {long_day(period_start)} to {long_day(period_end)}")
    writer.setCreator(f"{APP_NAME} {__version__}")
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter(writer)
    try:
        document = _Document(writer, painter, f"{APP_NAME} report, printed {long_day(today)}")
        document.figures = figures
        scope = _Scope(
            period_start,
            period_end,
            goal,
            today,
            names,
            tz,
            trials=len(in_period) - len(records),
            safety=safety_lines(safety, today),
            adapted=adapted,
            plan_words=words,
        )
        _paint_report(document, records, scope)
    finally:
        painter.end()
    buffer.close()
    write_atomic_bytes(path, bytes(buffer.data().data()))


@dataclass(frozen=True)
class _Scope:
    start: date
    end: date
    goal: int
    today: date
    names: Mapping[str, str]
    tz: tzinfo | None
    trials: int = 0  # trial runs in the period, left out of everything
    safety: Sequence[str] = ()  # what the safety questions were answered
    adapted: frozenset[int] = frozenset()  # the sessions done under hip precautions
    plan_words: PlanWords | None = None  # for a period that kept plans: what they are compared with


def _paint_report(doc: _Document, records: Sequence[SessionRecord], scope: _Scope) -> None:
    start, end, goal, today, names, tz = scope.start, scope.end, scope.goal, scope.today, scope.names, scope.tz
    sessions = [record.session for record in records]
    days = session_days(sessions, tz)
    weeks = weeks_between(days, start, end)
    pain = PainTrend([week.start for week in weeks], pain_by_week(days, start, end))
    bars = WeeklyBars(weeks, goal, today)
    kept = adherence(days, start, end, today, goal)
    minutes = sum(item.minutes for item in days)
    outcomes = [tally.outcomes(record.exercises) for record in records]  # read once, used by every part below
    session_counts = [tally.counts_of(found) for found in outcomes]
    counts = sum(session_counts, tally.Counts())

    doc.paragraph("Home exercise report", _font(20, bold=True), after=0.2)
    doc.paragraph(
        f"{long_day(start)} to {long_day(end)}  ·  weekly goal: {plural(goal, 'session')}  ·  "
        f"made with {APP_NAME} {__version__} on {long_day(today)}",
        after=1.0,
    )
    doc.heading("At a glance")
    average = f" (about {minutes_count(minutes / len(days))} a session)" if days else ""
    doc.paragraph(f"Sessions: {len(days):,}, {minutes_count(minutes)} exercising in all{average}.", after=0.2)
    doc.paragraph(
        f"Weeks that met the goal of {plural(goal, 'session')} a week: {kept.weeks_met} of {kept.weeks}"
        + (f" ({round(100 * kept.ratio)}%)." if kept.weeks else ".")
        + " A session counts when it was completed or lasted at least 5 minutes; this week counts once it meets"
        " the goal.",
        after=0.2,
    )
    doc.paragraph(f"Exercises: {counts_text(counts)}.", after=0.2)
    if scope.trials:
        doc.paragraph(
            f"Trial runs left out: {scope.trials:,} (sped up to try a routine out, so not exercise).",
            after=0.2,
        )
    doc.paragraph(pain.summary(), after=0.2 if scope.safety else 0.4)
    if scope.safety:  # the safety questions: the operation, its precautions, the warning signs
        doc.paragraph(" ".join(scope.safety))
    doc.heading("Sessions per week, against the goal")
    doc.paragraph(bars.summary(), doc.small)
    doc.chart(bars, 62)
    doc.heading("Pain before and after exercise (0 none, 10 worst)")
    doc.chart(pain, 62)
    doc.heading("Target against actual, per exercise and side")
    doc.paragraph(
        "Totals over the period: what the routine asked and what was done (reps, steps, or time held).", doc.small
    )
    if records:
        doc.table(totals_table(tally.exercise_totals_of(outcomes), names))
    else:
        doc.paragraph("No sessions in this period.")
    if scope.plan_words is not None:
        _paint_progression(doc, records, scope.plan_words, scope)
    doc.heading("Notes")
    noted = 0
    for record, found in zip(records, outcomes, strict=True):
        words = [
            text
            for text in (
                record.session.note,
                sharp_pain_words(found, names),
                earlier_attempts_words(found, names).replace("\n", " "),
            )
            if text
        ]
        if words:
            doc.paragraph(f"{when_text(record.session, tz)}: {' '.join(words)}", after=0.3)
            noted += 1
    if not noted:
        doc.paragraph("No notes in this period.")
    if records:
        _paint_sessions(doc, records, scope, session_counts)
    doc.finish()


def _paint_sessions(
    doc: _Document, records: Sequence[SessionRecord], scope: _Scope, session_counts: Sequence[tally.Counts]
) -> None:
    doc.heading("Sessions")
    if any(record.session.id in scope.adapted for record in records):
        doc.paragraph(ADAPTED_NOTE, doc.small)
    if any(record.session.sore_day for record in records):
        doc.paragraph(SORE_DAY_NOTE, doc.small)
    doc.table(sessions_table(records, scope.tz, scope.adapted, session_counts))


def _paint_progression(doc: _Document, records: Sequence[SessionRecord], words: PlanWords, scope: _Scope) -> None:
    """Doses and versions: where the sessions ran something other than the routine as written, so the progression
    (or a step back) can be followed. Only for a history that kept plans; the content is read only then."""
    doc.heading("Doses and versions")
    doc.paragraph(
        "Where a session's dose, or the version of an exercise, differed from the routine as written: a line each "
        "time it changed, and a line for each sore-day session.",
        doc.small,
    )
    lines = progression_lines(records, words, scope.names, lambda s: when_text(s, scope.tz))
    for line in lines:
        doc.paragraph(line, after=0.3)
    if not lines:
        doc.paragraph("Every session ran the routine as written.")
