"""Reading files that someone else may have put in our folders, without hanging or stalling on them.

A FIFO or a device named ``*.toml`` would block ``open()`` or ``read()`` for ever, so only regular files are read,
opened non-blocking and checked again on the open handle (the name could be swapped between the two looks). Size
and nesting are capped *before* the parser sees the text: ``tomllib`` takes time quadratic in the parts of a dotted
key (a 40 KB key took 24 s) and both ``tomllib`` and ``json`` recurse once per level of nesting.

One limit serves every TOML reader, so a file that one command accepts is never refused by another. It leaves room
for the tables that exercise files grow (a pose, its variants); an honest routine file is a few kilobytes and 3
levels deep.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Final

MAX_TOML_BYTES: Final = 256 * 1024
MAX_TOML_DEPTH: Final = 12
"""Levels of a key: table header parts + dotted key parts (inside inline tables too) + open arrays."""

MAX_JSON_DEPTH: Final = 64
"""Our JSON files are at most 5 levels deep; 64 leaves room and stays far below the recursion limit."""


class UnreadableFile(Exception):
    """Why a file was not read, in plain words that fit after the file's name."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The whole content of the regular file ``path``, at most ``max_bytes`` long; never waits on a pipe or device.

    FileNotFoundError is raised as it is (several callers treat a missing file as "use the defaults"); every other
    refusal is an :class:`UnreadableFile`.
    """
    try:
        # Look before opening: opening a FIFO for reading waits for a writer, even a blocking check afterwards is late.
        info = path.stat()
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        raise UnreadableFile(_reason(exc)) from exc
    _check_kind(info.st_mode)
    _check_size(info.st_size, max_bytes)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise UnreadableFile(_reason(exc)) from exc
    try:
        _check_kind(os.fstat(fd).st_mode)  # the name may point at something else by now
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, max_bytes + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise UnreadableFile(_reason(exc)) from exc
    finally:
        os.close(fd)
    data = b"".join(chunks)
    _check_size(len(data), max_bytes)  # it grew after the first look
    return data


def _check_kind(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise UnreadableFile("this is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise UnreadableFile("this is not an ordinary file (a pipe, socket or device); it was not read")


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise UnreadableFile(f"the file is too large ({_size(size)}; the limit is {_size(max_bytes)})")


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    if count >= 1024:
        return f"{count // 1024} KB"
    return f"{count} bytes"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return f"cannot read the file ({exc.strerror or exc})"
    return f"cannot read the file ({exc})"


# --------------------------------------------------------------------------------------------------------------
# Depth of TOML, measured by a linear scan before tomllib

_TOML_TOKEN: Final = re.compile(
    r"""
      \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"    # multi-line basic string
    | '\'\'(?:[^']|'(?!''))*'\'\'                 # multi-line literal string
    | "(?:[^"\\\n]|\\.)*"                        # basic string
    | '[^'\n]*'                                    # literal string
    | \#[^\n]*                                     # comment
    | \n
    | [\[\]{}=,.]
    | [^\s"'\#\[\]{}=,.]+                          # a bare word: key part, number, date, true...
    | [\ \t\r]+
    | .                                             # a stray quote: malformed, left to the parser
    """,
    re.DOTALL | re.VERBOSE,
)


def toml_depth(text: str) -> int:
    """The deepest key of the document, counted in levels (see MAX_TOML_DEPTH), in one pass over its tokens.

    This is a lenient reading of TOML: malformed text gets some number and is left to the parser to report. Only
    keys (before ``=``, inside inline tables and in headers) count their dots; dots in values (``1.5``) do not.
    """
    scanner = _DepthScanner()
    for match in _TOML_TOKEN.finditer(text):
        token = match.group()
        if token[0] not in " \t\r#":
            scanner.feed(token)
    return scanner.deepest


class _DepthScanner:
    def __init__(self) -> None:
        self.deepest = 0
        self.header = 0  # parts of the current [table] header
        self.level = 0  # levels around the current position
        self.parts = 0  # parts of the key or header being read
        self.mode = "key"  # "key", "header" or "value"
        self.stack: list[tuple[str, int]] = []  # open [ and {, with the level outside each

    def feed(self, token: str) -> None:
        if self.mode == "header":
            self._header(token)
        elif token == "\n":
            if not self.stack:  # a key/value pair ends with its line, unless a list or table is still open
                self.mode, self.parts, self.level = "key", 0, self.header
        elif self.mode == "key":
            self._key(token)
        else:
            self._value(token)

    def _reach(self, level: int) -> None:
        self.deepest = max(self.deepest, level)

    def _header(self, token: str) -> None:
        if token == "]":
            if self.parts:  # the first ] of ]] ends it; the second is skipped as a key token
                self.header = self.parts
                self._reach(self.header)
            self.mode, self.parts = "key", 0
        elif token not in ".[":
            self.parts += 1

    def _key(self, token: str) -> None:
        if token == "[" and not self.stack and self.parts == 0:
            self.mode = "header"
        elif token == "=":
            self.level += self.parts
            self._reach(self.level)
            self.mode, self.parts = "value", 0
        elif token == "}" and self.stack:  # an empty inline table ends the value that opened it
            self.level = self.stack.pop()[1]
            self.mode = "value"
        elif token not in ".,]":
            self.parts += 1

    def _value(self, token: str) -> None:
        if token in "[{":
            self.stack.append((token, self.level))
            if token == "[":  # a list is a level of its own; an inline table is the level its key names
                self.level += 1
                self._reach(self.level)
            else:
                self.mode, self.parts = "key", 0
        elif token in "]}":
            if self.stack:
                self.level = self.stack.pop()[1]
        elif token == "," and self.stack and self.stack[-1][0] == "{":
            self.mode, self.parts = "key", 0
            self.level = self.stack[-1][1]


_JSON_TOKEN: Final = re.compile(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]|[^"\[\]{}]+')


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest, counted without recursion (``json`` recurses once per level)."""
    deepest = 0
    level = 0
    for match in _JSON_TOKEN.finditer(text):
        first = match.group()[0]
        if first in "[{":
            level += 1
            deepest = max(deepest, level)
        elif first in "]}":
            level -= 1
    return deepest
