"""What the commands print with: one line on stderr for a problem, tables and JSON on stdout, and the care that
stdout needs (a terminal that cannot show a name, a reader that went away, no console at all on Windows).

Every cell and message may quote names and values from files, so everything printed goes through
:func:`hipcoach.core.terminal_text.printable` first. Imports: the core only.
"""

from __future__ import annotations

import io
import json as jsonlib
import os
import sys
from pathlib import Path
from typing import TextIO

from hipcoach import APP_NAME
from hipcoach.core.terminal_text import printable


def say(message: str) -> None:
    """One line on stderr, after the program's name: how every command tells the user what went wrong."""
    print(f"{APP_NAME}: {printable(message)}", file=sys.stderr)


def say_damaged(what: str, problems: object) -> None:
    """A damaged installation's problems, one line each: the message joins them with newlines, which the terminal
    filter would run together into one unreadable line."""
    say(f"the built-in {what} could not be loaded (the installation looks damaged):")
    for line in str(problems).splitlines():
        say(f"  {line}")


def table(header: list[str], rows: list[list[str]], *, right_aligned: set[int]) -> None:
    """Columns as wide as their widest cell, two spaces apart; numbers right-aligned."""
    rows = [[printable(cell) for cell in row] for row in rows]  # cells hold names and notes from files
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        padded = [
            cell.rjust(width) if i in right_aligned else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    print(line(header))
    for row in rows:
        print(line(row))


def json(value: object) -> None:
    print(jsonlib.dumps(value, indent=2))


def same_file(a: Path, b: Path) -> bool:
    """True when both name one file; a path that cannot be looked at is no file of ours."""
    try:
        return a.samefile(b)
    except (OSError, ValueError):
        return False


def tolerate_unencodable_output() -> None:
    """A name with an accent must not crash a listing on a terminal that cannot show it."""
    stdout: TextIO | None = sys.stdout
    if isinstance(stdout, io.TextIOWrapper):
        stdout.reconfigure(errors="replace")


def flush_stdout() -> None:
    """Flush here, where a broken pipe is still caught, rather than at interpreter exit.

    ``sys.stdout`` is None when Windows starts ``hipcoach-gui`` without a console.
    """
    if sys.stdout is not None:
        sys.stdout.flush()


def silence_stdout() -> None:
    """Point stdout at devnull so the interpreter's final flush does not raise a second BrokenPipeError."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)
