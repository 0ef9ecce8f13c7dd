"""Reading one routine file against the exercise catalogue: its fields, its entries and their dose overrides.

A routine entry carries its dose with the routine's overrides already applied, so nothing later needs to know where
a number came from; an override the plan would silently ignore (reps on a stretch) is refused here instead. An
entry's ``version`` ("easier" or "harder") runs that version of the exercise it names, as the progression would.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Final

from hipcoach.core.content.errors import Where
from hipcoach.core.content.exercises import DOSE_LIMITS, dose_of
from hipcoach.core.content.reader import Reader, open_document, show, suggest
from hipcoach.core.model import Dose, DoseValue, Entry, Exercise, Level, Routine, Side

MAX_ENTRIES: Final = 60
VERSIONS: Final = (Level.EASIER.value, Level.HARDER.value)
"""The values of an entry's ``version``; left out, the entry runs the exercise as the article has it."""

Versions = Callable[[], Mapping[str, Exercise]]
"""Gives the exercises and their versions when a routine names a version its catalogue lacks: reading the versions'
files is slow, so it is asked only then (``catalogue.load_routine`` passes the shipped ones)."""
REST_LIMITS: Final = (0, 600)

_ROUTINE_FIELDS: Final = ("id", "name", "description", "rest_between_sets", "rest_between_exercises", "exercise")
_ENTRY_FIELDS: Final = (
    "id",
    "version",
    "reps",
    "sets",
    "hold_seconds",
    "minutes",
    "steps",
    "first_side",
    "only_side",
    "pin",
)
_OVERRIDES: Final = ("reps", "steps", "hold_seconds", "minutes", "sets")
"""The dose numbers an entry may change, in the order the exercise's kind names what it takes."""


def _override(reader: Reader, entry: Mapping[str, object], where: Where, exercise: Exercise) -> Dose:
    """Apply a routine's dose overrides, refusing those the plan would silently ignore."""
    dose = exercise.dose
    values: dict[str, DoseValue | None] = {name: getattr(dose, name) for name in _OVERRIDES}
    takes = ", ".join(key for key, value in values.items() if value is not None)
    for name, base in list(values.items()):
        if name not in entry:
            continue
        if base is None:
            predicate = f"does not apply to '{exercise.id}' (a {exercise.kind.value} exercise; it takes {takes})"
            reader.problems.append(reader.error((*where, name), predicate))
            continue
        low, high = DOSE_LIMITS[name]
        number = reader.attempt(partial(reader.integer, entry[name], (*where, name), low, high), 0)
        values[name] = base.with_value(number) if number else base
    return dose_of(values, dose.tempo, dose.tempo_ours)


def _side(reader: Reader, entry: Mapping[str, object], where: Where, key: str, exercise: Exercise) -> Side | None:
    if key not in entry:
        return None
    if not exercise.per_side:
        raise reader.error((*where, key), f"does not apply to '{exercise.id}': it is not done one side at a time")
    return Side(reader.choice(entry[key], (*where, key), [s.value for s in Side]))


def _entry(
    reader: Reader, raw: object, index: int, catalogue: Mapping[str, Exercise], versions: Versions | None
) -> Entry | None:
    """One [[exercise]] block, or None when it cannot be read (its problems are noted on the reader)."""
    where: Where = ("exercise", index)
    if not isinstance(raw, dict):
        raise reader.error(where, f"must be an [[exercise]] table with an id (got {show(raw)})")
    entry = reader.table(raw, where)
    reader.check_keys(entry, where, _ENTRY_FIELDS)
    exercise_id = reader.field(entry, where, "id", reader.text)
    exercise = catalogue.get(exercise_id)
    if exercise is None:
        known = [key for key, known_exercise in catalogue.items() if known_exercise.variant_of is None]
        raise reader.problem(
            (*where, "id"), f"'{exercise_id}' is not an exercise hipcoach knows{suggest(exercise_id, known)}"
        )
    if exercise.variant_of is not None:
        predicate = (
            f"'{exercise_id}' is a version of '{exercise.variant_of}': write id = \"{exercise.variant_of}\" and "
            'version = "easier" or "harder"'
        )
        raise reader.problem((*where, "id"), predicate)
    version = partial(_version, reader, base=exercise, catalogue=catalogue, versions=versions)
    done = reader.attempt(lambda: reader.optional(entry, where, "version", version, exercise), exercise)
    dose = _override(reader, entry, where, done)
    first_side = reader.attempt(lambda: _side(reader, entry, where, "first_side", done), None)
    only_side = reader.attempt(lambda: _side(reader, entry, where, "only_side", done), None)
    # ``pin = true`` keeps this dose as written: the progression never changes it (docs/progression.md).
    pinned = reader.attempt(lambda: reader.optional(entry, where, "pin", reader.boolean, False), False)
    return Entry(
        exercise=done,
        dose=dose,
        first_side=first_side or Side.LEFT,
        only_side=only_side,
        variant_of=exercise.id if done is not exercise else None,
        pinned=pinned,
    )


def _version(
    reader: Reader,
    raw: object,
    where: Where,
    *,
    base: Exercise,
    catalogue: Mapping[str, Exercise],
    versions: Versions | None,
) -> Exercise:
    """The version ``version`` names: the exercise the base's link points at, from the catalogue when it holds the
    versions, else from ``versions``."""
    level = Level(reader.choice(raw, where, list(VERSIONS)))
    link = base.easier if level is Level.EASIER else base.harder
    if link is None:
        raise reader.error(where, f"'{base.id}' has no {level.value} version; leave version out")
    found = catalogue.get(link.id)
    if found is None and versions is not None:
        found = versions().get(link.id)
    if found is None:
        raise reader.error(where, f"the {level.value} version of '{base.id}' ('{link.id}') is not installed")
    return found


def load_routine(path: Path, catalogue: Mapping[str, Exercise], versions: Versions | None = None) -> Routine:
    """Read and check a routine file against the exercise catalogue (which may hold the versions too, as
    ``with_variants`` gives it; else an entry's ``version`` is looked up in ``versions()``).

    ``id`` may be left out (it defaults to the file name); when present it must equal the file name, so the id a
    user sees in messages and history always tells them which file to open.
    """
    reader, doc = open_document(path, "routine")
    reader.check_keys(doc, (), _ROUTINE_FIELDS)
    routine_id = path.stem
    reader.attempt(lambda: reader.optional(doc, (), "id", partial(_routine_id, reader, path=path), ""), "")
    name = reader.attempt(lambda: reader.field(doc, (), "name", reader.text), "")
    description = reader.attempt(
        lambda: reader.optional(doc, (), "description", partial(reader.text, one_line=False), ""), ""
    )
    rest = partial(reader.integer, low=REST_LIMITS[0], high=REST_LIMITS[1])
    rests = {
        key: reader.attempt(partial(reader.optional, doc, (), key, rest, default), default)
        for key, default in (("rest_between_sets", 20), ("rest_between_exercises", 10))
    }
    raw_entries: list[object] = reader.attempt(partial(_raw_entries, reader, doc), [])
    read = [
        reader.attempt(partial(_entry, reader, raw, i, catalogue, versions), None) for i, raw in enumerate(raw_entries)
    ]
    reader.finish()
    entries = tuple(entry for entry in read if entry is not None)
    return Routine(
        id=routine_id,
        name=name,
        description=description,
        entries=entries,
        rest_between_sets=rests["rest_between_sets"],
        rest_between_exercises=rests["rest_between_exercises"],
        source=str(path),
    )


def _routine_id(reader: Reader, raw: object, where: Where, path: Path) -> str:
    given = reader.text(raw, where)
    if given != path.stem:
        raise reader.error(where, f"must equal the file name '{path.stem}' (got '{given}'); or leave it out")
    return given


def _raw_entries(reader: Reader, doc: Mapping[str, object]) -> list[object]:
    raw_entries = doc.get("exercise")
    if raw_entries is None or raw_entries == []:
        error = reader.problem((), "the routine has no exercises; add at least one [[exercise]] with an id")
        error.field = "exercise"
        raise error
    if not isinstance(raw_entries, list):
        raise reader.error(("exercise",), "must be written as [[exercise]] tables, with double brackets")
    if len(raw_entries) > MAX_ENTRIES:
        raise reader.problem(
            ("exercise",), f"the routine has too many exercises ({len(raw_entries)}; the limit is {MAX_ENTRIES})"
        )
    return raw_entries
