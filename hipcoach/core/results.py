"""What a session produces: the result of each exercise and side, its status, the summary, the pause reasons.

Kept apart from the engine that makes them so that the history, the summary and the resume code can read and store
results without importing the engine (the database must not depend on how a session is timed). Plain data only:
this module imports nothing from hipcoach but the content model.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from hipcoach.core.model import Side


class PauseReason(enum.StrEnum):
    USER = "user"
    SUSPEND = "suspend"  # the computer was asleep
    SHARP_PAIN = "sharp_pain"  # an exercise was stopped for sharp pain: hold still while the user decides what next


class Status(enum.StrEnum):
    COMPLETED = "completed"
    PARTIAL = "partial"
    SKIPPED = "skipped"
    NOT_REACHED = "not_reached"  # a stopped session ended before this exercise began


@dataclass(frozen=True)
class SideResult:
    side: Side | None
    target: int  # reps or steps (REPS), seconds (HOLD, CARDIO), over all sets
    actual: int
    sets_target: int
    sets_done: int


@dataclass(frozen=True)
class ExerciseResult:
    entry_index: int
    exercise_id: str
    status: Status
    sides: tuple[SideResult, ...]
    sharp_pain: bool = False  # the user stopped it with "Sharp pain"


@dataclass(frozen=True)
class SessionSummary:
    """``results``: one per entry of the routine, its last attempt (or NOT_REACHED when a stop came before it).
    ``attempts``: every attempt in the order they ended, the earlier ones of a repeated exercise included (and,
    for a resumed session, those recorded before the interruption): what the recorder wrote."""

    results: tuple[ExerciseResult, ...]
    completed: bool  # the routine ran to its end (skipped exercises allowed); False when stopped
    active_seconds: float  # session time excluding pauses, in plan seconds
    elapsed_seconds: float  # session time including pauses, in plan seconds
    attempts: tuple[ExerciseResult, ...] = ()
    # after a stop on the floor: the plan seconds of the guided way up, which is no part of the session's time;
    # whoever measures the session's real time takes them off (docs/timing.md, "Stopping on the floor")
    way_up_seconds: float = 0.0
