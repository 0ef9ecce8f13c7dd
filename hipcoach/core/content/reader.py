"""Typed reading of a parsed document, with every problem said as a sentence about the field, on its line.

This is why the loaders check each value themselves instead of trusting ``tomllib``'s output: a person fixing a
routine needs "reps must be a whole number from 1 to 100 (got the text "ten"); write numbers without quotes" on
line 7, not a type error. The exercise, routine and movement readers all go through :class:`Reader`, so a message
reads the same whichever part of which file it is about.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Final, TypeVar

from hipcoach.core.content.errors import ContentError, Where
from hipcoach.core.content.source import Locator, parse, read_text

MAX_TEXT: Final = 300

_NAME_HINT: Final = ': add a line like name = "Evening stretch" at the top'
_ID_HINT: Final = ': add a line like id = "bridge" under [[exercise]]'

_T = TypeVar("_T")


def field_label(where: Where) -> str | None:
    """How a field is named to the user: ``("exercise", 2, "reps")`` -> ``reps``, ``("dose", "reps")`` -> ``dose.reps``.

    An array name followed by an index is dropped when more follows: the line number already says which entry.
    """
    names: list[str] = []
    for i, part in enumerate(where):
        if isinstance(part, int):
            continue
        followed_by_index = i + 1 < len(where) and isinstance(where[i + 1], int)
        if followed_by_index and i + 2 < len(where):
            continue
        names.append(part)
    return ".".join(names) if names else None


def show(value: object) -> str:
    """A value as the user wrote it, short enough to fit in one message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'the text "{shown}"'
    if isinstance(value, int | float):
        text = str(value)
        return text if len(text) <= 40 else text[:37] + "..."
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return "a date or time"


def suggest(word: str, options: Sequence[str]) -> str:
    import difflib  # noqa: PLC0415 - only a misspelling needs it

    meant = [option for option in _MEANT.get(word.casefold(), ()) if option in options]
    if not meant:
        meant = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if meant:
        quoted = " or ".join(f"'{option}'" for option in meant)
        return f"; did you mean {quoted}?"
    return f"; expected one of: {', '.join(options)}"


_MEANT: Final[Mapping[str, tuple[str, ...]]] = {
    "side": ("only_side", "first_side"),
    "sides": ("only_side", "first_side"),
    "leg": ("only_side", "first_side"),
    "start_side": ("first_side",),
    "starting_side": ("first_side",),
    "one_side": ("only_side",),
    "hold": ("hold_seconds",),
    "seconds": ("hold_seconds",),
    "hold_time": ("hold_seconds",),
    "duration": ("hold_seconds", "minutes"),
    "time": ("hold_seconds", "minutes"),
    "repetitions": ("reps",),
    "repeats": ("reps",),
    "rest": ("rest_between_sets", "rest_between_exercises"),
    "exercises": ("exercise",),
    "title": ("name",),
    "exercise": ("id",),
    "exercise_id": ("id",),
    "name": ("id",),
}
"""Words people write for a field that difflib would not match: ``side`` is meant as one of two fields."""


class Reader:
    """Typed access to a parsed document that reports problems against the file it came from.

    Problems are collected rather than raised one at a time where a file can go on being read: a person fixing a
    file wants every mistake at once. :meth:`attempt` reads one part and notes its problems; :meth:`finish` raises
    them all as one ContentError.
    """

    def __init__(self, path: Path, text: str, kind: str) -> None:
        self.path = path
        self.kind = kind  # "routine" or "exercise": the subject of messages about the whole file
        self.problems: list[ContentError] = []
        self._locator = Locator(text)

    def attempt(self, read: Callable[[], _T], fallback: _T) -> _T:
        """``read()``, or ``fallback`` with its problems noted; the fallback never leaves the package (finish)."""
        try:
            return read()
        except ContentError as exc:
            self.problems.extend(exc.problems)
            return fallback

    def finish(self) -> None:
        if self.problems:
            raise ContentError.of(self.problems)

    def subject(self, where: Where) -> str:
        """What a message is about: ``reps``, ``dose.tempo.up``, ``exercise 3``, ``item 2 of equipment``."""
        if not where:
            return f"the {self.kind}"
        last = where[-1]
        if isinstance(last, int):
            if where[:-1] == ("exercise",):
                return f"exercise {last + 1}"
            return f"item {last + 1} of {field_label(where[:-1])}"
        return field_label(where) or str(last)

    def error(self, where: Where, predicate: str) -> ContentError:
        """A problem of the field at ``where``: its name is the subject, ``predicate`` the rest of the sentence."""
        return self.problem(where, f"{self.subject(where)} {predicate}")

    def problem(self, where: Where, sentence: str) -> ContentError:
        """A problem at ``where`` said in a whole sentence."""
        return ContentError(self.path, sentence, line=self._locator.line_of(where), field=field_label(where))

    def check_keys(self, table: Mapping[str, object], where: Where, allowed: Sequence[str]) -> None:
        """Note every field that does not belong (reading goes on, so the others are checked too)."""
        for key in table:
            if key not in allowed:
                sentence = f"'{key}' is not a field hipcoach knows{suggest(key, allowed)}"
                self.problems.append(self.problem((*where, key), sentence))

    def require(self, table: Mapping[str, object], where: Where, key: str) -> object:
        if key not in table:
            # Point at the table that lacks the key; the field named is the missing one.
            if not where:
                hint = _NAME_HINT if (self.kind, key) == ("routine", "name") else ""
                sentence = f"the {self.kind}'s {key} is missing{hint}"
            elif where[0] == "exercise" and len(where) == 2:
                sentence = f"{self.subject(where)} has no {key}{_ID_HINT if key == 'id' else ''}"
            else:
                owner = f"the [{where[0]}] table" if len(where) == 1 else self.subject(where)
                sentence = f"{key} is missing from {owner}"
            error = self.problem(where, sentence)
            error.field = field_label((*where, key))
            raise error
        return table[key]

    def field(self, table: Mapping[str, object], where: Where, key: str, read: Callable[[object, Where], _T]) -> _T:
        """The field ``key`` of the table at ``where``, which must be there, read by ``read``."""
        return read(self.require(table, where, key), (*where, key))

    def optional(
        self, table: Mapping[str, object], where: Where, key: str, read: Callable[[object, Where], _T], default: _T
    ) -> _T:
        """The field ``key`` of the table at ``where`` read by ``read``, or ``default`` when the file leaves it out."""
        return read(table[key], (*where, key)) if key in table else default

    def table(self, value: object, where: Where) -> dict[str, object]:
        if not isinstance(value, dict):
            raise self.error(where, f"must be a table like {{ value = 10 }} (got {show(value)})")
        return {str(key): item for key, item in value.items()}

    def text(self, value: object, where: Where, *, one_line: bool = True) -> str:
        if not isinstance(value, str):
            raise self.error(where, f"must be text in quotes (got {show(value)})")
        stripped = value.strip()
        if not stripped:
            raise self.error(where, "must not be empty")
        if len(stripped) > MAX_TEXT:
            raise self.error(where, f"is too long ({len(stripped)} characters; the limit is {MAX_TEXT})")
        if one_line and "\n" in stripped:
            raise self.error(where, "must fit on one line")
        return stripped

    def integer(self, value: object, where: Where, low: int, high: int) -> int:
        expected = f"must be a whole number from {low} to {high}"
        if isinstance(value, bool) or not isinstance(value, int):
            hint = "; write numbers without quotes" if isinstance(value, str) else ""
            raise self.error(where, f"{expected} (got {show(value)}){hint}")
        if not low <= value <= high:
            raise self.error(where, f"{expected} (got {show(value)})")
        return value

    def number(self, value: object, where: Where, low: float, high: float) -> float:
        expected = f"must be a number of seconds from {low:g} to {high:g}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(where, f"{expected} (got {show(value)})")
        if not low <= value <= high:  # also false for nan
            raise self.error(where, f"{expected} (got {show(value)})")
        return float(value)

    def boolean(self, value: object, where: Where) -> bool:
        if not isinstance(value, bool):
            raise self.error(where, f"must be true or false (got {show(value)})")
        return value

    def choice(self, value: object, where: Where, options: Sequence[str]) -> str:
        if not isinstance(value, str):
            raise self.error(where, f"must be one of: {', '.join(options)} (got {show(value)})")
        if value not in options:
            raise self.error(where, f"cannot be '{value}'{suggest(value, options)}")
        return value

    def texts(self, value: object, where: Where, *, low: int, high: int) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.error(where, f'must be a list of texts like ["...", "..."] (got {show(value)})')
        if not low <= len(value) <= high:
            raise self.error(where, f"must hold from {low} to {high} items (got {len(value)})")
        return tuple(self.text(item, (*where, i)) for i, item in enumerate(value))


def open_document(path: Path, kind: str) -> tuple[Reader, dict[str, object]]:
    """A reader for the file at ``path`` and the document it holds; ``kind`` ("routine", "exercise") is the
    subject of messages about the whole file."""
    text = read_text(path)
    if not text.strip():
        raise ContentError(path, "the file is empty")
    document = parse(path, text)
    return Reader(path, text, kind), document
