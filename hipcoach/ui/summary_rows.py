"""The summary's result of each exercise as a row: its picture, its name, what was done against the target, and the
result in words ("Done", "Partly done · stopped: sharp pain"), with the earlier attempts of a repeated exercise
under it. The rows scroll, so a long routine still leaves the pain question and the way back on screen.

A row is read from the same rows the recorder writes (``tally.outcomes``), with the History's and the report's words
(``report_tables``), so the summary, the History and the report tell one session alike. The colour of a row's edge
follows its result, but the word says it: colour is never the only sign.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from hipcoach.core.figure.description import ExerciseFigure
from hipcoach.core.history import ExerciseRow, tally
from hipcoach.core.model import Routine
from hipcoach.ui.design import BODY, CAPTION, FRAME_PADDING, RULE, SPACE_M, SPACE_S
from hipcoach.ui.report_tables import (
    EARLIER_WORDS,
    SIDE_WORDS,
    done_of_text,
    exercise_name,
    result_text,
)
from hipcoach.ui.widgets import ACCENT_GET_READY, ACCENT_PAUSED, ACCENT_WARNING, ACCENT_WORK, text_label

STILL_HEIGHT = 64  # as small as the chooser's stills: the picture says which exercise, the words say the rest
EDGE_COLOURS = {"completed": ACCENT_WORK, "partial": ACCENT_GET_READY}


@dataclass(frozen=True)
class ResultFacts:
    """One exercise's row, in words: ``amount`` is target against done, side by side and with the sets."""

    entry_index: int
    name: str
    amount: str
    result: str
    earlier: tuple[str, ...]
    status: str
    sharp_pain: bool
    figure: ExerciseFigure | None

    def text(self) -> str:
        """The row as one line, as a screen reader hears it: "Leg raise: 3 of 3 reps. Done."."""
        return " ".join([f"{self.name}: {self.amount}.", f"{self.result}.", *self.earlier])


def amount_words(rows: Sequence[ExerciseRow]) -> str:
    """ "10 of 10 reps", "45 s of 60 s", "10 of 10 reps each side, 2 of 2 sets", "Left 10 of 10 reps, right 6 of
    10 reps, 2 of 2 sets" (the sets told once when both sides did as many, else with each side)."""
    if not rows:
        return ""
    sets = {(row.sets_done, row.sets_target) for row in rows}
    sets_once = len(sets) == 1
    same = len(rows) > 1 and len({(row.actual, row.target) for row in rows}) == 1 and sets_once

    def sets_words(row: ExerciseRow) -> str:
        return f", {row.sets_done} of {row.sets_target} sets" if row.sets_target > 1 else ""

    if same:
        text = f"{done_of_text(rows[0])} each side{sets_words(rows[0])}"
    else:
        parts = []
        for row in rows:
            words = done_of_text(row) + ("" if sets_once else sets_words(row))
            parts.append(f"{SIDE_WORDS[row.side].lower()} {words}" if row.side in SIDE_WORDS else words)
        text = ", ".join(parts) + (sets_words(rows[0]) if sets_once else "")
    return text[:1].upper() + text[1:]


def result_facts(rows: Sequence[ExerciseRow], routine: Routine, names: Mapping[str, str]) -> list[ResultFacts]:
    """Every exercise of the session in the routine's order, those a stop never reached included."""
    facts = []
    for outcome in tally.outcomes(rows):
        index = outcome.entry_index
        entry = routine.entries[index] if index < len(routine.entries) else None
        earlier = tuple(
            f"{EARLIER_WORDS}: {amount_words(attempt.rows)} ({result_text(attempt.rows[0]).lower()})."
            for attempt in outcome.earlier
        )
        facts.append(
            ResultFacts(
                entry_index=index,
                name=exercise_name(outcome.exercise_id, names),
                amount=amount_words(outcome.result.rows),
                result=result_text(outcome.result.rows[0]),
                earlier=earlier,
                status=outcome.status,
                sharp_pain=outcome.result.sharp_pain,
                figure=entry.exercise.movement.figure if entry is not None else None,
            )
        )
    return facts


def _edge(facts: ResultFacts) -> QColor:
    if facts.sharp_pain:
        return ACCENT_WARNING
    return EDGE_COLOURS.get(facts.status, ACCENT_PAUSED)


class ResultRow(QFrame):
    """One exercise's result: picture, name and amount, result word; the earlier attempts below."""

    def __init__(self, facts: ResultFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from hipcoach.ui.figure.stills import FigureStill  # noqa: PLC0415 - the figure loads after the first paint

        self.facts = facts
        self.setObjectName("resultRow")
        self.setStyleSheet(
            f"QFrame#resultRow {{ border: 1px solid palette({RULE}); border-left: 6px solid {_edge(facts).name()};"
            " border-radius: 6px; }"
        )
        self.setAccessibleName(facts.text())
        self.still = FigureStill(facts.figure, None, name=facts.name, height=STILL_HEIGHT)
        self.still.setFixedWidth(round(STILL_HEIGHT * 1.6))
        self.name_label = text_label(facts.name, scale=BODY, bold=True, name="Exercise")
        self.amount_label = text_label(facts.amount, scale=BODY, name="Done of the target")
        self.result_label = text_label(facts.result, scale=BODY, bold=True, wrap=False, name="Result")
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.earlier_label = text_label("\n".join(facts.earlier), scale=CAPTION, name="Earlier attempts")

        words = QVBoxLayout()
        words.setSpacing(0)
        words.addStretch(1)
        words.addWidget(self.name_label)
        words.addWidget(self.amount_label)
        words.addWidget(self.earlier_label)
        words.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(*FRAME_PADDING)
        row.setSpacing(SPACE_M)
        row.addWidget(self.still, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(words, 1)
        row.addWidget(self.result_label, 0, Qt.AlignmentFlag.AlignVCenter)
        # hidden only once in the row: shown while still without a parent, a widget would open as a window of its own
        self.still.setHidden(facts.figure is None)
        self.earlier_label.setHidden(not facts.earlier)

    def text(self) -> str:
        return self.facts.text()


class ResultRows(QScrollArea):
    """The rows, scrolling when there are more than the window has room for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Page Up and Page Down scroll the rows from the keyboard
        self.setAccessibleName("Result of each exercise")
        self.rows: list[ResultRow] = []
        self._inside = QWidget()
        self._column = QVBoxLayout(self._inside)
        self._column.setContentsMargins(0, 0, SPACE_S, 0)
        self._column.setSpacing(SPACE_S)
        self._column.addStretch(1)
        self.setWidget(self._inside)
        self.viewport().setAutoFillBackground(False)
        self._inside.setAutoFillBackground(False)

    def set_facts(self, facts: Sequence[ResultFacts]) -> None:
        for row in self.rows:
            self._column.removeWidget(row)
            row.deleteLater()
        self.rows = [ResultRow(one) for one in facts]
        for k, row in enumerate(self.rows):
            self._column.insertWidget(k, row)
        self.verticalScrollBar().setValue(0)

    def texts(self) -> list[str]:
        return [row.text() for row in self.rows]

    def labels(self) -> list[QLabel]:
        return [label for row in self.rows for label in row.findChildren(QLabel)]
