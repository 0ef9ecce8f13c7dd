"""What the editor shows about a draft while it is changed: how long it takes (the chooser's own estimate, so the
two never disagree), what it needs, how often it goes down to the floor, and what keeps it from being saved."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from hipcoach.core.content.reader import MAX_TEXT
from hipcoach.core.content.routines import MAX_ENTRIES
from hipcoach.core.model import Exercise
from hipcoach.core.plan import PlanOptions, estimate_seconds
from hipcoach.core.routine_edit.draft import DraftEntry, RoutineDraft, done_exercise, routine_of
from hipcoach.core.routine_edit.floor_order import fewest_floor_trips, floor_trips


@dataclass(frozen=True)
class DraftSummary:
    seconds: int  # the plan's length with ``opts``: the chooser shows it as "About 14 minutes"
    equipment: tuple[str, ...]  # as the chooser's "Needs:" line names it: "chair", "mat"
    floor_trips: int
    fewest_floor_trips: int
    problems: tuple[str, ...]  # each keeps the draft from being saved; empty when it may be


def summarise(draft: RoutineDraft, exercises: Mapping[str, Exercise], opts: PlanOptions | None = None) -> DraftSummary:
    """``opts`` is the user's timing (``Settings.plan_options()``), as the chooser is given it; None: the defaults.
    Entries ``exercises`` does not know are left out of the numbers and named among the problems."""
    known = tuple(entry for entry in draft.entries if _known(entry, exercises))
    unknown = tuple(_unknown(entry.exercise_id) for entry in draft.entries if not _known(entry, exercises))
    routine = routine_of(replace(draft, entries=known), exercises)
    return DraftSummary(
        seconds=round(estimate_seconds(routine, opts)) if known else 0,
        equipment=tuple(item.value for item in routine.equipment),
        floor_trips=floor_trips(routine),
        fewest_floor_trips=fewest_floor_trips(routine),
        problems=(*problems_of(draft), *unknown),
    )


def problems_of(draft: RoutineDraft) -> tuple[str, ...]:
    """What the routine file could not hold, in the words the editor shows next to Save."""
    problems: list[str] = []
    name = draft.name.strip()
    if not name:
        problems.append("Give the routine a name.")
    elif "\n" in name:
        problems.append("The name must fit on one line.")
    elif len(name) > MAX_TEXT:
        problems.append(f"The name is too long: {MAX_TEXT} letters at most.")
    if len(draft.description.strip()) > MAX_TEXT:
        problems.append(f"The description is too long: {MAX_TEXT} letters at most.")
    if not draft.entries:
        problems.append("Add at least one exercise.")
    elif len(draft.entries) > MAX_ENTRIES:
        problems.append(f"Too many exercises: {MAX_ENTRIES} at most.")
    return tuple(problems)


def _known(entry: DraftEntry, exercises: Mapping[str, Exercise]) -> bool:
    try:
        done_exercise(entry, exercises)
    except KeyError:
        return False
    return True


def _unknown(exercise_id: str) -> str:
    return f"hipcoach does not know the exercise '{exercise_id}': remove it."
