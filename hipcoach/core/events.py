"""The events the session engine returns: what happened, in time order, for the window, the speaker and the recorder.

They live apart from the engine so that the listeners, and the tests that build events by hand, can name them without
the state machine that makes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hipcoach.core.model import Side
from hipcoach.core.plan import Beat, Phase, Plan
from hipcoach.core.results import ExerciseResult, PauseReason, SessionSummary


@dataclass(frozen=True)
class Timed:
    """``at`` is the plan time the event belongs to (its deadline), not when the engine noticed it. The speaker
    uses it to drop cues whose moment has passed; it takes no part in equality so tests can compare events."""

    at: float = field(default=0.0, compare=False, kw_only=True)


@dataclass(frozen=True)
class SessionStarted(Timed):
    plan: Plan


@dataclass(frozen=True)
class PhaseStarted(Timed):
    index: int
    phase: Phase


@dataclass(frozen=True)
class SecondElapsed(Timed):
    """A whole second passed in the phase; ``remaining`` is what the countdown shows now."""

    index: int
    remaining: int


@dataclass(frozen=True)
class BeatReached(Timed):
    index: int
    beat: Beat


@dataclass(frozen=True)
class RepCounted(Timed):
    index: int
    rep: int
    of: int


@dataclass(frozen=True)
class SideSwitched(Timed):
    index: int
    side: Side


@dataclass(frozen=True)
class WaitingForUser(Timed):
    index: int


@dataclass(frozen=True)
class Paused(Timed):
    reason: PauseReason


@dataclass(frozen=True)
class Resumed(Timed):
    pass


@dataclass(frozen=True)
class ExerciseDone(Timed):
    """An exercise's block ended (finished, skipped past or stopped). A later event for the same entry index
    (after "back") is another attempt: it becomes the exercise's result, and the earlier attempt stays what it was."""

    result: ExerciseResult


@dataclass(frozen=True)
class SessionEnded(Timed):
    summary: SessionSummary


Event = (
    SessionStarted
    | PhaseStarted
    | SecondElapsed
    | BeatReached
    | RepCounted
    | SideSwitched
    | WaitingForUser
    | Paused
    | Resumed
    | ExerciseDone
    | SessionEnded
)
