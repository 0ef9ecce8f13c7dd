"""The routines adapted to the precautions in effect, and the routines offered after the safety questions.

An entry whose exercise breaks a precaution is swapped for a catalogue exercise that works the same area and breaks
none, or left out when there is none; the adapted routine keeps its id and name and carries ``adaptations`` (which
and why) and ``precautions`` (what it was adapted to), so the chooser, the session, the history and resume all see
the same plan. A warning sign offers only the gentle routine (itself adapted). docs/safety.md has the rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Final

from hipcoach.core.model import Adaptation, Demands, Entry, Equipment, Exercise, Position, Routine
from hipcoach.core.safety.answers import SafetyAnswers
from hipcoach.core.safety.precautions import DEEP_BEND_DEGREES, Precaution

GENTLE_ROUTINE_ID = "gentle-mobility"

MACHINES: Final = frozenset({Equipment.BIKE, Equipment.ELLIPTICAL, Equipment.ROWER})
"""A swap may ask for a chair, a band or a mat the routine did not use, never a machine: few people own one."""

_EASE: Final[Mapping[Position, int]] = {
    Position.STANDING: 0,
    Position.CHAIR: 0,
    Position.MACHINE: 0,
    Position.BACK: 1,
    Position.SIDE: 1,
    Position.FRONT: 1,
    Position.FLOOR_SITTING: 1,
    Position.ALL_FOURS: 2,
    Position.KNEELING: 2,
}
"""How hard a position is to get into with a sore hip: standing, then lying or sitting on the floor, then on the
knees. A swap prefers the same position, then an easier one."""


def _breaks(demands: Demands, precaution: Precaution) -> bool:
    if precaution is Precaution.DEEP_BEND:
        return demands.hip_bend > DEEP_BEND_DEGREES
    if precaution is Precaution.CROSSING:
        return demands.crosses_middle
    if precaution is Precaution.TURNING_IN:
        return demands.turns_in
    return demands.extends and demands.turns_out  # EXTENSION_TURNED_OUT


def broken_by(exercise: Exercise, precautions: frozenset[Precaution]) -> tuple[Precaution, ...]:
    """The precautions in ``precautions`` that ``exercise``'s declared demands break, in a stable order.

    The demands are the exercise's, not one side's: pigeon's front leg turns out while the back leg extends, and
    which leg is the operated one changes with the side, so a precaution broken on either side rules out both. An
    exercise that declares nothing (only one built in code) breaks every precaution: the careful guess."""
    demands = exercise.movement.demands
    return tuple(p for p in Precaution if p in precautions and (demands is None or _breaks(demands, p)))


def _swap(
    exercise: Exercise,
    exercises: Mapping[str, Exercise],
    precautions: frozenset[Precaution],
    taken: set[str],
    equipment: frozenset[Equipment],
) -> Exercise | None:
    """The catalogue's best stand-in for ``exercise``: same area, safe, not already in the routine, no machine the
    routine lacks; preferring no new equipment, then the same position, then an easier one, then the article's
    order (so the choice never depends on the order of a dictionary)."""
    if exercise.area is None:
        return None
    candidates = [
        other
        for other in exercises.values()
        if other.area is exercise.area
        and other.id not in taken
        and not broken_by(other, precautions)
        and not (set(other.equipment) & MACHINES) - equipment
    ]
    if not candidates:
        return None

    def preference(other: Exercise) -> tuple[bool, bool, bool, int]:
        new_equipment = bool(set(other.equipment) - equipment)
        harder = _EASE[other.position] > _EASE[exercise.position]
        return (new_equipment, harder, other.position is not exercise.position, other.number)

    return min(candidates, key=preference)


def adapt_routine(routine: Routine, exercises: Mapping[str, Exercise], precautions: frozenset[Precaution]) -> Routine:
    """``routine`` with each entry that breaks one of ``precautions`` swapped or left out. With no precautions the
    routine itself is returned, unchanged.

    A stand-in takes its own default dose (the routine's overrides were written for another exercise) and the
    entry's sides where it is done one side at a time. The adapted routine keeps the precautions even when nothing
    had to change, so the history can tell a session was done under them."""
    if not precautions:
        return routine
    taken = {entry.exercise.id for entry in routine.entries}
    equipment = frozenset(routine.equipment)
    entries: list[Entry] = []
    adaptations: list[Adaptation] = []
    for index, entry in enumerate(routine.entries):
        broken = broken_by(entry.exercise, precautions)
        if not broken:
            entries.append(entry)
            continue
        replacement = _swap(entry.exercise, exercises, precautions, taken, equipment)
        if replacement is not None:
            taken.add(replacement.id)
            only_side = entry.only_side if replacement.per_side else None
            entries.append(Entry(replacement, replacement.dose, entry.first_side, only_side))
        adaptations.append(Adaptation(index, entry.exercise, replacement, broken))
    return replace(routine, entries=tuple(entries), adaptations=tuple(adaptations), precautions=precautions)


@dataclass(frozen=True)
class Offer:
    """What the chooser offers: ``routines`` (adapted), and why it is limited. ``left_out`` holds the routines the
    precautions left with no exercise at all: not offered (a session of nothing cannot start), but named, so the
    chooser can say why a routine is missing."""

    routines: tuple[Routine, ...]
    precautions: frozenset[Precaution]
    precautions_until: date | None  # the day they stop applying by themselves; None when none apply
    see_a_professional: bool  # a warning sign: the advice is shown, only the gentle routine is offered
    left_out: tuple[Routine, ...] = ()


def offer(routines: Sequence[Routine], exercises: Mapping[str, Exercise], answers: SafetyAnswers, today: date) -> Offer:
    """The routines to offer given ``answers`` on ``today``. Never answered: every routine as it is (the very same
    objects, so an unattended run with no answers behaves as it did before the questions existed). A warning sign:
    only the gentle routine. Otherwise every routine, the user's too, adapted to the precautions in effect."""
    if not answers.answered:
        return Offer(tuple(routines), frozenset(), None, see_a_professional=False)
    precautions = answers.precautions(today)
    operation = answers.operation
    until = operation.precautions_end if precautions and operation is not None else None
    chosen = [r for r in routines if r.id == GENTLE_ROUTINE_ID] if answers.see_a_professional else list(routines)
    adapted = [adapt_routine(routine, exercises, precautions) for routine in chosen]
    return Offer(
        routines=tuple(r for r in adapted if r.entries),
        precautions=precautions,
        precautions_until=until,
        see_a_professional=answers.see_a_professional,
        left_out=tuple(r for r in adapted if not r.entries),
    )


def start_routine(
    routine: Routine, exercises: Mapping[str, Exercise], answers: SafetyAnswers, today: date
) -> Routine | None:
    """``routine`` as ``--start`` runs it: adapted as the chooser would offer it, or None when the chooser would
    not offer it (a warning sign and not the gentle routine, or no exercise left). docs/cli.md says why."""
    offered = offer([routine], exercises, answers, today).routines
    return offered[0] if offered else None
