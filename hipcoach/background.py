"""``hipcoach --background``: the reminders without a window, started at login by the autostart entry.

A composition root of its own, small on purpose: no window, no content, no speech; the reminder service with its one
timer, D-Bus, and a tray icon where the desktop has a tray. Qt's GUI libraries (a QApplication) are loaded only where
a tray may be (ui/tray_probe.py); elsewhere a QCoreApplication is enough. Nothing polls: the
timer is armed for the next reminder, the settings folder is watched (inotify) so turning reminders off ends this
process and changed days re-arm the timer, logind's wake-up signal makes it look at the clock again, and SIGTERM
(``hipcoach --background --quit``) arrives through a socket Qt watches.

It holds ``reminders.lock`` in the data folder (one background per data folder). Asked for the window (a plain
``hipcoach`` launch, "Start now", the tray's entries), it replaces its program with the window mode in this same
process (hipcoach.background_window), which runs the window beside the reminder service and comes back here when
the window closes with reminders on (docs/reminders.md, "The window in the background's process").
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Final, TypeVar

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QObject, QProcess, QSocketNotifier, QTimer
from PySide6.QtDBus import QDBusConnection

from hipcoach import APP_ID, APP_NAME, __version__
from hipcoach.background_window import CHANNEL, IN_PROCESS, replace_program, window_request
from hipcoach.core import paths
from hipcoach.core.autostart import command_line
from hipcoach.core.instance import BACKGROUND_LOCK_FILE, Answer, InstanceLock, held
from hipcoach.core.instance import LOCK_FILE as WINDOW_LOCK_FILE
from hipcoach.core.reminder_schedule import local_zone, session_starts
from hipcoach.core.settings import Settings, load_settings_with_warnings, settings_path
from hipcoach.options import EXIT_ERROR, EXIT_OK, AppOptions
from hipcoach.ui.reminder_notifier import ReminderNotifier
from hipcoach.ui.reminder_service import ReminderService

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSystemTrayIcon

    from hipcoach.core.history.store import HistoryStore
    from hipcoach.ui.single_instance import SingleInstance

LOCK_FILE: Final = BACKGROUND_LOCK_FILE
T = TypeVar("T")


class BackgroundLock(InstanceLock):
    """One background mode per data folder, beside the window's own lock (the same OS lock, another file)."""

    def _places(self) -> list[tuple[Path, bool]]:
        return [(self.data_dir / LOCK_FILE, True)]


def _say(message: str) -> None:
    print(f"{APP_NAME}: {message}", file=sys.stderr, flush=True)


def _report(exc: BaseException) -> None:
    from hipcoach import error_log  # noqa: PLC0415 - only when there is an error to write

    where = error_log.write(exc)
    _say(f"{exc} (written to {where})")


def _from_history(read: Callable[[HistoryStore], T], default: T) -> T:
    """``read`` on the history, or ``default`` when there is none yet or it cannot be read now (the problem goes to
    the error log). Opened for each use and closed at once: the background holds nothing open between reminders."""
    if not (paths.data_dir() / "history.sqlite3").exists():  # no session yet: not even SQLite is loaded
        return default
    import sqlite3  # noqa: PLC0415 - read at each check only

    from hipcoach.core.history.errors import HistoryError  # noqa: PLC0415 - likewise
    from hipcoach.core.history.opening import open_history  # noqa: PLC0415 - likewise

    try:
        store = open_history(busy_timeout_ms=2000)
    except (HistoryError, sqlite3.Error, OSError) as exc:
        _report(exc)
        return default
    try:
        return read(store)
    except (HistoryError, sqlite3.Error, OSError) as exc:
        _report(exc)
        return default
    finally:
        store.close()


def recent_session_starts() -> tuple[datetime, ...]:
    """The starts of the sessions of the last two days that count for a reminder (none when the history cannot be
    read: the reminder then comes, at most once a day, which is better than none)."""
    since = (datetime.now() - timedelta(days=1)).date()
    return _from_history(lambda store: session_starts(store.sessions(since=since)), ())


def last_routine() -> str:
    """The routine of the last session that counts ("my usual"); "" when there is none."""
    return _from_history(lambda store: next((row.routine_id for row in store.sessions() if not row.trial), ""), "")


def routine_name(routine_id: str) -> str:
    """The name a routine had when it was last done (the history keeps it), else its id in words: the content is
    not loaded in the background for one line of a notification."""
    if not routine_id:
        return ""
    fallback = routine_id.replace("-", " ").capitalize()
    return _from_history(
        lambda store: next((row.routine_name for row in store.sessions() if row.routine_id == routine_id), fallback),
        fallback,
    )


class Background(QObject):
    def __init__(self, app: QCoreApplication, settings: Settings, *, tray: bool, in_window: bool = False) -> None:
        """``tray``: the application is a QApplication and the desktop may have a tray (ui/tray_probe.py);
        ``in_window``: the window runs in this process beside the reminders (the window mode)."""
        super().__init__()
        self.app = app
        self.settings = settings
        self.in_window = in_window
        self.replace: Callable[[list[str]], None] | None = None  # the small mode's exec into the window mode
        self.tray: QSystemTrayIcon | None = None
        self.notifier = ReminderNotifier(QDBusConnection.sessionBus(), self._tray, _report, self)
        self.service = ReminderService(
            settings, recent_session_starts, self.notifier, self._routine_name, zone=local_zone, parent=self
        )
        self.service.start.connect(self.open_window)
        self.service.listen_for_wake_ups(QDBusConnection.systemBus())
        self.watcher = QFileSystemWatcher(self)
        folder = settings_path().parent
        paths.ensure_private_dir(folder)
        self.watcher.addPath(str(folder))
        self.watcher.directoryChanged.connect(self._settings_changed)
        if tray:
            from PySide6.QtWidgets import QSystemTrayIcon  # noqa: PLC0415 - only where a tray may be

            if QSystemTrayIcon.isSystemTrayAvailable():
                self.tray = self._make_tray()

    def _tray(self) -> QSystemTrayIcon | None:
        return self.tray

    def _make_tray(self) -> QSystemTrayIcon:
        from PySide6.QtGui import QAction  # noqa: PLC0415 - only where there is a tray
        from PySide6.QtWidgets import QMenu, QSystemTrayIcon  # noqa: PLC0415 - likewise

        from hipcoach.ui.about import app_icon  # noqa: PLC0415 - likewise

        tray = QSystemTrayIcon(app_icon(), self)
        tray.setToolTip(f"{APP_NAME}: reminders")
        menu = QMenu()
        for text, act in self.tray_entries():
            action = QAction(text, menu)
            action.triggered.connect(act)
            menu.addAction(action)
        tray.setContextMenu(menu)
        self._menu = menu  # a QMenu has no parent here: kept alive with the tray
        tray.show()
        return tray

    def tray_entries(self) -> list[tuple[str, Callable[[], None]]]:
        """The tray menu's entries and what each does (Open and Start my routine: the window, in this process)."""
        return [
            ("Open", lambda: self.open_window("", sore_day=False, start=False)),
            ("Start my routine", lambda: self.open_window(self.settings.reminder_routine, sore_day=False)),
            ("Pause reminders for today", self.service.pause_today),
            ("Quit", self.app.quit),
        ]

    def _routine_name(self, routine_id: str) -> str:
        return routine_name(routine_id or last_routine())

    def open_window(self, routine_id: str, sore_day: bool = False, *, start: bool = True) -> None:
        """The window with the routine when asked: in this process (the small mode replaces itself with the window
        mode), else started as a process of its own, which hands over to the window already open if there is one
        (the window mode's window, by the one-window rule)."""
        routine = (routine_id or last_routine()) if start else ""
        args = ["--start", routine] if routine else []
        if routine and sore_day:
            args.append("--sore-day")
        self.open_with(args)

    def open_with(self, args: list[str]) -> None:
        """``args``: the window's hand-off arguments. A window open in a process of its own (it was open before
        the reminders started) takes them by the one-window rule, so this process stays small."""
        if self.replace is not None and not held(paths.data_dir() / WINDOW_LOCK_FILE):
            self.replace(args)  # returns only when the exec failed (said in the error log)
            self.replace = None
        program, arguments = command_line(args)
        if not QProcess.startDetached(program, arguments)[0]:
            _report(OSError(f"could not start {program} {' '.join(arguments)}"))

    def _settings_changed(self) -> None:
        settings, _warnings = load_settings_with_warnings()
        if settings == self.settings:
            return
        self.settings = settings
        if not settings.reminders_on and not self.in_window:
            self.app.quit()  # reminders turned off: nothing left to do in the background
            return
        if not settings.reminders_on:
            _say("reminders are off: none will come; this process ends when the window closes")
        self.service.use_settings(settings)  # off: the timer is stopped (an empty schedule arms nothing)


class _QuitOnSigterm(QObject):
    """SIGTERM ends the event loop. Python runs a signal handler only between bytecodes, so the signal also writes to
    a socket Qt watches, which wakes the loop (no timer polling for it)."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.app = app
        self.asked = False  # SIGTERM came: the process ends, whatever the mode
        self.reader, self.writer = socket.socketpair()
        self.reader.setblocking(False)
        self.writer.setblocking(False)
        signal.set_wakeup_fd(self.writer.fileno())
        signal.signal(signal.SIGTERM, lambda *_: None)
        self.notifier = QSocketNotifier(self.reader.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._woken)

    def _woken(self) -> None:
        with contextlib.suppress(OSError):
            self.reader.recv(64)
        self.asked = True
        self.app.quit()

    def close(self) -> None:
        signal.set_wakeup_fd(-1)
        self.notifier.setEnabled(False)
        self.reader.close()
        self.writer.close()


def quit_running() -> int:
    """``--background --quit``: end the background mode of this data folder, if one runs."""
    lock = BackgroundLock(paths.data_dir(), writable=True)
    if lock.acquire():
        lock.release()
        print(f"{APP_NAME}: no background reminders are running for {paths.data_dir()}", flush=True)
        return EXIT_OK
    try:
        pid = int((paths.data_dir() / LOCK_FILE).read_text(encoding="utf-8").split()[0])
    except (OSError, ValueError, IndexError):
        _say("the background reminders are running, but which process they are could not be read")
        return EXIT_ERROR
    if os.name != "posix":
        _say("on this system, end the background reminders with Quit in the tray icon's menu")
        return EXIT_ERROR
    try:
        os.kill(pid, signal.SIGTERM)
    except OSError as exc:
        _say(f"could not end the background reminders (process {pid}): {exc.strerror}")
        return EXIT_ERROR
    print(f"{APP_NAME}: background reminders ended", flush=True)
    return EXIT_OK


def _gui_application() -> QCoreApplication:
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 - only where a tray may be

    app = QApplication([APP_NAME])
    app.setQuitOnLastWindowClosed(False)  # the tray's menu closing is not the end
    return app


def run_background(
    *, quit_running_one: bool = False, held_lock: int | None = None, window: AppOptions | None = None
) -> int:
    """The small background, or with ``window`` the window mode; ``held_lock``: the descriptor of ``reminders.lock``
    that the program this process replaced held (hipcoach.background_window)."""
    if quit_running_one:
        return quit_running()
    settings, warnings = load_settings_with_warnings()
    for warning in warnings:
        _say(warning)
    if not settings.reminders_on and window is None:
        _say("reminders are off (Settings, Reminders): nothing to do in the background")
        return EXIT_OK
    paths.prepare_data_dir(paths.data_dir())
    lock = BackgroundLock(paths.data_dir(), writable=True)
    if not (held_lock is not None and lock.adopt(held_lock)) and not lock.acquire():
        if window is not None:  # handed a lock that was not there: open the window as a launch would
            from hipcoach.background_window import launch_window  # noqa: PLC0415 - only then

            return launch_window(window)
        print(f"{APP_NAME}: background reminders are already running for {paths.data_dir()}", flush=True)
        return EXIT_OK
    if window is not None:
        return _run_window(lock, settings, window)
    from hipcoach.ui.tray_probe import tray_possible  # noqa: PLC0415 - only the background asks

    existing = QCoreApplication.instance()
    app, tray = existing, existing is not None and existing.inherits("QApplication")
    if app is None:
        tray = tray_possible()
        app = _gui_application() if tray else QCoreApplication([APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    sigterm = _QuitOnSigterm(app) if os.name == "posix" else None
    channel: SingleInstance | None = None
    try:
        background = Background(app, settings, tray=tray)
        if IN_PROCESS and existing is None:  # the process is ours to replace
            channel = _take_window_requests(background)
            background.replace = lambda args: _replace(lock, channel, ["--open-window", *args])
        background.service.check()  # a reminder missed while the computer was off comes now, once
        print(f"{APP_NAME}: background reminders running", flush=True)
        return app.exec()
    finally:
        if channel is not None:
            channel.release()
        if sigterm is not None:
            sigterm.close()
        lock.release()


def _take_window_requests(background: Background) -> SingleInstance:
    """Listen for a plain launch's "open-window" (hipcoach.background_window.launch_window): answer at once, then
    replace this program with the window mode."""
    from hipcoach.ui.single_instance import SingleInstance  # noqa: PLC0415 - only where the window may come here

    def answer(args: list[str]) -> Answer:
        request = window_request(args)
        if isinstance(request, Answer):
            return request
        QTimer.singleShot(0, background, lambda: background.open_with(request))  # once the answer has gone
        return Answer(True, f"opening the {APP_NAME} window (in the background reminders, process {os.getpid()})")

    channel = SingleInstance(paths.data_dir(), channel=CHANNEL, locked=True)
    channel.listen(answer)
    for problem in channel.problems:
        _say(problem)
    return channel


def _replace(lock: BackgroundLock, channel: SingleInstance | None, args: list[str]) -> None:
    """Become ``hipcoach --background --held-lock FD ARGS``. The channel is closed first and stays closed when the
    exec fails: a launch then gets no answer and opens its own window, so nothing asks here again in a loop."""
    if channel is not None:
        channel.release()
    if lock.fd is None:
        return
    _report(replace_program(lock.fd, args))


def _run_window(lock: BackgroundLock, settings: Settings, options: AppOptions) -> int:
    """The window mode: the window through the unchanged ``run_app``, the reminder service beside it on the one
    QApplication (no tray: the window is there). When the window closes, back to the small background if reminders
    are on; the process ends if they are off, or when SIGTERM asked it to."""
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415 - the window mode only
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 - likewise

    from hipcoach.app import run_app  # noqa: PLC0415 - likewise

    app = QApplication([APP_NAME])  # the window closing ends its loop, as in a window of its own
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    sigterm = _QuitOnSigterm(app)
    background = Background(app, settings, tray=False, in_window=True)
    background.service.check()
    try:
        status = run_app(options)
    finally:
        sigterm.close()
    background.service.stop()
    settings, _warnings = load_settings_with_warnings()
    if settings.reminders_on and not sigterm.asked and lock.fd is not None:
        _report(replace_program(lock.fd, []))  # returns only when the exec failed
    lock.release()
    return status
