"""How often a routine goes down to the floor, and an order that goes down once.

With a sore hip the way down to the mat and up again hurts more than most exercises (``core/floor_moves.py``), so
the editor says when a routine goes down more often than it needs to and offers to put the floor work together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from hipcoach.core.model import Exercise, Routine
from hipcoach.core.plan import PhaseKind, build_plan
from hipcoach.core.routine_edit.draft import DraftEntry, RoutineDraft, done_exercise


def floor_trips(routine: Routine) -> int:
    """The ways down to the mat the session would guide: asked of the plan, so it counts as the session does."""
    return sum(1 for phase in build_plan(routine).phases if phase.kind is PhaseKind.GET_DOWN)


def fewest_floor_trips(routine: Routine) -> int:
    """One when any exercise is on the floor (all of them can follow one another), else none."""
    return 1 if any(entry.exercise.position.on_floor for entry in routine.entries) else 0


def spare_the_floor(draft: RoutineDraft, exercises: Mapping[str, Exercise]) -> RoutineDraft:
    """The draft with its floor work together where the first of it is, every other entry keeping its order: the
    warm-up stays first and the user's order changes as little as it can. An entry ``exercises`` does not know
    stays where the standing work is."""
    on_floor = [_on_floor(entry, exercises) for entry in draft.entries]
    if True not in on_floor:
        return draft
    first = on_floor.index(True)
    floor = [entry for entry, down in zip(draft.entries, on_floor, strict=True) if down]
    before = list(draft.entries[:first])
    after = [entry for entry, down in zip(draft.entries[first:], on_floor[first:], strict=True) if not down]
    return replace(draft, entries=(*before, *floor, *after))


def _on_floor(entry: DraftEntry, exercises: Mapping[str, Exercise]) -> bool:
    try:
        return done_exercise(entry, exercises).position.on_floor
    except KeyError:
        return False
