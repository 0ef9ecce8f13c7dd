"""Reading one exercise file: its fields, its dose, its cues, its equipment and its ``[movement]`` table.

Each part is read through ``reader.attempt`` with a stand-in value, so that one bad part does not hide the problems
of the others; the stand-ins never leave :func:`load_exercise`, which raises every problem at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Final, TypeVar

from hipcoach.core.content import movement
from hipcoach.core.content.errors import Where
from hipcoach.core.content.reader import Reader, open_document, show
from hipcoach.core.model import (
    Area,
    Cues,
    Dose,
    DoseValue,
    Equipment,
    Exercise,
    Kind,
    Position,
    SideKind,
    Tempo,
    VariantLink,
)

DOSE_LIMITS: Final[Mapping[str, tuple[int, int]]] = {
    "reps": (1, 100),
    "steps": (1, 100),
    "sets": (1, 10),
    "hold_seconds": (1, 300),
    "minutes": (1, 120),
}
TEMPO_LIMITS: Final = (0.5, 10.0)
NUMBER_LIMITS: Final = (1, 99)
SIDE_WORDS: Final = ("side", "leg", "direction")

_EXERCISE_FIELDS: Final = (
    "id",
    "number",
    "name",
    "benefit",
    "position",
    "area",
    "kind",
    "per_side",
    "side_word",
    "side_kind",
    "warm_up",
    "equipment",
    "steps",
    "dose",
    "cues",
    "movement",  # read by movement.py
    "variants",  # the easier and harder versions; a version's own file has none (catalogue.py)
)
_DOSE_FIELDS: Final = ("reps", "steps", "hold_seconds", "minutes", "sets", "tempo")
_DOSE_VALUE_FIELDS: Final = ("value", "low", "high", "ours")
_TEMPO_FIELDS: Final = ("up", "down", "ours")
_CUES_FIELDS: Final = ("start", "form", "safety")
_VARIANT_FIELDS: Final = ("easier", "harder")
_LINK_FIELDS: Final = ("id", "reason")

_ID_RE: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_T = TypeVar("_T")


def dose_of(values: Mapping[str, DoseValue | None], tempo: Tempo, tempo_ours: bool) -> Dose:
    """A dose from its numbers by field name (``sets`` always among them): the exercise's and a routine's."""
    sets = values["sets"]
    assert sets is not None  # read or required before any dose is made
    return Dose(
        sets=sets,
        reps=values.get("reps"),
        steps=values.get("steps"),
        hold_seconds=values.get("hold_seconds"),
        minutes=values.get("minutes"),
        tempo=tempo,
        tempo_ours=tempo_ours,
    )


def _dose_value(reader: Reader, raw: object, where: Where, name: str) -> DoseValue:
    """A bare number is the article's; a table can keep the article's range and say when the number is ours."""
    low_limit, high_limit = DOSE_LIMITS[name]
    within = partial(reader.integer, low=low_limit, high=high_limit)
    if not isinstance(raw, dict):
        return DoseValue(value=within(raw, where))
    table = reader.table(raw, where)
    reader.check_keys(table, where, _DOSE_VALUE_FIELDS)
    value = reader.field(table, where, "value", within)
    low: int | None = reader.optional(table, where, "low", within, None)
    high: int | None = reader.optional(table, where, "high", within, None)
    ours = reader.optional(table, where, "ours", reader.boolean, False)
    if low is not None and value < low:
        raise reader.error((*where, "value"), f"must not be below low ({value} < {low})")
    if high is not None and value > high:
        raise reader.error((*where, "value"), f"must not be above high ({value} > {high})")
    return DoseValue(value=value, low=low, high=high, ours=ours)


def _tempo(reader: Reader, raw: object, where: Where) -> tuple[Tempo, bool]:
    table = reader.table(raw, where)
    reader.check_keys(table, where, _TEMPO_FIELDS)
    seconds = partial(reader.number, low=TEMPO_LIMITS[0], high=TEMPO_LIMITS[1])
    up = reader.field(table, where, "up", seconds)
    down = reader.field(table, where, "down", seconds)
    ours = reader.optional(table, where, "ours", reader.boolean, False)
    return Tempo(up=up, down=down), ours


def _allowed_dose_fields(kind: Kind) -> tuple[str, ...]:
    """The dose fields that mean something for ``kind``; anything else in a file is a mistake worth reporting. A
    paced kind may add a hold at the top of each repetition and its tempo."""
    extra = ("hold_seconds", "tempo") if kind.paced else ()
    return (kind.dose_field, "sets", *extra)


def _dose(reader: Reader, raw: object, where: Where, kind: Kind) -> Dose:
    table = reader.table(raw, where)
    reader.check_keys(table, where, _DOSE_FIELDS)
    allowed = _allowed_dose_fields(kind)
    for key in table:
        if key not in allowed and key in _DOSE_FIELDS:
            predicate = f"does not apply to a {kind.value} exercise (it takes {', '.join(allowed)})"
            reader.problems.append(reader.error((*where, key), predicate))
    reader.require(table, where, kind.dose_field)
    reader.require(table, where, "sets")
    values = {
        name: reader.attempt(partial(_dose_value, reader, table[name], (*where, name), name), DoseValue(1))
        for name in DOSE_LIMITS
        if name in table
    }
    tempo, tempo_ours = reader.attempt(
        lambda: reader.optional(table, where, "tempo", partial(_tempo, reader), (Tempo(), True)), (Tempo(), True)
    )
    return dose_of(values, tempo, tempo_ours)


def _cues(reader: Reader, raw: object, where: Where) -> Cues:
    table = reader.table(raw, where)
    reader.check_keys(table, where, _CUES_FIELDS)
    start = reader.field(table, where, "start", reader.text)
    form: tuple[str, ...] = reader.optional(table, where, "form", partial(reader.texts, low=0, high=3), ())
    safety: tuple[str, ...] = reader.optional(table, where, "safety", partial(reader.texts, low=0, high=2), ())
    return Cues(start=start, form=form, safety=safety)


def _equipment(reader: Reader, raw: object, where: Where) -> tuple[Equipment, ...]:
    if not isinstance(raw, list):
        raise reader.error(where, f'must be a list like ["mat", "chair"] (got {show(raw)})')
    options = [item.value for item in Equipment]
    items: list[Equipment] = []
    for i, item in enumerate(raw):
        equipment = Equipment(reader.choice(item, (*where, i), options))
        if equipment in items:
            raise reader.problem((*where, i), f"'{equipment.value}' is listed twice in equipment")
        items.append(equipment)
    return tuple(items)


def _side_kind(reader: Reader, doc: Mapping[str, object], *, per_side: bool) -> str:
    """How a side is named on the body, so the voice can say which side to lie or stand on (without it: "Your left
    leg moves."); one done on both sides at once has no side to name."""
    options = [kind.value for kind in SideKind]
    if not per_side and "side_kind" in doc:
        raise reader.problem(("side_kind",), "side_kind is set, but this exercise is not done one side at a time")
    return reader.optional(doc, (), "side_kind", partial(reader.choice, options=options), SideKind.LEG.value)


def _link(reader: Reader, raw: object, where: Where, own_id: str) -> VariantLink:
    if not isinstance(raw, dict):
        raise reader.error(where, f'must be a table like {{ id = "half-bridge", reason = "..." }} (got {show(raw)})')
    table = reader.table(raw, where)
    reader.check_keys(table, where, _LINK_FIELDS)
    target = reader.attempt(lambda: reader.field(table, where, "id", partial(_id_text, reader)), "")
    reason = reader.field(table, where, "reason", reader.text)
    if target == own_id:
        raise reader.error((*where, "id"), f"names this exercise itself ('{own_id}'); name another exercise")
    return VariantLink(id=target, reason=reason)


def _variants(reader: Reader, raw: object, where: Where, own_id: str) -> tuple[VariantLink | None, VariantLink | None]:
    """The ``[variants]`` table: which exercise is this one's easier version and which its harder, each with the one
    line the chooser shows. The ids are checked against the other files by the catalogue (catalogue.py)."""
    if not isinstance(raw, dict):
        raise reader.error(where, 'must be a table: a line [variants] with easier = { id = "...", reason = "..." }')
    table = reader.table(raw, where)
    reader.check_keys(table, where, _VARIANT_FIELDS)
    easier = reader.attempt(
        lambda: reader.optional(table, where, "easier", partial(_link, reader, own_id=own_id), None), None
    )
    harder = reader.attempt(
        lambda: reader.optional(table, where, "harder", partial(_link, reader, own_id=own_id), None), None
    )
    if easier is not None and harder is not None and easier.id == harder.id:
        raise reader.error((*where, "harder", "id"), f"names the same exercise as the easier version ('{easier.id}')")
    return easier, harder


def _id_text(reader: Reader, raw: object, where: Where) -> str:
    exercise_id = reader.text(raw, where)
    if not _ID_RE.match(exercise_id):
        raise reader.error(
            where, f"must be lowercase words joined by hyphens, like 'single-leg-bridge' (got '{exercise_id}')"
        )
    return exercise_id


def _exercise_id(reader: Reader, raw: object, where: Where, path: Path) -> str:
    exercise_id = _id_text(reader, raw, where)
    if exercise_id != path.stem:
        raise reader.error(where, f"must equal the file name '{path.stem}' (got '{exercise_id}')")
    return exercise_id


def load_exercise(path: Path, *, version: bool = False) -> Exercise:
    """Read one exercise file; its id must equal the file name so that routines can refer to it unambiguously.

    ``version`` reads the file of an easier or harder version (``exercises/variants/``): the same keys, but no
    ``[variants]`` table, because a version's own versions would make the progression a chain with no end.

    Each part is read through ``reader.attempt`` with a stand-in value, so that one bad part does not hide the
    problems of the others; ``reader.finish()`` then raises them all, and the stand-ins are never seen.
    """
    reader, doc = open_document(path, "exercise")
    reader.check_keys(doc, (), _EXERCISE_FIELDS)

    def required(key: str, read: Callable[[object, Where], _T], fallback: _T) -> _T:
        return reader.attempt(lambda: reader.field(doc, (), key, read), fallback)

    def optional(key: str, read: Callable[[object, Where], _T], default: _T) -> _T:
        return reader.attempt(lambda: reader.optional(doc, (), key, read, default), default)

    exercise_id = required("id", partial(_exercise_id, reader, path=path), path.stem)
    kind = Kind(required("kind", partial(reader.choice, options=[k.value for k in Kind]), "reps"))
    position = Position(required("position", partial(reader.choice, options=[p.value for p in Position]), "back"))
    area = Area(required("area", partial(reader.choice, options=[a.value for a in Area]), Area.STRETCH.value))
    per_side = required("per_side", reader.boolean, False)
    side_word = optional("side_word", partial(reader.choice, options=SIDE_WORDS), "side")
    side_kind = SideKind(reader.attempt(lambda: _side_kind(reader, doc, per_side=per_side), SideKind.LEG.value))
    warm_up = optional("warm_up", reader.boolean, False)
    name = required("name", reader.text, "")
    number = required("number", partial(reader.integer, low=NUMBER_LIMITS[0], high=NUMBER_LIMITS[1]), 1)
    benefit = required("benefit", reader.text, "")
    steps: tuple[str, ...] = required("steps", partial(reader.texts, low=1, high=movement.MOST_STEPS), ())
    dose = required("dose", partial(_dose, reader, kind=kind), Dose(sets=DoseValue(1)))
    equipment: tuple[Equipment, ...] = optional("equipment", partial(_equipment, reader), ())
    cues = required("cues", partial(_cues, reader), Cues(start=""))
    if version and "variants" in doc:
        reader.problems.append(
            reader.problem(
                ("variants",),
                "a version of an exercise has no [variants] table of its own: its base exercise's file names it",
            )
        )
    no_links: tuple[VariantLink | None, VariantLink | None] = (None, None)
    easier, harder = optional("variants", partial(_variants, reader, own_id=exercise_id), no_links)
    exercise = Exercise(
        id=exercise_id,
        name=name,
        number=number,
        benefit=benefit,
        position=position,
        kind=kind,
        per_side=per_side,
        steps=steps,
        dose=dose,
        equipment=equipment,
        cues=cues,
        side_word=side_word,
        side_kind=side_kind,
        warm_up=warm_up,
        area=area,
        easier=easier,
        harder=harder,
    )
    parts_read = not reader.problems
    exercise = reader.attempt(lambda: movement.attach(reader, doc, exercise, parts_read=parts_read), exercise)
    reader.finish()  # after every part is read, so a part added to the call above is checked too
    return exercise
