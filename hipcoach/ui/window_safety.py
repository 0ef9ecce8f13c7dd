"""The safety answers in the window: the first-run questions, the advice after a warning sign, Settings → Safety
and the banner above the routines. A base of ``MainWindow``.

The window keeps the answers and tells the app when they change (``safety_answers_changed``); the app then offers
the routines again (hipcoach.app, ``_show_routines``): the window never adapts a routine itself.

The questions are asked once, after the health notice, only when the app asks for them (``offer_safety_questions``:
never for ``--start`` or an unattended run) and only in place of the routines, never over a session. Answered or
skipped, they are not asked again (``Settings.safety_questions_seen``); they stay in Settings → Safety.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from hipcoach.core.safety.answers import SafetyAnswers, answers_path
from hipcoach.ui.safety_texts import SAFETY_PAGE_KEY, safety_banner

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow as _Window
    from PySide6.QtWidgets import QStackedWidget, QWidget

    from hipcoach.core.model import Routine
    from hipcoach.core.settings import Settings
    from hipcoach.ui.chooser import RoutineChooser
    from hipcoach.ui.notice import HealthNoticeBanner
    from hipcoach.ui.safety_pages import SafetyAdvicePage, SafetyQuestionsPage
    from hipcoach.ui.settings_dialog import SettingsDialog, SettingsPage
else:
    _Window = object

AnswersSaver = Callable[[SafetyAnswers], None]


class WindowSafety(_Window):
    """``MainWindow`` sets the attributes below (``_init_safety``) once its menus are built."""

    chooser: RoutineChooser
    pages: QStackedWidget
    settings: Settings
    notice: HealthNoticeBanner
    safety_answers: SafetyAnswers
    today: Callable[[], date]
    _save_answers: AnswersSaver
    _may_ask_safety: bool
    _questions_page: SafetyQuestionsPage | None
    _advice_page: SafetyAdvicePage | None

    if TYPE_CHECKING:
        safety_answers_changed: SignalInstance

        @property
        def busy(self) -> bool: ...

        def change_settings(self, **changes: object) -> None: ...

        def show_notice(self, text: str) -> None: ...

        def show_chooser(self) -> None: ...

        def current_page(self) -> QWidget | None: ...

        def _show_page(self, page: QWidget) -> None: ...

        def open_settings(self, key: str = ...) -> SettingsDialog: ...

        def add_settings_page(self, factory: Callable[[], SettingsPage]) -> None: ...

        def add_settings_entry(self, key: str, text: str, tip: str) -> QAction: ...

    def _init_safety(self, answers: SafetyAnswers, today: Callable[[], date], save: AnswersSaver) -> None:
        """After the menus: Settings → Safety is a page of the dialog and an entry of the Settings menu."""
        self.safety_answers = answers
        self.today = today
        self._save_answers = save
        self._may_ask_safety = False
        self._questions_page = None
        self._advice_page = None

        def page() -> SettingsPage:
            from hipcoach.ui.safety_pages import SafetySettingsPage  # noqa: PLC0415 - when the dialog opens

            return SafetySettingsPage(self.safety_answers, self.today(), self.set_safety_answers)

        self.add_settings_page(page)
        self.safety_entry = self.add_settings_entry(
            SAFETY_PAGE_KEY,
            "Safety: hip operation and warning signs\u2026",
            "Your answers to the safety questions, which adapt the routines",
        )

    # -- the first-run questions ----------------------------------------------------------------------------------

    def offer_safety_questions(self) -> None:
        """The app is run by a person (not ``--start``, not unattended): ask the questions once the health notice
        is read, if they were never answered or skipped."""
        self._may_ask_safety = True
        if self.notice.isHidden():  # read already (or never shown): otherwise its "Got it" asks them
            self.ask_safety_questions()

    def ask_safety_questions(self) -> bool:
        """Show the questions in place of the routines; whether they were shown."""
        if not self._may_ask_safety or self.settings.safety_questions_seen or self.safety_answers.answered:
            return False
        if self.busy or self.current_page() is not self.chooser:
            return False
        from hipcoach.ui.safety_pages import SafetyQuestionsPage  # noqa: PLC0415 - not needed for the first frame

        page = SafetyQuestionsPage(self.safety_answers, self.today())
        page.saved.connect(self._questions_saved)
        page.skipped.connect(self._questions_skipped)
        self._drop_page(self._questions_page)
        self._questions_page = page
        self.pages.addWidget(page)
        self._show_page(page)
        page.focus_first()
        return True

    def _questions_saved(self, answers: SafetyAnswers) -> None:
        self.change_settings(safety_questions_seen=True)
        self._leave_questions()
        self.set_safety_answers(answers)

    def _questions_skipped(self) -> None:
        self.change_settings(safety_questions_seen=True)
        self._leave_questions()

    def _leave_questions(self) -> None:
        page, self._questions_page = self._questions_page, None
        if page is not None and self.current_page() is page:
            self.show_chooser()
        self._drop_page(page)

    # -- the answers --------------------------------------------------------------------------------------------

    def set_safety_answers(self, answers: SafetyAnswers) -> None:
        """New answers (from the questions or Settings → Safety): saved, the banner and the routines follow, and a
        warning sign brings the advice up in place of the routines (not over a session)."""
        try:
            self._save_answers(answers)
        except OSError as exc:  # kept for this run all the same
            self.show_notice(
                f"Your answers could not be saved in {answers_path()}: {exc.strerror or exc}. They apply "
                "until hipcoach closes."
            )
        self._use_safety_answers(answers)
        if answers.see_a_professional:
            self.show_safety_advice()

    def _use_safety_answers(self, answers: SafetyAnswers) -> None:
        self.safety_answers = answers
        self.show_safety_banner()
        self.safety_answers_changed.emit(answers)

    def show_safety_banner(self, left_out: Sequence[Routine] = ()) -> None:
        """Say above the routines why they are not all as written, and which are not offered at all (``left_out``:
        every exercise in them ruled out). The app calls it with each offer; not before the first paint, as the
        dates' words load with the content."""
        self.chooser.set_safety_banner(safety_banner(self.safety_answers, self.today(), left_out))

    def show_safety_advice(self) -> bool:
        """The advice after a warning sign, in place of the routines; whether it was shown."""
        if self.busy or self.current_page() is not self.chooser:
            return False
        if self._advice_page is None:
            from hipcoach.ui.safety_pages import SafetyAdvicePage  # noqa: PLC0415 - seldom needed

            page = SafetyAdvicePage()
            page.go_on.connect(self.show_chooser)
            page.change_answers.connect(self._change_answers)
            self._advice_page = page
            self.pages.addWidget(page)
        self._show_page(self._advice_page)
        self._advice_page.focus_first()
        return True

    def _change_answers(self) -> None:
        self.show_chooser()
        self.open_settings(SAFETY_PAGE_KEY)

    def _drop_page(self, page: QWidget | None) -> None:
        if page is not None:
            self.pages.removeWidget(page)
            page.deleteLater()
