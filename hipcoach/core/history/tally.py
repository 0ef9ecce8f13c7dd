"""What one session amounts to: its exercises by result, their earlier attempts, and its time (Qt-free).

Why one module: the summary after a session, the History list and detail, ``hipcoach history``, the exports and
the report all say how many exercises were done, partly done, skipped or not reached. When each counted on its own
they disagreed (a stop's unreached exercises were "skipped" on one screen and absent on another). Every one of them
now reads :func:`tally` over the same rows, so they cannot.

An exercise is counted once, by its last attempt; the earlier attempts of a repeated exercise are listed, never
counted as exercises of their own. The report's totals of an exercise over a period (:func:`exercise_totals`) add up
the same last attempts, counted by status the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from hipcoach.core.history.rows import ExerciseRow, SessionRecord, SessionRow, Unit, unit_for
from hipcoach.core.model import Routine
from hipcoach.core.results import ExerciseResult, SessionSummary, Status

RESULT_ORDER: Final = ("completed", "partial", "skipped", "not_reached")
RESULT_WORDS: Final = {
    "completed": "Done",
    "partial": "Partly done",
    "skipped": "Skipped",
    "not_reached": "Not reached",
}
COUNT_WORDS: Final = {"completed": "done", "partial": "partly done", "skipped": "skipped", "not_reached": "not reached"}


@dataclass(frozen=True)
class Attempt:
    """One attempt at one exercise: its rows, one per side, left before right."""

    entry_index: int
    exercise_id: str
    number: int
    rows: tuple[ExerciseRow, ...]

    @property
    def status(self) -> str:
        return self.rows[0].status

    @property
    def sharp_pain(self) -> bool:
        return any(row.sharp_pain for row in self.rows)


@dataclass(frozen=True)
class Outcome:
    """One exercise of the session: its result (the last attempt) and the attempts before it, oldest first."""

    result: Attempt
    earlier: tuple[Attempt, ...]

    @property
    def entry_index(self) -> int:
        return self.result.entry_index

    @property
    def exercise_id(self) -> str:
        return self.result.exercise_id

    @property
    def status(self) -> str:
        return self.result.status


@dataclass(frozen=True)
class Counts:
    """Exercises by the result of their last attempt, and how many earlier attempts there were."""

    done: int = 0
    partial: int = 0
    skipped: int = 0
    not_reached: int = 0
    earlier_attempts: int = 0

    def as_dict(self) -> dict[str, int]:
        """The form of ``history --json`` and the exports: the stored status names."""
        return {
            "completed": self.done,
            "partial": self.partial,
            "skipped": self.skipped,
            "not_reached": self.not_reached,
            "earlier_attempts": self.earlier_attempts,
        }

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.done + other.done,
            self.partial + other.partial,
            self.skipped + other.skipped,
            self.not_reached + other.not_reached,
            self.earlier_attempts + other.earlier_attempts,
        )


@dataclass(frozen=True)
class Tally:
    """Everything a screen or a file says about one session in numbers."""

    counts: Counts
    outcomes: tuple[Outcome, ...]
    real_seconds: float | None  # wall-clock time from start to end; None while running
    active_seconds: float | None  # excluding pauses, in plan seconds
    time_scale: float


def attempts(rows: Iterable[ExerciseRow]) -> list[Attempt]:
    """The rows grouped into attempts, by entry and then attempt number."""
    grouped: dict[tuple[int, int], list[ExerciseRow]] = {}
    for row in rows:
        grouped.setdefault((row.entry_index, row.attempt), []).append(row)
    return [
        Attempt(entry, grouped[entry, number][0].exercise_id, number, tuple(grouped[entry, number]))
        for entry, number in sorted(grouped)
    ]


def outcomes(rows: Iterable[ExerciseRow]) -> list[Outcome]:
    """One outcome per exercise, in routine order: the last attempt is the result."""
    by_entry: dict[int, list[Attempt]] = {}
    for attempt in attempts(rows):
        by_entry.setdefault(attempt.entry_index, []).append(attempt)
    return [Outcome(found[-1], tuple(found[:-1])) for _, found in sorted(by_entry.items())]


def counts(rows: Iterable[ExerciseRow]) -> Counts:
    return counts_of(outcomes(rows))


def counts_of(found: Sequence[Outcome]) -> Counts:
    """:func:`counts` of a session whose outcomes are already worked out: the report reads each session's outcomes
    once and counts, totals and words them from there (ten years of sessions is 3,650 groupings saved per use)."""
    return _by_status((outcome.status for outcome in found), sum(len(outcome.earlier) for outcome in found))


def _by_status(statuses: Iterable[str], earlier_attempts: int = 0) -> Counts:
    """The one counting of results by status: a session's exercises (:func:`counts`) and an exercise's sessions
    (:func:`exercise_totals`)."""
    found = Counter(statuses)
    return Counts(
        done=found["completed"],
        partial=found["partial"],
        skipped=found["skipped"],
        not_reached=found["not_reached"],
        earlier_attempts=earlier_attempts,
    )


def tally(session: SessionRow, rows: Sequence[ExerciseRow]) -> Tally:
    """The one reading of a stored session that every screen, the CLI, the exports and the report use."""
    return make_tally(
        rows, real_seconds=session.real_seconds, active_seconds=session.active_seconds, time_scale=session.time_scale
    )


def make_tally(
    rows: Sequence[ExerciseRow], *, real_seconds: float | None, active_seconds: float | None, time_scale: float
) -> Tally:
    """:func:`tally` of a session not read from the store: the summary's, from the rows the recorder is writing."""
    return Tally(
        counts=counts(rows),
        outcomes=tuple(outcomes(rows)),
        real_seconds=real_seconds,
        active_seconds=active_seconds,
        time_scale=time_scale,
    )


def result_rows(rows: Iterable[ExerciseRow]) -> list[ExerciseRow]:
    """Only the rows of each exercise's last attempt: what totals of "asked against done" add up."""
    return [row for outcome in outcomes(rows) for row in outcome.result.rows]


@dataclass(frozen=True)
class ExerciseTotal:
    """One exercise on one side over a period: what was asked, what was done, and how often each result.

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


def exercise_totals(records: Iterable[SessionRecord]) -> list[ExerciseTotal]:
    """Totals per exercise, side and unit, of each exercise's result (its last attempt in a session): the report's
    "target against actual"."""
    return exercise_totals_of(outcomes(record.exercises) for record in records)


def exercise_totals_of(sessions: Iterable[Sequence[Outcome]]) -> list[ExerciseTotal]:
    """:func:`exercise_totals` from each session's outcomes, already worked out."""
    groups: dict[tuple[str, str | None, str], list[ExerciseRow]] = {}
    for session in sessions:
        for row in (row for outcome in session for row in outcome.result.rows):
            groups.setdefault((row.exercise_id, row.side, row.unit), []).append(row)
    totals = []
    for (exercise_id, side, unit), rows in groups.items():
        found = _by_status(row.status for row in rows)
        reached = [row for row in rows if row.status != Status.NOT_REACHED]
        totals.append(
            ExerciseTotal(
                exercise_id=exercise_id,
                side=side,
                unit=unit,
                sessions=len(reached),
                target=sum(row.target for row in reached),
                actual=sum(row.actual for row in reached),
                done=found.done,
                partial=found.partial,
                skipped=found.skipped,
                not_reached=found.not_reached,
            )
        )
    return totals


def counts_text(found: Counts) -> str:
    """ "3 done · 1 partly done · 0 skipped", then " · 2 not reached" when a stop left some, and the earlier
    attempts when there were any: the same words on every screen and on paper."""
    text = f"{found.done} done · {found.partial} partly done · {found.skipped} skipped"
    if found.not_reached:
        text += f" · {found.not_reached} not reached"
    if found.earlier_attempts:
        text += f" · {found.earlier_attempts} earlier {'attempt' if found.earlier_attempts == 1 else 'attempts'}"
    return text


def rows_of(result: ExerciseResult, unit: Unit, recorded_at: datetime, attempt: int = 1) -> list[ExerciseRow]:
    """The rows one attempt is stored as (one per side): the recorder writes these, and the summary after a session
    counts these, so the two cannot count differently."""
    return [
        ExerciseRow(
            entry_index=result.entry_index,
            exercise_id=result.exercise_id,
            side=side.side,
            target=side.target,
            actual=side.actual,
            unit=unit,
            sets_target=side.sets_target,
            sets_done=side.sets_done,
            status=result.status,
            recorded_at=recorded_at,
            sharp_pain=result.sharp_pain,
            attempt=attempt,
        )
        for side in result.sides
    ]


def summary_rows(summary: SessionSummary, routine: Routine, recorded_at: datetime) -> list[ExerciseRow]:
    """The rows a session's summary amounts to: every attempt, numbered per exercise in the order they ended, and
    the exercises a stop never reached (what the recorder writes when the session ends)."""
    numbers: Counter[int] = Counter()
    rows: list[ExerciseRow] = []
    for result in summary.attempts:
        numbers[result.entry_index] += 1
        unit = unit_for(routine.entries[result.entry_index].exercise.kind)
        rows += rows_of(result, unit, recorded_at, numbers[result.entry_index])
    for result in summary.results:
        if not numbers[result.entry_index]:  # never attempted: a stop came first
            rows += rows_of(result, unit_for(routine.entries[result.entry_index].exercise.kind), recorded_at)
    return rows
