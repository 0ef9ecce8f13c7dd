"""Every cue text a session of a plan can say, in the order they are first needed.

Why: speech is rendered ahead of time on a worker thread, and a cue that is not rendered when it is due is replaced
by a tone. Rendering in the order the session will need the texts means the first minutes are ready within a second
or two of opening the session, while the rest is rendered during the get-ready. The order comes from running the
real engine over the whole plan on a fake clock, so it cannot drift from what the session really says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hipcoach.core.cues import Cue, cue_for
from hipcoach.core.engine import SessionEngine
from hipcoach.core.events import Event, Paused, PhaseStarted, Resumed, SessionEnded
from hipcoach.core.model import Position
from hipcoach.core.plan import PhaseKind, Plan
from hipcoach.core.results import PauseReason, SessionSummary
from hipcoach.core.session_state import State
from hipcoach.core.verbosity import Verbosity

# The engine reports a suspend only when the wall clock jumps; the simulation keeps both clocks together.
_WALL_OFFSET = 1_000_000.0


class _SimClock:
    """A clock the simulation moves to each next moment; never sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@dataclass(frozen=True)
class ScriptLine:
    """One cue of a run, at the plan time it is due."""

    at: float
    cue: Cue


def cue_script(plan: Plan, verbosity: Verbosity = Verbosity.STANDARD) -> list[ScriptLine]:
    """Every cue of a full run of ``plan`` with nobody pressing anything, in order, repeats included: what a session
    says from its first get-ready to "Well done" (the README's examples and the tests read it)."""
    clock = _SimClock()
    engine = SessionEngine(plan, clock=clock, wall_clock=lambda: clock.now + _WALL_OFFSET)
    lines: list[ScriptLine] = []

    def collect(events: Sequence[Event]) -> None:
        for event in events:
            cue = cue_for(event, plan, verbosity)
            if cue is not None:
                lines.append(ScriptLine(event.at, cue))

    collect(engine.start())
    # Every poll moves past at least one event (a second boundary, a beat or a phase end), so this ends.
    limit = 20 * (len(plan.phases) + int(plan.total_seconds) + sum(len(p.beats) for p in plan.phases)) + 100
    for _ in range(limit):
        if engine.state is State.WAITING:
            collect(engine.confirm_ready())
            continue
        delay = engine.seconds_until_next_event()
        if delay is None:
            break
        clock.now += max(delay, 1e-6)
        collect(engine.poll())
    else:  # pragma: no cover - a plan the engine never finishes is a bug in the engine
        raise RuntimeError("the plan did not finish in the simulation")
    return lines


def cue_texts(plan: Plan, verbosity: Verbosity = Verbosity.STANDARD) -> list[str]:
    """Distinct cue texts of a full run of ``plan``, first needed first; then the pause/resume/stop texts."""
    texts = dict.fromkeys(line.cue.text for line in cue_script(plan, verbosity))  # an ordered set
    for text in _ways_up_after_a_stop(plan, verbosity):
        texts.setdefault(text)
    stopped = SessionSummary(results=(), completed=False, active_seconds=0.0, elapsed_seconds=0.0)
    for event in (Paused(PauseReason.USER), Resumed(), Paused(PauseReason.SUSPEND), SessionEnded(stopped)):
        cue = cue_for(event, plan, verbosity)
        if cue is not None:
            texts.setdefault(cue.text)
    return list(texts)


def _ways_up_after_a_stop(plan: Plan, verbosity: Verbosity) -> list[str]:
    """A stop on the mat says the way up from where the body is (floor_moves.body_at): kneeling on the way down,
    or in the position of any exercise on the floor. A full run never says most of them, yet they must be rendered
    ahead like the rest, or the person stopping on the mat hears a chime where they needed the words."""
    bodies = dict.fromkeys(
        [
            Position.ALL_FOURS,
            *(entry.exercise.position for entry in plan.routine.entries if entry.exercise.position.on_floor),
        ]
    )
    texts: list[str] = []
    for index, phase in enumerate(plan.phases):
        if phase.kind is not PhaseKind.GET_UP:
            continue
        for body in bodies:
            cue = cue_for(PhaseStarted(index, phase, body=body), plan, verbosity)
            if cue is not None:
                texts.append(cue.text)
    return texts
