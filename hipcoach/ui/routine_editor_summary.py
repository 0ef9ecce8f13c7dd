"""The routine editor's live summary: how long the routine takes (the chooser's words, from the same plan), what it
needs, how often it goes down to the floor, and a gentle word with a one-click fix when an order would spare
trips down to the mat."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from hipcoach.core.routine_edit.summary import DraftSummary
from hipcoach.core.wording import minutes_text, plural
from hipcoach.ui.design import BODY, SPACE_S
from hipcoach.ui.widgets import ACCENT_REST, ACCENT_WARNING, set_font, text_label

SPARE_TEXT: Final = "Order to spare the floor"
SUMMARY_SCALE: Final = BODY


def length_text(summary: DraftSummary, count: int) -> str:
    """ "About 14 minutes · 6 exercises", as the chooser writes it; an empty routine has no length."""
    if count == 0:
        return "No exercises yet"
    return f"{minutes_text(summary.seconds)} · {plural(count, 'exercise')}"


def equipment_line(summary: DraftSummary) -> str:
    return f"Needs: {', '.join(summary.equipment)}" if summary.equipment else "No equipment needed"


def floor_line(trips: int) -> str:
    if trips == 0:
        return "No getting down to the floor"
    return "Down to the floor once" if trips == 1 else f"Down to the floor {trips} times"


def floor_warning(summary: DraftSummary) -> str:
    """Advice, not a problem: the routine saves and runs in any order."""
    if summary.floor_trips <= summary.fewest_floor_trips:
        return ""
    return (
        f"This order goes down to the floor {summary.floor_trips} times. "
        "Doing the floor exercises together saves your hip the extra trips."
    )


class SummaryPanel(QWidget):
    spare_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Summary")
        self.length_label = text_label(scale=BODY, bold=True, name="Length")
        self.equipment_label = text_label(scale=SUMMARY_SCALE, name="Equipment")
        self.floor_label = text_label(scale=SUMMARY_SCALE, name="Trips down to the floor")
        self.warning_label = text_label(scale=SUMMARY_SCALE, name="Floor advice")
        self.warning_label.setStyleSheet(
            f"QLabel {{ border: 2px solid {ACCENT_REST.name()}; border-radius: 8px; padding: 8px; }}"
        )
        self.problems_label = text_label(scale=SUMMARY_SCALE, name="Problems")
        self.problems_label.setStyleSheet(
            f"QLabel {{ border: 2px solid {ACCENT_WARNING.name()}; border-radius: 8px; padding: 8px; }}"
        )
        self.spare_button = QPushButton(SPARE_TEXT)
        self.spare_button.setAccessibleName(SPARE_TEXT)
        set_font(self.spare_button, SUMMARY_SCALE, bold=True)
        self.spare_button.setMinimumHeight(44)
        self.spare_button.clicked.connect(self.spare_requested)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACE_S)
        for widget in (
            self.length_label,
            self.equipment_label,
            self.floor_label,
            self.warning_label,
            self.spare_button,
            self.problems_label,
        ):
            column.addWidget(widget)

    def show_summary(self, summary: DraftSummary, count: int) -> None:
        self.length_label.setText(length_text(summary, count))
        self.equipment_label.setText(equipment_line(summary))
        self.floor_label.setText(floor_line(summary.floor_trips))
        warning = floor_warning(summary)
        self.warning_label.setText(warning)
        self.warning_label.setVisible(bool(warning))
        self.spare_button.setVisible(bool(warning))
        self.problems_label.setText("\n".join(summary.problems))
        self.problems_label.setVisible(bool(summary.problems))
