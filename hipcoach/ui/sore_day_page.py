"""The offer of the sore-day version before the first exercise, when the pain before the session is clearly higher
than usual: a page of the window in place of the session, written large, with a key on each answer.

A page, not a box that could be clicked away: the session waits at its first get-ready until the user answers
(Switch, Y; Carry on, N or Esc), and nothing else happens meanwhile (docs/progression.md, "In the window").
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from hipcoach.ui.design import DISPLAY, LEAD, SPACE_XL, SPACE_XXL
from hipcoach.ui.widgets import action_button, make_action, set_font, text_label

OFFER_TITLE: Final = "Sorer than usual today?"
SWITCH_TEXT: Final = "Switch to the sore-day version  (Y)"
CARRY_ON_TEXT: Final = "Carry on as planned  (N)"


def offer_text(pain: int) -> str:
    return (
        f"You rated your pain {pain} of 10, higher than it usually is before a session.\n"
        "The sore-day version is short and gentle: easier exercises, fewer of them, about 10 minutes."
    )


class SoreDayOfferPage(QWidget):
    """``switch()`` or ``carry_on()``, once per offer."""

    switch = Signal()
    carry_on = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(OFFER_TITLE)
        self.title_label = text_label(OFFER_TITLE, scale=DISPLAY, bold=True, name=OFFER_TITLE)
        self.text_label = text_label(scale=LEAD, name="Why it is offered")
        self.switch_action = make_action(self, SWITCH_TEXT, [Qt.Key.Key_Y], self.switch.emit, tip="Switch")
        self.carry_on_action = make_action(
            self, CARRY_ON_TEXT, [Qt.Key.Key_N, Qt.Key.Key_Escape], self.carry_on.emit, tip="Carry on"
        )
        self.addActions([self.switch_action, self.carry_on_action])
        self.switch_button = action_button(self.switch_action, "Switch to the sore-day version")
        self.carry_on_button = action_button(self.carry_on_action, "Carry on as planned")
        for button in (self.switch_button, self.carry_on_button):
            set_font(button, LEAD, bold=button is self.switch_button)
            button.setMinimumHeight(72)
        row = QHBoxLayout()
        row.setSpacing(SPACE_XL)
        row.addWidget(self.switch_button, 1)
        row.addWidget(self.carry_on_button, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(SPACE_XXL, SPACE_XXL, SPACE_XXL, SPACE_XXL)
        column.setSpacing(SPACE_XL)
        column.addWidget(self.title_label)
        column.addWidget(self.text_label)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)

    def ask(self, pain: int) -> None:
        self.text_label.setText(offer_text(pain))
