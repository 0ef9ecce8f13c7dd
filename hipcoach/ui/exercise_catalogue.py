"""Help → Exercises: every exercise with its figure (start and top side by side), why it helps, and its steps.

A window of its own that does not block the session behind it, one scrolling page in the order of the article.
The keys scroll it (arrows, Page Up and Page Down, Home and End; Tab goes from exercise to exercise) and Esc
closes it. The window keeps one page and shows it again: the pictures are drawn once.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from hipcoach.core.figure.body import BodySide
from hipcoach.core.figure.description import START, TOP
from hipcoach.core.model import Exercise
from hipcoach.ui.design import BODY, LEAD, SPACE_L, SPACE_M
from hipcoach.ui.design import TITLE as TITLE_SIZE
from hipcoach.ui.figure.stills import FigureStill
from hipcoach.ui.screen_fit import fit_to_screen
from hipcoach.ui.widgets import make_action, text_label

TITLE = "Exercises"
STILL_HEIGHT = 170


class _Entry(QFrame):
    """One exercise. It takes the focus (Tab), and the scroll area scrolls to show the one that has it."""

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.exercise = exercise
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(exercise.name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE_L, SPACE_M, SPACE_L, SPACE_M)
        layout.addWidget(text_label(f"{exercise.number}. {exercise.name}", scale=LEAD, bold=True))
        layout.addWidget(text_label(exercise.position.label, scale=BODY))
        figure = exercise.movement.figure
        side = BodySide.LEFT if exercise.per_side else None
        self.still = FigureStill(figure, side, (START, TOP), name=exercise.name, height=STILL_HEIGHT)
        self.still.setVisible(figure is not None)
        layout.addWidget(self.still)
        layout.addWidget(text_label(f"Why: {exercise.benefit}", scale=BODY))
        steps = "\n".join(f"{number}. {step}" for number, step in enumerate(exercise.steps, start=1))
        layout.addWidget(text_label(steps, scale=BODY, name=f"Steps of {exercise.name}"))


class ExerciseCatalogue(QWidget):
    """The catalogue page, in the order of the exercises' numbers."""

    def __init__(self, exercises: Iterable[Exercise], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(TITLE)
        self.entries = [_Entry(exercise) for exercise in sorted(exercises, key=lambda e: (e.number, e.name))]
        inside = QWidget()
        column = QVBoxLayout(inside)
        column.setSpacing(SPACE_M)
        column.addWidget(text_label("How to do each exercise", scale=TITLE_SIZE, bold=True))
        for entry in self.entries:
            column.addWidget(entry)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(inside)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setAccessibleName("Exercises")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self.close_action = make_action(self, "Close", [QKeySequence.StandardKey.Close, Qt.Key.Key_Escape], self.close)
        self.addAction(self.close_action)
        self.resize(900, 760)
        fit_to_screen(self)  # a small screen gets a smaller window, which scrolls

    def count(self) -> int:
        return len(self.entries)
