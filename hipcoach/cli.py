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
from hipcoach.core import content, paths
from hipcoach.core.content import ContentError
from hipcoach.core.cues import SpokenLeadIn
from hipcoach.core.model import DoseValue, Exercise, Kind, Routine
from hipcoach.core.plan import PlanOptions, estimate_seconds
from hipcoach.options import EXIT_ERROR, EXIT_INVALID, EXIT_OK, MAX_TIME_SCALE, AppOptions

ERROR_LOG = "errors.log"
# The window's timing with its default settings: get-readies long enough for what the coach says in them
DEFAULT_TIMING = PlanOptions(speech_floor=SpokenLeadIn())
BUILT_IN = "built-in"
OURS_MARK = "*"
OURS_NOTE = f"{OURS_MARK} our choice: the article gives no number"
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


def _run(argv: list[str]) -> int:
    _tolerate_unencodable_output()
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
    if args.command == "exercises":
        status = _exercises(as_json=args.json)
    elif args.command == "routines":
        status = _routines(as_json=args.json)
    elif args.command in ("history", "export", "import"):
        from hipcoach import cli_history  # noqa: PLC0415 - the database code stays out of the window's start-up

        status = cli_history.run(args)
    else:
        status = _check(args.path)
    _flush_stdout()
    return status


def _open_window(args: argparse.Namespace) -> int:
    start: str | None = args.start
    if start is not None:
        # Checked here so a mistake is reported in the terminal it was typed in, before any window appears.
        catalogue = _catalogue()
        if catalogue is None:
            return EXIT_ERROR
        try:
            content.find_routine(start, catalogue)
        except ContentError as exc:
            _say(f"--start: {exc}")
            return EXIT_INVALID
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


def _catalogue() -> dict[str, Exercise] | None:
    """The shipped exercises; if they cannot be read the installation is broken, which is not the user's input."""
    try:
        return content.load_catalogue()
    except ContentError as exc:
        _say(f"the built-in exercises could not be loaded (the installation looks damaged): {exc}")
        return None


def _exercises(*, as_json: bool) -> int:
    catalogue = _catalogue()
    if catalogue is None:
        return EXIT_ERROR
    exercises = list(catalogue.values())
    if as_json:
        _print_json([exercise_json(exercise) for exercise in exercises])
        return EXIT_OK
    rows = [[str(ex.number), ex.id, ex.name, ex.position.label, dose_summary(ex)] for ex in exercises]
    _print_table(["No.", "Id", "Name", "Position", "Dose"], rows, right_aligned={0})
    if any(OURS_MARK in row[-1] for row in rows):
        print()
        print(OURS_NOTE)
    return EXIT_OK


def _routines(*, as_json: bool) -> int:
    catalogue = _catalogue()
    if catalogue is None:
        return EXIT_ERROR
    try:
        builtins = content.builtin_routines(catalogue)
    except ContentError as exc:
        _say(f"the built-in routines could not be loaded (the installation looks damaged): {exc}")
        return EXIT_ERROR
    own, errors = content.user_routines(catalogue)
    for error in errors:
        _say(f"warning: skipped {error.path}: {error.message}{_where(error)}")
    listed = [(routine, BUILT_IN) for routine in builtins] + [(routine, routine.source) for routine in own]
    if as_json:
        _print_json([routine_json(routine, source) for routine, source in listed])
        return EXIT_OK
    rows = [
        [
            routine.id,
            routine.name,
            str(_minutes(estimate_seconds(routine, DEFAULT_TIMING))),
            str(len(routine.entries)),
            ", ".join(item.value for item in routine.equipment) or "none",
        ]
        for routine, _source in listed
    ]
    _print_table(["Id", "Name", "Minutes", "Exercises", "Equipment"], rows, right_aligned={2, 3})
    return EXIT_OK


def _check(path_text: str) -> int:
    catalogue = _catalogue()
    if catalogue is None:
        return EXIT_ERROR
    path = Path(path_text)
    try:
        routine = content.load_routine(path, catalogue)
    except ContentError as exc:
        print(f"{path_text}: invalid: {exc.message}{_where(exc)}", file=sys.stderr)
        return EXIT_INVALID
    count = len(routine.entries)
    minutes = _minutes(estimate_seconds(routine, DEFAULT_TIMING))
    if _shadowed_by_builtin(routine, catalogue):
        # Valid for --start PATH, but in the routines folder the built-in one wins and this file is skipped.
        note = (
            f"a built-in routine is already called '{routine.id}'; rename the file to use it from your routines folder"
        )
        if _inside(path, paths.user_routines_dir()):
            print(f"{path_text}: invalid: {note}", file=sys.stderr)
            return EXIT_INVALID
        print(f"{path_text}: note: {note}", file=sys.stderr)
    exercises = "exercise" if count == 1 else "exercises"
    print(f"{path_text}: valid \N{EM DASH} {count} {exercises}, about {minutes} {_plural(minutes, 'minute')}")
    return EXIT_OK


def _shadowed_by_builtin(routine: Routine, catalogue: dict[str, Exercise]) -> bool:
    """True when another file, a built-in routine, has this routine's id (the built-in file itself is fine)."""
    try:
        builtins = content.builtin_routines(catalogue)
    except ContentError:
        return False  # a damaged installation is reported by the commands that list routines
    for builtin in builtins:
        if builtin.id == routine.id:
            return not _same_file(Path(builtin.source), Path(routine.source))
    return False


# --------------------------------------------------------------------------------------------------------------
# History (no lock: SQLite's own locking keeps a running window and these commands consistent)


def dose_summary(exercise: Exercise) -> str:
    """One readable line, e.g. ``8-10 reps (10) each side, hold 3 s*, 2 sets*``; ``*`` marks our numbers."""
    dose = exercise.dose
    each = f" each {exercise.side_word}" if exercise.per_side else ""
    parts: list[str] = []
    if exercise.kind is Kind.CARDIO and dose.minutes is not None:
        parts.append(_amount(dose.minutes, "min", "min") + each)
    elif exercise.kind is Kind.HOLD and dose.hold_seconds is not None:
        parts.append("hold " + _amount(dose.hold_seconds, "s", "s") + each)
    else:
        count = dose.reps if exercise.kind is Kind.REPS else dose.steps
        unit = "rep" if exercise.kind is Kind.REPS else "step"
        if count is not None:
            parts.append(_amount(count, unit, unit + "s") + each)
        if dose.hold_seconds is not None:
            parts.append("hold " + _amount(dose.hold_seconds, "s", "s"))
    sets = dose.sets
    if sets.value != 1 or sets.low is not None or sets.high is not None:
        parts.append(_amount(sets, "set", "sets"))
    return ", ".join(parts)


def _amount(value: DoseValue, one: str, many: str) -> str:
    """``10 reps``, ``8-10 reps (10)`` when the article gives a range, with the mark when the number is ours."""
    unit = one if value.value == 1 and value.low is None and value.high is None else many
    if value.low is not None and value.high is not None and value.low != value.high:
        text = f"{value.low}-{value.high} {unit} ({value.value})"
    elif value.low is not None and value.high is None:
        text = f"{value.low}+ {unit} ({value.value})"
    elif value.high is not None and value.low is None:
        text = f"up to {value.high} {unit} ({value.value})"
    else:
        text = f"{value.value} {unit}"
    return text + (OURS_MARK if value.ours else "")


def _dose_value_json(value: DoseValue) -> dict[str, object]:
    return {"value": value.value, "low": value.low, "high": value.high, "ours": value.ours}


def exercise_json(exercise: Exercise) -> dict[str, object]:
    dose = exercise.dose
    dose_json: dict[str, object] = {"sets": _dose_value_json(dose.sets)}
    for name, value in (
        ("reps", dose.reps),
        ("steps", dose.steps),
        ("hold_seconds", dose.hold_seconds),
        ("minutes", dose.minutes),
    ):
        if value is not None:
            dose_json[name] = _dose_value_json(value)
    if exercise.kind in (Kind.REPS, Kind.STEPS):  # the pace of holds and cardio is not timed
        dose_json["tempo"] = {"up": dose.tempo.up, "down": dose.tempo.down, "ours": dose.tempo_ours}
    return {
        "id": exercise.id,
        "name": exercise.name,
        "number": exercise.number,
        "position": exercise.position.value,
        "kind": exercise.kind.value,
        "per_side": exercise.per_side,
        "side_word": exercise.side_word,
        "equipment": [item.value for item in exercise.equipment],
        "benefit": exercise.benefit,
        "steps": list(exercise.steps),
        "dose": dose_json,
    }


def routine_json(routine: Routine, source: str) -> dict[str, object]:
    return {
        "id": routine.id,
        "name": routine.name,
        "description": routine.description,
        "estimated_seconds": round(estimate_seconds(routine, DEFAULT_TIMING)),
        "equipment": [item.value for item in routine.equipment],
        "exercises": [entry.exercise.id for entry in routine.entries],
        "source": source,
    }


def _minutes(seconds: float) -> int:
    return max(1, round(seconds / 60))


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"


def _where(error: ContentError) -> str:
    """Line and field of a content error, for messages that already name the file in full."""
    parts = []
    if error.line is not None:
        parts.append(f"line {error.line}")
    if error.field is not None:
        parts.append(f"field '{error.field}'")
    return f" ({', '.join(parts)})" if parts else ""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except (OSError, ValueError):
        return False


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().parent == folder.resolve()
    except (OSError, RuntimeError):
        return False


def _print_table(header: list[str], rows: list[list[str]], *, right_aligned: set[int]) -> None:
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
    print(f"{APP_NAME}: {message}", file=sys.stderr)


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
