"""The 0 to 10 pain question, one row of big buttons: before a session (on the session page) and after it (on the
summary), the same widget in both places.

Why one click or one key: the person answering is in pain, on a mat a few metres away. Digits 0-9 answer 0-9 and T
answers 10 (a digit pair would need a timeout, and Shift+0 is a different character on every keyboard layout).

Why the keys are the row's own: its actions belong to this widget, and Qt fires a widget's shortcuts only while the
widget is on screen. So the digits mean a rating exactly when the question is shown, and the row on a hidden page
never competes with the one on screen.

A text field next to the question (the note after a session) would take printable keys first, so a digit typed as
the rating would land in the note. Until a rating is chosen, the row therefore takes its keys from such a field
(``take_keys_from``); once it is chosen, the field keeps every key, so a note can hold numbers.

The answer is written out under the buttons as soon as it is picked, whatever has the focus, so a person who
pressed a key from the mat can see what was taken.
"""

from __future__ import annotations

from functools import partial
from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QVBoxLayout, QWidget

from hipcoach.ui.design import BODY, CAPTION, CHOSEN, CHOSEN_TEXT, LEAD, SPACE_L, SPACE_S, SPACE_XS
from hipcoach.ui.widgets import action_button, make_action, set_font, text_label

PAIN_VALUES: Final = range(11)
TEN_KEY: Final = Qt.Key.Key_T
SKIP_KEY: Final = Qt.Key.Key_X
_ANCHORS: Final = {0: "no pain", 10: "the worst pain"}
KEYS_HELP: Final = "0 to 9, or T for 10: your pain, when asked (X skips the question before a session)"


def _key(value: int) -> Qt.Key:
    return TEN_KEY if value == 10 else Qt.Key(Qt.Key.Key_0.value + value)


def answer_text(value: int) -> str:
    anchor = f" ({_ANCHORS[value]})" if value in _ANCHORS else ""
    return f"Your answer: {value} of 10{anchor}. Press another number to change it."


class PainScale(QWidget):
    """A question and eleven buttons, 0 to 10, plus "Skip" when ``skippable``.

    ``chosen(int)`` when a rating is picked (click or key); ``skipped()`` for "Skip". The row does not hide itself:
    whoever shows it decides what an answer means (the session page hides it, the summary keeps it to show the
    choice).
    """

    chosen = Signal(int)
    skipped = Signal()

    def __init__(self, question: str, *, skippable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = 1.0
        self.setAccessibleName(question)
        self.question_label = text_label(question, bold=True, name="Pain question")
        self.question_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._keys_hint = "Keys 0 to 9, T for 10" + (", X to skip" if skippable else "")
        self.hint_label = text_label(self._keys_hint, name="Pain keys")
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._group = QActionGroup(self)
        # one rating at most, and none for a new question (a plain exclusive group cannot be cleared)
        self._group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        self.actions_by_value: dict[int, QAction] = {}
        self.buttons: dict[int, QToolButton] = {}
        for value in PAIN_VALUES:
            anchor = f", {_ANCHORS[value]}" if value in _ANCHORS else ""
            tip = f"Pain {value}{anchor}"
            action = make_action(self, str(value), [_key(value)], partial(self._choose, value), tip=tip)
            action.setCheckable(True)
            self._group.addAction(action)
            self.addAction(action)
            self.actions_by_value[value] = action
            button = action_button(action, f"Pain {value}{anchor}")
            # the chosen value in the desktop's selection colours: a pressed look alone is too faint to see
            button.setStyleSheet(
                f"QToolButton:checked {{ background: palette({CHOSEN}); color: palette({CHOSEN_TEXT});"
                " border: 1px solid palette(dark); border-radius: 3px; }"
            )
            self.buttons[value] = button
        self.skip_action: QAction | None = None
        self.skip_button: QToolButton | None = None
        if skippable:
            self.skip_action = make_action(self, "Skip", [SKIP_KEY], self.skipped.emit, tip="Skip: do not rate it now")
            self.addAction(self.skip_action)
            self.skip_button = action_button(self.skip_action, "Skip the pain rating")

        row = QHBoxLayout()
        row.setSpacing(SPACE_S)
        for button in self.buttons.values():
            row.addWidget(button, 1)
        if self.skip_button is not None:
            row.addSpacing(SPACE_L)
            row.addWidget(self.skip_button, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_XS)
        layout.addWidget(self.question_label)
        layout.addLayout(row)
        layout.addWidget(self.hint_label)
        self.apply_scale(1.0)

    def value(self) -> int | None:
        checked = self._group.checkedAction()
        return None if checked is None else int(checked.text())

    def clear(self) -> None:
        """No rating chosen (a new session asks afresh)."""
        checked = self._group.checkedAction()
        if checked is not None:
            checked.setChecked(False)
        self._show_hint(self._keys_hint, answered=False)
        if self.skip_action is not None:
            self.skip_action.setEnabled(True)

    def take_keys_from(self, field: QLineEdit) -> None:
        """Until a rating is chosen, its keys rate even while ``field`` has the focus (module docstring)."""
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self.value() is None
            and self.isVisible()
            and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            and event.key() in {_key(value) for value in PAIN_VALUES}
        ):
            event.ignore()  # not claimed by the field: the shortcut runs and the field never sees the key
            return True
        return super().eventFilter(watched, event)

    def apply_scale(self, scale: float) -> None:
        self._scale = scale
        answered = self.value() is not None
        set_font(self.question_label, LEAD, bold=True, zoom=scale)
        set_font(self.hint_label, BODY if answered else CAPTION, bold=answered, zoom=scale)
        buttons = [*self.buttons.values(), *([self.skip_button] if self.skip_button is not None else [])]
        for button in buttons:
            set_font(button, LEAD, bold=True, zoom=scale)
            button.setMinimumHeight(int(54 * scale))
            button.setMinimumWidth(int(44 * scale))

    def _choose(self, value: int) -> None:
        self.actions_by_value[value].setChecked(True)  # choosing the same value again must not uncheck it
        self._show_hint(answer_text(value), answered=True)
        if self.skip_action is not None:
            self.skip_action.setEnabled(False)  # answered: there is nothing left to skip
        self.chosen.emit(value)

    def _show_hint(self, text: str, *, answered: bool) -> None:
        self.hint_label.setText(text)
        self.hint_label.setAccessibleDescription("Your answer" if answered else "Pain keys")
        set_font(self.hint_label, BODY if answered else CAPTION, bold=answered, zoom=self._scale)
