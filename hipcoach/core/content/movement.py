"""The ``[movement]`` table of an exercise file: which of its numbered steps is the movement, the hold and the way
back, so the session screen lights the step the voice is talking about, and the words the voice says as each half
of a repetition begins.

A table of its own, not more top-level fields, because it is a description of the movement that later work extends
(the figure's keyframes, what the movement asks of the hip): those sit beside these fields in the same table.
docs/routine-format.md defines the table.

Step numbers are 1-based, as the steps are numbered on screen and in the file. The reader is the package's
(reader.py); this module only knows the table, so the rest of the file's checks stay in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Final

from hipcoach.core.content.errors import Where
from hipcoach.core.content.figure import attach_figure
from hipcoach.core.content.reader import Reader, show
from hipcoach.core.model import Demands, Exercise, Movement

STEP_FIELDS: Final = ("move_step", "hold_step", "return_step")
WORD_FIELDS: Final = ("move_word", "return_word")
MOVEMENT_FIELDS: Final = (*STEP_FIELDS, *WORD_FIELDS, "demands")
DEMAND_FLAGS: Final = ("crosses_middle", "turns_in", "turns_out", "extends", "kneels", "floor")
MOST_HIP_BEND: Final = 120
"""The normal range of hip flexion (AAOS, core/figure/ranges.py): no exercise asks more of a hip."""
MOST_WORD_CHARACTERS: Final = 20
"""A beat's word is said in the second a half of a repetition takes: one or two short words ("Knee out")."""
MOST_STEPS: Final = 10
"""The most steps an exercise file may list (exercises.py reads them with this limit)."""


def attach(reader: Reader, document: Mapping[str, object], exercise: Exercise, *, parts_read: bool) -> Exercise:
    """``exercise`` with the movement its file declares; every problem is noted on ``reader`` naming the field.

    ``parts_read`` is False when another part of the file already had a problem: the steps and the dose are then
    stand-ins, so the step numbers are checked only against the most steps a file may have, and a hold step is not
    checked against the dose (the file's own mistakes are listed, not ones made up from a stand-in)."""
    where: Where = ("movement",)
    if "movement" not in document:
        missing = reader.problem(
            (), "the exercise's [movement] table is missing: add a line [movement] with move_step = <step number>"
        )
        missing.field = "movement"
        raise missing
    raw = document["movement"]
    if not isinstance(raw, dict):
        raise reader.error(where, "must be a table: a line [movement] with move_step = <step number> under it")
    table = reader.table(raw, where)
    reader.check_keys(table, where, (*MOVEMENT_FIELDS, "figure"))  # the figure: content/figure.py
    reader.require(table, where, "move_step")
    count = len(exercise.steps) if parts_read else MOST_STEPS
    steps = {name: reader.integer(table[name], (*where, name), 1, count) for name in STEP_FIELDS if name in table}
    if parts_read and "hold_step" in steps and exercise.dose.hold_seconds is None:
        raise reader.problem(
            (*where, "hold_step"),
            "movement.hold_step is set, but this exercise has no hold: its dose has no hold_seconds",
        )
    words = _words(reader, table, where, exercise)
    demands = reader.attempt(lambda: _demands(reader, table, where), None)
    figure = attach_figure(reader, table, exercise)
    default = Movement()
    return replace(
        exercise,
        movement=Movement(
            move_step=steps["move_step"],
            hold_step=steps.get("hold_step"),
            return_step=steps.get("return_step"),
            move_word=words.get("move_word", default.move_word),
            return_word=words.get("return_word", default.return_word),
            figure=figure,
            demands=demands,
        ),
    )


def _demands(reader: Reader, table: Mapping[str, object], where: Where) -> Demands:
    """What the movement asks of the hip, which the safety precautions after an operation are checked against
    (docs/safety.md). Required: an exercise that said nothing would pass every precaution unseen."""
    if "demands" not in table:
        missing = reader.problem(
            where,
            "demands is missing from the [movement] table: add a line like "
            "demands = { hip_bend = 60, floor = true } (docs/routine-format.md)",
        )
        missing.field = "movement.demands"
        raise missing
    at: Where = (*where, "demands")
    raw = table["demands"]
    if not isinstance(raw, dict):
        raise reader.error(at, f"must be a table like {{ hip_bend = 60, floor = true }} (got {show(raw)})")
    demands = reader.table(raw, at)
    reader.check_keys(demands, at, ("hip_bend", *DEMAND_FLAGS))
    hip_bend = reader.field(demands, at, "hip_bend", lambda value, key: reader.integer(value, key, 0, MOST_HIP_BEND))
    flags = {name: reader.optional(demands, at, name, reader.boolean, False) for name in DEMAND_FLAGS}
    return Demands(hip_bend=hip_bend, **flags)


def _words(reader: Reader, table: Mapping[str, object], where: Where, exercise: Exercise) -> dict[str, str]:
    """The words of the two halves of a repetition, where the voice paces reps or steps (the beats say them; without
    them a rep is "Up" and "Down"); refused elsewhere (a stretch or a machine has no beats to say them on)."""
    words: dict[str, str] = {}
    for name in WORD_FIELDS:
        if name not in table:
            continue
        if not exercise.kind.paced:
            raise reader.problem(
                (*where, name),
                f"movement.{name} is set, but a {exercise.kind.value} exercise has no repetitions to say it on",
            )
        word = reader.text(table[name], (*where, name))
        if len(word) > MOST_WORD_CHARACTERS:
            raise reader.error(
                (*where, name),
                f"must be one or two short words, at most {MOST_WORD_CHARACTERS} characters (got '{word}')",
            )
        words[name] = word
    return words
