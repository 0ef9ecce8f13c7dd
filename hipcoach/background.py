"""``hipcoach --background``: the reminders without a window, started at login by the autostart entry.

A composition root of its own, small on purpose: no window, no content, no speech; the reminder service with its one
timer, D-Bus, and a tray icon where the desktop has a tray. Qt's GUI libraries (a QApplication) are loaded only where
a tray may be (ui/tray_probe.py); elsewhere a QCoreApplication is enough. Nothing polls: the
timer is armed for the next reminder, the settings folder is watched (inotify) so turning reminders off ends this
process and changed days re-arm the timer, logind's wake-up signal makes it look at the clock again, and SIGTERM
(``hipcoach --background --quit``) arrives through a socket Qt watches.

It is a process of its own, beside the window: it holds ``reminders.lock`` in the data folder (one background per
data folder), never the window's lock. "Start now" and the tray's entries start ``hipcoach`` (with ``--start``),
which opens the window or hands the routine to the window already open, by the one-window rule (docs/reminders.md,
"The background mode").
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

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QObject, QProcess, QSocketNotifier
from PySide6.QtDBus import QDBusConnection

from hipcoach import APP_NAME, __version__
from hipcoach.core import paths
from hipcoach.core.autostart import command_line
from hipcoach.core.instance import InstanceLock
from hipcoach.core.reminder_schedule import local_zone, session_starts
from hipcoach.core.settings import Settings, load_settings_with_warnings, settings_path
from hipcoach.options import EXIT_ERROR, EXIT_OK
from hipcoach.ui.reminder_notifier import ReminderNotifier
from hipcoach.ui.reminder_service import ReminderService

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSystemTrayIcon

    from hipcoach.core.history.store import HistoryStore

LOCK_FILE: Final = "reminders.lock"
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
    def __init__(self, app: QCoreApplication, settings: Settings, *, tray: bool) -> None:
        """``tray``: the application is a QApplication and the desktop may have a tray (ui/tray_probe.py)."""
        super().__init__()
        self.app = app
        self.settings = settings
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
        entries = (
            ("Open", lambda: self.open_window("", sore_day=False, start=False)),
            ("Start my routine", lambda: self.open_window(self.settings.reminder_routine, sore_day=False)),
            ("Pause reminders for today", self.service.pause_today),
            ("Quit", self.app.quit),
        )
        for text, act in entries:
            action = QAction(text, menu)
            action.triggered.connect(act)
            menu.addAction(action)
        tray.setContextMenu(menu)
        self._menu = menu  # a QMenu has no parent here: kept alive with the tray
        tray.show()
        return tray

    def _routine_name(self, routine_id: str) -> str:
        return routine_name(routine_id or last_routine())

    def open_window(self, routine_id: str, sore_day: bool = False, *, start: bool = True) -> None:
        """The window (started, or brought up by the one it hands over to), with the routine when asked."""
        routine = (routine_id or last_routine()) if start else ""
        args = ["--start", routine] if routine else []
        if routine and sore_day:
            args.append("--sore-day")
        program, arguments = command_line(args)
        if not QProcess.startDetached(program, arguments)[0]:
            _report(OSError(f"could not start {program} {' '.join(arguments)}"))

    def _settings_changed(self) -> None:
        settings, _warnings = load_settings_with_warnings()
        if settings == self.settings:
            return
        self.settings = settings
        if not settings.reminders_on:
            self.app.quit()  # reminders turned off: nothing left to do in the background
            return
        self.service.use_settings(settings)


class _QuitOnSigterm(QObject):
    """SIGTERM ends the event loop. Python runs a signal handler only between bytecodes, so the signal also writes to
    a socket Qt watches, which wakes the loop (no timer polling for it)."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.app = app
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


def run_background(*, quit_running_one: bool = False) -> int:
    if quit_running_one:
        return quit_running()
    settings, warnings = load_settings_with_warnings()
    for warning in warnings:
        _say(warning)
    if not settings.reminders_on:
        _say("reminders are off (Settings, Reminders): nothing to do in the background")
        return EXIT_OK
    paths.prepare_data_dir(paths.data_dir())
    lock = BackgroundLock(paths.data_dir(), writable=True)
    if not lock.acquire():
        print(f"{APP_NAME}: background reminders are already running for {paths.data_dir()}", flush=True)
        return EXIT_OK
    from hipcoach.ui.tray_probe import tray_possible  # noqa: PLC0415 - only the background asks

    existing = QCoreApplication.instance()
    app, tray = existing, existing is not None and existing.inherits("QApplication")
    if app is None:
        tray = tray_possible()
        app = _gui_application() if tray else QCoreApplication([APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    sigterm = _QuitOnSigterm(app) if os.name == "posix" else None
    try:
        background = Background(app, settings, tray=tray)
        background.service.check()  # a reminder missed while the computer was off comes now, once
        print(f"{APP_NAME}: background reminders running", flush=True)
        return app.exec()
    finally:
        if sigterm is not None:
            sigterm.close()
        lock.release()
