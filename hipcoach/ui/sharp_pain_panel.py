"""What the session page shows after "Sharp pain": the two ways on, with the session's own keys."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from hipcoach.ui.design import DISPLAY, LEAD, SPACE_S, SPACE_XL
from hipcoach.ui.session_controller import SessionController
from hipcoach.ui.widgets import action_button, make_action, set_font, shortcut_text, text_label

SHARP_PAIN_TITLE: Final = "Stopped for sharp pain"
SHARP_PAIN_KEYS_HELP: Final = "After Sharp pain: Space skips the exercise and carries on, Esc ends the session"


class SharpPainPanel(QWidget):
    """What the session page shows after "Sharp pain", in place of the exercise: the engine holds, paused, at the
    next exercise's get-ready until one of the two choices is made.

    In the page rather than a dialog: from a mat a few metres away a dialog is small and easy to miss, and its
    focus rules get in the way of the keys. The two choices have the session's own keys, Space to carry on and Esc
    to stop; they belong to this panel (Qt fires them only while it is on screen), and the view turns Pause and
    Stop off meanwhile so the keys mean one thing.
    """

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(SHARP_PAIN_TITLE)
        self.title_label = text_label(SHARP_PAIN_TITLE, bold=True, name="Sharp pain")
        self.text_label = text_label(name="What happened")
        self.advice_label = text_label("Do not push through sharp pain.", name="Advice")
        for label in (self.title_label, self.text_label, self.advice_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # the keys are on the buttons' faces too: these two are read from the mat, at the moment it hurts
        self.carry_on_action = make_action(
            self, "Skip it and carry on", [Qt.Key.Key_Space], controller.resume, tip="Carry on with the next exercise"
        )
        self.end_action = make_action(
            self,
            "End the session",
            [Qt.Key.Key_Escape],
            controller.stop_and_get_up,
            tip="End the session; what you did is kept",
        )
        for action in (self.carry_on_action, self.end_action):
            action.setText(f"{action.text()}  ({shortcut_text(action)})")
        self.carry_on_button = action_button(self.carry_on_action, "Skip it and carry on")
        self.end_button = action_button(self.end_action, "End the session")
        for action in (self.carry_on_action, self.end_action):
            self.addAction(action)

        choices = QHBoxLayout()
        choices.setSpacing(SPACE_XL)
        choices.addStretch(1)
        choices.addWidget(self.carry_on_button, 3)
        choices.addWidget(self.end_button, 3)
        choices.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title_label)
        layout.addSpacing(SPACE_S)
        layout.addWidget(self.text_label)
        layout.addWidget(self.advice_label)
        layout.addSpacing(SPACE_XL)
        layout.addLayout(choices)
        layout.addStretch(2)

    def show_choice(self, stopped: str) -> None:
        self.text_label.setText(f"{stopped} is stopped and noted in your history.")

    def apply_scale(self, scale: float) -> None:
        set_font(self.title_label, DISPLAY, bold=True, zoom=scale)
        set_font(self.text_label, LEAD, zoom=scale)
        set_font(self.advice_label, LEAD, zoom=scale)
        for button in (self.carry_on_button, self.end_button):
            set_font(button, LEAD, bold=True, zoom=scale)
            button.setMinimumHeight(int(96 * scale))
