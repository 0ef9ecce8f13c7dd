"""The report for the physiotherapist: a PDF of one period of the history, painted with the panel's own charts.

Why a PDF painted by us: it prints and mails as it looks, it needs nothing installed, and QPdfWriter works offscreen
and offline. The charts are the very objects the History panel paints (hipcoach.ui.charts), so the report cannot
show other numbers than the screen. It holds what a physiotherapist asks about: how often (sessions per week against
the goal, adherence), how much of each exercise against what was asked (per side, since a painful hip is often one
side), how the pain went, and the patient's own notes.

The words and rows it prints are in :mod:`hipcoach.ui.report_tables`, shared with the History panel's lists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path
from typing import Final

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from hipcoach import APP_NAME, __version__
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
from hipcoach.ui.plan_words import SORE_DAY_NOTE, PlanWords, load_plan_words, progression_lines
from hipcoach.ui.report_page import RESOLUTION, Document, make_font
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

MARGIN_MM: Final = 15.0
NO_SESSIONS: Final = "No sessions in this period."


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
        document = Document(writer, painter, f"{APP_NAME} report, printed {long_day(today)}")
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


def _paint_report(doc: Document, records: Sequence[SessionRecord], scope: _Scope) -> None:
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

    doc.paragraph("Home exercise report", make_font(20, bold=True), after=0.2)
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
    chart_height = 62 / 25.4 * RESOLUTION
    weekly = doc.paragraph_height(bars.summary(), doc.small) + chart_height
    doc.heading("Sessions per week, against the goal", then=weekly)
    doc.paragraph(bars.summary(), doc.small)
    doc.chart(bars, 62)
    doc.heading("Pain before and after exercise (0 none, 10 worst)", then=chart_height)
    doc.chart(pain, 62)
    _paint_totals(doc, totals_table(tally.exercise_totals_of(outcomes), names) if records else None)
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


def _paint_totals(doc: Document, totals: Table | None) -> None:
    intro = "Totals over the period: what the routine asked and what was done (reps, steps, or time held)."
    first = doc.table_start(totals) if totals is not None else doc.paragraph_height(NO_SESSIONS)
    doc.heading("Target against actual, per exercise and side", then=doc.paragraph_height(intro, doc.small) + first)
    doc.paragraph(intro, doc.small)
    if totals is not None:
        doc.table(totals)
    else:
        doc.paragraph(NO_SESSIONS)


def _paint_sessions(
    doc: Document, records: Sequence[SessionRecord], scope: _Scope, session_counts: Sequence[tally.Counts]
) -> None:
    notes = [
        *([ADAPTED_NOTE] if any(record.session.id in scope.adapted for record in records) else []),
        *([SORE_DAY_NOTE] if any(record.session.sore_day for record in records) else []),
    ]
    table = sessions_table(records, scope.tz, scope.adapted, session_counts)
    doc.heading("Sessions", then=sum(doc.paragraph_height(note, doc.small) for note in notes) + doc.table_start(table))
    for note in notes:
        doc.paragraph(note, doc.small)
    doc.table(table)


def _paint_progression(doc: Document, records: Sequence[SessionRecord], words: PlanWords, scope: _Scope) -> None:
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
