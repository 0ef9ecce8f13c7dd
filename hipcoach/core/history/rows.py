"""What the history store hands out (frozen rows) and the values it accepts (the errors are in ``errors``).

Kept apart from the store so that the exchange formats (JSON, CSV) and the statistics can use the rows without the
SQLite code, and so the store and the formats do not import each other.

The rows hold enums (``Status``, ``Side``, :class:`Unit`, :class:`SessionStatus`), not loose strings, so a typo is
a type error, not a session counted nowhere. They are ``StrEnum``s: their text is what the file and the exports
hold, byte for byte, and a comparison with that text still holds.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from hipcoach.core.dose_plan import Feeling, PlannedEntry
from hipcoach.core.model import Kind, Side
from hipcoach.core.results import Status


class SessionStatus(enum.StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"  # ran to its end (skipped exercises allowed)
    STOPPED = "stopped"


class Unit(enum.StrEnum):
    """What an exercise's target and actual are counted in (``unit_for`` maps each kind of exercise)."""

    REPS = "reps"
    STEPS = "steps"
    SECONDS = "seconds"


SESSION_STATUSES: Final = tuple(status.value for status in SessionStatus)
END_STATUSES: Final = (SessionStatus.COMPLETED.value, SessionStatus.STOPPED.value)
EXERCISE_STATUSES: Final = tuple(status.value for status in Status)
UNITS: Final = tuple(unit.value for unit in Unit)
SIDES: Final = tuple(side.value for side in Side)
PAIN_RANGE: Final = (0, 10)


@dataclass(frozen=True)
class SessionRow:
    """One session. Times are timezone-aware UTC datetimes; convert with ``astimezone()`` for display.

    ``real_seconds`` is wall-clock time from start to end; ``active_seconds`` excludes pauses and is in plan
    seconds (at ``time_scale`` 1 they are real seconds). Both are None while the session is running.
    """

    id: int
    uuid: str
    routine_id: str
    routine_name: str
    started_at: datetime
    ended_at: datetime | None
    status: SessionStatus
    time_scale: float
    real_seconds: float | None
    active_seconds: float | None
    pain_before: int | None
    pain_after: int | None
    note: str | None
    sore_day: bool = False  # a sore-day session: a short, gentle version of the routine (schema version 6)

    @property
    def active_minutes(self) -> float:
        return (self.active_seconds or 0.0) / 60.0

    @property
    def trial(self) -> bool:
        """A run at any time scale but 1 (a demo, trying a routine out): it is kept and listed as a trial, and no
        statistic, streak, goal, chart or report counts it. Derived from ``time_scale``, which every session has
        stored since the first schema, so older sessions are judged by the same rule."""
        return self.time_scale != 1


@dataclass(frozen=True)
class ExerciseRow:
    """One attempt at one exercise on one side (``side`` is None for exercises done without sides).

    An exercise done again after "back" gets a new ``attempt`` (1, 2, …); the last attempt is its result and the
    earlier ones stay as they were recorded (schema version 3). ``not_reached``: a stopped session ended before it.
    """

    entry_index: int
    exercise_id: str
    side: Side | None
    target: int  # in ``unit``, over all sets
    actual: int
    unit: Unit
    sets_target: int
    sets_done: int
    status: Status
    recorded_at: datetime
    sharp_pain: bool = False  # the user stopped this exercise with "Sharp pain" (schema version 2)
    attempt: int = 1  # 1 for the first attempt at this exercise in the session (schema version 3)


@dataclass(frozen=True)
class PauseRow:
    started_at: datetime
    seconds: float
    reason: str  # "user", "suspend" (engine.PauseReason) or a later reason


@dataclass(frozen=True)
class FeelingRow:
    """The answer to "How did that feel?" for one entry of a session (schema version 6)."""

    entry_index: int
    feeling: Feeling
    answered_at: datetime


@dataclass(frozen=True)
class SessionRecord:
    """A whole session as it travels between files (export and import). ``session.id`` is ignored on import.

    ``precautions`` are the words of the hip precautions its routine was adapted to (``Precaution`` values, sorted;
    empty for none): they travel with the session so that an imported one is still marked as adapted. ``plan`` is
    the version and dose of each entry (None: recorded before plans were kept) and ``feelings`` the answers to "How
    did that feel?", in entry order: they travel so that the progression and the report read an imported session as
    the one recorded here."""

    session: SessionRow
    exercises: tuple[ExerciseRow, ...]
    pauses: tuple[PauseRow, ...]
    precautions: tuple[str, ...] = ()
    plan: tuple[PlannedEntry, ...] | None = None
    feelings: tuple[FeelingRow, ...] = ()

    def feeling(self, entry_index: int) -> Feeling | None:
        return next((row.feeling for row in self.feelings if row.entry_index == entry_index), None)

    def planned(self, entry_index: int) -> PlannedEntry | None:
        return self.plan[entry_index] if self.plan is not None and 0 <= entry_index < len(self.plan) else None


def unit_for(kind: Kind) -> Unit:
    """The unit a result of this kind of exercise is counted in (what ``SideResult.target`` means), as stored: the
    rule itself is the model's (``Kind.result_unit``)."""
    return Unit(kind.result_unit.value)


def utc_text(moment: datetime, what: str = "time") -> str:
    """The stored form of a moment. Naive datetimes are refused: guessing their zone would shift a session's day."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware, not {moment!r}")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def parse_utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is UTC:  # as every stored time is written (``utc_text``): nothing to convert
        return moment
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
