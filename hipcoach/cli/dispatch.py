"""The ``hipcoach`` command's entry points: read the arguments, run one command or open the window.

The commands never import Qt, so they start fast, work over SSH and without a display, and can check a routine file
on a machine where the window could not even open. Only opening the window imports :mod:`hipcoach.app`.

Whatever goes wrong, the user sees one line, never a Python traceback: the traceback goes to the error log
(:mod:`hipcoach.error_log`) whose path that line gives (see docs/cli.md for exit statuses and output formats).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from hipcoach.cli import output
from hipcoach.core import paths
from hipcoach.hooks import SCREENSHOT_DIR_ENV, path
from hipcoach.options import EXIT_ERROR, EXIT_INVALID, EXIT_OK, AppOptions


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status; never lets a traceback reach the user."""
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:
        # The reader went away (``hipcoach exercises | head -1``): nobody is left to tell.
        output.silence_stdout()
        return EXIT_ERROR
    except KeyboardInterrupt:
        output.say("interrupted")
        return EXIT_ERROR
    except Exception as exc:
        _report_unexpected(exc)
        return EXIT_ERROR


def gui_main() -> int:
    """Entry point of the ``hipcoach-gui`` script: Windows starts it without a console window."""
    return main()


NO_ARGUMENTS = argparse.Namespace(
    command=None,
    start=None,
    sore_day=False,
    no_floor=False,
    time_scale=None,
    quit_when_done=False,
    background=False,
    quit=False,
    held_lock=None,
    open_window=False,
)
"""What the parser makes of no arguments at all (a test holds it to that). The desktop launcher starts the app this
way, and building the parser with all its subcommands takes about 3 ms of the window's start-up."""


def _run(argv: list[str]) -> int:
    output.tolerate_unencodable_output()
    if not argv:
        return _open_window(NO_ARGUMENTS)
    from hipcoach.cli.arguments import build_parser  # noqa: PLC0415 - not built for a plain start (NO_ARGUMENTS)

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and argument errors: argparse has said what there is to say
        output.flush_stdout()
        return exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else EXIT_ERROR)
    data_dir: Path | None = getattr(args, "data_dir", None)
    if data_dir is not None:
        paths.set_data_dir(data_dir)
    problem = _sore_day_problem(args) or _background_problem(args) or _window_only_problem(args)
    if problem is not None:
        parser.print_usage(sys.stderr)
        output.say(f"error: {problem}")
        return EXIT_INVALID
    if args.background:
        return _run_background(args)
    if args.command is None:
        return _open_window(args)
    if args.command in ("history", "export", "import"):
        from hipcoach.cli import history  # noqa: PLC0415 - the database code stays out of the window's start-up

        status = history.run(args)
    elif args.command == "progress":
        from hipcoach.cli import progress  # noqa: PLC0415 - the content and the database, for this command only

        status = progress.run(args)
    elif args.command in ("figure", "figures"):
        from hipcoach.cli import figure  # noqa: PLC0415 - Qt is loaded only to draw a picture

        status = figure.run(args)
    else:
        from hipcoach.cli import content  # noqa: PLC0415 - the content code stays out of the window's start-up

        status = content.run(args)
    output.flush_stdout()
    return status


def _sore_day_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with ``--sore-day`` and ``--no-floor`` here, or None: the sore-day version is of a routine
    (``--start ROUTINE`` or ``cues ROUTINE``), and ``--no-floor`` is one of its options."""
    if args.no_floor and not args.sore_day:
        return "--no-floor only goes with --sore-day"
    if args.sore_day and args.command is None and args.start is None:
        return "--sore-day needs --start ROUTINE (in the window, choose a routine and press Sore today?)"
    return None


def _window_only_problem(args: argparse.Namespace) -> str | None:
    """A window option given to a command, or None."""
    if args.command is None:
        return None
    given = [flag for flag, value in (("--start", args.start), ("--time-scale", args.time_scale)) if value is not None]
    if args.quit_when_done:
        given.append("--quit-when-done")
    if args.sore_day and args.command != "cues":
        given.append("--sore-day")
    return f"{', '.join(given)} only applies when opening the window, not to '{args.command}'" if given else None


def _background_problem(args: argparse.Namespace) -> str | None:
    """What cannot go with ``--background`` (or ``--quit`` without it), or None."""
    if args.quit and not args.background:
        return "--quit only goes with --background"
    if (args.open_window or args.held_lock is not None) and not args.background:
        return "--held-lock and --open-window only go with --background"
    if not args.background:
        return None
    window = args.open_window  # the window mode takes the window's options, but never an unattended run
    given = [
        flag
        for flag, value in (
            ("--start", args.start is not None and not window),
            ("--time-scale", args.time_scale is not None and not window),
            ("--quit-when-done", args.quit_when_done),
            ("--sore-day", args.sore_day and not window),
            ("--quit", args.quit and (window or args.held_lock is not None)),
        )
        if value
    ]
    if args.command is not None:
        given.append(f"'{args.command}'")
    return f"--background has no window: {', '.join(given)} cannot go with it" if given else None


def _run_background(args: argparse.Namespace) -> int:
    def load() -> Callable[..., int]:
        from hipcoach.background import run_background  # noqa: PLC0415 - Qt only for the background mode

        return run_background

    run = _with_qt("start the reminders", load)
    if run is None:
        return EXIT_ERROR
    window = _window_options(args) if args.open_window else None
    return run(quit_running_one=args.quit, held_lock=args.held_lock, window=window)


def _with_qt(doing: str, load: Callable[[], Callable[..., int]]) -> Callable[..., int] | None:
    """What ``load`` imports with Qt, or None once the terminal is told why not (Qt's libraries missing)."""
    try:
        from hipcoach.pyside_import import skip_source_scan  # noqa: PLC0415 - before Qt, see there

        skip_source_scan()
        return load()
    except ImportError as exc:
        from hipcoach import error_log  # noqa: PLC0415 - only an error needs it

        log = error_log.write(exc)
        where = f"; details in {log}" if isinstance(log, Path) else ""
        output.say(f"cannot {doing}: Qt could not be loaded ({error_log.one_line(exc)}){where}")
        return None


def _open_window(args: argparse.Namespace) -> int:
    start: str | None = args.start
    if start is not None:
        # Checked here so a mistake is reported in the terminal it was typed in, before any window appears.
        from hipcoach.cli import content  # noqa: PLC0415 - the content code stays out of a plain start-up

        problem = content.check_start(start)
        if problem is not None:
            return problem
    options = _window_options(args)
    from hipcoach.background_window import hand_to_background  # noqa: PLC0415 - Qt only if the background runs

    handed = hand_to_background(options)  # the background reminders open the window in their process
    if handed is not None:
        return handed

    def load() -> Callable[..., int]:
        from hipcoach.app import run_app  # noqa: PLC0415  (Qt is imported only to open the window)

        return run_app

    run = _with_qt("open the window", load)
    return run(options) if run is not None else EXIT_ERROR


def _window_options(args: argparse.Namespace) -> AppOptions:
    return AppOptions(
        start=args.start,
        time_scale=args.time_scale if args.time_scale is not None else 1.0,
        quit_when_done=args.quit_when_done,
        screenshot_dir=path(SCREENSHOT_DIR_ENV),
        sore_day=args.sore_day,
        floor_ok=not args.no_floor,
    )


def _report_unexpected(exc: BaseException) -> None:
    from hipcoach import error_log  # noqa: PLC0415 - only an error needs it

    log = error_log.write(exc)
    if isinstance(log, Path):
        output.say(f"unexpected error: {error_log.one_line(exc)}; details in {log}")
    else:
        output.say(f"unexpected error: {error_log.one_line(exc)} (the details could not be saved: {log})")
