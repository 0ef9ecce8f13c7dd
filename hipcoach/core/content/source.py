"""From a file's bytes to a parsed TOML document, and the line each key of it is on.

``tomllib`` keeps no line numbers and fails in ways a beginner cannot act on, so the file is checked before the
parser sees it (size, binary data, encoding, nesting), the parser's errors are put in plain words, and the lines are
found by scanning the text again (:class:`Locator`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from hipcoach.core import safe_read
from hipcoach.core.content.errors import ContentError, Where
from hipcoach.core.content.toml_errors import plain_reason

MAX_FILE_BYTES: Final = safe_read.MAX_TOML_BYTES
"""Refused before parsing: no honest routine is this big, and a huge file would stall the start-up scan."""


def read_text(path: Path) -> str:
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


def parse(path: Path, text: str) -> dict[str, object]:
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


class Locator:
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
