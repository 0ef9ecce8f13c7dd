"""The events the session engine returns: what happened, in time order, for the window, the speaker and the recorder.

They live apart from the engine so that the listeners, and the tests that build events by hand, can name them without
the state machine that makes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hipcoach.core.model import Position, Side
from hipcoach.core.plan import Beat, Phase, Plan
from hipcoach.core.results import ExerciseResult, PauseReason, SessionSummary


@dataclass(frozen=True)
class Timed:
    """``at`` is the plan time the event belongs to (its deadline), not when the engine noticed it. The speaker
    uses it to drop cues whose moment has passed; it takes no part in equality so tests can compare events."""

    at: float = field(default=0.0, compare=False, kw_only=True)


@dataclass(frozen=True)
class SessionStarted(Timed):
    """The first event of a session, with the plan it walks (a resumed session starts again with its whole plan)."""

    plan: Plan


@dataclass(frozen=True)
class InPhase(Timed):
    """An event of one phase: ``index`` is its place in ``Plan.phases``, which listeners look the phase up by."""

    index: int


@dataclass(frozen=True)
class PhaseStarted(InPhase):
    """A phase began at its deadline: the page shows it, the coach says what comes. ``body`` is where the body is
    when a stop jumped to the way up from the mat (None: where the plan's order puts it)."""

    phase: Phase
    body: Position | None = None


@dataclass(frozen=True)
class SecondElapsed(InPhase):
    """A whole second passed in the phase; ``remaining`` is what the countdown shows now."""

    remaining: int


@dataclass(frozen=True)
class BeatReached(InPhase):
    beat: Beat  # the lift, the hold or the lowering of a paced rep


@dataclass(frozen=True)
class RepCounted(InPhase):
    """Rep ``rep`` of ``of`` was finished: said at the next rep's lift, or when the set runs to its end (a set cut
    short counts no last rep)."""

    rep: int
    of: int


@dataclass(frozen=True)
class SideSwitched(InPhase):
    side: Side  # the side the switch leads to


@dataclass(frozen=True)
class WaitingForUser(InPhase):
    """The phase waits for "ready" (Enter or Space) before its time runs: "wait for me", or the pain question."""


@dataclass(frozen=True)
class Paused(Timed):
    reason: PauseReason  # the user, a suspend of the computer, or sharp pain


@dataclass(frozen=True)
class Resumed(Timed):
    """The clock runs again; the phase keeps the time it had left when it was paused."""


@dataclass(frozen=True)
class ExerciseDone(Timed):
    """An exercise's block ended (finished, skipped past or stopped). A later event for the same entry index
    (after "back") is another attempt: it becomes the exercise's result, and the earlier attempt stays what it was."""

    result: ExerciseResult


@dataclass(frozen=True)
class SessionEnded(Timed):
    """The last event: completed or stopped, with every result the recorder and the summary need."""

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
