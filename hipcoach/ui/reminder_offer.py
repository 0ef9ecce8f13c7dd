"""Reminders offered once, after the first completed session: the moment someone has just done one is when a
reminder for the next is welcome (docs/reminders.md, "Offered once").

A banner above the routines, like the health notice, not a box: a box over the summary would take the keys meant
for it (the pain rating, the note, back to the routines), and someone on the mat should not have to answer anything
to carry on. Offered once (``reminders_offered`` is saved when it appears), never after a trial run, a stopped
session or an unattended run, and not when reminders are on already. "Set up reminders" opens Settings at the
Reminders page; nothing is turned on until the user saves it there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from hipcoach.core.settings import Settings
from hipcoach.ui.design import BODY, LEAD, SPACE_M, SPACE_XL
from hipcoach.ui.widgets import ACCENT_REST, set_font, text_label

if TYPE_CHECKING:
    from hipcoach.ui.summary_view import SessionReport

OFFER_TEXT: Final = "Would you like a reminder on your exercise days?"
OFFER_DETAIL: Final = "A short message at a time you choose. Never on a day you have already exercised."


class ReminderBanner(QFrame):
    def __init__(self, open_reminders: Callable[[], object]) -> None:
        super().__init__()
        self.setObjectName("reminderOffer")
        self.setStyleSheet(f"QFrame#reminderOffer {{ border: 2px solid {ACCENT_REST.name()}; border-radius: 10px; }}")
        self.setAccessibleName("Reminders")
        self._open_reminders = open_reminders
        self.set_up_button = QPushButton("Set up reminders")
        self.no_button = QPushButton("No, thanks")
        for button in (self.set_up_button, self.no_button):
            set_font(button, BODY, bold=button is self.set_up_button)
            button.setMinimumHeight(44)
        self.set_up_button.clicked.connect(self._set_up)
        self.no_button.clicked.connect(self.hide)
        text = QVBoxLayout()
        text.addWidget(text_label(OFFER_TEXT, scale=LEAD, bold=True, name=OFFER_TEXT))
        text.addWidget(text_label(OFFER_DETAIL, scale=BODY))
        buttons = QHBoxLayout()
        buttons.addWidget(self.set_up_button)
        buttons.addWidget(self.no_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACE_XL, SPACE_M, SPACE_XL, SPACE_M)
        layout.addLayout(text, 1)
        layout.addLayout(buttons)
        layout.setAlignment(buttons, Qt.AlignmentFlag.AlignVCenter)

    def _set_up(self) -> None:
        self.hide()
        self._open_reminders()


class ReminderOffer:
    def __init__(
        self,
        add_banner: Callable[[QWidget], None],
        settings: Callable[[], Settings],
        change: Callable[..., None],
        open_reminders: Callable[[], object],
        *,
        unattended: bool,
    ) -> None:
        self._add_banner = add_banner
        self._settings = settings
        self._change = change
        self._open_reminders = open_reminders
        self._unattended = unattended
        self.banner: ReminderBanner | None = None

    def after_summary(self, report: SessionReport) -> None:
        settings = self._settings()
        if self._unattended or settings.reminders_offered or settings.reminders_on or self.banner is not None:
            return
        if not report.summary.completed or report.time_scale != 1.0:
            return
        self._change(reminders_offered=True)  # offered once: it does not come back at the next start
        self.banner = ReminderBanner(self._open_reminders)
        self._add_banner(self.banner)
        self.banner.show()  # added to a page that may be on screen already: shown now, not a turn later
