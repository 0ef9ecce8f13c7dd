"""The report for the physiotherapist: a PDF of one period of the history, painted with the panel's own charts.

Why a PDF painted by us: it prints and mails as it looks, it needs nothing installed, and QPdfWriter works offscreen
and offline. The charts are the very objects the History panel paints (hipcoach.ui.charts), so the report cannot
show other numbers than the screen. It holds what a physiotherapist asks about: how often (sessions per week against
the goal, adherence), how much of each exercise against what was asked (per side, since a painful hip is often one
side), how the pain went, and the patient's own notes.

Also here: the words for a session's contents (amounts, results, pain) that the panel's lists use as well, so the
screen and the paper say the same thing the same way.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from pathlib import Path
from typing import Final

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextOption

from hipcoach import APP_NAME, __version__
from hipcoach.core.content import ContentError, load_catalogue
from hipcoach.core.files import write_atomic_bytes
from hipcoach.core.history import ExerciseRow, HistoryStore, SessionRecord, SessionRow, tally
from hipcoach.core.results import Status
from hipcoach.core.stats import (
    DEFAULT_GOAL,
    WEEK,
    adherence,
    check_goal,
    pain_by_week,
    session_days,
    week_start,
    weeks_between,
)
from hipcoach.core.wording import (
    NO_VALUE,
    RECORDED_SIDES,
    amount_text,
    long_day,
    moment_text,
    plural,
    recorded_side_text,
    whole,
)
from hipcoach.ui.charts.bars import WeeklyBars
from hipcoach.ui.charts.pain import PainTrend
from hipcoach.ui.charts.style import ChartStyle, blend

REPORT_PERIODS: Final = ("Last 4 weeks", "Last 3 months", "Last 12 months", "All my history")
RESOLUTION: Final = 300  # dots per inch: sharp print, and pages stay small
MARGIN_MM: Final = 15.0
STATUS_WORDS: Final = tally.RESULT_WORDS
SIDE_WORDS: Final = RECORDED_SIDES
COUNTS_HEADER: Final = "Done / partly / skipped / not reached"
SESSION_STATUS_WORDS: Final = {"completed": "", "stopped": "stopped", "running": "unfinished"}
SHARP_PAIN_WORDS: Final = "stopped: sharp pain"
TRIAL_WORDS: Final = "trial run"
EARLIER_WORDS: Final = "Earlier attempt"


# --- words for a session, shared with the History panel ------------------------------------------------------------


def exercise_names() -> dict[str, str]:
    """Exercise ids to names from the built-in catalogue; the history stores ids, people read names."""
    try:
        return {exercise.id: exercise.name for exercise in load_catalogue().values()}
    except ContentError:
        return {}


def exercise_name(exercise_id: str, names: Mapping[str, str]) -> str:
    """The exercise's name, or its id made readable ("single-leg-bridge" → "Single leg bridge") for an exercise
    that is no longer in the catalogue (a user routine deleted since)."""
    return names.get(exercise_id) or exercise_id.replace("-", " ").capitalize()


def result_text(row: ExerciseRow, *, earlier: bool = False) -> str:
    """ "Partly done", and "Partly done · stopped: sharp pain" when the user stopped it with "Sharp pain";
    "Earlier attempt: partly done" for an attempt that a later one of the same exercise replaced as its result."""
    words = STATUS_WORDS.get(row.status, row.status)
    if earlier:
        words = f"{EARLIER_WORDS}: {words.lower()}"
    return f"{words} · {SHARP_PAIN_WORDS}" if row.sharp_pain else words


def done_of_text(row: ExerciseRow) -> str:
    """ "8 of 10 reps", "2 min of 10 min": what one side of one attempt did against its target."""
    if row.unit == "seconds":
        return f"{amount_text(row.actual, row.unit)} of {amount_text(row.target, row.unit)}"
    return f"{row.actual} of {amount_text(row.target, row.unit)}"


def attempt_text(attempt: tally.Attempt, names: Mapping[str, str]) -> str:
    """ "Earlier attempt at Hip rotations: left 8 of 10 reps, right 6 of 10 reps (partly done)." """
    parts = [
        f"{SIDE_WORDS[row.side].lower()} {done_of_text(row)}" if row.side in SIDE_WORDS else done_of_text(row)
        for row in attempt.rows
    ]
    words = STATUS_WORDS.get(attempt.status, attempt.status).lower()
    return f"{EARLIER_WORDS} at {exercise_name(attempt.exercise_id, names)}: {', '.join(parts)} ({words})."


def earlier_attempts_text(exercises: Iterable[ExerciseRow], names: Mapping[str, str]) -> str:
    """One line per earlier attempt of a repeated exercise, or "" when nothing was repeated."""
    return "\n".join(
        attempt_text(earlier, names) for outcome in tally.outcomes(exercises) for earlier in outcome.earlier
    )


def attempt_rows(exercises: Iterable[ExerciseRow]) -> list[tuple[ExerciseRow, bool]]:
    """Every row in routine order, each attempt's rows together, with whether it is an earlier attempt."""
    return [
        (row, attempt is not outcome.result)
        for outcome in tally.outcomes(exercises)
        for attempt in (*outcome.earlier, outcome.result)
        for row in attempt.rows
    ]


def sharp_pain_text(exercises: Iterable[ExerciseRow], names: Mapping[str, str]) -> str:
    """ "Stopped for sharp pain: Clamshell." for a session's sharp-pain stops (one name per exercise), or ""."""
    stopped = dict.fromkeys(exercise_name(row.exercise_id, names) for row in exercises if row.sharp_pain)
    return f"Stopped for sharp pain: {', '.join(stopped)}." if stopped else ""


def status_counts(exercises: Iterable[ExerciseRow]) -> tally.Counts:
    """Exercises by the result of their last attempt (an exercise done on both sides is one exercise, not two):
    :func:`hipcoach.core.history.tally.counts`, the one counting every screen and file uses."""
    return tally.counts(exercises)


def counts_text(counts: tally.Counts) -> str:
    """ "3 done · 1 partly done · 0 skipped · 2 not reached": the summary's words."""
    return tally.counts_text(counts)


def counts_short(counts: tally.Counts) -> str:
    """ "13 / 1 / 2 / 0", under a :data:`COUNTS_HEADER` column."""
    return " / ".join(str(count) for count in (counts.done, counts.partial, counts.skipped, counts.not_reached))


def pain_value(value: int | None) -> str:
    return NO_VALUE if value is None else str(value)


def pain_text(session: SessionRow) -> str:
    """ "6 → 4"; "not rated" when neither rating was given."""
    if session.pain_before is None and session.pain_after is None:
        return "not rated"
    return f"{pain_value(session.pain_before)} → {pain_value(session.pain_after)}"


def local_day(session: SessionRow, tz: tzinfo | None = None) -> date:
    return session.started_at.astimezone(tz).date()


def when_text(session: SessionRow, tz: tzinfo | None = None) -> str:
    """ "Tue 3 Mar 2026, 08:15" in the computer's time zone."""
    return moment_text(session.started_at.astimezone(tz))


def routine_text(session: SessionRow) -> str:
    """ "Strength", "Strength (stopped)", "Strength (trial run)", "Strength (stopped, trial run)"."""
    words = [SESSION_STATUS_WORDS.get(session.status, session.status)]
    if session.trial:
        words.append(TRIAL_WORDS)
    state = ", ".join(word for word in words if word)
    return f"{session.routine_name} ({state})" if state else session.routine_name


def trial_text(session: SessionRow) -> str:
    """The line that says why a session is in no statistic, or "" for a real one."""
    if not session.trial:
        return ""
    return f"Trial run, {session.time_scale:g} times faster: not counted in your statistics, goal or report."


def minutes_text(session: SessionRow) -> str:
    return NO_VALUE if session.active_seconds is None else whole(session.active_minutes)


# --- periods -------------------------------------------------------------------------------------------------------


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier, or the month's last day when it is shorter (31 May → 28 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def period_dates(choice: str, today: date, first_day: date | None) -> tuple[date, date]:
    """The first and last day of one of :data:`REPORT_PERIODS`. Four weeks are whole weeks, this one included,
    so each bar of the chart is a full Monday-to-Sunday week."""
    if choice == REPORT_PERIODS[0]:
        return week_start(today) - 3 * WEEK, today
    if choice == REPORT_PERIODS[1]:
        return months_before(today, 3) + timedelta(days=1), today
    if choice == REPORT_PERIODS[2]:
        return months_before(today, 12) + timedelta(days=1), today
    if choice == REPORT_PERIODS[3]:
        return min(first_day or today, today), today
    raise ValueError(f"unknown report period {choice!r}; expected one of {', '.join(REPORT_PERIODS)}")


# --- what the report says --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExerciseTotal:
    """One exercise on one side over the period: what was asked, what was done, and how often each result.

    ``sessions``, ``target`` and ``actual`` are over the sessions that reached the exercise; a stop before it is
    counted in ``not_reached`` only, so it never lowers the percentage of what was done when it was asked."""

    exercise_id: str
    side: str | None
    unit: str
    sessions: int
    target: int
    actual: int
    done: int
    partial: int
    skipped: int
    not_reached: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.actual / self.target) if self.target else None


def exercise_totals(records: Sequence[SessionRecord]) -> list[ExerciseTotal]:
    """Totals per exercise, side and unit, of each exercise's result (its last attempt in a session)."""
    groups: dict[tuple[str, str | None, str], list[ExerciseRow]] = {}
    for record in records:
        for row in tally.result_rows(record.exercises):
            groups.setdefault((row.exercise_id, row.side, row.unit), []).append(row)
    totals = []
    for (exercise_id, side, unit), rows in groups.items():
        counts = Counter(row.status for row in rows)
        reached = [row for row in rows if row.status != Status.NOT_REACHED]
        totals.append(
            ExerciseTotal(
                exercise_id=exercise_id,
                side=side,
                unit=unit,
                sessions=len(reached),
                target=sum(row.target for row in reached),
                actual=sum(row.actual for row in reached),
                done=counts[Status.COMPLETED],
                partial=counts[Status.PARTIAL],
                skipped=counts[Status.SKIPPED],
                not_reached=counts[Status.NOT_REACHED],
            )
        )
    return totals


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    flexible: int  # the column that takes the room left (its long texts wrap onto more lines)
    numeric: frozenset[int] = frozenset()


def totals_table(totals: Sequence[ExerciseTotal], names: Mapping[str, str]) -> Table:
    """By name, then left before right, so an exercise is found where the alphabet puts it."""
    totals = sorted(totals, key=lambda t: (exercise_name(t.exercise_id, names).casefold(), t.side or "", t.unit))
    return Table(
        headers=("Exercise", "Side", "Times", "Asked", "Done", "%", COUNTS_HEADER),
        rows=[
            (
                exercise_name(total.exercise_id, names),
                recorded_side_text(total.side),
                str(total.sessions),
                amount_text(total.target, total.unit),
                amount_text(total.actual, total.unit),
                NO_VALUE if total.percent is None else f"{total.percent}%",
                counts_short(tally.Counts(total.done, total.partial, total.skipped, total.not_reached)),
            )
            for total in totals
        ],
        flexible=0,
        numeric=frozenset({2, 3, 4, 5}),
    )


def sessions_table(records: Sequence[SessionRecord], tz: tzinfo | None) -> Table:
    return Table(
        headers=("Date", "Routine", "Minutes", COUNTS_HEADER, "Pain before → after"),
        rows=[
            (
                when_text(record.session, tz),
                routine_text(record.session),
                minutes_text(record.session),
                counts_short(status_counts(record.exercises)),
                pain_text(record.session),
            )
            for record in records
        ],
        flexible=1,
        numeric=frozenset({2, 3}),
    )


# --- the document ------------------------------------------------------------------------------------------------


def _font(points: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


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
        self.footer = footer
        self.body = _font(10)
        self.small = _font(9)
        self.width = float(writer.width())
        self.footer_height = self.line(self.small) * 1.8
        self.bottom = writer.height() - self.footer_height
        self.page = 1
        self.y = 0.0

    def line(self, font: QFont) -> float:
        return QFontMetricsF(font, self.writer).height()

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
        widths = self._column_widths(table, header_font)
        header_height = self._row_height(table.headers, widths, header_font, line_height)
        self.room(header_height + line_height * 2)
        self._table_header(table, widths, header_font, header_height)
        print_style = ChartStyle.for_print(self.small)
        shade = blend(print_style.background, print_style.grid, 0.35)
        for number, row in enumerate(table.rows):
            row_height = self._row_height(row, widths, self.small, line_height)
            if self.room(row_height):
                self._table_header(table, widths, header_font, header_height)
            if number % 2:
                self.painter.fillRect(QRectF(0, self.y, self.width, row_height), shade)
            self._table_row(table, row, widths, self.small, row_height)
        self.y += line_height * 0.6

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
        widths[table.flexible] = max(self.width - others, self.width * 0.12)
        return widths

    def _cell_box(self, x: float, width: float, height: float, font: QFont) -> QRectF:
        pad = self.line(font) * 0.3
        return QRectF(x + pad, self.y, width - 2 * pad, height)

    def _row_height(self, cells: Sequence[str], widths: Sequence[float], font: QFont, line_height: float) -> float:
        """One line's height, or more when a cell wraps: the tallest cell, with the same space above and below."""
        self.painter.setFont(font)
        spare = line_height - self.line(font)
        option = _cell_option(Qt.AlignmentFlag.AlignLeft)
        tallest = max(
            self.painter.boundingRect(self._cell_box(0, width, 1e6, font), cell, option).height()
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
        x = 0.0
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
) -> None:
    """Write the report for the days ``period_start`` to ``period_end`` (local dates, both included) to ``path``.

    The file appears whole or not at all (written next to it, then renamed) and is private (0600): it is health
    data. Raises OSError for the caller to report, and HistoryError if the history cannot be read.
    """
    goal = check_goal(goal)
    if period_end < period_start:
        raise ValueError(f"the report period ends ({period_end}) before it starts ({period_start})")
    today = today or date.today()
    names = exercise_names() if names is None else names
    in_period = [r for r in store.records() if period_start <= local_day(r.session, tz) <= period_end]
    records = [r for r in in_period if not r.session.trial]  # demo runs are not exercise
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
        scope = _Scope(period_start, period_end, goal, today, names, tz, trials=len(in_period) - len(records))
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


def _paint_report(doc: _Document, records: Sequence[SessionRecord], scope: _Scope) -> None:
    start, end, goal, today, names, tz = scope.start, scope.end, scope.goal, scope.today, scope.names, scope.tz
    sessions = [record.session for record in records]
    days = session_days(sessions, tz)
    weeks = weeks_between(days, start, end)
    pain = PainTrend([week.start for week in weeks], pain_by_week(days, start, end))
    bars = WeeklyBars(weeks, goal, today)
    kept = adherence(days, start, end, today, goal)
    minutes = sum(item.minutes for item in days)
    counts = sum((status_counts(r.exercises) for r in records), tally.Counts())

    doc.paragraph("Home exercise report", _font(20, bold=True), after=0.2)
    doc.paragraph(
        f"{long_day(start)} to {long_day(end)}  ·  weekly goal: {plural(goal, 'session')}  ·  "
        f"made with {APP_NAME} {__version__} on {long_day(today)}",
        after=1.0,
    )
    doc.heading("At a glance")
    average = f" (about {whole(minutes / len(days))} minutes a session)" if days else ""
    doc.paragraph(f"Sessions: {len(days):,}, {whole(minutes)} minutes of exercise in all{average}.", after=0.2)
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
    doc.paragraph(pain.summary())
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
        doc.table(totals_table(exercise_totals(records), names))
    else:
        doc.paragraph("No sessions in this period.")
    doc.heading("Notes")
    noted = 0
    for record in records:
        words = [
            text
            for text in (
                record.session.note,
                sharp_pain_text(record.exercises, names),
                earlier_attempts_text(record.exercises, names).replace("\n", " "),
            )
            if text
        ]
        if words:
            doc.paragraph(f"{when_text(record.session, tz)}: {' '.join(words)}", after=0.3)
            noted += 1
    if not noted:
        doc.paragraph("No notes in this period.")
    if records:
        doc.heading("Sessions")
        doc.table(sessions_table(records, tz))
    doc.finish()
