"""Composition root: build the window, the session controller and the content, wire them, and run Qt.

Nothing here decides how a session behaves; it only connects the parts and turns the outcome into an exit status
(see hipcoach.options): 0 when an unattended session ran to its end, 3 when it was stopped, 4 when it could not be
recorded, 2 when ``--start`` names no routine, 1 for broken built-in content or anything unexpected. A user never
sees a traceback: it goes to the error log in the data folder, and the user gets one sentence saying where.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from hipcoach import APP_ID, APP_NAME, __version__
from hipcoach.app_exit import ExitHandling, _report_unexpected, _say
from hipcoach.app_handoff import HandoffHandling
from hipcoach.core import chooser_snapshot, paths
from hipcoach.core.safety.answers import SafetyAnswers, load_answers
from hipcoach.core.settings import Settings, load_settings_with_warnings
from hipcoach.hooks import EXIT_AFTER_PAINT_ENV, is_on
from hipcoach.options import EXIT_ERROR, EXIT_INVALID, EXIT_OK, AppOptions
from hipcoach.ui.appearance import follow_settings
from hipcoach.ui.first_paint import FirstPaint
from hipcoach.ui.focus_ring import FocusRings
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.screensaver import ScreenSaverInhibitor
from hipcoach.ui.session_controller import SessionController
from hipcoach.ui.single_instance import SingleInstance
from hipcoach.ui.widgets import readable_palette
from hipcoach.ui.window_editor import RESUME_LATER

if TYPE_CHECKING:
    from hipcoach.core.content import ContentError
    from hipcoach.core.model import Exercise, Routine
    from hipcoach.core.plan import Plan
    from hipcoach.core.resume import ResumePoint
    from hipcoach.speech.settings import SpeechSettings
    from hipcoach.speech.speaker import Speaker
    from hipcoach.ui.adaptation import Adaptation
    from hipcoach.ui.screenshots import Screenshots
    from hipcoach.ui.services import Services


def today() -> date:
    """The date the safety precautions are measured against: the one source of it for the window and the routines
    offered (tests replace it)."""
    return date.today()


def make_speaker(settings: SpeechSettings) -> Speaker | None:
    """The real speaker (tests replace this to keep real audio out of in-process runs)."""
    from hipcoach.speech.speaker import Speaker  # noqa: PLC0415 - after the first paint, for start-up time

    return Speaker(settings=settings)


def run_app(options: AppOptions, argv: list[str] | None = None) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv if argv is not None else sys.argv[:1])
    app.setPalette(readable_palette(app.palette()))
    if existing is None:
        app.setApplicationName(APP_NAME)
        app.setApplicationVersion(__version__)
        QGuiApplication.setDesktopFileName(APP_ID)
    rings = FocusRings(app)
    try:
        return GuiRun(app, options).run()
    except Exception as exc:
        _report_unexpected(exc)
        return EXIT_ERROR
    finally:
        rings.close()


class _Content(NamedTuple):
    catalogue: dict[str, Exercise]
    routines: list[Routine]  # built-in, then the user's own
    errors: list[ContentError]  # the user's routine files that could not be read
    start: Routine | None
    key: chooser_snapshot.Key  # the content files as they were just before they were read


class GuiRun(ExitHandling, HandoffHandling):
    """One run of the window, from loading content to the exit status.

    Before the first paint only the settings and the chooser are needed. When the chooser's snapshot of the last run
    still matches the files, the window is drawn from it and the content is loaded right after the first paint;
    otherwise (the first start, a changed file, ``--start``) the content is loaded first (docs/startup.md).
    """

    def __init__(self, app: QApplication, options: AppOptions) -> None:
        self.app = app
        self.options = options
        self.window: MainWindow | None = None
        self.content: _Content | None = None
        self.exit_code: int | None = None
        self._screenshots: Screenshots | None = None
        self._failed = False  # an unexpected error has been reported and its message is still up
        self.services: Services | None = None  # built after the first paint
        self._instance: SingleInstance | None = None  # listens for a second launch after the first paint
        self._read_only = False  # the data folder cannot be written: nothing is recorded (docs/history.md)
        self._routine_watch: QObject | None = None  # reloads the routines when their files change
        self._adaptation: Adaptation | None = None  # the progression on the chooser, after the first paint
        self._settings_warnings: list[str] = []  # shown above the routines, again when the content replaces them
        self._said: set[str] = set()
        self._draining = False  # an exit is waiting for the recorder's last writes
        self._not_recorded = False  # the recorder was given up on at exit
        self._answers = SafetyAnswers()  # the safety answers as read at the start (--start is adapted to them)
        self._offered_on: date | None = None  # the day the chooser's routines were last offered for
        self._looping = False  # app.exec() is running: only then may exit() be called (a late call ends the
        # next event loop instead, e.g. a test's wait that follows this run)

    def run(self) -> int:
        settings, self._settings_warnings = load_settings_with_warnings()
        answers, answer_warnings = load_answers(today())
        self._answers = answers  # as saved; the window keeps them from here on
        self._settings_warnings += answer_warnings
        for warning in self._settings_warnings:
            _say(warning)
        snapshot = chooser_snapshot.read_snapshot() if self.options.start is None else None
        if snapshot is None:
            loaded = self._load_content()
            if isinstance(loaded, int):
                return loaded
            self.content = loaded
        instance = SingleInstance(paths.data_dir())
        if not instance.acquire():
            return self._hand_over(instance)
        self._read_only = not instance.writable
        if self._read_only:
            _say(f"{paths.data_dir()} is read-only: the sessions you do now are not recorded; nothing there changes")
        controller = SessionController(time_scale=self.options.time_scale)
        window = self._build_window(settings, answers, controller, snapshot)
        if self._read_only:
            window.keep_geometry(False)  # the settings, the size and the snapshot are kept where they are
        self._instance = instance
        previous_hook = sys.excepthook
        sys.excepthook = self._excepthook
        try:
            self._open(window, controller, settings)
            self._looping = True
            status = self.app.exec()
            self._save_snapshot()  # the estimates follow settings changed during the run
        finally:
            self._looping = False
            try:
                self._dispose(window)  # closing may still run slots (a session being stopped): keep the hook
            finally:
                sys.excepthook = previous_hook
                if self.services is not None:
                    self.services.close()
                instance.release()
        return self.exit_code if self.exit_code is not None else status

    def _load_content(self) -> _Content | int:
        """The catalogue, the routines and the one to start; an exit status when there is nothing to run."""
        from hipcoach.core import content  # noqa: PLC0415 - after the first paint when the snapshot is used
        from hipcoach.core.content import ContentError  # noqa: PLC0415 - likewise

        key = chooser_snapshot.content_key()
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
            start = _as_offered(start, catalogue, self._answers)
            if start is None:
                return EXIT_INVALID
            if self.options.sore_day:
                from hipcoach.core.sore_day import shipped_sore_day  # noqa: PLC0415 - only a --sore-day needs it

                try:
                    start = shipped_sore_day(start, catalogue, floor_ok=self.options.floor_ok)
                except ContentError as exc:
                    _say(f"the built-in versions of the exercises are broken: {exc}")
                    return EXIT_ERROR
        return _Content(catalogue, [*routines, *mine], errors, start, key)

    def _build_window(
        self,
        settings: Settings,
        answers: SafetyAnswers,
        controller: SessionController,
        snapshot: chooser_snapshot.Snapshot | None,
    ) -> MainWindow:
        """The window, its chooser filled from the content when it is loaded already, from ``snapshot`` otherwise."""
        follow_settings(settings)  # the theme and text size, before any widget takes its font and colours
        window = MainWindow(
            controller,
            settings,
            inhibitor=ScreenSaverInhibitor(),
            quit_when_done=self.options.quit_when_done,
            restore_geometry=self.options.screenshot_dir is None,
            prepare=self._prepare,
            safety_answers=answers,
            today=today,
        )
        self.window = window
        if self.content is not None:
            self._show_routines()
        elif snapshot is not None:
            window.show_snapshot(snapshot, self._settings_warnings)
        window.summary_shown.connect(self._on_summary)
        window.safety_answers_changed.connect(self._show_routines)
        return window

    def _show_routines(self, *_answers: object) -> None:
        """The one way the routines reach the chooser: as the safety answers offer them today (adapted to the
        precautions of an operation, only the gentle one after a warning sign; docs/safety.md), with the files
        that could not be read and the settings that fell back to their defaults."""
        from hipcoach.core.safety.adapt import offer  # noqa: PLC0415 - loaded with the content

        window, loaded = self.window, self.content
        if window is None or loaded is None:
            return
        self._offered_on = today()
        offered = offer(loaded.routines, loaded.catalogue, window.safety_answers, self._offered_on)
        window.chooser.set_routines(offered.routines, loaded.errors, settings_warnings=self._settings_warnings)
        window.show_safety_banner(offered.left_out)
        if self._adaptation is not None:
            self._adaptation.refresh()  # the progression's proposals for the routines as offered now

    def _as_offered_now(self, routine: Routine) -> Routine | str:
        """A routine handed over by a second launch, as the chooser offers it now (the window's answers, today), or
        why it is not offered."""
        from hipcoach.core.wording import not_offered_text  # noqa: PLC0415 - loaded with the content

        assert self.content is not None and self.window is not None
        answers = self.window.safety_answers
        adapted = _as_offered(routine, self.content.catalogue, answers, say=False)
        return adapted if adapted is not None else not_offered_text(routine, answers.see_a_professional)

    def _prepare(self, plan: Plan, go: Callable[[], None]) -> None:
        if self.services is None:
            go()
        else:
            self.services.prepare(plan, go)

    def _open(self, window: MainWindow, controller: SessionController, settings: Settings) -> None:
        """Show the window; once it has painted, load what is still missing and build the services, then start the
        --start routine or offer to carry on an interrupted session."""
        if self.content is not None and self.content.start is not None:
            window.chooser.select(self.content.start.id)  # so the chooser (and its screenshot) shows what is starting
        if is_on(EXIT_AFTER_PAINT_ENV):
            # The start-up benchmark: everything a start does, then exit (so the next start finds the snapshot).
            FirstPaint(window, lambda: self._after_paint(controller, settings, exit_when_done=True), report=True)
        else:
            FirstPaint(window, lambda: self._after_paint(controller, settings))
        window.show()
        window.activateWindow()  # keys go to the active window; without a window manager nobody else makes it so

    def _after_paint(self, controller: SessionController, settings: Settings, *, exit_when_done: bool = False) -> None:
        from hipcoach.ui.about import app_icon  # noqa: PLC0415 - after the first paint, for start-up time
        from hipcoach.ui.services import Services  # noqa: PLC0415 - after the first paint, for start-up time

        window = self.window
        assert window is not None
        if self.content is None:
            loaded = self._load_content()
            if isinstance(loaded, int):  # the built-in content broke since the snapshot was taken: nothing to run
                self._exit(loaded)
                return
            self.content = loaded
            self._show_routines()
        loaded = self.content
        window.chooser.show_figures()
        if self._instance is not None:
            self._instance.listen(self._on_handoff)
            for problem in self._instance.problems:  # the window works; a second launch may not find it
                self._say_once(problem)
        if self.options.screenshot_dir is not None:
            from hipcoach.ui.screenshots import Screenshots  # noqa: PLC0415 - for tests and the README only

            self._screenshots = Screenshots(window, self.options.screenshot_dir)
            self._screenshots.take("chooser")
            controller.engine_event.connect(self._screenshots.on_event)
        self.app.setWindowIcon(app_icon())
        names = self._exercise_names
        self.services = Services(window, controller, settings, names, make_speaker, report=self._say_once)
        if self.services.settings_warnings:  # the speech settings' warnings join those of settings.json
            self._settings_warnings += self.services.settings_warnings
            self._show_routines()
        self._start_adaptation(window)
        self._watch_routines(window)
        self._save_snapshot()
        if exit_when_done:
            self._exit(EXIT_OK)
            return
        recorder = self.services.recorder
        recorder.problem.connect(self._say_once)  # history problems on stderr too: a terminal or a script sees them
        recorder.interrupted_closed.connect(self._on_interrupted_closed)
        if self.options.quit_when_done:  # nobody is there to answer: close it, say so on stderr, and go on
            recorder.close_interrupted(loaded.routines, loaded.catalogue)
            if loaded.start is not None:
                window.start_routine(loaded.start)
            return
        if loaded.start is None:  # a person chose to open the window: the safety questions, once
            window.offer_safety_questions()
        # Asked before --start replaces it; looked up on the recorder's thread, as a locked history may keep it.
        recorder.interrupted_found.connect(self._offer_resume)
        recorder.look_for_interrupted(loaded.routines, self._load_routine_file, loaded.catalogue)

    def _exercise_names(self) -> dict[str, str]:
        """The names the History page shows, asked when it is first built (the catalogue as loaded then)."""
        from hipcoach.ui.report_tables import names_with_versions  # noqa: PLC0415 - with the History page

        return names_with_versions(self.content.catalogue if self.content is not None else {})

    def _start_adaptation(self, window: MainWindow) -> None:
        """The progression's proposals on the chooser and the sore-day sessions (``today`` looked up at each call)."""
        from hipcoach.ui.adaptation import Adaptation  # noqa: PLC0415 - after the first paint

        assert self.services is not None and self.content is not None
        self._adaptation = Adaptation(window, self.services.recorder, lambda: self.content, lambda: today())  # noqa: PLW0108
        self._adaptation.refresh()

    def _watch_routines(self, window: MainWindow) -> None:
        """Read the routines again when their files change; the editor reads them as written, and saves through it."""
        from hipcoach.ui.routine_files import RoutineFiles  # noqa: PLC0415 - after the first paint
        from hipcoach.ui.routine_watch import RoutineWatch  # noqa: PLC0415 - after the first paint

        self._routine_watch = RoutineWatch(window, paths.user_routines_dir(), self._reload_routines)
        loaded = lambda: self.content  # noqa: E731 - replaced by each reload
        files = RoutineFiles(lambda: loaded().catalogue, lambda: loaded().routines, self._reload_routines)  # type: ignore[union-attr]
        window.set_routine_files(files)

    def _reload_routines(self) -> None:
        """Read the routine files again when any of them changed since they were read (docs/routine-format.md); on
        a new day, offer the routines again even so, as the hip precautions may have ended overnight."""
        loaded = self.content
        if loaded is None or self.window is None:
            return
        key = chooser_snapshot.content_key()
        if key == loaded.key:
            if self._offered_on != today():
                self._show_routines()
            return
        from hipcoach.core import content  # noqa: PLC0415 - loaded by then

        try:
            catalogue = content.load_catalogue()
            builtins = content.builtin_routines(catalogue)
        except content.ContentError:
            return  # the installation changed under the running app: keep what it has
        mine, errors = content.user_routines(catalogue)
        routines = [*builtins, *mine]
        self.content = loaded._replace(catalogue=catalogue, routines=routines, errors=errors, key=key)
        self._show_routines()
        self._save_snapshot()

    def _save_snapshot(self) -> None:
        """Keep the chooser's cards for the next start (not in a read-only data folder)."""
        if self.window is None or self.content is None or self._read_only:
            return
        snapshot = self.window.chooser.snapshot()
        if snapshot is not None:
            chooser_snapshot.write_snapshot(self.content.key, snapshot)

    def _say_once(self, message: str) -> None:
        """The recorder and the History page may find the same problem; stderr gets it once."""
        if message not in self._said:
            self._said.add(message)
            _say(message)

    def _load_routine_file(self, path: Path) -> Routine:
        """Read a routine file again (called on the recorder's thread: reading content touches no Qt object)."""
        from hipcoach.core import content  # noqa: PLC0415 - loaded by then

        assert self.content is not None
        return content.load_routine(path, self.content.catalogue)

    def _offer_resume(self, point: ResumePoint | None, looked: bool = True) -> None:
        """A session cut short by a crash, a kill or a power cut: offer to carry on from the exercise in progress,
        before the --start routine (if any) replaces it. A history too locked to look at keeps its interrupted
        session for the next start."""
        window, services, loaded = self.window, self.services, self.content
        if window is None or services is None or loaded is None:
            return
        recorder = services.recorder
        if point is not None and point.notice is not None:
            window.show_notice(point.notice)
        if point is not None and not window.leave_editor_for(RESUME_LATER):
            return  # an edit with unsaved changes stays; the session cut short is offered again at the next start
        if point is not None and window.ask_resume(point.routine.name, point.exercise_name):
            recorder.continue_session(point.session.id)
            window.start_routine(
                point.routine,
                at_entry=point.entry_index,
                done=point.done,
                earlier_seconds=point.earlier_seconds,
                resumed=True,
            )
            return
        if looked:
            recorder.close_interrupted(loaded.routines, loaded.catalogue)
        if loaded.start is not None and window.leave_editor_for(f"{loaded.start.name} was not started."):
            window.start_routine(loaded.start)

    def _on_interrupted_closed(self, sessions: list[str]) -> None:
        if self.options.quit_when_done:
            for session in sessions:
                _say(f"the interrupted session ({session}) was closed as stopped: nobody was there to carry it on")

    def _dispose(self, window: MainWindow) -> None:
        if window.isVisible():
            window.close()  # stops a session still running and releases the screen saver
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        # Closing the last window posts a Quit event; left queued, it would end whatever event loop runs next
        # in this process (another run, or a test waiting for a signal).
        QCoreApplication.removePostedEvents(self.app, QEvent.Type.Quit)


def _as_offered(
    routine: Routine, catalogue: dict[str, Exercise], answers: SafetyAnswers, *, say: bool = True
) -> Routine | None:
    """The ``--start`` routine adapted to the safety answers as the chooser offers it; None, said on stderr unless
    ``say`` is False, when they do not offer it (the command line refuses it first: docs/cli.md)."""
    from hipcoach.core.safety.adapt import start_routine  # noqa: PLC0415 - only a --start needs these
    from hipcoach.core.wording import not_offered_text  # noqa: PLC0415

    adapted = start_routine(routine, catalogue, answers, today())
    if adapted is None and say:
        _say(f"--start: {not_offered_text(routine, answers.see_a_professional)}")
    return adapted
