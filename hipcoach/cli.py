"""The ``hipcoach`` command: open the window, or list and check content from a terminal.

The subcommands never import Qt, so they start fast, work over SSH and without a display, and can check a routine
file on a machine where the window could not even open. Only opening the window imports :mod:`hipcoach.app`.

Whatever goes wrong, the user sees one line, never a Python traceback: the traceback goes to a log file whose path
that line gives (see docs/cli.md for exit statuses and output formats).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from hipcoach import APP_NAME, __version__
from hipcoach.core import paths
from hipcoach.core.terminal_text import printable
from hipcoach.options import EXIT_ERROR, EXIT_INVALID, EXIT_OK, MAX_TIME_SCALE, AppOptions

ERROR_LOG = "errors.log"
USAGE = """
  %(prog)s [--start ROUTINE] [--time-scale FACTOR] [--quit-when-done] [--data-dir DIR]
  %(prog)s exercises [--json] [--data-dir DIR]
  %(prog)s routines [--json] [--data-dir DIR]
  %(prog)s check PATH [--data-dir DIR]
  %(prog)s history [--json] [--data-dir DIR]
  %(prog)s export --format csv|json --output FILE [--force] [--data-dir DIR]
  %(prog)s import FILE [--data-dir DIR]
  %(prog)s --version | --help"""


# --------------------------------------------------------------------------------------------------------------
# Arguments


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


def build_parser() -> argparse.ArgumentParser:
    # --data-dir is accepted before and after a subcommand; SUPPRESS keeps a subcommand from resetting the value
    # given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=_data_dir,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep history, settings, logs and your routines in DIR (default: $HIPCOACH_DATA_DIR, "
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
    history = commands.add_parser(
        "history", parents=[common], help="list your sessions", description="List your sessions, oldest first."
    )
    history.add_argument("--json", action="store_true", help="print a JSON array instead of a table")
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
    return parser


# --------------------------------------------------------------------------------------------------------------
# Entry points


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status; never lets a traceback reach the user."""
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:
        # The reader went away (``hipcoach exercises | head -1``): nobody is left to tell.
        _silence_stdout()
        return EXIT_ERROR
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_ERROR
    except Exception as exc:
        _report_unexpected(exc)
        return EXIT_ERROR


def gui_main() -> int:
    """Entry point of the ``hipcoach-gui`` script: Windows starts it without a console window."""
    return main()


NO_ARGUMENTS = argparse.Namespace(command=None, start=None, time_scale=None, quit_when_done=False)
"""What the parser makes of no arguments at all (a test holds it to that). The desktop launcher starts the app this
way, and building the parser with all its subcommands takes about 3 ms of the window's start-up."""


def _run(argv: list[str]) -> int:
    _tolerate_unencodable_output()
    if not argv:
        return _open_window(NO_ARGUMENTS)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and argument errors: argparse has said what there is to say
        _flush_stdout()
        return exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else EXIT_ERROR)
    data_dir: Path | None = getattr(args, "data_dir", None)
    if data_dir is not None:
        paths.set_data_dir(data_dir)
    if args.command is None:
        return _open_window(args)
    given = [flag for flag, value in (("--start", args.start), ("--time-scale", args.time_scale)) if value is not None]
    if args.quit_when_done:
        given.append("--quit-when-done")
    if given:
        parser.print_usage(sys.stderr)
        _say(f"error: {', '.join(given)} only applies when opening the window, not to '{args.command}'")
        return EXIT_INVALID
    if args.command in ("history", "export", "import"):
        from hipcoach import cli_history  # noqa: PLC0415 - the database code stays out of the window's start-up

        status = cli_history.run(args)
    else:
        from hipcoach import cli_content  # noqa: PLC0415 - the content code stays out of the window's start-up

        status = cli_content.run(args)
    _flush_stdout()
    return status


def _open_window(args: argparse.Namespace) -> int:
    start: str | None = args.start
    if start is not None:
        # Checked here so a mistake is reported in the terminal it was typed in, before any window appears.
        from hipcoach import cli_content  # noqa: PLC0415 - the content code stays out of a plain start-up

        problem = cli_content.check_start(start)
        if problem is not None:
            return problem
    options = AppOptions(
        start=start,
        time_scale=args.time_scale if args.time_scale is not None else 1.0,
        quit_when_done=args.quit_when_done,
        screenshot_dir=AppOptions.screenshot_dir_from_env(),
    )
    try:
        from hipcoach.app import run_app  # noqa: PLC0415  (Qt is imported only to open the window)
    except ImportError as exc:
        log = _write_error_log(exc)
        where = f"; details in {log}" if isinstance(log, Path) else ""
        _say(f"cannot open the window: Qt could not be loaded ({_one_line(exc)}){where}")
        return EXIT_ERROR
    return run_app(options)


# --------------------------------------------------------------------------------------------------------------
# Commands


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except (OSError, ValueError):
        return False


def _print_table(header: list[str], rows: list[list[str]], *, right_aligned: set[int]) -> None:
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


def _print_json(value: object) -> None:
    print(json.dumps(value, indent=2))


# --------------------------------------------------------------------------------------------------------------
# Errors


def _say(message: str) -> None:
    print(f"{APP_NAME}: {printable(message)}", file=sys.stderr)  # messages quote names and values from files


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _report_unexpected(exc: BaseException) -> None:
    log = _write_error_log(exc)
    if isinstance(log, Path):
        _say(f"unexpected error: {_one_line(exc)}; details in {log}")
    else:
        _say(f"unexpected error: {_one_line(exc)} (the details could not be saved: {log})")


def _write_error_log(exc: BaseException) -> Path | str:
    """Append the traceback to the error log; return its path, or why it could not be written."""
    try:
        # The data folder first: creating only logs/ would leave a new data folder with the default permissions.
        folder = paths.ensure_private_dir(paths.ensure_private_dir(paths.data_dir()) / "logs")
        log = folder / ERROR_LOG
        import datetime  # noqa: PLC0415 - only an error needs it

        stamp = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        text = f"--- {stamp} {APP_NAME} {__version__} on Python {sys.version.split()[0]}, {sys.platform}\n" + "".join(
            traceback.format_exception(exc)
        )
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8", errors="replace") as handle:
            handle.write(text)
    except Exception as log_error:
        return _one_line(log_error)
    return log


def _tolerate_unencodable_output() -> None:
    """A name with an accent must not crash a listing on a terminal that cannot show it."""
    stdout: TextIO | None = sys.stdout
    if isinstance(stdout, io.TextIOWrapper):
        stdout.reconfigure(errors="replace")


def _flush_stdout() -> None:
    """Flush here, where a broken pipe is still caught, rather than at interpreter exit.

    ``sys.stdout`` is None when Windows starts ``hipcoach-gui`` without a console.
    """
    if sys.stdout is not None:
        sys.stdout.flush()


def _silence_stdout() -> None:
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
