"""The safety questions as one form: a hip operation (which hip, the surgeon's approach, the date) and the warning
signs. The first-run page and Settings → Safety both show this one widget, so the questions cannot drift apart.

Radio buttons rather than drop-down lists: every choice is on screen at once, readable from the mat, and one Tab
reaches each question (the arrow keys move between its choices, as in every desktop app). The controls for the
operation are greyed out, not hidden, while the answer is "No", so the page does not jump when it changes.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.safety.answers import OperatedHip, Operation, SafetyAnswers, WarningSign
from hipcoach.core.safety.precautions import Approach
from hipcoach.ui.design import SPACE_S, SPACE_XL, step_up
from hipcoach.ui.safety_texts import (
    APPROACH_WORDS,
    HIP_WORDS,
    OPERATION_QUESTION,
    SIGN_WORDS,
    SIGNS_QUESTION,
    precautions_line,
)
from hipcoach.ui.widgets import set_font, text_label

OLDEST_OPERATION_DAYS = 5 * 366  # the date field goes back this far; an older operation is long past its precautions
INDICATOR_STYLE = (
    "QRadioButton::indicator, QCheckBox::indicator { width: 1.8em; height: 1.8em; }"
    " QRadioButton, QCheckBox { spacing: 12px; padding: 4px 0; }"
)


class SafetyForm(QWidget):
    """The questions. ``answers()`` reads them back (as answered today), ``problem()`` says what is missing."""

    edited = Signal()  # the user changed an answer

    def __init__(
        self, today: date, *, scale: float, lifted_question: bool, side_by_side: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._today = today
        set_font(self, scale)
        self.setStyleSheet(INDICATOR_STYLE)
        self.had_operation = QButtonGroup(self)
        self.no_operation = self._radio(self.had_operation, "No", "No hip operation in the last months")
        self.yes_operation = self._radio(self.had_operation, "Yes", "Yes, a hip operation in the last months")
        self.no_operation.setChecked(True)
        self.hip = QButtonGroup(self)
        self.hip_buttons = {h: self._radio(self.hip, HIP_WORDS[h], f"Hip: {HIP_WORDS[h]}") for h in OperatedHip}
        self.approach = QButtonGroup(self)
        self.approach_buttons = {a: self._radio(self.approach, APPROACH_WORDS[a], APPROACH_WORDS[a]) for a in Approach}
        self.date = QDateEdit()
        self.date.setAccessibleName("Date of the operation")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.date.setDateRange(_qdate(today - timedelta(days=OLDEST_OPERATION_DAYS)), _qdate(today))
        self.date.setDate(_qdate(today))
        self.date.setMinimumHeight(44)
        self.lifted = QCheckBox("My surgeon has lifted the precautions")
        self.lifted.setVisible(lifted_question)
        self.until_label = text_label(scale=scale, name="How long the precautions last")
        self.signs = {sign: QCheckBox(SIGN_WORDS[sign]) for sign in WarningSign}
        # a style sheet stops the form's font from reaching its children: each control is sized itself
        for control in (*self.had_operation.buttons(), *self.hip.buttons(), *self.approach.buttons(), self.date):
            set_font(control, scale)
        for box in (self.lifted, *self.signs.values()):
            set_font(box, scale)
        self._hip_label = _question("Which hip?", scale)
        self._approach_label = _question("How did the surgeon reach the hip?", scale)
        self._date_label = _question("When was the operation?", scale)
        self._lay_out(scale, side_by_side)
        for group in (self.had_operation, self.hip, self.approach):
            group.buttonToggled.connect(self._changed)
        for box in (self.lifted, *self.signs.values()):
            box.toggled.connect(self._changed)
        self.date.dateChanged.connect(self._changed)
        self._follow()

    def _lay_out(self, scale: float, side_by_side: bool) -> None:
        """The operation's questions, then the warning signs: side by side on a wide page, one under the other in
        the Settings dialog."""
        operation = QVBoxLayout()
        operation.setSpacing(SPACE_S)
        operation.addWidget(_question(OPERATION_QUESTION, step_up(scale), bold=True))
        operation.addLayout(_row(self.no_operation, self.yes_operation))
        operation.addSpacing(SPACE_S)
        operation.addWidget(self._hip_label)
        operation.addLayout(_row(*self.hip_buttons.values()))
        operation.addWidget(self._approach_label)
        for button in self.approach_buttons.values():
            operation.addWidget(button)
        operation.addWidget(self._date_label)
        operation.addWidget(self.date, 0, Qt.AlignmentFlag.AlignLeft)
        operation.addWidget(self.lifted)
        operation.addWidget(self.until_label)
        operation.addStretch(1)
        signs = QVBoxLayout()
        signs.setSpacing(SPACE_S)
        signs.addWidget(_question(SIGNS_QUESTION, step_up(scale), bold=True))
        for box in self.signs.values():
            signs.addWidget(box)
        signs.addStretch(1)
        direction = QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        layout = QBoxLayout(direction, self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_XL)
        layout.addLayout(operation, 1)
        layout.addLayout(signs, 1)

    # -- reading and writing the answers ------------------------------------------------------------------------

    def set_answers(self, answers: SafetyAnswers) -> None:
        """Show ``answers`` (without telling anyone: it is not the user's edit)."""
        self.blockSignals(True)
        operation = answers.operation
        (self.yes_operation if operation is not None else self.no_operation).setChecked(True)
        if operation is not None:
            self.hip_buttons[operation.hip].setChecked(True)
            self.approach_buttons[operation.approach].setChecked(True)
            self.date.setDate(_qdate(max(min(operation.on, self._today), _pydate(self.date.minimumDate()))))
            self.lifted.setChecked(operation.lifted)
        for sign, box in self.signs.items():
            box.setChecked(sign in answers.warning_signs)
        self.blockSignals(False)
        self._follow()

    def problem(self) -> str | None:
        """What must still be chosen before the answers can be saved; None when they are complete."""
        if not self.yes_operation.isChecked():
            return None
        if self.hip.checkedButton() is None:
            return "Please choose which hip was operated on: left, right or both."
        if self.approach.checkedButton() is None:
            return "Please choose how the surgeon reached the hip, or \u201cI don't know\u201d."
        return None

    def first_missing(self) -> QWidget | None:
        """The control to go to when ``problem()`` says something is missing."""
        if self.yes_operation.isChecked() and self.hip.checkedButton() is None:
            return self.hip_buttons[OperatedHip.LEFT]
        if self.yes_operation.isChecked() and self.approach.checkedButton() is None:
            return self.approach_buttons[Approach.BACK]
        return None

    def answers(self) -> SafetyAnswers:
        """The answers as on screen, saved today (call ``problem()`` first: a missing choice reads as unknown)."""
        return SafetyAnswers(
            answered=True,
            operation=self._operation(),
            warning_signs=frozenset(sign for sign, box in self.signs.items() if box.isChecked()),
            answered_on=self._today,
        )

    # -- internals ------------------------------------------------------------------------------------------------

    def _operation(self) -> Operation | None:
        if not self.yes_operation.isChecked():
            return None
        hip = next((h for h, b in self.hip_buttons.items() if b.isChecked()), OperatedHip.BOTH)
        approach = next((a for a, b in self.approach_buttons.items() if b.isChecked()), Approach.UNKNOWN)
        return Operation(hip=hip, approach=approach, on=_pydate(self.date.date()), lifted=self.lifted.isChecked())

    def _changed(self, *_args: object) -> None:
        self._follow()
        self.edited.emit()

    def _follow(self) -> None:
        """Grey out the operation's questions while the answer is "No", and say how long the precautions last."""
        operated = self.yes_operation.isChecked()
        for widget in (
            *self.hip_buttons.values(),
            *self.approach_buttons.values(),
            self.date,
            self.lifted,
            self._hip_label,
            self._approach_label,
            self._date_label,
        ):
            widget.setEnabled(operated)
        operation = self._operation()
        self.until_label.setText(precautions_line(operation, self._today) if operation is not None else "")
        self.until_label.setVisible(operation is not None)

    def _radio(self, group: QButtonGroup, text: str, name: str) -> QRadioButton:
        button = QRadioButton(text)
        button.setAccessibleName(name)
        group.addButton(button)
        return button


def _question(text: str, scale: float, *, bold: bool = False) -> QLabel:
    return text_label(text, scale=scale, bold=bold, name=text)


def _row(*buttons: QAbstractButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(SPACE_XL)
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())
