"""The window's menus, the Settings dialog they open and the help windows: a base of ``MainWindow``.

Apart from the window so that its pages and the session it runs read without the menu wiring; every entry here is
still an action on the window, so its keys work on every page where it is enabled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from hipcoach import APP_NAME
from hipcoach.core.autostart import NoAutostartHere, command_line, entry_path, set_autostart
from hipcoach.ui.notice import show_notice_window, show_tips_window
from hipcoach.ui.reminder_offer import ReminderOffer
from hipcoach.ui.reminders_page import RemindersPage
from hipcoach.ui.settings_dialog import (
    GET_READY_TITLE,
    AppearancePage,
    PrivacyPage,
    SessionPage,
    SettingsDialog,
    SettingsPage,
)
from hipcoach.ui.widgets import shortcut_text

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QMainWindow as _Window
    from PySide6.QtWidgets import QMessageBox

    from hipcoach.core.settings import Settings
    from hipcoach.ui.chooser import RoutineChooser
    from hipcoach.ui.session_view import SessionView
    from hipcoach.ui.summary_view import SummaryView
else:
    _Window = object

PageFactory = Callable[[], SettingsPage]


def start_background() -> bool:
    """Start the reminders without a window now, rather than at the next login (it ends itself when they are
    turned off; a second one is not started: docs/reminders.md)."""
    program, arguments = command_line(["--background"])
    started, _pid = QProcess.startDetached(program, arguments)
    return started


class WindowMenus(_Window):
    """Session, Settings and Help; ``MainWindow`` sets the attributes below before it builds them."""

    chooser: RoutineChooser
    settings: Settings
    history_action: QAction
    full_screen_action: QAction
    quit_action: QAction
    delete_all_action: QAction
    _session_view: SessionView | None
    _summary_view: SummaryView | None
    _help_windows: list[QWidget]
    _quit_when_done: bool
    summary_shown: SignalInstance
    _catalogue_page: QWidget | None

    if TYPE_CHECKING:

        def build_session_pages(self) -> None: ...

        def change_settings(self, **changes: object) -> None: ...

        def confirm_delete_all(self) -> bool: ...

    def _build_menus(self) -> None:
        """The Session menu gets the session's own actions (pause, next, ...) when its pages are built."""
        session = self.menuBar().addMenu("&Session")
        self.session_menu = session
        session.addAction(self.chooser.start_action)
        session.addSeparator()
        session.addAction(self.history_action)
        session.addAction(self.full_screen_action)
        session.addSeparator()
        session.addAction(self.quit_action)

        self._settings_pages: list[PageFactory] = [
            self._session_page,
            self._appearance_page,
            self._reminders_page,
            self._privacy_page,
        ]
        self.settings_dialog: SettingsDialog | None = None
        settings_menu = self.menuBar().addMenu("S&ettings")
        self.settings_menu = settings_menu
        self._settings_end = settings_menu.addSeparator()
        # The entries people know from the menus before the dialog, each opening its page.
        self.get_ready_entry = self.add_settings_entry(
            SessionPage.key, f"{GET_READY_TITLE}\u2026", "Time to get ready, wait for me and weekly goal"
        )
        self.wait_for_me_entry = self.add_settings_entry(
            SessionPage.key, "Wait for me before each exercise\u2026", "Each exercise starts only when you say so"
        )
        self.appearance_entry = self.add_settings_entry(
            # named for all it holds: someone looking for dark colours or larger text never thought of "Exercise figure"
            AppearancePage.key,
            "Appearance\u2026",
            "Colours, text size, and the exercise figure",
        )
        self.reminders_entry = self.add_settings_entry(
            RemindersPage.key, "Reminders\u2026", "Remind me to exercise on my days, at my time"
        )
        self.reminder_offer = ReminderOffer(
            self.chooser.add_banner,
            lambda: self.settings,
            self.change_settings,
            lambda: self.open_settings(RemindersPage.key),
            unattended=self._quit_when_done,
        )
        self.summary_shown.connect(self.reminder_offer.after_summary)
        self.delete_all_entry = QAction("Delete all my data\u2026", self)
        self.delete_all_entry.setToolTip("Where your data is kept, and how to delete all of it")
        self.delete_all_entry.triggered.connect(lambda: self.open_settings(PrivacyPage.key))
        settings_menu.addAction(self.delete_all_entry)

        help_menu = self.menuBar().addMenu("&Help")
        self._catalogue_page = None  # Help → Exercises, made at its first opening
        self.exercises_action = help_menu.addAction("&Exercises")
        self.exercises_action.setToolTip("Every exercise with its picture, why it helps and its steps")
        self.exercises_action.triggered.connect(self.show_exercises)
        self.notice_action = help_menu.addAction("Health notice")
        self.notice_action.triggered.connect(self.show_health_notice)
        self.tips_action = help_menu.addAction("Tips for your hip")
        self.tips_action.triggered.connect(self.show_tips)
        self.shortcuts_action = help_menu.addAction("Keyboard shortcuts")
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.about_action = help_menu.addAction(f"About {APP_NAME}")
        self.about_action.triggered.connect(self.show_about)

    def _window_actions(self) -> list[QAction]:
        """Actions added to the window itself, so their keys work in full screen, where the menu bar may hide
        (the session pages add theirs when they are built)."""
        pages: list[QAction] = []
        if self._session_view is not None and self._summary_view is not None:
            pages = [*self._session_view.session_actions(), self._summary_view.back_action]
        chooser = [self.chooser.start_action, self.chooser.sore_day_action, *self.chooser.files.actions()]
        return [*chooser, *pages, self.history_action, self.full_screen_action, self.quit_action]

    def add_settings_entry(self, key: str, text: str, tip: str) -> QAction:
        """A Settings menu entry opening the dialog at page ``key``, above the separator."""
        action = QAction(text, self)
        action.setToolTip(tip)
        action.triggered.connect(lambda: self.open_settings(key))
        self.settings_menu.insertAction(self._settings_end, action)
        return action

    def add_settings_page(self, factory: PageFactory) -> None:
        """A page for the Settings dialog (the voice page, once there is a speaker); made anew at each opening."""
        self._settings_pages.append(factory)

    def open_settings(self, key: str = SessionPage.key) -> SettingsDialog:
        """The Settings dialog at page ``key``; window-modal, so the session on screen goes on behind it. Opened
        again while it is up, it shows the page asked for."""
        dialog = self.settings_dialog
        if dialog is None or not dialog.isVisible():
            dialog = SettingsDialog([make() for make in self._settings_pages], self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(self._settings_closed)
            self.settings_dialog = dialog
        dialog.show_page(key)
        dialog.open()
        return dialog

    def _session_page(self) -> SettingsPage:
        return SessionPage(self.settings, self.change_settings)

    def _appearance_page(self) -> SettingsPage:
        return AppearancePage(self.settings, self.change_settings)

    def _reminders_page(self) -> SettingsPage:
        routines = [(routine.id, routine.name) for routine in self.chooser.routines()]
        return RemindersPage(self.settings, routines, self.change_settings, self._reminders_switched)

    def _reminders_switched(self, on: bool) -> None:
        """Reminders at login follow the switch: the autostart entry is written or removed (docs/reminders.md)."""
        if on and not start_background():
            self.statusBar().showMessage("Could not start the reminders now; they start at your next login.", 15_000)
        try:
            set_autostart(on)
        except NoAutostartHere:
            self._ask_portal_for_login(on)
        except OSError as exc:
            where = exc.filename or entry_path()
            self.statusBar().showMessage(f"Could not change the start at login ({where}): {exc.strerror}", 15_000)

    def _ask_portal_for_login(self, on: bool) -> None:
        """In a Flatpak the desktop writes the login entry: asked through the Background portal."""
        from PySide6.QtDBus import QDBusConnection  # noqa: PLC0415 - only in a Flatpak

        from hipcoach.ui.background_portal import BackgroundRequest  # noqa: PLC0415 - likewise

        request = BackgroundRequest(QDBusConnection.sessionBus(), self)
        request.answered.connect(self._portal_answered)
        request.ask(on)
        self.background_request = request

    def _portal_answered(self, ok: bool, words: str) -> None:
        if not ok:
            self.statusBar().showMessage(words, 15_000)

    def _privacy_page(self) -> SettingsPage:
        return PrivacyPage(self.delete_all_action, self.confirm_delete_all)

    def _settings_closed(self) -> None:
        self.settings_dialog = None

    def show_health_notice(self) -> None:
        self._keep(show_notice_window(self))

    def show_tips(self) -> None:
        self._keep(show_tips_window(self))

    def shortcuts_text(self) -> str:
        from hipcoach.ui.pain import KEYS_HELP as PAIN_KEYS_HELP  # noqa: PLC0415 - with the session pages
        from hipcoach.ui.routine_editor_layout import KEYS_HELP as EDITOR_KEYS_HELP  # noqa: PLC0415 - with the editor
        from hipcoach.ui.sharp_pain_panel import SHARP_PAIN_KEYS_HELP  # noqa: PLC0415 - likewise
        from hipcoach.ui.summary_view import ADAPT_KEYS_HELP  # noqa: PLC0415 - likewise

        self.build_session_pages()
        lines = []
        for action in self._window_actions():
            keys = shortcut_text(action)
            if keys:
                lines.append(f"{keys}: {action.statusTip() or action.text()}")
        # keys that belong to a question while it is on screen, not to the window
        lines += [PAIN_KEYS_HELP, SHARP_PAIN_KEYS_HELP, ADAPT_KEYS_HELP, EDITOR_KEYS_HELP]
        return "\n".join(lines)

    def show_exercises(self) -> QWidget | None:
        """Help → Exercises: the catalogue page, made once from the shipped exercises and shown again after."""
        from hipcoach.core import content  # noqa: PLC0415 - not needed for the first frame
        from hipcoach.ui.exercise_catalogue import ExerciseCatalogue  # noqa: PLC0415 - likewise

        page = self._catalogue_page
        if not isinstance(page, ExerciseCatalogue):
            try:
                catalogue = content.load_catalogue()
            except content.ContentError as exc:
                self._keep(self._message("Exercises", f"The exercises could not be read:\n{exc}"))
                return None
            page = ExerciseCatalogue(catalogue.values(), self)
            self._catalogue_page = page
        page.show()
        page.activateWindow()  # in front, with the keys
        if page.entries:
            page.entries[0].setFocus()
        self._keep(page)
        return page

    def show_shortcuts(self) -> None:
        self._keep(self._message("Keyboard shortcuts", self.shortcuts_text()))

    def show_about(self) -> None:
        from hipcoach.ui.about import show_about_dialog  # noqa: PLC0415 - seldom used: not at start-up

        self._keep(show_about_dialog(self))

    def _message(self, title: str, text: str) -> QMessageBox:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - not needed for the first frame

        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        return box

    def _keep(self, window: QWidget) -> None:
        self._help_windows = [w for w in self._help_windows if w.isVisible()]
        self._help_windows.append(window)
