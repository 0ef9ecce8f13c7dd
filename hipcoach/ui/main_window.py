"""The main window: routines, then the session, then its summary, on one stack of pages.

The window owns the things that belong to the whole app rather than to one page: the menus, the settings, the
screen saver, the window geometry and the clock that measures how long a session really took. Every shortcut is an
action on the window, enabled only on the page where it means something, so Enter starts a routine on the chooser
and finishes a set in a session without the two ever colliding.

Only the chooser is built with the window: it is all that is on screen at first. The session and summary pages
(and the modules behind them) are built by ``build_session_pages()`` when a session first starts (every use of those
pages calls it first, so nothing ever finds them missing), and the History page when it is first shown: the idle
window keeps neither in memory (docs/startup.md, "Memory of the idle window").
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QTabBar, QVBoxLayout, QWidget

from hipcoach import APP_NAME
from hipcoach.core import paths
from hipcoach.core.safety.answers import SafetyAnswers, save_answers
from hipcoach.core.settings import Settings, save_settings
from hipcoach.core.verbosity import SPEECH_RATE, Verbosity
from hipcoach.ui.appearance import follow_settings
from hipcoach.ui.chooser import RoutineChooser
from hipcoach.ui.design import LEAD, SPACE_M
from hipcoach.ui.notice import HealthNoticeBanner, NoticeArea, Priority
from hipcoach.ui.screen_fit import clamped, first_size, show_only
from hipcoach.ui.session_controller import SessionController
from hipcoach.ui.widgets import action_button, make_action, set_font
from hipcoach.ui.window_editor import RoutineEditing
from hipcoach.ui.window_menus import WindowMenus
from hipcoach.ui.window_safety import AnswersSaver, WindowSafety
from hipcoach.ui.window_session import Inhibitor, SessionPreparer, SessionStarting, _NoInhibitor, _start_at_once
from hipcoach.ui.window_sore_day import SoreDayOffer

if TYPE_CHECKING:
    from hipcoach.core.chooser_snapshot import Snapshot
    from hipcoach.core.model import Routine
    from hipcoach.core.plan import Plan
    from hipcoach.core.results import SessionSummary
    from hipcoach.ui.session_view import SessionView
    from hipcoach.ui.summary_view import SummaryView


GEOMETRY_FILE = "window.ini"
GEOMETRY_KEY = "main_window/geometry"


def delete_all_question() -> str:
    """What "Delete all my data" removes and what it keeps, said before anything is removed."""
    return (
        "This deletes from this computer:\n"
        "\N{BULLET} your exercise history and its backups\n"
        "\N{BULLET} your settings\n"
        "\N{BULLET} the saved spoken cues (made again when needed)\n\n"
        f"It keeps your routine files, in {paths.user_routines_dir()}.\n\n"
        "It cannot be undone. To keep a copy of your history, use History \N{RIGHTWARDS ARROW} Export\u2026 first."
    )


class MainWindow(WindowMenus, SessionStarting, WindowSafety, SoreDayOffer, RoutineEditing, QMainWindow):
    summary_shown = Signal(object)  # SessionReport, once the summary page is on screen
    history_shown = Signal()  # the History page came on screen: time to read the history again
    delete_all_requested = Signal()  # the user confirmed "Delete all my data"
    pain_before_rated = Signal(int)  # 0-10, during the first get-ready of the session that is running
    pain_after_saved = Signal(object, object)  # (0-10 or None, note or None) for the session just ended; None: keep
    feeling_saved = Signal(int, object)  # (entry index, Feeling or None): "How did that feel?", the session just ended
    session_discarded = Signal()  # the session about to begin was replaced by its sore-day version: forget it
    settings_changed = Signal(object)  # Settings, after a change (the History page follows the weekly goal)
    safety_answers_changed = Signal(object)  # SafetyAnswers, saved: the app offers the routines again
    _history_builder: Callable[[], QWidget] | None = None  # from offer_history_page(): makes the History page

    def __init__(
        self,
        controller: SessionController,
        settings: Settings,
        *,
        inhibitor: Inhibitor | None = None,
        quit_when_done: bool = False,
        save: Callable[[Settings], None] = save_settings,
        clock: Callable[[], float] = time.monotonic,
        restore_geometry: bool = True,
        prepare: SessionPreparer = _start_at_once,
        speech_lead_in: bool = True,
        safety_answers: SafetyAnswers | None = None,
        today: Callable[[], date] = date.today,
        save_answers: AnswersSaver = save_answers,
        parent: QWidget | None = None,
    ) -> None:
        # safety_answers: the saved ones (None: never answered); today: the date the precautions are measured against
        # (the app's one source of it); save_answers: writes new answers.
        super().__init__(parent)
        self.controller = controller
        self._prepare = prepare
        self._speech_lead_in = speech_lead_in
        self._asks_pain = not quit_when_done  # nobody is there to answer an unattended run
        self._quit_when_done = quit_when_done
        self.settings = settings
        self._inhibitor: Inhibitor = inhibitor if inhibitor is not None else _NoInhibitor()
        self._inhibited = False
        self._save = save
        self._clock = clock
        self._routine: Routine | None = None
        self._pending_plan: Plan | None = None
        self._started_at = 0.0
        self._earlier_seconds = (0.0, 0.0)
        self._help_windows: list[QWidget] = []
        self.history_page: QWidget | None = None  # built by build_history_page()
        self._session_view: SessionView | None = None  # built by build_session_pages()
        self._summary_view: SummaryView | None = None
        self.setWindowTitle(APP_NAME)

        self.full_screen_action = make_action(
            self, "Full screen", [Qt.Key.Key_F11], self.toggle_full_screen, tip="Full screen on or off"
        )
        self.quit_action = make_action(self, "Quit", [QKeySequence.StandardKey.Quit], self.close)
        self.history_action = make_action(
            self, "History", ["Ctrl+H"], self.show_history, tip="Your sessions, week by week, and your pain"
        )
        self.delete_all_action = make_action(self, "Delete all my data\u2026", [], self.confirm_delete_all)
        self.delete_all_action.setToolTip(
            "Delete your history, its backups, your settings and the saved spoken cues from this computer (your"
            " routine files are kept)"
        )

        self.chooser = RoutineChooser(plan_options=self.plan_options)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.chooser)
        self.notices = NoticeArea()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notices)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.notice = self._health_notice(settings)

        self.words_per_minute = float(SPEECH_RATE)
        self.chooser.start_requested.connect(self.start_routine)
        self._init_sore_days()
        self._init_editing()
        controller.state_changed.connect(self._on_state_changed)
        controller.ended.connect(self._on_ended)

        self._build_menus()
        self._init_safety(safety_answers or SafetyAnswers(), today, save_answers)
        for action in self._window_actions():
            self.addAction(action)
        self._keeps_geometry = True  # until the user deletes their data
        self._geometry = QSettings(str(paths.config_dir() / GEOMETRY_FILE), QSettings.Format.IniFormat)
        self._restore_geometry(use_saved=restore_geometry)
        self.show_chooser()

    def _health_notice(self, settings: Settings) -> HealthNoticeBanner:
        """The health notice above the routines, the first time (never in an unattended run)."""
        notice = HealthNoticeBanner()
        notice.dismissed.connect(self._notice_dismissed)
        self.chooser.add_banner(notice)
        notice.setVisible(not (settings.first_run_notice_seen or self._quit_when_done))
        return notice

    # -- the pages that come after the chooser ----------------------------------------------------------------

    def build_session_pages(self) -> None:
        """Build the session and summary pages, with their actions in the Session menu and on the window (once)."""
        if self._session_view is not None:
            return
        from hipcoach.ui.session_view import SessionView  # noqa: PLC0415 - after the first paint, for start-up time
        from hipcoach.ui.summary_view import SummaryView  # noqa: PLC0415 - likewise

        session_view = SessionView(self.controller, self.full_screen_action, quit_when_done=self._quit_when_done)
        summary_view = SummaryView(ask_pain=self._asks_pain)
        self._session_view, self._summary_view = session_view, summary_view
        self.pages.insertWidget(1, session_view)
        self.pages.insertWidget(2, summary_view)
        summary_view.back_action.triggered.connect(self.show_chooser)
        session_view.pain_before_chosen.connect(self.pain_before_rated)
        session_view.hold_after_rating = self._hold_for_offer
        summary_view.pain_after_saved.connect(self.pain_after_saved)
        summary_view.feeling_chosen.connect(self.feeling_saved)
        self._show_figure_as_set(self.settings)
        self.settings_changed.connect(self._show_figure_as_set)
        self.session_menu.insertActions(self.history_action, session_view.session_actions())
        self.session_menu.insertSeparator(self.history_action)
        self.session_menu.insertAction(self.history_action, summary_view.back_action)
        self.addActions([*session_view.session_actions(), summary_view.back_action])
        self._show_page(self.pages.currentWidget() or self.chooser)

    def _show_figure_as_set(self, settings: Settings) -> None:
        if self._session_view is not None:
            self._session_view.figure.set_appearance(show=settings.show_figure, reduce_motion=settings.reduce_motion)

    @property
    def session_view(self) -> SessionView:
        self.build_session_pages()
        assert self._session_view is not None
        return self._session_view

    @property
    def summary_view(self) -> SummaryView:
        self.build_session_pages()
        assert self._summary_view is not None
        return self._summary_view

    # -- pages --------------------------------------------------------------------------------------------------

    def set_routines(self, routines: Sequence[Routine], errors: Sequence[object] = ()) -> None:
        self.chooser.set_routines(routines, errors)

    def show_snapshot(self, snapshot: Snapshot, settings_warnings: Sequence[str] = ()) -> None:
        """The chooser as it was last time, until the content is loaded (hipcoach.core.chooser_snapshot)."""
        self.chooser.show_snapshot(snapshot, settings_warnings=settings_warnings)

    def current_page(self) -> QWidget | None:
        return self.pages.currentWidget()

    def show_chooser(self) -> None:
        self.setWindowTitle(APP_NAME)
        self._show_page(self.chooser)
        self.chooser.focus_list()

    def _show_page(self, page: QWidget) -> None:
        show_only(self.pages, page)  # a wide History held every page wider than a small screen
        self.chooser.set_active(page is self.chooser)
        # a session, the sore-day offer and the editor are left by their own ways, never by Ctrl+H
        in_session = page is not None and page in (self._session_view, self._offer_page, self._editor)
        offered = self.history_page is not None or self._history_builder is not None
        self.history_action.setEnabled(not in_session and offered)
        if self._summary_view is not None:
            self._summary_view.back_action.setEnabled(page is self._summary_view or page is self.history_page)
        if self._session_view is not None and page is not self._session_view:  # the sore-day offer too
            for action in self._session_view.session_actions():
                action.setEnabled(False)

    def ask_resume(self, routine_name: str, exercise_name: str) -> bool:
        """Offer to carry on an interrupted session; a method of its own so tests can answer it."""
        from hipcoach.ui.questions import ask, resume_question  # noqa: PLC0415 - not needed for the first frame

        box, carry_on = resume_question(self, routine_name, exercise_name)
        return ask(box) is carry_on

    def show_notice(self, text: str, priority: Priority = Priority.INFO) -> None:
        """A problem worth knowing that must not stop the session (the history, no voice, no audio device): above
        every page, until the user has read it, the most important first (hipcoach.ui.notice)."""
        self.notices.show_notice(text, priority)

    def show_history_problem(self, text: str) -> None:
        """The recorder's problems, connected to this method (not to a function that holds the window) so that Qt
        drops the connection with the window: the recorder's thread may still report one as the app closes."""
        self.show_notice(text, Priority.HISTORY)

    def set_speech(self, verbosity: Verbosity, words_per_minute: float) -> None:
        """How much the coach says and how fast: it changes how long the get-readies must be."""
        self.controller.verbosity = verbosity
        self.words_per_minute = float(words_per_minute)
        self.chooser.refresh_estimates()

    def offer_history_page(self, build: Callable[[], QWidget]) -> None:
        """The History page, made by ``build`` when it is first shown (its charts and report are not needed before)."""
        self._history_builder = build
        self.history_action.setEnabled(self.pages.currentWidget() is not self._session_view)

    def build_history_page(self) -> QWidget | None:
        """The History page, built now if it was offered and not built yet; None while none is offered."""
        if self.history_page is None and self._history_builder is not None:
            self.add_history_page(self._history_builder())
        return self.history_page

    def add_history_page(self, page: QWidget) -> None:
        """The History page, with the same "Back to routines" (Esc) as the summary, so the way back is one key."""
        container = QWidget()
        layout = QVBoxLayout(container)
        layout.setContentsMargins(0, 0, 0, SPACE_M)
        layout.addWidget(page, 1)
        back = action_button(self.summary_view.back_action, "Back to routines")
        set_font(back, LEAD, bold=True)  # as on the summary: the way back, found from the mat
        back.setMinimumHeight(self.summary_view.back_button.minimumHeight())
        layout.addWidget(back, 0, Qt.AlignmentFlag.AlignHCenter)
        self.history_page = container
        self.pages.addWidget(container)
        self.history_action.setEnabled(self.pages.currentWidget() is not self._session_view)

    def show_history(self) -> None:
        if self.controller.is_active or self._pending_plan is not None:
            return
        page = self.build_history_page()
        if page is None:
            return
        self.setWindowTitle(f"History \u2013 {APP_NAME}")
        self._show_page(page)
        # the keyboard starts on the Overview/Sessions tabs: the first control was the weekly goal, which the
        # arrow keys would change by accident
        tabs = page.findChild(QTabBar)
        if tabs is not None:
            tabs.setFocus(Qt.FocusReason.OtherFocusReason)
        self.history_shown.emit()

    def confirm_delete_all(self) -> bool:
        """Ask, then delete; whether the user said yes."""
        if not self.ask_delete_all():
            return False
        if self.controller.is_active:
            self.controller.stop()
        self.delete_all_requested.emit()
        return True

    def ask_delete_all(self) -> bool:
        """A method of its own so tests can answer it."""
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - not needed for the first frame

        answer = QMessageBox.warning(
            self,
            "Delete all my data?",
            delete_all_question(),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _on_ended(self, summary: SessionSummary) -> None:
        from hipcoach.ui.summary_view import SessionReport  # noqa: PLC0415 - built with the session pages

        self._release()
        if self._routine is None or self._discarding:
            return
        report = SessionReport(
            routine=self._routine,
            summary=summary,
            real_seconds=self._clock() - self._started_at,
            time_scale=self.controller.time_scale,
            earlier_real_seconds=self._earlier_seconds[0],
            earlier_active_seconds=self._earlier_seconds[1],
        )
        self._show_page(self.summary_view)
        self.summary_view.show_report(report)  # on screen first: its focus (on "Back") is not taken by "0"
        self.summary_shown.emit(report)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    # -- settings -----------------------------------------------------------------------------------------------

    def change_settings(self, **changes: object) -> None:
        """Settings apply from the next session; the running one keeps the plan it started with."""
        self._use_settings(dataclasses.replace(self.settings, **changes))  # type: ignore[arg-type]
        self._store_settings()

    def keep_geometry(self, keep: bool) -> None:
        """Whether the window's size and place are saved when it closes (not into a read-only data folder)."""
        self._keeps_geometry = keep

    def forget_user_data(self) -> None:
        """After "Delete all my data": the defaults again, and nothing written back unless the user chooses a
        setting anew; the window's size and place are not saved when it closes either."""
        self._keeps_geometry = False
        self._use_settings(Settings())
        self.notice.setVisible(not self._quit_when_done)
        self._use_safety_answers(SafetyAnswers())  # the answers went with the history

    def _use_settings(self, settings: Settings) -> None:
        self.settings = settings
        follow_settings(settings)
        self.chooser.refresh_estimates()
        self.settings_changed.emit(settings)

    def _store_settings(self) -> None:
        try:
            self._save(self.settings)
        except OSError as exc:
            self.statusBar().showMessage(f"Could not save your settings: {exc.strerror or exc}", 10_000)

    def _notice_dismissed(self) -> None:
        if not self.settings.first_run_notice_seen:
            self.change_settings(first_run_notice_seen=True)
        self.ask_safety_questions()  # only when the app offered them (hipcoach.ui.window_safety)

    # -- geometry and closing -----------------------------------------------------------------------------------

    def _restore_geometry(self, *, use_saved: bool) -> None:
        """Where the user left the window, moved and shrunk onto the screen it is on now (the screen may be smaller
        than it was, or gone); the first time (and for screenshots) most of the screen, up to 1280x800
        (:mod:`hipcoach.ui.screen_fit`)."""
        if use_saved:
            saved = self._geometry.value(GEOMETRY_KEY, QByteArray(), type=QByteArray)
            if isinstance(saved, QByteArray) and not saved.isEmpty() and self.restoreGeometry(saved):
                screen = QGuiApplication.screenAt(self.geometry().center()) or self.screen()
                if not self.isMaximized() and not self.isFullScreen():
                    self.setGeometry(clamped(self.geometry(), screen.availableGeometry()))
                return
        self.resize(first_size(self.screen().availableGeometry()))

    def save_geometry(self) -> None:
        if not self._keeps_geometry:
            return
        # QSettings creates its folder and file with the umask's modes: make the folder first, tighten the file after.
        with contextlib.suppress(OSError):
            paths.ensure_private_dir(paths.config_dir())
        self._geometry.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._geometry.sync()
        with contextlib.suppress(OSError):
            Path(self._geometry.fileName()).chmod(0o600)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing during a session stops it (and so records it); it does not ask, the user chose to close. The
        editor asks about unsaved changes, and cancelling that keeps the window open."""
        if not self._editor_may_close():
            event.ignore()
            return
        if self.controller.is_active:
            self.controller.stop()
        self._release()
        self.save_geometry()
        for window in self._help_windows:
            if window.isVisible():
                window.close()
        super().closeEvent(event)
