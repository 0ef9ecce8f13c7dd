"""Sore-day sessions in the window: "Sore today?" on the chooser, and the offer to switch before the first exercise
when the pain before the session is clearly higher than usual.

A base of ``MainWindow``. What a sore-day routine is and when pain is "clearly higher" are the core's
(``core/sore_day.py``, ``core/progression.py``); the app gives them through :class:`SoreDays`, which reads the
history, so the window never does. Switching replaces the session that was about to begin: it is stopped before its
first exercise, the history forgets it (``session_discarded``), and the sore-day session starts with the rating
already given, so the user is not asked twice (docs/progression.md, "In the window").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QMainWindow as _Window
    from PySide6.QtWidgets import QStackedWidget, QWidget

    from hipcoach.core.model import Routine
    from hipcoach.ui.chooser import RoutineChooser
    from hipcoach.ui.session_controller import SessionController
    from hipcoach.ui.session_view import SessionView
    from hipcoach.ui.sore_day_page import SoreDayOfferPage
else:
    _Window = object


class SoreDays(Protocol):
    """What the window asks the app about sore days."""

    def clearly_sorer(self, pain_before: int) -> bool:
        """Today's rating is clearly higher than the user's usual before a session."""
        ...

    def sore_day(self, routine: Routine, *, floor_ok: bool) -> Routine | None:
        """The sore-day version of ``routine`` (None: it cannot be made, and the user has been told why)."""
        ...


class SoreDayOffer(_Window):
    """``MainWindow`` sets the attributes below and calls ``_init_sore_days``."""

    controller: SessionController
    chooser: RoutineChooser
    pages: QStackedWidget
    session_discarded: SignalInstance
    _routine: Routine | None
    _asks_pain: bool
    _sore_days: SoreDays | None
    _offer_page: SoreDayOfferPage | None
    _offered_pain: int | None
    _discarding: bool

    if TYPE_CHECKING:

        @property
        def session_view(self) -> SessionView: ...

        def _show_page(self, page: QWidget) -> None: ...

        def start_routine(self, routine: Routine, *, pain_before: int | None = None) -> None: ...

    def _init_sore_days(self) -> None:
        self.chooser.sore_day_requested.connect(self.start_sore_day)
        self._sore_days = None
        self._offer_page = None
        self._offered_pain = None
        self._discarding = False

    def set_sore_days(self, sore_days: SoreDays) -> None:
        """From the app, once the content and the recorder exist; until then there is no sore-day session."""
        self._sore_days = sore_days

    def ask_floor_hurts(self) -> bool | None:
        """ "Does getting down to the floor hurt today?": True, False, or None when cancelled (tests replace it)."""
        from hipcoach.ui.questions import ask, floor_question  # noqa: PLC0415 - not needed for the first frame

        box, yes, no = floor_question(self)
        clicked = ask(box)
        return True if clicked is yes else False if clicked is no else None

    def start_sore_day(self, routine: Routine) -> None:
        """ "Sore today?" on the chooser: ask about the floor, then start the sore-day version of ``routine``."""
        if self._sore_days is None:
            return
        hurts = self.ask_floor_hurts()
        if hurts is None:
            return
        sore = self._sore_days.sore_day(routine, floor_ok=not hurts)
        if sore is not None:
            self.start_routine(sore)

    def _hold_for_offer(self, pain: int) -> bool:
        """After the pain before the session is rated: offer the sore-day version when it is clearly higher than
        usual (not for a session that is one already). True: the session waits for the answer."""
        routine = self._routine
        if self._sore_days is None or routine is None or routine.sore_day or not self._asks_pain:
            return False
        if not self._sore_days.clearly_sorer(pain):
            return False
        page = self._sore_day_page()
        page.ask(pain)
        self._offered_pain = pain
        self._show_page(page)
        page.setFocus()
        return True

    def _sore_day_page(self) -> SoreDayOfferPage:
        if self._offer_page is None:
            from hipcoach.ui.sore_day_page import SoreDayOfferPage  # noqa: PLC0415 - only when offered

            self._offer_page = SoreDayOfferPage()
            self._offer_page.switch.connect(self._switch_to_sore_day)
            self._offer_page.carry_on.connect(self._carry_on_as_planned)
            self.pages.addWidget(self._offer_page)
        return self._offer_page

    def _carry_on_as_planned(self) -> None:
        self._offered_pain = None
        self._show_page(self.session_view)
        self.session_view.refresh()
        self.session_view.carry_on_after_rating()

    def _switch_to_sore_day(self) -> None:
        routine, pain = self._routine, self._offered_pain
        if self._sore_days is None or routine is None or pain is None:
            return
        hurts = self.ask_floor_hurts()
        if hurts is None:
            return  # the offer stays until it is answered
        sore = self._sore_days.sore_day(routine, floor_ok=not hurts)
        if sore is None:
            self._carry_on_as_planned()
            return
        self._offered_pain = None
        self._discarding = True  # the window's end of the session shows no summary for it
        try:
            self.controller.stop()
        finally:
            self._discarding = False
        self.session_discarded.emit()
        self.start_routine(sore, pain_before=pain)
