"""The window in the background reminders' process (docs/reminders.md, "The window in the background's process").

Why one process: the issue asks that opening hipcoach while the background reminders run opens the window *in*
that process, and that closing it leaves the process running only when reminders are on. The small background is a
``QCoreApplication`` where no tray can be (that keeps it at half the idle window's memory), and an application
object cannot become a ``QApplication``. So the background replaces its own program (``os.execv``: the same process
id) with ``hipcoach --background --open-window``, which runs the window through the unchanged ``run_app`` with the
reminder service beside it, and replaces itself again with the small background when the window closes. The
descriptor holding ``reminders.lock`` is passed down across each exec (``--held-lock FD``), so no second background
can start in between.

This module is both ends of "open the window there": ``hand_to_background`` is what a plain ``hipcoach`` asks
first (over a channel like the window's own; the launch opens its own window when nobody answers),
``window_request`` is what the background makes of the message, and ``replace_program`` is the exec. POSIX only:
on Windows an exec starts another process, so the background there starts ``hipcoach`` beside it as before.
"""

from __future__ import annotations

import os
import sys
from typing import Final

from hipcoach import APP_NAME
from hipcoach.core import paths
from hipcoach.core.instance import BACKGROUND_LOCK_FILE, LOCK_FILE, Answer, Handoff, held, holder, parse_handoff
from hipcoach.options import EXIT_ERROR, EXIT_OK, AppOptions

CHANNEL: Final = "reminders"  # the background's socket: core.instance.socket_addresses(channel=CHANNEL)
OPEN_WINDOW: Final = "open-window"  # the message's first word; the window's hand-off arguments follow
ANSWER_TIMEOUT: Final = 3.0  # seconds a launch waits for the background before it opens a window of its own
IN_PROCESS: Final = os.name == "posix"


def launch_window(options: AppOptions) -> int:
    """A plain launch: the background reminders' process opens the window when it runs for this data folder and
    answers; otherwise (none, an older version, stuck) the window opens here, as it always did."""
    handed = hand_to_background(options)
    if handed is not None:
        return handed
    from hipcoach.app import run_app  # noqa: PLC0415 - Qt's widgets only when the window opens here

    return run_app(options)


def hand_to_background(options: AppOptions) -> int | None:
    """Ask the background to open the window; the exit status when it answered, None to open it here.

    Not when a window is open already (it takes the launch by the one-window rule), nor for ``--quit-when-done``
    (its exit status belongs to the launch that asked for it), nor from the background's own process."""
    folder = paths.data_dir()
    lock = folder / BACKGROUND_LOCK_FILE
    if not IN_PROCESS or options.quit_when_done or not held(lock) or held(folder / LOCK_FILE):
        return None
    if holder(lock) == os.getpid():
        return None
    from hipcoach.pyside_import import skip_source_scan  # noqa: PLC0415 - before Qt, as the window's own start

    skip_source_scan()  # this launch may still open the window, if the background does not answer
    from hipcoach.ui.single_instance import SingleInstance  # noqa: PLC0415 - only when a background runs

    scale = options.time_scale if options.time_scale != 1.0 else None
    handoff = Handoff(options.start, scale, sore_day=options.sore_day, floor_ok=options.floor_ok)
    channel = SingleInstance(folder, channel=CHANNEL)
    answer = channel.send_to_running([OPEN_WINDOW, *handoff.args()], timeout=ANSWER_TIMEOUT)
    if answer is None:
        return None
    if not answer.ok:
        print(f"{APP_NAME}: {answer.message}", file=sys.stderr, flush=True)
        return EXIT_ERROR
    print(answer.message, flush=True)
    return EXIT_OK


def window_request(args: list[str]) -> list[str] | Answer:
    """The window's arguments in an "open-window" message, or the answer refusing it."""
    if not args or args[0] != OPEN_WINDOW:
        return Answer(False, f"the {APP_NAME} reminders can only open the window")
    handoff = parse_handoff(args[1:])
    if isinstance(handoff, str):
        return Answer(False, handoff)
    if handoff.quit_when_done:
        return Answer(False, "--quit-when-done cannot apply to a window opened by the reminders")
    return handoff.args()


def replace_program(lock_fd: int, args: list[str]) -> OSError:
    """Become ``hipcoach --background --held-lock FD ARGS`` in this same process; returns only when that failed.

    The lock's descriptor is made inheritable for the new program and nothing else is: Python opens every other
    file, socket and pipe close-on-exec, and Qt's and D-Bus's own are too."""
    from hipcoach.core.autostart import command_line  # noqa: PLC0415 - only at an exec

    program, arguments = command_line(["--background", "--held-lock", str(lock_fd), *args])
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.set_inheritable(lock_fd, True)
        os.execv(program, [program, *arguments])
    except OSError as exc:
        os.set_inheritable(lock_fd, False)
        return exc
