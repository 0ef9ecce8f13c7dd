"""The text of a routine file for a draft: the user's own file edited in place, or a new one.

People write routine files by hand and keep notes in them, so saving from the editor must not throw those away.
tomlkit edits one key without touching the rest of its line, but it files a comment above an ``[[exercise]]``
line under the table before it, and adds a new key after it. So the file is cut into its head (the routine's own
keys) and one piece per ``[[exercise]]`` table, tomlkit edits each piece on its own, and the pieces are put back in
the draft's order. The comment and blank lines between a table's last key and the next ``[[exercise]]`` line go
with that next table: a note above an exercise moves with it. Those after the last table stay at the end. A
removed table takes its comments with it.

Whatever goes wrong in the cutting (a file tomlkit or the cutting cannot follow), the result is checked against
what the draft asks, and a new file is written instead: the draft is never saved wrong.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from typing import Final

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import Item

from hipcoach.core.model import Exercise, Level, Side
from hipcoach.core.routine_edit.draft import (
    DOSE_FIELDS,
    REST_BETWEEN_EXERCISES,
    REST_BETWEEN_SETS,
    DraftEntry,
    RoutineDraft,
    done_exercise,
    fields_of,
)

HEADER: Final = (
    "# A hipcoach routine (the format: routine-format.md in hipcoach's docs). You may edit it by hand:\n"
    "# hipcoach keeps your comments when it saves the routine.\n"
)
_TABLE: Final = re.compile(r"^[ \t]*\[\[[ \t]*exercise[ \t]*\]\]")
_ENTRY_KEYS: Final = ("id", "version", *DOSE_FIELDS, "first_side", "only_side", "pin")
_KEEP_WHEN_EQUAL: Final[Mapping[str, object]] = {"first_side": Side.LEFT.value, "pin": False}
"""Keys a file may write with the value that is also the default: left as written when the draft has the default."""
_RESTS: Final = {"rest_between_sets": REST_BETWEEN_SETS, "rest_between_exercises": REST_BETWEEN_EXERCISES}

Values = dict[str, object]


def routine_text(draft: RoutineDraft, exercises: Mapping[str, Exercise], source: str | None) -> str:
    """The file for ``draft``: ``source`` (the text of the user's file) edited in place, or a new file when it is
    None or cannot be followed. Raises KeyError for an exercise ``exercises`` does not know."""
    head = _head_values(draft)
    entries = [_entry_values(entry, exercises) for entry in draft.entries]
    if source is not None:
        try:
            edited = _edit(source, head, entries)
        except (TOMLKitError, ValueError, KeyError):
            edited = None
        if edited is not None and _means(edited) == _normal(head, entries):
            return edited
    return _new_file(head, entries)


def _head_values(draft: RoutineDraft) -> Values:
    description = draft.description.strip()
    values: Values = {"name": draft.name.strip()}
    if description:
        values["description"] = description
    values.update(rest_between_sets=draft.rest_between_sets, rest_between_exercises=draft.rest_between_exercises)
    return values


def _entry_values(entry: DraftEntry, exercises: Mapping[str, Exercise]) -> Values:
    """The keys the entry's table holds, in the order a new table writes them; only what the exercise takes."""
    done = done_exercise(entry, exercises)
    values: Values = {"id": entry.exercise_id}
    if entry.level is not Level.BASE:
        values["version"] = entry.level.value
    taken = fields_of(done)
    values.update((field, entry.override(field)) for field in DOSE_FIELDS if field in taken)
    values = {key: value for key, value in values.items() if value is not None}
    if done.per_side and entry.first_side is not Side.LEFT:
        values["first_side"] = entry.first_side.value
    if done.per_side and entry.only_side is not None:
        values["only_side"] = entry.only_side.value
    if entry.pinned:
        values["pin"] = True
    return values


def _new_file(head: Values, entries: list[Values]) -> str:
    top = tomlkit.document()
    for key, value in head.items():
        top[key] = _item(value)
    tables = "".join(f"\n[[exercise]]\n{tomlkit.dumps(entry)}" for entry in entries)
    return f"{HEADER}\n{top.as_string()}{tables}"


def _item(value: object) -> Item:
    """A long description as a multi-line string, so the file stays readable by hand."""
    if isinstance(value, str) and "\n" in value:
        return tomlkit.string(value, multiline=True)
    return tomlkit.item(value)


# --- editing the user's file ---------------------------------------------------------------------------------------


def _edit(source: str, head: Values, entries: list[Values]) -> str:
    lines = source.splitlines(keepends=True)
    starts = [index for index, line in enumerate(lines) if _TABLE.match(line)]
    head_lines, lead = _split_tail(lines[: starts[0]] if starts else lines)
    pieces: list[tuple[list[str], list[str], str]] = []  # (lines above the table, the table, its exercise id)
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        table, after = _split_tail(lines[start:end])
        body = tomlkit.parse("".join(_ended(table[1:])))
        pieces.append((lead, table, str(body.get("id", ""))))
        lead = after
    text = _edited_keys("".join(_ended(head_lines)), head, _RESTS)
    unused = list(range(len(pieces)))
    for values in entries:
        match = next((index for index in unused if pieces[index][2] == values["id"]), None)
        if match is None:
            text += "\n[[exercise]]\n" + tomlkit.dumps(values)
            continue
        unused.remove(match)
        above, table, _id = pieces[match]
        text += "".join(above) + table[0] + _edited_keys("".join(_ended(table[1:])), values, _KEEP_WHEN_EQUAL)
    return text + "".join(lead)  # what follows the last table stays at the end


def _edited_keys(text: str, wanted: Values, defaults: Mapping[str, object]) -> str:
    """``text`` (a table's keys) with each key set to ``wanted``'s value; a key left as it is when its value is
    already that (its layout and comment stay), removed when ``wanted`` lacks it, unless it holds the default. The
    routine's ``id`` is not among the keys changed: it equals the file's name, which an edit in place keeps."""
    doc = tomlkit.parse(text)
    managed = _ENTRY_KEYS if "name" not in wanted else ("name", "description", *_RESTS)
    for key in managed:
        current = _plain(doc.get(key)) if key in doc else None
        if key in wanted:
            value = wanted[key]
            if key not in doc and defaults.get(key, object()) == value:
                continue  # a default the file leaves out stays out
            if current != value or key not in doc:
                doc[key] = _item(value)
        elif key in doc and defaults.get(key, object()) != current:
            del doc[key]
    return doc.as_string()


def _plain(value: object) -> object:
    unwrap = getattr(value, "unwrap", None)
    return unwrap() if callable(unwrap) else value


def _split_tail(lines: list[str]) -> tuple[list[str], list[str]]:
    """``lines`` without, then with only, their last blank and comment lines."""
    end = len(lines)
    while end > 0 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return lines[:end], lines[end:]


def _ended(lines: list[str]) -> list[str]:
    if lines and not lines[-1].endswith("\n"):
        return [*lines[:-1], lines[-1] + "\n"]
    return lines


# --- checking what the text means ----------------------------------------------------------------------------------


def _means(text: str) -> object:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None
    raw_entries = data.get("exercise", [])
    if not isinstance(raw_entries, list) or not all(isinstance(entry, dict) for entry in raw_entries):
        return None
    head = {key: data[key] for key in ("name", "description", *_RESTS) if key in data}
    return _normal(head, raw_entries)


def _normal(head: Values, entries: list[Values]) -> object:
    """What a routine file says, without the keys that only repeat a default."""
    top = {key: value for key, value in head.items() if _RESTS.get(key, object()) != value}
    rows = [
        {key: value for key, value in entry.items() if _KEEP_WHEN_EQUAL.get(key, object()) != value}
        for entry in entries
    ]
    return top, rows
