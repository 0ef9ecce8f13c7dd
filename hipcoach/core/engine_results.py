"""Turning the work the engine counted into exercise results and the session summary.

A base of ``SessionEngine``: the counting rules (what a partly done set is worth, when an exercise is completed,
partial or skipped) read apart from the walking of the plan against the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hipcoach.core.events import Event, ExerciseDone, SessionEnded
from hipcoach.core.model import Side
from hipcoach.core.plan import Phase, PhaseKind, Plan
from hipcoach.core.results import ExerciseResult, SessionSummary, SideResult, Status
from hipcoach.core.session_state import State


@dataclass
class _Tally:
    """Work seen per side of the current entry, turned into an ExerciseResult when the entry ends."""

    actual: dict[Side | None, float] = field(default_factory=dict)
    sets_done: dict[Side | None, int] = field(default_factory=dict)


class ResultKeeping:
    """The tallying half of the engine; ``SessionEngine`` sets these attributes and walks the plan."""

    plan: Plan
    state: State
    index: int
    _tally: _Tally
    _results: dict[int, ExerciseResult]
    _attempts: list[ExerciseResult]
    _origin: float
    _frozen_elapsed: float
    _started_at: float
    _paused_total: float
    _ended_at: float | None
    _closing: tuple[float, float] | None

    @property
    def phase(self) -> Phase:
        return self.plan.phases[self.index]

    def _count_work(self, phase: Phase, seconds: float) -> None:
        if not phase.kind.is_work:
            return
        if phase.kind is PhaseKind.REPS:
            amount = phase.target if seconds >= phase.duration else int(seconds / phase.rep_seconds + 1e-9)
        else:
            amount = int(min(seconds, phase.duration) + 1e-9)
        side = phase.side
        self._tally.actual[side] = self._tally.actual.get(side, 0) + amount
        if seconds >= phase.duration:
            self._tally.sets_done[side] = self._tally.sets_done.get(side, 0) + 1

    def _count_partial(self, now: float) -> None:
        if self.state is State.RUNNING:
            self._count_work(self.phase, min(now - self._origin, self.phase.duration))
        elif self.state is State.PAUSED:
            self._count_work(self.phase, self._frozen_elapsed)

    def _keep_attempt_in_progress(self, now: float) -> list[Event]:
        """Repeat, or back, in the middle of an exercise: what was done of it so far is an attempt, recorded as
        "next" and "stop" record it, not dropped (two reps and then Repeat left the exercise "not reached" in the
        history when the repeat was stopped in its get-ready). Nothing is recorded before the work begins, on the
        way down or up, or when no rep or second was counted yet."""
        entry_index = self.phase.entry_index
        if self.index <= self.plan.get_ready_phase(entry_index) or self.phase.kind.is_floor_move:
            return []
        self._count_partial(now)
        if not any(self._tally.actual.values()) and not any(self._tally.sets_done.values()):
            return []
        return [self._finish_entry(entry_index, now)]

    def _finish_entry(self, entry_index: int, at: float, *, sharp_pain: bool = False) -> ExerciseDone:
        entry = self.plan.routine.entries[entry_index]
        sides: list[SideResult] = []
        for side in entry.sides:
            target = self._side_target(entry_index, side)
            sides.append(
                SideResult(
                    side=side,
                    target=target,
                    actual=int(self._tally.actual.get(side, 0)),
                    sets_target=entry.dose.sets.value,
                    sets_done=self._tally.sets_done.get(side, 0),
                )
            )
        result = ExerciseResult(entry_index, entry.exercise.id, _status(sides), tuple(sides), sharp_pain=sharp_pain)
        self._results[entry_index] = result
        self._attempts.append(result)
        self._tally = _Tally()
        return ExerciseDone(result, at=at)

    def _side_target(self, entry_index: int, side: Side | None) -> int:
        return sum(
            phase.target
            for phase in self.plan.phases
            if phase.entry_index == entry_index and phase.kind.is_work and phase.side == side
        )

    def _end(self, at: float, *, completed: bool) -> list[Event]:
        self.state = State.FINISHED if completed else State.STOPPED
        self._ended_at = at
        results: list[ExerciseResult] = []
        for entry_index, entry in enumerate(self.plan.routine.entries):
            result = self._results.get(entry_index)
            if result is None:
                sides = tuple(
                    SideResult(side, self._side_target(entry_index, side), 0, entry.dose.sets.value, 0)
                    for side in entry.sides
                )
                # only a stop leaves an entry without any attempt: the session never got there
                result = ExerciseResult(entry_index, entry.exercise.id, Status.NOT_REACHED, sides)
            results.append(result)
        # after a stop on the floor, the session's time is up to the stop: the way up after it is no exercise
        stopped_at, paused_total = self._closing if self._closing is not None else (at, self._paused_total)
        elapsed = stopped_at - self._started_at
        summary = SessionSummary(
            results=tuple(results),
            completed=completed,
            active_seconds=max(0.0, elapsed - paused_total),
            elapsed_seconds=elapsed,
            attempts=tuple(self._attempts),
            way_up_seconds=max(0.0, at - stopped_at),
        )
        return [SessionEnded(summary, at=at)]


def _status(sides: list[SideResult]) -> Status:
    if all(side.actual >= side.target for side in sides):
        return Status.COMPLETED
    if all(side.actual == 0 for side in sides):
        return Status.SKIPPED
    return Status.PARTIAL
