"""The ``[movement]`` table of an exercise file: which of its numbered steps is the movement, the hold and the way
back, so the session screen lights the step the voice is talking about.

A table of its own, not more top-level fields, because it is the first part of a description of the movement that
later work extends (the words said on each beat, the figure's keyframes, what the movement asks of the hip): those
sit beside these fields in the same table. docs/routine-format.md defines the table.

Step numbers are 1-based, as the steps are numbered on screen and in the file. The reader is content.py's; this
module only knows the table, so the rest of the file's checks stay in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from hipcoach.core.model import Exercise, Movement

if TYPE_CHECKING:
    from hipcoach.core.content import _Reader

MOVEMENT_FIELDS: Final = ("move_step", "hold_step", "return_step")


def attach(reader: _Reader, document: Mapping[str, object], exercise: Exercise) -> Exercise:
    """``exercise`` with the movement its file declares; every problem is a ContentError naming the field."""
    where: tuple[str | int, ...] = ("movement",)
    raw = reader.require(document, (), "movement")
    if not isinstance(raw, dict):
        raise reader.error(where, "must be a table: a line [movement] with move_step = <step number> under it")
    table = reader.table(raw, where)
    reader.check_keys(table, where, MOVEMENT_FIELDS)
    reader.require(table, where, "move_step")
    count = len(exercise.steps)
    steps = {name: reader.integer(table[name], (*where, name), 1, count) for name in MOVEMENT_FIELDS if name in table}
    holds = exercise.dose.hold_seconds is not None
    if "hold_step" in steps and not holds:
        raise reader.error((*where, "hold_step"), f"'{exercise.id}' has no hold (its dose has no hold_seconds)")
    return replace(
        exercise,
        movement=Movement(
            move_step=steps["move_step"], hold_step=steps.get("hold_step"), return_step=steps.get("return_step")
        ),
    )
