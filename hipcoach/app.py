"""Composition root: build the window, the session controller and the content, wire them, and run Qt.

Nothing here decides how a session behaves; it only connects the parts and turns the outcome into an exit status
(see hipcoach.options): 0 when an unattended session ran to its end, 3 when it was stopped, 2 when ``--start``
names no routine, 1 for broken built-in content or anything unexpected. A user never sees a traceback: it goes to
the error log in the data folder, and the user gets one sentence saying where.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox

from hipcoach import APP_ID, APP_NAME, __version__, cli
from hipcoach.core import content, paths, resume
from hipcoach.core.content import ContentError
from hipcoach.core.engine import Event, Paused, SecondElapsed, SessionEnded
from hipcoach.core.history import HistoryError, open_history
from hipcoach.core.model import Exercise, Routine
from hipcoach.core.plan import Plan
from hipcoach.core.settings import Settings, delete_preferences, load_settings_with_warnings
from hipcoach.options import EXIT_ERROR, EXIT_INVALID, EXIT_OK, EXIT_STOPPED, AppOptions
from hipcoach.speech.settings import SpeechSettings
from hipcoach.speech.settings import load_settings as load_speech_settings
from hipcoach.speech.speaker import Speaker
from hipcoach.ui.about import app_icon
from hipcoach.ui.history_view import HistoryView
from hipcoach.ui.main_window import MainWindow, SessionPreparer
from hipcoach.ui.recorder import SessionRecorder, event_log_from_env
from hipcoach.ui.screensaver import ScreenSaverInhibitor
from hipcoach.ui.session_controller import SessionController
from hipcoach.ui.single_instance import SingleInstance, handoff_args, requested_start
from hipcoach.ui.speech_settings import edit_speech_settings
from hipcoach.ui.summary_view import SessionReport

EXPOSE_TIMEOUT = 10.0  # seconds to wait for the window manager to show the window before a screenshot
FLUSH_TIMEOUT = 10.0  # seconds an unattended run waits for the history to be written before it exits


def make_speaker(settings: SpeechSettings) -> Speaker | None:
    """The real speaker (tests replace this to keep real audio out of in-process runs)."""
    return Speaker(settings=settings)


def _speech_preparer(speaker: Speaker | None, controller: SessionController) -> SessionPreparer:
    """Before a session starts, render its cues in the order they will be needed; start once the first ones are
    ready, or after two seconds at most, so a slow engine never holds the session back."""

    def prepare(plan: Plan, go: Callable[[], None]) -> None:
        if speaker is None:
            go()
            return
        speaker.prepare(plan, controller.verbosity)
        speaker.when_ready(go)

    return prepare


def _silence_on_pause(speaker: Speaker, event: Event) -> None:
    """Pause and stop cut the voice at once; a skip needs nothing, its new phase's cue cuts what is playing."""
    if isinstance(event, Paused | SessionEnded):
        speaker.silence()


def _say(message: str) -> None:
    print(f"{APP_NAME}: {message}", file=sys.stderr, flush=True)


def run_app(options: AppOptions, argv: list[str] | None = None) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv if argv is not None else sys.argv[:1])
    if existing is None:
        app.setApplicationName(APP_NAME)
        app.setApplicationVersion(__version__)
        QGuiApplication.setDesktopFileName(APP_ID)
        app.setWindowIcon(app_icon())
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


class _HistoryLink(QObject):
    """Keeps the History page in step with what the recorder writes and deletes."""

    def __init__(self, view: HistoryView, window: MainWindow) -> None:
        super().__init__(view)
        self.view = view
        self.window = window

    def refresh_if_shown(self) -> None:
        if self.view.isVisible():
            self.view.refresh()

    def after_delete_all(self, removed: list[str]) -> None:
        self.view.store.close()
        gone = delete_preferences()
        self.view.store = open_history()
        self.view.refresh()
        self.window.show_notice(
            f"All your data was deleted from this computer ({len(removed) + len(gone)} files)."
        )


@dataclass(frozen=True)
class _Content:
    catalogue: dict[str, Exercise]
    routines: list[Routine]  # built-in, then the user's own
    errors: list[ContentError]  # the user's routine files that could not be read
    start: Routine | None
    settings: Settings
    warnings: list[str]


class GuiRun:
    """One run of the window, from loading content to the exit status."""

    def __init__(self, app: QApplication, options: AppOptions) -> None:
        self.app = app
        self.options = options
        self.window: MainWindow | None = None
        self.exit_code: int | None = None
        self._screenshots: Screenshots | None = None
        self._failed = False  # an unexpected error has been reported and its message is still up
        self.recorder: SessionRecorder
        self._looping = False  # app.exec() is running: only then may exit() be called (a late call ends the
        # next event loop instead, e.g. a test's wait that follows this run)

    def run(self) -> int:
        loaded = self._load_content()
        if isinstance(loaded, int):
            return loaded
        instance = SingleInstance(paths.data_dir())
        if not instance.acquire():
            if instance.send_to_running(handoff_args(self.options.start)):
                return EXIT_OK  # the running window came to the front (and starts the routine if idle)
            _say(f"{APP_NAME} is already open for {paths.data_dir()} but does not answer; close it and try again")
            return EXIT_ERROR
        speech_settings = load_speech_settings()
        controller = SessionController(time_scale=self.options.time_scale, verbosity=speech_settings.verbosity)
        # created before the window, so it hears SessionEnded before the summary (and an unattended exit) does
        self.recorder = SessionRecorder(event_log=event_log_from_env())
        self.recorder.attach(controller)
        speaker = make_speaker(speech_settings)
        window = self._build_window(loaded, controller, speaker)
        instance.message_received.connect(lambda args: self._on_handoff(args, loaded.catalogue))
        previous_hook = sys.excepthook
        sys.excepthook = self._excepthook
        try:
            self._open(window, controller, loaded)
            self._looping = True
            status = self.app.exec()
        finally:
            self._looping = False
            try:
                self._dispose(window)  # closing may still run slots (a session being stopped): keep the hook
            finally:
                sys.excepthook = previous_hook
                self.recorder.close()
                if speaker is not None:
                    speaker.close()
                instance.release()
        return self.exit_code if self.exit_code is not None else status

    def _load_content(self) -> _Content | int:
        """The catalogue, the routines and the one to start; an exit status when there is nothing to run."""
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
        return _Content(catalogue, [*routines, *mine], errors, start, settings, warnings)

    def _build_window(self, loaded: _Content, controller: SessionController, speaker: Speaker | None) -> MainWindow:
        window = MainWindow(
            controller,
            loaded.settings,
            inhibitor=ScreenSaverInhibitor(),
            quit_when_done=self.options.quit_when_done,
            restore_geometry=self.options.screenshot_dir is None,
            prepare=_speech_preparer(speaker, controller),
        )
        self.window = window
        self.recorder.problem.connect(window.show_notice)
        if speaker is not None:
            self._wire_speech(speaker, controller, window)
        window.chooser.set_routines(loaded.routines, loaded.errors, settings_warnings=loaded.warnings)
        window.summary_shown.connect(self._on_summary)
        self._add_history(window, loaded)
        return window

    def _add_history(self, window: MainWindow, loaded: _Content) -> None:
        """The History page reads through its own connection on the GUI thread (reads are a few ms even for ten
        years); the recorder writes through another on its worker. After each write the page reads again."""
        try:
            store = open_history()
        except HistoryError as exc:
            window.show_notice(f"Your history cannot be shown: {exc}")
            return
        view = HistoryView(
            store, goal=loaded.settings.weekly_goal, names={e.id: e.name for e in loaded.catalogue.values()}
        )
        window.add_history_page(view)
        link = _HistoryLink(view, window)
        window.history_shown.connect(view.refresh)
        view.goal_changed.connect(lambda goal: window.change_settings(weekly_goal=goal))
        window.delete_all_requested.connect(self.recorder.delete_all_data)
        # bound methods of an object that dies with the page: nothing calls into a deleted page at shutdown
        self.recorder.drained.connect(link.refresh_if_shown)
        self.recorder.data_deleted.connect(link.after_delete_all)

    def _open(self, window: MainWindow, controller: SessionController, loaded: _Content) -> None:
        """Show the window; then start the --start routine, or offer to carry on an interrupted session."""
        if loaded.start is not None:
            window.chooser.select(loaded.start.id)  # so the chooser (and its screenshot) shows what is starting
        window.show()
        window.activateWindow()  # keys go to the active window; without a window manager nobody else makes it so
        if self.options.screenshot_dir is not None:
            self._screenshots = Screenshots(window, self.options.screenshot_dir)
            self._screenshots.take("chooser")
            controller.engine_event.connect(self._screenshots.on_event)
        offer = loaded.start is None and not self.options.quit_when_done
        if offer and self._offer_resume(loaded.routines):
            return
        self.recorder.close_interrupted()
        if loaded.start is not None:
            window.start_routine(loaded.start)

    def _wire_speech(self, speaker: Speaker, controller: SessionController, window: MainWindow) -> None:
        controller.cue.connect(speaker.say)
        controller.engine_event.connect(lambda event: _silence_on_pause(speaker, event))
        speaker.notice.connect(window.show_notice)
        action = QAction("Voice and cues\u2026", window)
        action.setToolTip("Voice, speed, volume, how much the coach says, mute, tones")

        def edit() -> None:
            chosen = edit_speech_settings(speaker, window)
            if chosen is not None:
                controller.verbosity = chosen.verbosity

        action.triggered.connect(edit)
        window.add_settings_action(action)

    def _offer_resume(self, routines: list[Routine]) -> bool:
        """A session cut short by a crash, a kill or a power cut: offer to carry on from the exercise in progress."""
        try:
            with open_history() as store:
                point = resume.find_resumable(store, routines, datetime.now(UTC))
        except HistoryError:
            return False  # the recorder reports what is wrong with the history
        if point is None or self.window is None:
            return False
        if not self.window.ask_resume(point.routine.name, point.exercise_name):
            return False
        self.recorder.continue_session(point.session.id)
        self.window.start_routine(point.routine, at_entry=point.entry_index, done=point.done)
        return True

    def _on_handoff(self, args: list[str], catalogue: dict[str, Exercise]) -> None:
        """A second launch for the same data folder handed its arguments over: come to the front, maybe start."""
        window = self.window
        if window is None:
            return
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()
        wanted = requested_start(args)
        if wanted is None:
            return
        try:
            window.start_routine(content.find_routine(wanted, catalogue))  # ignored while a session runs
        except ContentError as exc:
            window.show_notice(f"--start: {exc}")

    def _on_summary(self, report: SessionReport) -> None:
        if self._screenshots is not None:
            self._screenshots.take("summary")
        if self.options.quit_when_done:
            code = EXIT_OK if report.summary.completed else EXIT_STOPPED
            QTimer.singleShot(0, lambda: self._exit(code))

    def _exit(self, code: int) -> None:
        self.recorder.flush(FLUSH_TIMEOUT)  # "exits once everything is written"
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
