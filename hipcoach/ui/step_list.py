"""The exercise's numbered steps on the session page, and which of them is lit.

Which step is highlighted (the rule a user sees). Each exercise file says which of its steps is the movement, the
hold and the way back (its ``[movement]`` table, docs/routine-format.md), so the light follows the voice:

- getting ready, waiting, switching sides and resting: step 1, the starting position;
- reps: the lift ("1", "2", ...) lights the movement step; the hold ("Hold") the hold step; the lowering ("Down")
  the way back (the hold step when the exercise has no step of its own for it, else the movement);
- paced steps (the banded walk) and cardio: the movement step, the whole time;
- holds: the hold step (the movement step when the exercise names none).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from hipcoach.core.model import Exercise, Kind
from hipcoach.core.plan import Beat, BeatKind, Phase, PhaseKind
from hipcoach.ui.design import LEAD, SPACE_S
from hipcoach.ui.session_texts import HOLD_BEATS
from hipcoach.ui.widgets import highlight, set_font, text_label


class StepList(QWidget):
    """The exercise's numbered steps, one label each, the current one in the desktop's selection colours.

    The labels are kept from one exercise to the next and given the new texts: a label added to the shown page is
    polished and shown by a posted event, and at a change of exercise those four shows held the GUI thread about
    8 ms (docs/speech.md, "GUI stalls"). Labels are made only when an exercise has more steps than any before it;
    the ones a shorter exercise does not need are hidden."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._steps: tuple[str, ...] = ()
        self._labels: list[QLabel] = []  # every label made so far; the first len(self._steps) are shown
        self._current: int | None = None
        self._scale = LEAD
        self._zoom = 1.0
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(SPACE_S)
        self._layout.addStretch(1)
        self.setAccessibleName("Steps")

    def set_steps(self, steps: tuple[str, ...]) -> None:
        if steps == self._steps:
            return
        self.set_current(None)
        while len(self._labels) < len(steps):
            number = len(self._labels) + 1
            label = text_label(scale=self._scale, name=f"Step {number}")
            set_font(label, self._scale, zoom=self._zoom)
            label.setMargin(8)
            self._layout.insertWidget(number - 1, label)
            self._labels.append(label)
        for number, label in enumerate(self._labels, start=1):
            if number <= len(steps):
                label.setText(f"{number}. {steps[number - 1]}")
                label.setVisible(True)
            else:
                label.setVisible(False)
                label.clear()
        self._steps = steps

    def set_current(self, index: int | None) -> None:
        if index == self._current:
            return
        previous, self._current = self._current, index
        for number in (previous, index):  # only the two rows whose light changes
            if number is not None and number < len(self._steps):
                label = self._labels[number]
                on = number == index
                highlight(label, on)
                set_font(label, self._scale, bold=on, zoom=self._zoom)
                label.setAccessibleDescription("Current step" if on else "")

    def current_index(self) -> int | None:
        return self._current

    def labels(self) -> list[QLabel]:
        """The labels of the steps shown, in order."""
        return self._labels[: len(self._steps)]

    def texts(self) -> list[str]:
        return [label.text() for label in self.labels()]

    def set_scale(self, scale: float, *, zoom: float = 1.0) -> None:
        self._scale, self._zoom = scale, zoom
        for number, label in enumerate(self._labels):
            set_font(label, scale, bold=number == self._current, zoom=zoom)


def current_step(phase: Phase, beat: Beat | None, exercise: Exercise) -> int | None:
    """0-based index of the step to highlight; the rule is in the module docstring."""
    count = len(exercise.steps)
    if count == 0:
        return None
    movement = exercise.movement
    if phase.kind is PhaseKind.REPS and exercise.kind is not Kind.STEPS and beat is not None:
        if beat.kind in HOLD_BEATS:
            step = movement.holding
        elif beat.kind is BeatKind.DOWN:
            step = movement.returning
        else:
            step = movement.move_step
    elif phase.kind is PhaseKind.HOLD:
        step = movement.holding
    elif phase.kind.is_work:
        step = movement.move_step
    else:
        step = 1
    return min(step, count) - 1
