"""The end of a session: what was done, what was not, and how long it took, then back to the routines.

Time taken is what the window measured on its own clock, the real minutes the person spent. When the session ran
sped up (a demo or a test), the screen says so and shows the session time too, so the two never get confused.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from hipcoach.core.engine import SessionSummary, Status
from hipcoach.core.model import Routine
from hipcoach.ui.widgets import action_button, make_action, set_font, text_label
from hipcoach.ui.wording import format_clock

_STATUS_WORDS = {
    Status.COMPLETED: "Done",
    Status.PARTIAL: "Partly done",
    Status.SKIPPED: "Skipped",
}


@dataclass(frozen=True)
class SessionReport:
    """What the summary screen needs, gathered by the window when the session ends."""

    routine: Routine
    summary: SessionSummary
    real_seconds: float
    time_scale: float = 1.0


def status_lines(report: SessionReport) -> list[str]:
    """ "Done (3): Bridge, Clamshell, Side plank" for each status that occurred, in a fixed order."""
    names: dict[Status, list[str]] = {status: [] for status in Status}
    for result in report.summary.results:
        names[result.status].append(report.routine.entries[result.entry_index].exercise.name)
    return [
        f"{_STATUS_WORDS[status]} ({len(names[status])}): {', '.join(names[status])}"
        for status in (Status.COMPLETED, Status.PARTIAL, Status.SKIPPED)
        if names[status]
    ]


def time_text(report: SessionReport) -> str:
    text = f"Time taken: {format_clock(report.real_seconds)}"
    if report.time_scale != 1:
        text += (
            f"\nSped up {report.time_scale:g} times (demo): "
            f"{format_clock(report.summary.elapsed_seconds)} of session time"
        )
    return text


class SummaryView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back_action = make_action(
            self, "Back to routines", [Qt.Key.Key_Escape], tip="Back to the list of routines"
        )
        self.title_label = text_label(scale=3.0, bold=True, name="Result")
        self.routine_label = text_label(scale=1.8, name="Routine")
        self.counts_label = text_label(scale=1.6, bold=True, name="Exercise counts")
        self.details_label = text_label(scale=1.5, name="Exercises by result")
        self.time_label = text_label(scale=1.6, name="Time taken")
        self.back_button = action_button(self.back_action, "Back to routines")
        self.back_button.setMinimumHeight(64)
        set_font(self.back_button, 1.6, bold=True)

        column = QVBoxLayout()
        column.setSpacing(18)
        for label in (self.title_label, self.routine_label, self.counts_label, self.details_label, self.time_label):
            column.addWidget(label)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.back_button, 2)
        row.addStretch(1)
        column.addLayout(row)

        root = QVBoxLayout(self)
        root.setContentsMargins(64, 40, 64, 32)
        root.addLayout(column)
        self.report: SessionReport | None = None

    def show_report(self, report: SessionReport) -> None:
        self.report = report
        summary = report.summary
        self.title_label.setText("Well done. Routine complete." if summary.completed else "Session stopped")
        self.routine_label.setText(report.routine.name)
        done = summary.count(Status.COMPLETED)
        partial = summary.count(Status.PARTIAL)
        skipped = summary.count(Status.SKIPPED)
        self.counts_label.setText(f"{done} done · {partial} partly done · {skipped} skipped")
        self.details_label.setText("\n".join(status_lines(report)))
        self.time_label.setText(time_text(report))
        self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)
