"""The argument parser of the ``hipcoach`` command (docs/cli.md).

A module of its own because the desktop launcher starts the app with no arguments, and then the parser is not
built at all (``dispatch.NO_ARGUMENTS``). Imports: the standard library, ``hipcoach``, ``hipcoach.hooks`` and
``hipcoach.options``.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from hipcoach import APP_NAME, __version__
from hipcoach.hooks import DATA_DIR_ENV
from hipcoach.options import MAX_TIME_SCALE

USAGE = """
  %(prog)s [--start ROUTINE [--sore-day [--no-floor]]] [--time-scale FACTOR] [--quit-when-done] [--data-dir DIR]
  %(prog)s --background [--quit] [--data-dir DIR]
  %(prog)s exercises [--json] [--data-dir DIR]
  %(prog)s routines [--json] [--data-dir DIR]
  %(prog)s check PATH [--data-dir DIR]
  %(prog)s cues ROUTINE [--sore-day [--no-floor]] [--verbosity minimal|standard|coach] [--data-dir DIR]
  %(prog)s safety [--data-dir DIR]
  %(prog)s history [--json] [--data-dir DIR]
  %(prog)s progress [ROUTINE] [--data-dir DIR]
  %(prog)s export --format csv|json --output FILE [--force] [--data-dir DIR]
  %(prog)s import FILE [--data-dir DIR]
  %(prog)s figure ID [--side left|right] [--pose start|top] --png FILE [--size WxH] [--style line|solid] [--dark]
  %(prog)s figures --sheet FILE [--style line|solid] [--dark]
  %(prog)s --version | --help"""


def _time_scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= MAX_TIME_SCALE):
        raise argparse.ArgumentTypeError(
            f"must be a number greater than 0 and at most {MAX_TIME_SCALE:g} (got '{text}')"
        )
    return value


def _data_dir(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    path = Path(text).expanduser()
    try:
        if path.exists() and not path.is_dir():
            raise argparse.ArgumentTypeError(f"'{text}' exists and is not a folder")
    except (OSError, ValueError) as exc:
        raise argparse.ArgumentTypeError(f"cannot use '{text}' ({exc})") from exc
    return path.absolute()


MAX_PICTURE_SIDE = 8192


def _size(text: str) -> tuple[int, int]:
    parts = text.lower().split("x")
    try:
        width, height = (int(part) for part in parts) if len(parts) == 2 else (0, 0)
    except ValueError:
        width = height = 0
    if not (16 <= width <= MAX_PICTURE_SIDE and 16 <= height <= MAX_PICTURE_SIDE):
        raise argparse.ArgumentTypeError(
            f"must be WIDTHxHEIGHT in pixels, each from 16 to {MAX_PICTURE_SIDE}, like 800x600 (got '{text}')"
        )
    return width, height


def _picture_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--style", choices=("line", "solid"), default="line", help="a line figure or a person")
    parser.add_argument("--dark", action="store_true", help="the colours of a dark window")


def _sore_day_options(group: argparse._ActionsContainer, default: object) -> None:
    """``--sore-day`` and ``--no-floor``, for the window (with ``--start``) and for ``cues``. The subcommand's default
    is SUPPRESS, so that it does not undo the same option given before the subcommand."""
    group.add_argument(
        "--sore-day",
        action="store_true",
        default=default,
        help="the short, gentle sore-day version of ROUTINE: easier moves, one set each, about 10 minutes",
    )
    group.add_argument(
        "--no-floor",
        action="store_true",
        default=default,
        help="with --sore-day: leave out the exercises done down on the floor",
    )


def build_parser() -> argparse.ArgumentParser:
    # --data-dir is accepted before and after a subcommand; SUPPRESS keeps a subcommand from resetting the value
    # given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=_data_dir,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"keep history, settings, logs and your routines in DIR (default: ${DATA_DIR_ENV}, "
        "otherwise the usual per-user folders)",
    )
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        usage=USAGE,
        parents=[common],
        description="An offline coach for home exercise with hip pain. Without a command, opens the window.",
        epilog="Exit status: 0 done, 2 invalid input, 1 any other error (3: the session was stopped early with "
        "--quit-when-done). See docs/cli.md.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    window = parser.add_argument_group("window options")
    window.add_argument("--start", metavar="ROUTINE", help="start ROUTINE at once: a routine id or a routine file")
    _sore_day_options(window, False)
    window.add_argument(
        "--time-scale",
        type=_time_scale,
        metavar="FACTOR",
        help=f"run every timer FACTOR times faster (demos and tests; more than 0, at most {MAX_TIME_SCALE:g})",
    )
    window.add_argument(
        "--quit-when-done",
        action="store_true",
        help="no questions; close the window once the session has ended and been saved",
    )
    background = parser.add_argument_group("reminders")
    background.add_argument(
        "--background",
        action="store_true",
        help="no window: remind me to exercise on my days (what starts at login when reminders are on)",
    )
    background.add_argument("--quit", action="store_true", help="with --background: end the background reminders")
    # Not for people: how the background reminders replace their own program with the window and back, in one process
    # (hipcoach.background_window; docs/reminders.md).
    background.add_argument("--held-lock", type=int, metavar="FD", help=argparse.SUPPRESS)
    background.add_argument("--open-window", action="store_true", help=argparse.SUPPRESS)

    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    exercises = commands.add_parser(
        "exercises", parents=[common], help="list the exercises", description="List the exercises."
    )
    exercises.add_argument("--json", action="store_true", help="print a JSON array instead of a table")
    routines = commands.add_parser(
        "routines",
        parents=[common],
        help="list the built-in routines and your own",
        description="List the built-in routines and the routines in your routines folder.",
    )
    routines.add_argument("--json", action="store_true", help="print a JSON array instead of a table")
    check = commands.add_parser(
        "check", parents=[common], help="check a routine file", description="Check a routine file for mistakes."
    )
    check.add_argument("path", metavar="PATH", help="the routine file (.toml)")
    cues = commands.add_parser(
        "cues",
        parents=[common],
        help="print what the coach says during a routine",
        description="Print every cue of a whole session of ROUTINE, in order, with the time it is said.",
    )
    cues.add_argument("routine", metavar="ROUTINE", help="a routine id or a routine file")
    _sore_day_options(cues, argparse.SUPPRESS)
    cues.add_argument(
        "--verbosity",
        choices=("minimal", "standard", "coach"),
        default="standard",
        help="how much the coach says (default: standard)",
    )
    commands.add_parser(
        "safety",
        parents=[common],
        help="show the safety answers and what they change",
        description="Show your answers to the safety questions and how they change the routines offered.",
    )
    history = commands.add_parser(
        "history", parents=[common], help="list your sessions", description="List your sessions, oldest first."
    )
    history.add_argument("--json", action="store_true", help="print a JSON array instead of a table")
    progress = commands.add_parser(
        "progress",
        parents=[common],
        help="show what the next session of each routine would change, and why",
        description="From your history: what the next session of each routine (or of ROUTINE) would change in its "
        "doses, and why, one line each, as the window lists it before a session.",
    )
    progress.add_argument("routine", metavar="ROUTINE", nargs="?", help="a routine id or a routine file (default: all)")
    export = commands.add_parser(
        "export",
        parents=[common],
        help="write your whole history to a file",
        description="Write every session, with its exercises and pauses, to a CSV or JSON file.",
    )
    export.add_argument("--format", required=True, choices=("csv", "json"), help="csv for spreadsheets, json to import")
    export.add_argument("--output", required=True, metavar="FILE", help="the file to write")
    export.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    import_ = commands.add_parser(
        "import",
        parents=[common],
        help="merge a JSON export into your history",
        description="Merge a JSON export into your history; sessions already there are not added twice.",
    )
    import_.add_argument("file", metavar="FILE", help="a file written by 'export --format json'")
    figure = commands.add_parser(
        "figure",
        parents=[common],
        help="draw an exercise's figure into a PNG file",
        description="Draw the start or top pose of an exercise's figure into a PNG file (no display needed).",
    )
    figure.add_argument("id", metavar="ID", help="the exercise id ('hipcoach exercises' lists them)")
    figure.add_argument("--side", choices=("left", "right"), help="the side, for exercises done one side at a time")
    figure.add_argument("--pose", choices=("start", "top"), default="start", help="the pose (default: start)")
    figure.add_argument("--png", required=True, metavar="FILE", help="the PNG file to write")
    figure.add_argument("--size", type=_size, default=(800, 600), metavar="WxH", help="pixels (default: 800x600)")
    _picture_options(figure)
    figures = commands.add_parser(
        "figures",
        parents=[common],
        help="draw every exercise's figure on one sheet",
        description="Draw every exercise, named, its start and top poses side by side, into one PNG file.",
    )
    figures.add_argument("--sheet", required=True, metavar="FILE", help="the PNG file to write")
    _picture_options(figures)
    return parser
