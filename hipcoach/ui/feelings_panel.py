"""The summary's "How did that feel?": for each exercise done, an optional answer, too easy / about right / too hard.

Why one exercise at a time: the summary must fit a 1024x600 window with the results, the pain question and the way
back, and a routine may hold sixteen exercises. A card with the exercise's name and three big buttons is readable
from the mat; Up and Down (or the two arrow buttons) move to the previous or next exercise.

Why E, A and H: too Easy, About right, too Hard. None of them is a pain-rating key (0-9, T, X) or any other key of
the window (the session's Space, Enter, Esc, Left/P, Right/N, R, S; Ctrl+H), so no key ever means two things. The
keys are the panel's own actions, so they work only while the summary is on screen. An answer moves on to the next
exercise, so a whole session can be answered from the mat with a key per exercise. Choosing the answer already given
clears it (the answer is optional, and a mistaken one can be taken back).

Each answer is sent the moment it is given (``feeling_chosen(entry_index, Feeling | None)``); the recorder stores it
in the history with the session (docs/progression.md, "In the window").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from hipcoach.core.dose_plan import Feeling
from hipcoach.ui.design import BODY, LEAD, SPACE_M, SPACE_S
from hipcoach.ui.widgets import ACCENT_REST, action_button, make_action, set_font, text_label

FEELING_QUESTION: Final = "How did that feel?"
FEELING_KEYS: Final = {
    Feeling.TOO_EASY: Qt.Key.Key_E,
    Feeling.ABOUT_RIGHT: Qt.Key.Key_A,
    Feeling.TOO_HARD: Qt.Key.Key_H,
}
PREVIOUS_KEY: Final = Qt.Key.Key_Up
NEXT_KEY: Final = Qt.Key.Key_Down


@dataclass(frozen=True)
class FeelingRow:
    """One exercise the summary asks about: its entry in the routine, its name, and whether it was stopped for
    sharp pain (said beside the name: that mark is the history's already)."""

    entry_index: int
    name: str
    sharp_pain: bool = False


class FeelingsPanel(QFrame):
    """``feeling_chosen(entry_index, Feeling | None)``: an answer given, changed or cleared (None)."""

    feeling_chosen = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feelings")
        self.setStyleSheet(f"QFrame#feelings {{ border: 2px solid {ACCENT_REST.name()}; border-radius: 8px; }}")
        self.setAccessibleName(FEELING_QUESTION)
        self._rows: list[FeelingRow] = []
        self._answers: dict[int, Feeling] = {}
        self._current = 0
        self.question_label = text_label(f"{FEELING_QUESTION}  (optional)", scale=LEAD, bold=True, name="Question")
        self.name_label = text_label(scale=LEAD, bold=True, name="Exercise")
        self.position_label = text_label(scale=BODY, name="Which exercise")
        self.actions_by_feeling: dict[Feeling, QAction] = {}
        self.buttons: dict[Feeling, QToolButton] = {}
        for feeling, key in FEELING_KEYS.items():
            action = make_action(self, feeling.label, [key], partial(self.choose, feeling), tip=feeling.label)
            action.setText(f"{feeling.label}  ({chr(key.value)})")
            action.setCheckable(True)
            self.addAction(action)
            button = action_button(action, feeling.label)
            # the answer in the desktop's selection colours: a pressed look alone is too faint to see from the mat
            button.setStyleSheet(
                "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
                " border: 1px solid palette(dark); border-radius: 3px; }"
            )
            set_font(button, BODY, bold=True)
            button.setMinimumHeight(56)
            self.actions_by_feeling[feeling] = action
            self.buttons[feeling] = button
        self.previous_action = make_action(self, "\u25b2", [PREVIOUS_KEY], self.previous, tip="The exercise before")
        self.next_action = make_action(self, "\u25bc", [NEXT_KEY], self.next, tip="The next exercise")
        self.addActions([self.previous_action, self.next_action])
        self.previous_button = action_button(self.previous_action, "Previous exercise")
        self.next_button = action_button(self.next_action, "Next exercise")
        for button in (self.previous_button, self.next_button):
            set_font(button, BODY, bold=True)
            button.setMinimumSize(56, 48)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        name_row = QHBoxLayout()
        name_row.addWidget(self.previous_button)
        name_row.addWidget(self.next_button)
        name_row.addSpacing(SPACE_S)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.name_label)
        names.addWidget(self.position_label)
        name_row.addLayout(names, 1)
        answers = QHBoxLayout()
        for button in self.buttons.values():
            answers.addWidget(button, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(SPACE_M, SPACE_M, SPACE_M, SPACE_M)
        column.setSpacing(SPACE_S)
        column.addWidget(self.question_label)
        column.addLayout(name_row)
        column.addLayout(answers)

    # -- public -------------------------------------------------------------------------------------------------

    def set_rows(self, rows: list[FeelingRow]) -> None:
        """A new session: these exercises, nothing answered yet, the first one shown."""
        self._rows = list(rows)
        self._answers = {}
        self._current = 0
        self._show()

    def rows(self) -> list[FeelingRow]:
        return list(self._rows)

    def answers(self) -> dict[int, Feeling]:
        """The answers given, by entry index."""
        return dict(self._answers)

    def current(self) -> FeelingRow | None:
        return self._rows[self._current] if self._rows else None

    def choose(self, feeling: Feeling) -> None:
        """Answer the exercise shown (the answer it has already: clear it), then show the next one."""
        row = self.current()
        if row is None:
            return
        if self._answers.get(row.entry_index) is feeling:
            del self._answers[row.entry_index]
            self.feeling_chosen.emit(row.entry_index, None)
            self._show()
            return
        self._answers[row.entry_index] = feeling
        self.feeling_chosen.emit(row.entry_index, feeling)
        if self._current + 1 < len(self._rows):
            self._current += 1
        self._show()

    def previous(self) -> None:
        if self._current > 0:
            self._current -= 1
            self._show()

    def next(self) -> None:
        if self._current + 1 < len(self._rows):
            self._current += 1
            self._show()

    # -- internals ----------------------------------------------------------------------------------------------

    def _show(self) -> None:
        row = self.current()
        for action in (*self.actions_by_feeling.values(), self.previous_action, self.next_action):
            action.setEnabled(row is not None)
        if row is None:
            self.name_label.clear()
            self.position_label.clear()
            return
        self.previous_action.setEnabled(self._current > 0)
        self.next_action.setEnabled(self._current + 1 < len(self._rows))
        self.name_label.setText(row.name + ("  (stopped for sharp pain)" if row.sharp_pain else ""))
        answer = self._answers.get(row.entry_index)
        for feeling, action in self.actions_by_feeling.items():
            action.setChecked(feeling is answer)
        said = "not answered" if answer is None else f"saved: {answer.label.lower()} (press it again to clear it)"
        self.position_label.setText(f"{self._current + 1} of {len(self._rows)} \u00b7 {said}")
