"""The end of a session: what was done, what was not, and how long it took, how the pain is now, then back to the
routines.

Time taken is what the window measured on its own clock, the real minutes the person spent. When the session ran
sped up (a demo or a test), the screen says so and shows the session time too, so the two never get confused.

The pain rating is saved the moment it is chosen (one click or one key, like the one before the session); the note
is saved with Enter or Save, and also on the way back to the routines, so a typed note is never lost to Esc.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from hipcoach.core.engine import SessionSummary, Status
from hipcoach.core.model import Routine
from hipcoach.ui.pain import PainScale
from hipcoach.ui.widgets import action_button, make_action, set_font, shortcut_text, text_label
from hipcoach.ui.wording import format_clock

_STATUS_WORDS = {
    Status.COMPLETED: "Done",
    Status.PARTIAL: "Partly done",
    Status.SKIPPED: "Skipped",
}
PAIN_AFTER_QUESTION = "How is your pain now?  0 (none) \u2026 10 (worst)"
NOTE_PLACEHOLDER = "Anything to remember? (optional)"
NOTE_MAX_LENGTH = 500


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
    lines = [
        f"{_STATUS_WORDS[status]} ({len(names[status])}): {', '.join(names[status])}"
        for status in (Status.COMPLETED, Status.PARTIAL, Status.SKIPPED)
        if names[status]
    ]
    sharp = [report.routine.entries[r.entry_index].exercise.name for r in report.summary.results if r.sharp_pain]
    if sharp:
        lines.append(f"Stopped for sharp pain ({len(sharp)}): {', '.join(sharp)}")
    return lines


def time_text(report: SessionReport) -> str:
    text = f"Time taken: {format_clock(report.real_seconds)}"
    if report.time_scale != 1:
        text += (
            f"\nSped up {report.time_scale:g} times (demo): "
            f"{format_clock(report.summary.elapsed_seconds)} of session time"
        )
    return text


class SummaryView(QWidget):
    """``pain_after_saved(after, note)``: each is the new value, or None to leave it as it is."""

    pain_after_saved = Signal(object, object)

    def __init__(self, *, ask_pain: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ask_pain = ask_pain
        self._saved_note = ""
        self.back_action = make_action(
            self, "Back to routines", [Qt.Key.Key_Escape], tip="Back to the list of routines"
        )
        self.back_action.triggered.connect(self.save_note)  # connected first, so it runs before the page changes
        self.pain_area = self._build_pain_area()
        if not ask_pain:
            self.pain_area.hide()
        self.title_label = text_label(scale=3.0, bold=True, name="Result")
        self.routine_label = text_label(scale=1.8, name="Routine")
        self.counts_label = text_label(scale=1.6, bold=True, name="Exercise counts")
        self.details_label = text_label(scale=1.5, name="Exercises by result")
        self.time_label = text_label(scale=1.6, name="Time taken")
        self.back_button = action_button(self.back_action, "Back to routines")
        self.back_button.setMinimumHeight(64)
        set_font(self.back_button, 1.6, bold=True)

        column = QVBoxLayout()
        column.setSpacing(14)
        for label in (self.title_label, self.routine_label, self.counts_label, self.details_label, self.time_label):
            column.addWidget(label)
        column.addWidget(self.pain_area)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.back_button, 2)
        row.addStretch(1)
        column.addLayout(row)

        root = QVBoxLayout(self)
        root.setContentsMargins(64, 32, 64, 24)
        root.addLayout(column)
        self.report: SessionReport | None = None

    def _build_pain_area(self) -> QWidget:
        """The 0-10 question, the note and its Save button, and what has been saved."""
        self.pain_after = PainScale(PAIN_AFTER_QUESTION, skippable=False)
        self.pain_after.chosen.connect(self._pain_chosen)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(NOTE_PLACEHOLDER)
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setMaxLength(NOTE_MAX_LENGTH)
        self.pain_after.take_keys_from(self.note_edit)  # a digit typed as the rating never lands in the note
        self.save_action = make_action(
            self, "Save note", [Qt.Key.Key_Return, Qt.Key.Key_Enter], self.save_note, tip="Save the note"
        )
        self.addAction(self.save_action)  # Enter saves only while the summary is on screen
        self.note_edit.setToolTip(f"A note for this session ({shortcut_text(self.save_action)} saves it)")
        self.save_button = action_button(self.save_action, "Save the note")
        self.saved_label = text_label(scale=1.3, name="Pain and note saved")
        set_font(self.note_edit, 1.5)
        set_font(self.save_button, 1.5, bold=True)
        self.note_edit.setMinimumHeight(int(1.8 * self.note_edit.fontMetrics().height()))
        self.save_button.setMinimumHeight(self.note_edit.minimumHeight())

        area = QWidget(self)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_edit, 1)
        note_row.addWidget(self.save_button)
        column = QVBoxLayout(area)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(self.pain_after)
        column.addLayout(note_row)
        column.addWidget(self.saved_label)
        return area

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
        self.pain_after.clear()
        self.note_edit.clear()
        self._saved_note = ""
        self.saved_label.clear()
        self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_note(self) -> None:
        """Enter, Save, and leaving the page: the note, if it changed since it was last saved."""
        note = self.note_edit.text().strip()
        if not self._ask_pain or self.report is None or note == self._saved_note:
            return
        self._saved_note = note
        self.pain_after_saved.emit(None, note)
        self._show_saved()

    def _pain_chosen(self, value: int) -> None:
        self.pain_after_saved.emit(value, None)
        self._show_saved()

    def _show_saved(self) -> None:
        value = self.pain_after.value()
        parts = [] if value is None else [f"pain {value} of 10"]
        if self._saved_note:
            parts.append("your note")
        self.saved_label.setText(f"Saved: {' and '.join(parts)}." if parts else "")
