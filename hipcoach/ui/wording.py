"""How amounts, sides and times are written on screen, shared by the chooser, the session and the summary.

Qt-free so the words can be checked without a window. The spoken cues have their own wording (hipcoach.core.cues),
written to be heard; these are written to be read at a glance.
"""

from __future__ import annotations

from hipcoach.core.chooser_snapshot import RoutineCard
from hipcoach.core.model import Entry, Kind, Routine, Side


def side_text(entry: Entry, side: Side) -> str:
    """ "Left leg", "Right side": the exercise's own word for a side."""
    return f"{side.value.capitalize()} {entry.exercise.side_word}"


def dose_text(entry: Entry) -> str:
    """What the whole exercise asks: "10 reps each leg · 2 sets"."""
    dose, exercise = entry.dose, entry.exercise
    each = f" each {exercise.side_word}" if len(entry.sides) > 1 else ""
    if exercise.kind is Kind.CARDIO and dose.minutes is not None:
        amount = f"{dose.minutes.value} minutes"
    elif exercise.kind is Kind.HOLD and dose.hold_seconds is not None:
        amount = f"Hold {dose.hold_seconds.value} seconds{each}"
    elif exercise.kind is Kind.STEPS and dose.steps is not None:
        amount = f"{dose.steps.value} steps{each}"
    elif dose.reps is not None:
        amount = f"{dose.reps.value} reps{each}"
    else:
        amount = ""
    parts = [amount] if amount else []
    if exercise.kind is Kind.REPS and dose.hold_seconds is not None:
        parts.append(f"{dose.hold_seconds.value}-second hold")  # a routine may make it longer
    if dose.sets.value > 1:
        parts.append(f"{dose.sets.value} sets")
    return " · ".join(parts)


def entry_text(entry: Entry) -> str:
    """An exercise as the routine preview lists it: its dose and the sides the routine chose ("6 reps · Right leg
    only"), so the preview shows the routine's overrides exactly as the session runs them. Starting on the left is
    the default and goes unsaid; the session's get-ready names the first side either way."""
    parts = [dose_text(entry)] if dose_text(entry) else []
    sides = entry.sides
    if len(sides) == 1 and sides[0] is not None:
        parts.append(f"{side_text(entry, sides[0])} only")
    elif len(sides) == 2 and sides[0] is Side.RIGHT:
        parts.append(f"{side_text(entry, Side.RIGHT)} first")
    return " · ".join(parts)


def format_clock(seconds: float) -> str:
    """m:ss, minutes unpadded and unbounded ("4:05", "75:03"): what a kitchen timer shows."""
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def minutes_text(seconds: float) -> str:
    """A duration to plan around, rounded to whole minutes and never "0 minutes"."""
    minutes = max(1, round(seconds / 60))
    return "About 1 minute" if minutes == 1 else f"About {minutes} minutes"


def equipment_text(routine: Routine) -> str:
    items = [item.value for item in routine.equipment]
    return f"Needs: {', '.join(items)}" if items else "No equipment needed"


def exercises_text(routine: Routine) -> str:
    count = len(routine.entries)
    return "1 exercise" if count == 1 else f"{count} exercises"


def routine_card(routine: Routine, seconds: float) -> RoutineCard:
    """What the chooser shows of ``routine``, which takes ``seconds`` with the user's timing."""
    lines = []
    for number, entry in enumerate(routine.entries, start=1):
        dose = entry_text(entry)
        lines.append(f"{number}. {entry.exercise.name}" + (f"  ({dose})" if dose else ""))
    return RoutineCard(
        id=routine.id,
        name=routine.name,
        description=routine.description,
        summary=f"{minutes_text(seconds)} · {exercises_text(routine)}",  # "About 14 minutes · 6 exercises"
        equipment=equipment_text(routine),
        exercises="\n".join(lines),
    )
