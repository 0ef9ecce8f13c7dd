"""Loading and validating exercise and routine files.

Routine files are written by hand, often by people who have never seen TOML, so every problem has to end up as one
message that says which file, which line and which field is wrong and how to fix it. That is why this module checks
each value itself instead of trusting ``tomllib``'s output, and why nothing but :class:`ContentError` may leave
:func:`load_exercise` or :func:`load_routine`, whatever bytes the file holds.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Final, TypeVar

from hipcoach.core import movement, paths, safe_read
from hipcoach.core.model import (
    Cues,
    Dose,
    DoseValue,
    Entry,
    Equipment,
    Exercise,
    Kind,
    Position,
    Routine,
    Side,
    Tempo,
)
from hipcoach.core.toml_errors import plain_reason

MAX_FILE_BYTES: Final = safe_read.MAX_TOML_BYTES
"""Refused before parsing: no honest routine is this big, and a huge file would stall the start-up scan."""

MAX_ENTRIES: Final = 60
MAX_TEXT: Final = 300

DOSE_LIMITS: Final[Mapping[str, tuple[int, int]]] = {
    "reps": (1, 100),
    "steps": (1, 100),
    "sets": (1, 10),
    "hold_seconds": (1, 300),
    "minutes": (1, 120),
}
REST_LIMITS: Final = (0, 600)
TEMPO_LIMITS: Final = (0.5, 10.0)
NUMBER_LIMITS: Final = (1, 99)

BUILTIN_ORDER: Final = ("gentle-mobility", "strength", "stretching", "full")
SIDE_WORDS: Final = ("side", "leg", "direction")

_EXERCISE_FIELDS: Final = (
    "id",
    "number",
    "name",
    "benefit",
    "position",
    "kind",
    "per_side",
    "side_word",
    "equipment",
    "steps",
    "dose",
    "cues",
    "movement",  # read by hipcoach.core.movement
)
_DOSE_FIELDS: Final = ("reps", "steps", "hold_seconds", "minutes", "sets", "tempo")
_DOSE_VALUE_FIELDS: Final = ("value", "low", "high", "ours")
_TEMPO_FIELDS: Final = ("up", "down", "ours")
_CUES_FIELDS: Final = ("start", "form")
_ROUTINE_FIELDS: Final = ("id", "name", "description", "rest_between_sets", "rest_between_exercises", "exercise")
_ENTRY_FIELDS: Final = ("id", "reps", "sets", "hold_seconds", "minutes", "steps", "first_side", "only_side")

_REQUIRED_BY_KIND: Final[Mapping[Kind, str]] = {
    Kind.REPS: "reps",
    Kind.STEPS: "steps",
    Kind.HOLD: "hold_seconds",
    Kind.CARDIO: "minutes",
}
# Dose fields that mean something for each kind; anything else in a file is a mistake worth reporting.
_ALLOWED_BY_KIND: Final[Mapping[Kind, tuple[str, ...]]] = {
    Kind.REPS: ("reps", "sets", "hold_seconds", "tempo"),
    Kind.STEPS: ("steps", "sets", "hold_seconds", "tempo"),
    Kind.HOLD: ("hold_seconds", "sets"),
    Kind.CARDIO: ("minutes", "sets"),
}

_ID_RE: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_NAME_HINT: Final = ': add a line like name = "Evening stretch" at the top'
_ID_HINT: Final = ': add a line like id = "bridge" under [[exercise]]'

_T = TypeVar("_T")

Where = tuple[str | int, ...]
"""A path into the parsed document, e.g. ``("exercise", 2, "reps")`` or ``("dose", "reps", "low")``."""


class ContentError(Exception):
    """Every problem of one file. Each names the file and the line (when known) and says, in a sentence with its
    own subject, what is wrong; ``field`` keeps the field's name for programs. The error's own message, line and
    field are its first problem's, so code that shows one problem still shows the first."""

    def __init__(
        self,
        path: Path,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
        more: Sequence[ContentError] = (),
    ) -> None:
        super().__init__(path, message)
        self.path = path
        self.message = message
        self.line = line
        self.field = field
        self._more = tuple(more)

    @classmethod
    def of(cls, problems: Sequence[ContentError]) -> ContentError:
        """One error listing ``problems`` in the order of the file, those about the whole file first."""
        ordered = sorted(
            (single for problem in problems for single in problem.problems),
            key=lambda problem: (problem.line is not None, problem.line or 0),
        )
        first = ordered[0]
        return cls(first.path, first.message, line=first.line, field=first.field, more=ordered[1:])

    @property
    def problems(self) -> tuple[ContentError, ...]:
        """Each problem as an error of its own."""
        first = ContentError(self.path, self.message, line=self.line, field=self.field)
        return (first, *self._more)

    @property
    def at(self) -> str:
        """``, line 7`` when the line is known: what follows the file's name."""
        return "" if self.line is None else f", line {self.line}"

    def __str__(self) -> str:
        name = self.path.name or str(self.path)
        return "\n".join(f"{name}{problem.at}: {problem.message}" for problem in self.problems)


# --------------------------------------------------------------------------------------------------------------
# Reading the file


def _read_text(path: Path) -> str:
    """Read a file as text, turning every way it can fail into a ContentError before the parser sees it."""
    try:
        data = safe_read.read_bytes(path, MAX_FILE_BYTES)
    except FileNotFoundError as exc:
        raise ContentError(path, "the file does not exist") from exc
    except safe_read.UnreadableFile as exc:
        raise ContentError(path, exc.reason) from exc
    if b"\x00" in data:
        raise ContentError(path, "the file is not text: it contains binary data (save it as UTF-8 text)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ContentError(path, "the file is not UTF-8 text: save it as UTF-8 text", line=line) from exc
    return text.removeprefix("\ufeff")  # Windows editors like to add a byte-order mark


_DECODE_POSITION: Final = re.compile(r"\(at line (\d+), column (\d+)\)")


def _parse(path: Path, text: str) -> dict[str, object]:
    # Measured first: tomllib takes quadratic time on a long dotted key and recurses once per nested bracket.
    depth = safe_read.toml_depth(text)
    if depth > safe_read.MAX_TOML_DEPTH:
        limit = safe_read.MAX_TOML_DEPTH
        raise ContentError(path, f"the file nests keys or brackets too deeply ({depth} levels; the limit is {limit})")
    try:
        return dict(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raw = str(exc)
        found = _DECODE_POSITION.search(raw)
        line: int | None
        if found is not None:
            line = int(found.group(1))
        elif "end of document" in raw:
            line = text.count("\n") + 1
        else:
            line = None
        reason = plain_reason(_DECODE_POSITION.sub("", raw).replace("(at end of document)", "").strip())
        where = f"at column {found.group(2)}" if found is not None else "at the end of the file"
        raise ContentError(path, f"this line is not valid TOML {where}: {reason}", line=line) from exc
    except (ValueError, RecursionError, MemoryError) as exc:
        # tomllib lets these through for absurd input: 5000-digit numbers, brackets nested thousands deep.
        reason = "brackets nested too deeply" if isinstance(exc, RecursionError) else "a number is far too long"
        raise ContentError(path, f"the file is not valid TOML: {reason}") from exc


# --------------------------------------------------------------------------------------------------------------
# Finding line numbers

_KEY_PART: Final = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED: Final = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_ARRAY_HEADER: Final = re.compile(rf"^\s*\[\[\s*({_DOTTED})\s*\]\]")
_TABLE_HEADER: Final = re.compile(rf"^\s*\[\s*({_DOTTED})\s*\]")
_KEY_LINE: Final = re.compile(rf"^\s*({_DOTTED})\s*=")
_PART: Final = re.compile(_KEY_PART)
_STRING_OR_COMMENT: Final = re.compile(r""""(?:[^"\\]|\\.)*"|'[^']*'|#.*""")


def _bracket_balance(line: str) -> int:
    """Opened minus closed square brackets outside strings and comments, to follow multi-line arrays."""
    bare = _STRING_OR_COMMENT.sub("", line)
    return bare.count("[") - bare.count("]")


def _split_key(dotted: str) -> tuple[str, ...]:
    return tuple(part[1:-1] if part[0] in "\"'" else part for part in _PART.findall(dotted))


class _Locator:
    """Line numbers for keys and tables, found by scanning the source, because tomllib keeps none.

    It is a line-based approximation of TOML, good enough for hand-written files: headers, ``key =`` lines, dotted
    keys and ``[[array]]`` occurrences are recorded; lines inside multi-line strings are skipped.
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[Where, int] = {}
        arrays: dict[tuple[str, ...], int] = {}
        table: Where = ()
        in_string: str | None = None
        depth = 0  # open brackets of a value array spread over several lines
        for number, line in enumerate(text.split("\n"), start=1):
            if in_string is not None:
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            if depth > 0:
                depth = max(0, depth + _bracket_balance(line))
                continue
            if match := _ARRAY_HEADER.match(line):
                name = _split_key(match.group(1))
                table = (*self._resolve(name[:-1], arrays), name[-1], arrays.get(name, 0))
                arrays[name] = arrays.get(name, 0) + 1
                self._lines.setdefault(table, number)
            elif match := _TABLE_HEADER.match(line):
                table = self._resolve(_split_key(match.group(1)), arrays)
                self._lines.setdefault(table, number)
            elif match := _KEY_LINE.match(line):
                self._lines.setdefault(table + _split_key(match.group(1)), number)
                depth = max(0, _bracket_balance(line[match.end() :]))
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    in_string = quote
                    depth = 0
                    break

    @staticmethod
    def _resolve(parts: tuple[str, ...], arrays: Mapping[tuple[str, ...], int]) -> Where:
        """Put the current index after every array-of-tables name, so ``[exercise.x]`` lands in the last one."""
        resolved: list[str | int] = []
        for i, part in enumerate(parts):
            resolved.append(part)
            count = arrays.get(parts[: i + 1])
            if count:
                resolved.append(count - 1)
        return tuple(resolved)

    def line_of(self, where: Where) -> int | None:
        """The line of the deepest recorded key or table on the way to ``where``."""
        for end in range(len(where), 0, -1):
            line = self._lines.get(where[:end])
            if line is not None:
                return line
        return None


def _field_label(where: Where) -> str | None:
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


def _show(value: object) -> str:
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


def _suggest(word: str, options: Sequence[str]) -> str:
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


class _Reader:
    """Typed access to a parsed document that reports problems against the file it came from.

    Problems are collected rather than raised one at a time where a file can go on being read: a person fixing a
    file wants every mistake at once. :meth:`attempt` reads one part and notes its problems; :meth:`finish` raises
    them all as one ContentError.
    """

    def __init__(self, path: Path, text: str, kind: str) -> None:
        self.path = path
        self.kind = kind  # "routine" or "exercise": the subject of messages about the whole file
        self.problems: list[ContentError] = []
        self._locator = _Locator(text)

    def attempt(self, read: Callable[[], _T], fallback: _T) -> _T:
        """``read()``, or ``fallback`` with its problems noted; the fallback never leaves the module (finish)."""
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
            return f"item {last + 1} of {_field_label(where[:-1])}"
        return _field_label(where) or str(last)

    def error(self, where: Where, predicate: str) -> ContentError:
        """A problem of the field at ``where``: its name is the subject, ``predicate`` the rest of the sentence."""
        return self.problem(where, f"{self.subject(where)} {predicate}")

    def problem(self, where: Where, sentence: str) -> ContentError:
        """A problem at ``where`` said in a whole sentence."""
        return ContentError(self.path, sentence, line=self._locator.line_of(where), field=_field_label(where))

    def check_keys(self, table: Mapping[str, object], where: Where, allowed: Sequence[str]) -> None:
        """Note every field that does not belong (reading goes on, so the others are checked too)."""
        for key in table:
            if key not in allowed:
                sentence = f"'{key}' is not a field hipcoach knows{_suggest(key, allowed)}"
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
            error.field = _field_label((*where, key))
            raise error
        return table[key]

    def table(self, value: object, where: Where) -> dict[str, object]:
        if not isinstance(value, dict):
            raise self.error(where, f"must be a table like {{ value = 10 }} (got {_show(value)})")
        return {str(key): item for key, item in value.items()}

    def text(self, value: object, where: Where, *, one_line: bool = True) -> str:
        if not isinstance(value, str):
            raise self.error(where, f"must be text in quotes (got {_show(value)})")
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
            raise self.error(where, f"{expected} (got {_show(value)}){hint}")
        if not low <= value <= high:
            raise self.error(where, f"{expected} (got {_show(value)})")
        return value

    def number(self, value: object, where: Where, low: float, high: float) -> float:
        expected = f"must be a number of seconds from {low:g} to {high:g}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(where, f"{expected} (got {_show(value)})")
        if not low <= value <= high:  # also false for nan
            raise self.error(where, f"{expected} (got {_show(value)})")
        return float(value)

    def boolean(self, value: object, where: Where) -> bool:
        if not isinstance(value, bool):
            raise self.error(where, f"must be true or false (got {_show(value)})")
        return value

    def choice(self, value: object, where: Where, options: Sequence[str]) -> str:
        if not isinstance(value, str):
            raise self.error(where, f"must be one of: {', '.join(options)} (got {_show(value)})")
        if value not in options:
            raise self.error(where, f"cannot be '{value}'{_suggest(value, options)}")
        return value

    def texts(self, value: object, where: Where, *, low: int, high: int) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.error(where, f'must be a list of texts like ["...", "..."] (got {_show(value)})')
        if not low <= len(value) <= high:
            raise self.error(where, f"must hold from {low} to {high} items (got {len(value)})")
        return tuple(self.text(item, (*where, i)) for i, item in enumerate(value))


def _open(path: Path, kind: str) -> tuple[_Reader, dict[str, object]]:
    text = _read_text(path)
    if not text.strip():
        raise ContentError(path, "the file is empty")
    document = _parse(path, text)
    return _Reader(path, text, kind), document


# --------------------------------------------------------------------------------------------------------------
# Exercises


def _dose_value(reader: _Reader, raw: object, where: Where, name: str) -> DoseValue:
    """A bare number is the article's; a table can keep the article's range and say when the number is ours."""
    low_limit, high_limit = DOSE_LIMITS[name]
    if not isinstance(raw, dict):
        return DoseValue(value=reader.integer(raw, where, low_limit, high_limit))
    table = reader.table(raw, where)
    reader.check_keys(table, where, _DOSE_VALUE_FIELDS)
    value = reader.integer(reader.require(table, where, "value"), (*where, "value"), low_limit, high_limit)
    low = reader.integer(table["low"], (*where, "low"), low_limit, high_limit) if "low" in table else None
    high = reader.integer(table["high"], (*where, "high"), low_limit, high_limit) if "high" in table else None
    ours = reader.boolean(table["ours"], (*where, "ours")) if "ours" in table else False
    if low is not None and value < low:
        raise reader.error((*where, "value"), f"must not be below low ({value} < {low})")
    if high is not None and value > high:
        raise reader.error((*where, "value"), f"must not be above high ({value} > {high})")
    return DoseValue(value=value, low=low, high=high, ours=ours)


def _tempo(reader: _Reader, raw: object, where: Where) -> tuple[Tempo, bool]:
    table = reader.table(raw, where)
    reader.check_keys(table, where, _TEMPO_FIELDS)
    up = reader.number(reader.require(table, where, "up"), (*where, "up"), *TEMPO_LIMITS)
    down = reader.number(reader.require(table, where, "down"), (*where, "down"), *TEMPO_LIMITS)
    ours = reader.boolean(table["ours"], (*where, "ours")) if "ours" in table else False
    return Tempo(up=up, down=down), ours


def _dose(reader: _Reader, raw: object, kind: Kind) -> Dose:
    where: Where = ("dose",)
    table = reader.table(raw, where)
    reader.check_keys(table, where, _DOSE_FIELDS)
    allowed = _ALLOWED_BY_KIND[kind]
    for key in table:
        if key not in allowed and key in _DOSE_FIELDS:
            predicate = f"does not apply to a {kind.value} exercise (it takes {', '.join(allowed)})"
            reader.problems.append(reader.error((*where, key), predicate))
    reader.require(table, where, _REQUIRED_BY_KIND[kind])
    reader.require(table, where, "sets")
    values = {
        name: reader.attempt(partial(_dose_value, reader, table[name], (*where, name), name), DoseValue(1))
        for name in DOSE_LIMITS
        if name in table
    }
    tempo, tempo_ours = (
        reader.attempt(lambda: _tempo(reader, table["tempo"], (*where, "tempo")), (Tempo(), True))
        if "tempo" in table
        else (Tempo(), True)
    )
    return Dose(
        sets=values["sets"],
        reps=values.get("reps"),
        steps=values.get("steps"),
        hold_seconds=values.get("hold_seconds"),
        minutes=values.get("minutes"),
        tempo=tempo,
        tempo_ours=tempo_ours,
    )


def _cues(reader: _Reader, raw: object) -> Cues:
    where: Where = ("cues",)
    table = reader.table(raw, where)
    reader.check_keys(table, where, _CUES_FIELDS)
    start = reader.text(reader.require(table, where, "start"), (*where, "start"))
    form = reader.texts(table["form"], (*where, "form"), low=0, high=3) if "form" in table else ()
    return Cues(start=start, form=form)


def _equipment(reader: _Reader, raw: object) -> tuple[Equipment, ...]:
    where: Where = ("equipment",)
    if not isinstance(raw, list):
        raise reader.error(where, f'must be a list like ["mat", "chair"] (got {_show(raw)})')
    options = [item.value for item in Equipment]
    items: list[Equipment] = []
    for i, item in enumerate(raw):
        equipment = Equipment(reader.choice(item, (*where, i), options))
        if equipment in items:
            raise reader.problem((*where, i), f"'{equipment.value}' is listed twice in equipment")
        items.append(equipment)
    return tuple(items)


def load_exercise(path: Path) -> Exercise:
    """Read one exercise file; its id must equal the file name so that routines can refer to it unambiguously.

    Each part is read through ``reader.attempt`` with a stand-in value, so that one bad part does not hide the
    problems of the others; ``reader.finish()`` then raises them all, and the stand-ins are never seen.
    """
    reader, doc = _open(path, "exercise")
    reader.check_keys(doc, (), _EXERCISE_FIELDS)

    def required(key: str) -> object:
        return reader.require(doc, (), key)

    exercise_id = reader.attempt(lambda: _exercise_id(reader, required("id"), path), path.stem)
    kind = Kind(reader.attempt(lambda: reader.choice(required("kind"), ("kind",), [k.value for k in Kind]), "reps"))
    positions = [p.value for p in Position]
    position = Position(reader.attempt(lambda: reader.choice(required("position"), ("position",), positions), "back"))
    per_side = reader.attempt(lambda: reader.boolean(required("per_side"), ("per_side",)), False)
    side_word = reader.attempt(
        lambda: reader.choice(doc["side_word"], ("side_word",), SIDE_WORDS) if "side_word" in doc else "side", "side"
    )
    name = reader.attempt(lambda: reader.text(required("name"), ("name",)), "")
    number = reader.attempt(lambda: reader.integer(required("number"), ("number",), *NUMBER_LIMITS), 1)
    benefit = reader.attempt(lambda: reader.text(required("benefit"), ("benefit",)), "")
    steps: tuple[str, ...] = reader.attempt(lambda: reader.texts(required("steps"), ("steps",), low=1, high=10), ())
    dose = reader.attempt(lambda: _dose(reader, required("dose"), kind), Dose(sets=DoseValue(1)))
    equipment: tuple[Equipment, ...] = reader.attempt(
        lambda: _equipment(reader, doc["equipment"]) if "equipment" in doc else (), ()
    )
    cues = reader.attempt(lambda: _cues(reader, required("cues")), Cues(start=""))
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
    )
    parts_read = not reader.problems
    exercise = reader.attempt(lambda: movement.attach(reader, doc, exercise, parts_read=parts_read), exercise)
    reader.finish()  # after every part is read, so a part added to the call above is checked too
    return exercise


def _exercise_id(reader: _Reader, raw: object, path: Path) -> str:
    exercise_id = reader.text(raw, ("id",))
    if not _ID_RE.match(exercise_id):
        raise reader.error(
            ("id",), f"must be lowercase words joined by hyphens, like 'single-leg-bridge' (got '{exercise_id}')"
        )
    if exercise_id != path.stem:
        raise reader.error(("id",), f"must equal the file name '{path.stem}' (got '{exercise_id}')")
    return exercise_id


def load_catalogue(directory: Path | None = None) -> dict[str, Exercise]:
    """All shipped exercises, keyed by id and ordered as in the article. Any broken file is a packaging bug."""
    folder = directory if directory is not None else paths.resources_dir() / "exercises"
    if not folder.is_dir():
        raise ContentError(folder, "the exercise folder is missing")
    exercises = [load_exercise(path) for path in sorted(folder.glob("*.toml"))]
    if not exercises:
        raise ContentError(folder, "the exercise folder holds no .toml files")
    by_number: dict[int, Exercise] = {}
    for exercise in exercises:
        other = by_number.get(exercise.number)
        if other is not None:
            raise ContentError(
                folder / f"{exercise.id}.toml",
                f"number {exercise.number} is also used by '{other.id}'",
                field="number",
            )
        by_number[exercise.number] = exercise
    return {exercise.id: exercise for exercise in sorted(exercises, key=lambda e: e.number)}


# --------------------------------------------------------------------------------------------------------------
# Routines


def _override(reader: _Reader, entry: Mapping[str, object], where: Where, exercise: Exercise) -> Dose:
    """Apply a routine's dose overrides, refusing those the plan would silently ignore."""
    dose = exercise.dose
    values: dict[str, DoseValue | None] = {
        "reps": dose.reps,
        "steps": dose.steps,
        "hold_seconds": dose.hold_seconds,
        "minutes": dose.minutes,
        "sets": dose.sets,
    }
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
    sets = values["sets"]
    assert sets is not None  # sets always has a value and an override only replaces it
    return Dose(
        sets=sets,
        reps=values["reps"],
        steps=values["steps"],
        hold_seconds=values["hold_seconds"],
        minutes=values["minutes"],
        tempo=dose.tempo,
        tempo_ours=dose.tempo_ours,
    )


def _side(reader: _Reader, entry: Mapping[str, object], where: Where, key: str, exercise: Exercise) -> Side | None:
    if key not in entry:
        return None
    if not exercise.per_side:
        raise reader.error((*where, key), f"does not apply to '{exercise.id}': it is not done one side at a time")
    return Side(reader.choice(entry[key], (*where, key), [s.value for s in Side]))


def _entry(reader: _Reader, raw: object, index: int, catalogue: Mapping[str, Exercise]) -> Entry | None:
    """One [[exercise]] block, or None when it cannot be read (its problems are noted on the reader)."""
    where: Where = ("exercise", index)
    if not isinstance(raw, dict):
        raise reader.error(where, f"must be an [[exercise]] table with an id (got {_show(raw)})")
    entry = reader.table(raw, where)
    reader.check_keys(entry, where, _ENTRY_FIELDS)
    exercise_id = reader.text(reader.require(entry, where, "id"), (*where, "id"))
    exercise = catalogue.get(exercise_id)
    if exercise is None:
        known = list(catalogue)
        raise reader.problem(
            (*where, "id"), f"'{exercise_id}' is not an exercise hipcoach knows{_suggest(exercise_id, known)}"
        )
    dose = _override(reader, entry, where, exercise)
    first_side = reader.attempt(lambda: _side(reader, entry, where, "first_side", exercise), None)
    only_side = reader.attempt(lambda: _side(reader, entry, where, "only_side", exercise), None)
    return Entry(exercise=exercise, dose=dose, first_side=first_side or Side.LEFT, only_side=only_side)


def load_routine(path: Path, catalogue: Mapping[str, Exercise]) -> Routine:
    """Read and check a routine file against the exercise catalogue.

    ``id`` may be left out (it defaults to the file name); when present it must equal the file name, so the id a
    user sees in messages and history always tells them which file to open.
    """
    reader, doc = _open(path, "routine")
    reader.check_keys(doc, (), _ROUTINE_FIELDS)
    routine_id = path.stem
    if "id" in doc:
        reader.attempt(lambda: _routine_id(reader, doc["id"], path), path.stem)
    name = reader.attempt(lambda: reader.text(reader.require(doc, (), "name"), ("name",)), "")
    description = reader.attempt(
        lambda: reader.text(doc["description"], ("description",), one_line=False) if "description" in doc else "", ""
    )
    rests = {
        key: reader.attempt(partial(reader.integer, doc[key], (key,), *REST_LIMITS), default) if key in doc else default
        for key, default in (("rest_between_sets", 20), ("rest_between_exercises", 10))
    }
    raw_entries: list[object] = reader.attempt(partial(_raw_entries, reader, doc), [])
    read = [reader.attempt(partial(_entry, reader, raw, i, catalogue), None) for i, raw in enumerate(raw_entries)]
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


def _routine_id(reader: _Reader, raw: object, path: Path) -> str:
    given = reader.text(raw, ("id",))
    if given != path.stem:
        raise reader.error(("id",), f"must equal the file name '{path.stem}' (got '{given}'); or leave it out")
    return given


def _raw_entries(reader: _Reader, doc: Mapping[str, object]) -> list[object]:
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


def _builtin_dir() -> Path:
    return paths.resources_dir() / "routines"


def _routine_files(directory: Path) -> list[Path]:
    try:
        return sorted(directory.glob("*.toml"))
    except OSError:
        return []


def builtin_routines(catalogue: Mapping[str, Exercise]) -> list[Routine]:
    """The shipped routines in the order the chooser shows them. A broken one is a packaging bug, so it raises."""
    routines = [load_routine(path, catalogue) for path in _routine_files(_builtin_dir())]
    rank = {routine_id: i for i, routine_id in enumerate(BUILTIN_ORDER)}
    return sorted(routines, key=lambda r: (rank.get(r.id, len(rank)), r.name.casefold(), r.id))


def user_routines(
    catalogue: Mapping[str, Exercise], directory: Path | None = None
) -> tuple[list[Routine], list[ContentError]]:
    """The user's own routines; one bad file is reported and skipped, never blocking the others."""
    folder = directory if directory is not None else paths.user_routines_dir()
    builtin_ids = {path.stem for path in _routine_files(_builtin_dir())}
    routines: list[Routine] = []
    errors: list[ContentError] = []
    for path in _routine_files(folder):
        try:
            routine = load_routine(path, catalogue)
        except ContentError as exc:
            errors.append(exc)
            continue
        if routine.id in builtin_ids:
            errors.append(
                ContentError(path, f"a built-in routine is already called '{routine.id}'; rename this file", field="id")
            )
            continue
        routines.append(routine)
    routines.sort(key=lambda r: (r.name.casefold(), r.id))
    return routines, errors


def find_routine(spec: str, catalogue: Mapping[str, Exercise]) -> Routine:
    """Resolve what a user typed after ``--start``: a routine id first, otherwise a file path."""
    builtins = builtin_routines(catalogue)
    for routine in builtins:
        if routine.id == spec:
            return routine
    user_dir = paths.user_routines_dir()
    routines, errors = user_routines(catalogue, user_dir)
    for routine in routines:
        if routine.id == spec:
            return routine
    for error in errors:
        if error.path.stem == spec and error.path.parent == user_dir:
            raise error
    candidate = Path(spec)
    try:
        exists = candidate.exists()
    except (OSError, ValueError):
        exists = False
    if exists or spec.endswith(".toml") or "/" in spec or "\\" in spec:
        return load_routine(candidate, catalogue)
    known = [r.id for r in builtins] + [r.id for r in routines]
    raise ContentError(candidate, f"no routine has this id, and there is no such file{_suggest(spec, known)}")
