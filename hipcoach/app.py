"""Composition root: build the window, the session controller and the content, wire them, and run Qt.

Nothing here decides how a session behaves; it only connects the parts and turns the outcome into an exit status
(see hipcoach.options): 0 when an unattended session ran to its end, 3 when it was stopped, 2 when ``--start``
names no routine, 1 for broken built-in content or anything unexpected. A user never sees a traceback: it goes to
the error log in the data folder, and the user gets one sentence saying where.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox

from hipcoach import APP_ID, APP_NAME, __version__, cli
from hipcoach.core import content
from hipcoach.core.content import ContentError
from hipcoach.core.cues import Verbosity
from hipcoach.core.engine import Event, SecondElapsed
from hipcoach.core.model import Routine
from hipcoach.core.settings import load_settings_with_warnings
from hipcoach.options import EXIT_ERROR, EXIT_INVALID, EXIT_OK, EXIT_STOPPED, AppOptions
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.screensaver import ScreenSaverInhibitor
from hipcoach.ui.session_controller import SessionController
from hipcoach.ui.summary_view import SessionReport

EXPOSE_TIMEOUT = 10.0  # seconds to wait for the window manager to show the window before a screenshot


def _say(message: str) -> None:
    print(f"{APP_NAME}: {message}", file=sys.stderr, flush=True)


def run_app(options: AppOptions, argv: list[str] | None = None) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv if argv is not None else sys.argv[:1])
    if existing is None:
        app.setApplicationName(APP_NAME)
        app.setApplicationVersion(__version__)
        QGuiApplication.setDesktopFileName(APP_ID)
    try:
        return GuiRun(app, options).run()
    except Exception as exc:
        _report_unexpected(exc)
        return EXIT_ERROR


def _report_unexpected(exc: BaseException) -> Path | str:
    log = cli._write_error_log(exc)  # the same log as the command line, so there is one place to look
    where = f"; details in {log}" if isinstance(log, Path) else ""
    _say(f"unexpected error: {type(exc).__name__}{where}")
    return log


class GuiRun:
    """One run of the window, from loading content to the exit status."""

    def __init__(self, app: QApplication, options: AppOptions) -> None:
        self.app = app
        self.options = options
        self.window: MainWindow | None = None
        self.exit_code: int | None = None
        self._screenshots: Screenshots | None = None
        self._failed = False  # an unexpected error has been reported and its message is still up
        self._looping = False  # app.exec() is running: only then may exit() be called (a late call ends the
        # next event loop instead, e.g. a test's wait that follows this run)

    def run(self) -> int:
        try:
            catalogue = content.load_catalogue()
            routines = content.builtin_routines(catalogue)
        except ContentError as exc:
            _say(f"the built-in exercises or routines are broken: {exc}")
            return EXIT_ERROR
        mine, errors = content.user_routines(catalogue)
        start: Routine | None = None
        if self.options.start is not None:
            try:
                start = content.find_routine(self.options.start, catalogue)
            except ContentError as exc:
                _say(f"--start: {exc}")
                return EXIT_INVALID
        settings, warnings = load_settings_with_warnings()
        for warning in warnings:
            _say(warning)

        controller = SessionController(time_scale=self.options.time_scale, verbosity=Verbosity(settings.verbosity))
        inhibitor = ScreenSaverInhibitor()
        window = MainWindow(
            controller,
            settings,
            inhibitor=inhibitor,
            quit_when_done=self.options.quit_when_done,
            restore_geometry=self.options.screenshot_dir is None,
        )
        self.window = window
        window.chooser.set_routines([*routines, *mine], errors, settings_warnings=warnings)
        window.summary_shown.connect(self._on_summary)
        previous_hook = sys.excepthook
        sys.excepthook = self._excepthook
        try:
            if start is not None:
                window.chooser.select(start.id)  # so the chooser (and its screenshot) shows what is starting
            window.show()
            window.activateWindow()  # keys go to the active window; without a window manager nobody else makes it so
            if self.options.screenshot_dir is not None:
                self._screenshots = Screenshots(window, self.options.screenshot_dir)
                self._screenshots.take("chooser")
                controller.engine_event.connect(self._screenshots.on_event)
            if start is not None:
                window.start_routine(start)
            self._looping = True
            status = self.app.exec()
        finally:
            self._looping = False
            try:
                self._dispose(window)  # closing may still run slots (a session being stopped): keep the hook
            finally:
                sys.excepthook = previous_hook
        return self.exit_code if self.exit_code is not None else status

    def _on_summary(self, report: SessionReport) -> None:
        if self._screenshots is not None:
            self._screenshots.take("summary")
        if self.options.quit_when_done:
            code = EXIT_OK if report.summary.completed else EXIT_STOPPED
            QTimer.singleShot(0, lambda: self._exit(code))

    def _exit(self, code: int) -> None:
        if self.exit_code is None:
            self.exit_code = code
        if self._looping:
            self._looping = False
            self.app.exit(self.exit_code)

    def _excepthook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """A bug in a slot must not show a traceback or leave an unattended run hanging. One bug tends to repeat on
        every event, so the user hears about it once; the log gets every occurrence."""
        del kind
        exc = exc.with_traceback(tb) if exc.__traceback__ is None else exc
        if self._failed:
            cli._write_error_log(exc)
            return
        self._failed = True
        log = _report_unexpected(exc)
        if self.options.quit_when_done or self.window is None:
            self.exit_code = None
            self._exit(EXIT_ERROR)
            return
        where = f"\n\nThe details were saved in {log}." if isinstance(log, Path) else ""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Something went wrong",
            f"Something went wrong inside {APP_NAME}. You can carry on; if it happens again, restart the app." + where,
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setModal(False)
        box.finished.connect(self._error_seen)
        box.show()

    def _error_seen(self) -> None:
        """After the user has closed the message, a new error may be shown again."""
        self._failed = False

    def _dispose(self, window: MainWindow) -> None:
        if window.isVisible():
            window.close()  # stops a session still running and releases the screen saver
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        # Closing the last window posts a Quit event; left queued, it would end whatever event loop runs next
        # in this process (another run, or a test waiting for a signal).
        QCoreApplication.removePostedEvents(self.app, QEvent.Type.Quit)


class Screenshots:
    """PNG files of the real window at three fixed moments, for end-to-end tests and the README.

    Under X11 the pixels come from the X server (what a person would see); the offscreen platform has no server, so
    there the widget renders itself.
    """

    def __init__(self, window: MainWindow, directory: Path) -> None:
        self.window = window
        self.directory = directory
        self.taken: list[str] = []

    def take(self, name: str) -> Path | None:
        if name in self.taken:
            return None
        self._wait_exposed()
        # Layouts update on a posted event; a screenshot taken inside a slot would show the old layout.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.window.repaint()
        pixmap = QPixmap()
        if QGuiApplication.platformName() != "offscreen":
            pixmap = self.window.screen().grabWindow(self.window.winId())
        if pixmap.isNull():
            pixmap = self.window.grab()
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{name}.png"
        if not pixmap.save(str(path), "PNG"):
            _say(f"could not save the screenshot {path}")
            return None
        self.taken.append(name)
        return path

    def on_event(self, event: Event) -> None:
        """The session screenshot: midway through the first work phase, when the screen is at its busiest."""
        if "session" in self.taken or not isinstance(event, SecondElapsed):
            return
        engine = self.window.controller.engine
        if engine is None or engine.index != event.index:
            return
        phase = engine.phase
        if phase.kind.is_work and event.remaining * 2 <= phase.duration:
            self.take("session")

    def _wait_exposed(self) -> None:
        """Only the first screenshot waits (and so runs the event loop); later ones are taken inside a slot, where
        running the loop could re-enter the session controller."""
        handle = self.window.windowHandle()
        if handle is None or handle.isExposed():
            return
        deadline = time.monotonic() + EXPOSE_TIMEOUT
        while not handle.isExposed() and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QCoreApplication.processEvents()
