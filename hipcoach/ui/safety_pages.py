"""The safety screens: the first-run questions and the advice after a warning sign (pages of the window), and
Settings → Safety (a page of the Settings dialog). All three show the one :class:`SafetyForm` or its answers.

Pages of the window, not dialogs: the questions come up in place of the routines once, after the health notice,
and "Skip for now" (or Esc) goes straight to the routines; nothing pops up over a session or waits for a click
before the window can be used (docs/safety.md, "In the window").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QMargins, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from hipcoach.core.safety.answers import SafetyAnswers
from hipcoach.ui.design import BODY, LEAD, PAGE_MARGINS, SPACE_M, SPACE_XL, SPACE_XXL, TITLE
from hipcoach.ui.safety_form import SafetyForm
from hipcoach.ui.safety_texts import (
    ADVICE_TEXT,
    ADVICE_TITLE,
    CHANGE_TEXT,
    GENTLE_TEXT,
    QUESTIONS_INTRO,
    QUESTIONS_TITLE,
    SAFETY_PAGE_KEY,
    SAVE_TEXT,
    SKIP_TEXT,
)
from hipcoach.ui.settings_dialog import FONT_SCALE, SettingsPage
from hipcoach.ui.widgets import ACCENT_WARNING, set_font, text_label

PAGE_SCALE = BODY
SETTINGS_FORM_WIDTH = 600


def _button(text: str, *, bold: bool = False) -> QPushButton:
    """A big button that Enter presses when it has the focus (as in a dialog)."""
    button = QPushButton(text)
    set_font(button, BODY, bold=bold)
    button.setMinimumHeight(56)
    button.setAutoDefault(True)
    return button


def _scrolled(widget: QWidget) -> QScrollArea:
    """The form scrolls when the screen is small; Tab scrolls to the control it reaches."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area


def _problem_label(scale: float) -> QLabel:
    label = text_label(scale=scale, name="What is missing")
    label.setStyleSheet(f"QLabel {{ border: 2px solid {ACCENT_WARNING.name()}; border-radius: 8px; padding: 8px; }}")
    label.hide()
    return label


class SafetyQuestionsPage(QWidget):
    """The first-run questions: Save (with the answers) or Skip for now (Esc), each back to the routines."""

    saved = Signal(object)  # SafetyAnswers
    skipped = Signal()

    def __init__(self, answers: SafetyAnswers, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(QUESTIONS_TITLE)
        self.form = SafetyForm(today, scale=PAGE_SCALE, lifted_question=False, side_by_side=True)
        self.form.set_answers(answers)
        self.problem_label = _problem_label(PAGE_SCALE)
        self.save_button = _button(SAVE_TEXT, bold=True)
        self.skip_button = _button(SKIP_TEXT)
        self.skip_button.setToolTip("Show the routines as they are; the questions stay in Settings (Esc)")
        self.save_button.clicked.connect(self._save)
        self.skip_button.clicked.connect(self.skipped)
        _on_escape(self, self.skipped)
        buttons = _button_row(self.save_button, self.skip_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(SPACE_M)
        layout.addWidget(text_label(QUESTIONS_TITLE, scale=TITLE, bold=True, name=QUESTIONS_TITLE))
        layout.addWidget(text_label(QUESTIONS_INTRO, scale=PAGE_SCALE, name="Why we ask"))
        layout.addWidget(_scrolled(self.form), 1)
        layout.addWidget(self.problem_label)
        layout.addLayout(buttons)
        self.setTabOrder(self.save_button, self.skip_button)

    def focus_first(self) -> None:
        self.form.no_operation.setFocus(Qt.FocusReason.OtherFocusReason)

    def _save(self) -> None:
        problem = self.form.problem()
        self.problem_label.setText(problem or "")
        self.problem_label.setVisible(problem is not None)
        if problem is not None:
            missing = self.form.first_missing()
            if missing is not None:
                missing.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.saved.emit(self.form.answers())


def _on_escape(page: QWidget, action: SignalInstance) -> None:
    """Esc anywhere on the page does the calm choice (skip, go on gently): a page of the window has no dialog's
    reject to do it."""
    escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), page)
    escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    escape.activated.connect(action)


def _button_row(main: QPushButton, other: QPushButton) -> QHBoxLayout:
    """The page's choice: the main button twice as wide as the other."""
    buttons = QHBoxLayout()
    buttons.addWidget(main, 2)
    buttons.addWidget(other, 1)
    return buttons


class SafetyAdvicePage(QWidget):
    """After a warning sign: see a professional first; go on with the gentle routine only, or change the answers."""

    go_on = Signal()
    change_answers = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(ADVICE_TITLE)
        self.advice_label = text_label(ADVICE_TEXT, scale=LEAD, name="Advice")
        self.gentle_button = _button(GENTLE_TEXT, bold=True)
        self.change_button = _button(CHANGE_TEXT)
        self.gentle_button.clicked.connect(self.go_on)
        self.change_button.clicked.connect(self.change_answers)
        _on_escape(self, self.go_on)
        buttons = _button_row(self.gentle_button, self.change_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE_XXL, SPACE_XL, SPACE_XXL, SPACE_XL)
        layout.setSpacing(SPACE_XL)
        layout.addWidget(text_label(ADVICE_TITLE, scale=TITLE, bold=True, name=ADVICE_TITLE))
        layout.addWidget(self.advice_label)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def focus_first(self) -> None:
        self.gentle_button.setFocus(Qt.FocusReason.OtherFocusReason)


class SafetySettingsPage(SettingsPage):
    """Settings → Safety: the same questions, with "My surgeon has lifted the precautions". Saved only when the
    user changed something, so Save on another page never turns "not answered" into "no operation"."""

    key = SAFETY_PAGE_KEY
    title = "Safety"
    order = 15

    def __init__(self, answers: SafetyAnswers, today: date, change: Callable[[SafetyAnswers], None]) -> None:
        super().__init__()
        self._change = change
        self._edited = False
        self.form = SafetyForm(today, scale=FONT_SCALE, lifted_question=True, side_by_side=False)
        self.form.set_answers(answers)
        self.form.edited.connect(self._mark_edited)
        self.problem_label = _problem_label(FONT_SCALE)
        scrolled = _scrolled(self.form)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled, 1)
        layout.addWidget(self.problem_label)

    def sizeHint(self) -> QSize:
        """Wide enough that the precautions line wraps to a few lines, not a column (the dialog opens as wide as its
        widest page wants). Only asked, not held: on a screen narrower than that (800 px) the dialog is narrower and
        the form wraps to it; held as a minimum, the page scrolled sideways there."""
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else QMargins()
        return super().sizeHint().expandedTo(QSize(SETTINGS_FORM_WIDTH + margins.left() + margins.right(), 0))

    def _mark_edited(self) -> None:
        self._edited = True

    def problem(self) -> str | None:
        problem = self.form.problem() if self._edited else None
        self.problem_label.setText(problem or "")
        self.problem_label.setVisible(problem is not None)
        if problem is not None and (missing := self.form.first_missing()) is not None:
            missing.setFocus(Qt.FocusReason.OtherFocusReason)
        return problem

    def apply(self) -> None:
        if self._edited:
            self._change(self.form.answers())
