"""What the report and the History panel say about sessions, as words and table rows, so the screen and the
paper say the same thing the same way: the words for a session's contents (amounts, results, pain), the report's
periods, and the report's tables (the totals per exercise and side are counted in
:mod:`hipcoach.core.history.tally`, with every other count).

Kept apart from the painting of the PDF (:mod:`hipcoach.ui.report`): these are plain functions of the history's rows,
used by the panel's lists without loading the PDF writer.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import TYPE_CHECKING, Final

from hipcoach.core.content import ContentError, load_catalogue, with_variants
from hipcoach.core.history import ExerciseRow, SessionRecord, SessionRow, tally
from hipcoach.core.stats import WEEK, week_start
from hipcoach.core.wording import (
    EXERCISING_HEADER,
    NO_VALUE,
    RECORDED_SIDES,
    amount_text,
    minutes_count,
    moment_text,
    recorded_side_text,
    whole,
)

if TYPE_CHECKING:
    from hipcoach.core.figure.description import ExerciseFigure
    from hipcoach.core.model import Exercise

REPORT_PERIODS: Final = ("Last 4 weeks", "Last 3 months", "Last 12 months", "All my history")
STATUS_WORDS: Final = tally.RESULT_WORDS
SIDE_WORDS: Final = RECORDED_SIDES
COUNTS_HEADER: Final = "Done / partly / skipped / not reached"

SESSION_STATUS_WORDS: Final = {"completed": "", "stopped": "stopped", "running": "unfinished"}
SHARP_PAIN_WORDS: Final = "stopped: sharp pain"
TRIAL_WORDS: Final = "trial run"
SORE_DAY_WORDS: Final = "sore day"
ADAPTED_WORDS: Final = "adapted"
ADAPTED_NOTE: Final = "Adapted: done under hip precautions, with the exercises they rule out swapped or left out."
EARLIER_WORDS: Final = "Earlier attempt"


# --- words for a session, shared with the History panel ------------------------------------------------------------
def exercising_text(active_seconds: float | None) -> str:
    """ "14 minutes exercising": a session's active time as the summary, the History page and the report say it."""
    return f"{NO_VALUE if active_seconds is None else minutes_count(active_seconds / 60.0)} exercising"


def exercising_words(session: SessionRow) -> str:
    return exercising_text(session.active_seconds)


def exercise_names() -> dict[str, str]:
    """Exercise ids to names from the built-in catalogue; the history stores ids, people read names."""
    return exercise_names_and_figures()[0]


def exercise_names_and_figures() -> tuple[dict[str, str], dict[str, ExerciseFigure]]:
    """The names, and the figures for the stills beside the report's rows, from one reading of the built-in
    catalogue and the versions of its exercises (results done as a version are recorded under the version's id;
    reading them takes a tenth of a second)."""
    try:
        catalogue = with_variants(load_catalogue())
    except ContentError:
        return {}, {}
    return names_and_figures_of(catalogue)


def names_and_figures_of(exercises: Mapping[str, Exercise]) -> tuple[dict[str, str], dict[str, ExerciseFigure]]:
    names = {exercise.id: exercise.name for exercise in exercises.values()}
    return names, {exercise.id: figure for exercise in exercises.values() if (figure := exercise.movement.figure)}


def names_with_versions(catalogue: Mapping[str, Exercise]) -> dict[str, str]:
    """The names of ``catalogue``'s exercises and of their versions: results done as a version are recorded under
    the version's id, and the History page must name it. The catalogue's alone if the versions cannot be read."""
    try:
        every = with_variants(catalogue)
    except (ContentError, OSError):
        every = dict(catalogue)
    return {exercise.id: exercise.name for exercise in every.values()}


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
    if attempt.sharp_pain:  # said here, as the History's row says it: the stop lines name only each result's stop
        words += f" · {SHARP_PAIN_WORDS}"
    return f"{EARLIER_WORDS} at {exercise_name(attempt.exercise_id, names)}: {', '.join(parts)} ({words})."


def earlier_attempts_text(exercises: Iterable[ExerciseRow], names: Mapping[str, str]) -> str:
    """One line per earlier attempt of a repeated exercise, or "" when nothing was repeated."""
    return earlier_attempts_words(tally.outcomes(exercises), names)


def earlier_attempts_words(outcomes: Iterable[tally.Outcome], names: Mapping[str, str]) -> str:
    """:func:`earlier_attempts_text` of a session whose outcomes are already worked out (the report's)."""
    return "\n".join(attempt_text(earlier, names) for outcome in outcomes for earlier in outcome.earlier)


def attempt_rows(exercises: Iterable[ExerciseRow]) -> list[tuple[ExerciseRow, bool]]:
    """Every row in routine order, each attempt's rows together, with whether it is an earlier attempt."""
    return [
        (row, attempt is not outcome.result)
        for outcome in tally.outcomes(exercises)
        for attempt in (*outcome.earlier, outcome.result)
        for row in attempt.rows
    ]


def sharp_pain_stops(exercises: Iterable[ExerciseRow]) -> list[tally.Outcome]:
    """The exercises whose result (their last attempt) was stopped with "Sharp pain", in routine order: what the
    summary, the History detail and the report name as stopped for sharp pain. An earlier attempt stopped so is
    told in its own line (:func:`attempt_text`), since the exercise's result is another attempt."""
    return [outcome for outcome in tally.outcomes(exercises) if outcome.result.sharp_pain]


def sharp_pain_text(exercises: Iterable[ExerciseRow], names: Mapping[str, str]) -> str:
    """ "Stopped for sharp pain: Clamshell." for a session's sharp-pain stops (one name per exercise), or ""."""
    return sharp_pain_words(tally.outcomes(exercises), names)


def sharp_pain_words(outcomes: Iterable[tally.Outcome], names: Mapping[str, str]) -> str:
    """:func:`sharp_pain_text` of a session whose outcomes are already worked out (the report's)."""
    stopped = [exercise_name(outcome.exercise_id, names) for outcome in outcomes if outcome.result.sharp_pain]
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


def routine_text(session: SessionRow, *, adapted: bool = False) -> str:
    """ "Strength", "Strength (stopped)", "Trial run: Strength (stopped)"; "Strength (adapted)" for a session done
    under hip precautions, "Sore day: Strength" for the short, gentle version. The trial and the sore day come
    first: a narrow column cuts a long name short at its end, and they must stay recognisable."""
    words = [SESSION_STATUS_WORDS.get(session.status, session.status)]
    if adapted:
        words.append(ADAPTED_WORDS)
    state = ", ".join(word for word in words if word)
    named = f"{session.routine_name} ({state})" if state else session.routine_name
    if session.sore_day:
        named = f"{SORE_DAY_WORDS.capitalize()}: {named}"
    return f"{TRIAL_WORDS.capitalize()}: {named}" if session.trial else named


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
class Table:
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    flexible: int  # the column that takes the room left (its long texts wrap onto more lines)
    numeric: frozenset[int] = frozenset()
    pictures: tuple[tuple[str, str | None], ...] = ()  # per row, the (exercise id, side) whose still goes beside it


def totals_table(totals: Sequence[tally.ExerciseTotal], names: Mapping[str, str]) -> Table:
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
        pictures=tuple((total.exercise_id, total.side) for total in totals),
    )


def sessions_table(
    records: Sequence[SessionRecord],
    tz: tzinfo | None,
    adapted: Collection[int] = frozenset(),
    counts: Sequence[tally.Counts] | None = None,
) -> Table:
    """One row a session; ``adapted`` holds the ids of the sessions done under hip precautions, ``counts`` each
    session's counts when the caller has them already (the report)."""
    if counts is None:
        counts = [status_counts(record.exercises) for record in records]
    return Table(
        headers=("Date", "Routine", EXERCISING_HEADER, COUNTS_HEADER, "Pain before → after"),
        rows=[
            (
                when_text(record.session, tz),
                routine_text(record.session, adapted=record.session.id in adapted),
                minutes_text(record.session),
                counts_short(found),
                pain_text(record.session),
            )
            for record, found in zip(records, counts, strict=True)
        ],
        flexible=1,
        numeric=frozenset({2, 3}),
    )
