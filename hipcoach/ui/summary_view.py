"""The end of a session: what was done, what was not (each exercise a row, :mod:`hipcoach.ui.summary_rows`), and how
long it took, how the pain is now, then back to the routines.

The counts and the time are :func:`hipcoach.core.history.tally` of the rows the recorder writes for this session, so
the summary says what the History, the CLI, the exports and the report will say. Time taken is what the window
measured from the start of the session, the real minutes the person spent (plus, for a resumed session, what it had
lasted before the interruption). A session run sped up is a trial run: the screen says so, shows the session time
too so the two never get confused, and says it is not counted.

Beside the results, "How did that feel?" asks about each exercise done (:mod:`hipcoach.ui.feelings_panel`). Not
on a trial run: a trial never counts for the progression, so an answer there would change nothing, and asking would
say it does (docs/progression.md, "In the window").

The pain rating is saved the moment it is chosen (one click or one key, like the one before the session); the note
is saved with Enter or Save, and also on the way back to the routines, so a typed note is never lost to Esc.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from hipcoach.core.history import ExerciseRow, tally
from hipcoach.core.model import Routine
from hipcoach.core.results import SessionSummary, Status
from hipcoach.core.wording import format_clock
from hipcoach.ui.design import BODY, DISPLAY, LEAD, SPACE_L, SPACE_S, SPACE_XL, SPACE_XXL
from hipcoach.ui.feelings_panel import FeelingRow, FeelingsPanel
from hipcoach.ui.pain import PainScale
from hipcoach.ui.report_tables import exercising_text
from hipcoach.ui.screen_fit import scrolling
from hipcoach.ui.summary_rows import ResultRows, result_facts
from hipcoach.ui.widgets import action_button, make_action, set_font, shortcut_text, text_label

PAIN_AFTER_QUESTION = "How is your pain now?  0 (none) \u2026 10 (worst)"
NOTE_PLACEHOLDER = "Anything to remember? (optional)"
NOTE_MAX_LENGTH = 500
ADAPT_KEYS_HELP = (
    "E, A, H: too easy, about right, too hard, after a session (Up and Down for the other exercises); "
    "K: keep my usual dose this time, on the routines; Y or N: switch to the sore-day version or not, when offered"
)


@dataclass(frozen=True)
class SessionReport:
    """What the summary screen needs, gathered by the window when the session ends.

    ``earlier_real_seconds`` and ``earlier_active_seconds``: what a resumed session had lasted before it was
    interrupted (as the recorder adds it to the stored session), so the summary's time is the whole session's.
    """

    routine: Routine
    summary: SessionSummary
    real_seconds: float  # this run, measured by the window from the start of the session to its end
    time_scale: float = 1.0
    earlier_real_seconds: float = 0.0
    earlier_active_seconds: float = 0.0

    def session_real_seconds(self) -> float:
        """This run's real time up to its end, or up to the stop when a stop on the floor guided the way up: the
        way up is no part of the session, as the recorder stores it (docs/timing.md, "Stopping on the floor")."""
        return max(0.0, self.real_seconds - self.summary.way_up_seconds / self.time_scale)

    def rows(self) -> list[ExerciseRow]:
        """The session as the recorder stores it: every attempt, one row per side, and what was not reached."""
        return tally.summary_rows(self.summary, self.routine, datetime.now(UTC))

    def tally(self) -> tally.Tally:
        """The same reading of the session as the History panel, the CLI, the exports and the report make."""
        return tally.make_tally(
            self.rows(),
            real_seconds=self.earlier_real_seconds + self.session_real_seconds(),
            active_seconds=self.earlier_active_seconds + self.summary.active_seconds,
            time_scale=self.time_scale,
        )

    def names(self) -> dict[str, str]:
        return {entry.exercise.id: entry.exercise.name for entry in self.routine.entries}


def feeling_rows(report: SessionReport) -> list[FeelingRow]:
    """The exercises "How did that feel?" asks about: those done, fully or in part (the last attempt of each), in
    the routine's order; none on a trial run (the module's docstring says why)."""
    if report.time_scale != 1:
        return []
    last = {result.entry_index: result for result in report.summary.results}
    return [
        FeelingRow(index, report.routine.entries[index].exercise.name, result.sharp_pain)
        for index, result in sorted(last.items())
        if result.status in (Status.COMPLETED, Status.PARTIAL) and index < len(report.routine.entries)
    ]


def left_out_text(report: SessionReport) -> str:
    """The exercises the safety precautions left out of the routine: they were never in its plan, so no row tells
    them (the swapped ones have their rows, under their own names)."""
    left_out = [change.exercise.name for change in report.routine.adaptations if change.replacement is None]
    return f"Left out for your hip ({len(left_out)}): {', '.join(left_out)}" if left_out else ""


def time_text(report: SessionReport) -> str:
    found = report.tally()
    # two lines by design: on one line beside the routine's name it was broken wherever the width ran out ("(3" /
    # "minutes exercising)" at 1024x600)
    text = f"Time taken: {format_clock(found.real_seconds or 0.0)}\n{exercising_text(found.active_seconds)}"
    if report.time_scale != 1:
        text += (
            f"\nTrial run, sped up {report.time_scale:g} times ({format_clock(report.summary.elapsed_seconds)} of "
            "session time): kept, but not counted in your statistics"
        )
    return text


class SummaryView(QWidget):
    """``pain_after_saved(after, note)``: each is the new value, or None to leave it as it is."""

    pain_after_saved = Signal(object, object)
    feeling_chosen = Signal(int, object)  # (entry index, Feeling or None to clear it) for the session just ended

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
        self.title_label = text_label(scale=DISPLAY, bold=True, name="Result")
        self.routine_label = text_label(scale=LEAD, name="Routine")
        self.counts_label = text_label(scale=BODY, bold=True, name="Exercise counts")
        self.time_label = text_label(scale=BODY, name="Time taken")
        self.results = ResultRows()
        self.left_out_label = text_label(scale=BODY, name="Left out for your hip")
        self.back_button = action_button(self.back_action, "Back to routines")
        self.back_button.setMinimumHeight(64)
        set_font(self.back_button, LEAD, bold=True)

        self.feelings = FeelingsPanel()
        self.feelings.feeling_chosen.connect(self.feeling_chosen)
        self.feelings.hide()
        self._lay_out()
        self.report: SessionReport | None = None

    def _lay_out(self) -> None:
        """The title and results above, the way back below them and outside the scrolling part."""
        results = QVBoxLayout()
        results.setSpacing(SPACE_S)
        results.addWidget(self.counts_label)
        results.addWidget(self.results, 1)
        results.addWidget(self.left_out_label)
        middle = QHBoxLayout()
        middle.setSpacing(SPACE_XL)
        middle.addLayout(results, 3)
        middle.addWidget(self.feelings, 2, Qt.AlignmentFlag.AlignTop)
        # The results, the feelings and the pain scroll when they are taller than the screen (a long routine, the
        # larger text, a 1024x600 screen); the way back stays below them, always in reach.
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(SPACE_XXL, SPACE_XL, SPACE_XXL, 0)
        column.setSpacing(SPACE_S)
        column.addWidget(self.title_label)
        routine_and_time = QHBoxLayout()
        routine_and_time.setSpacing(SPACE_XL)
        routine_and_time.addWidget(self.routine_label, 1)
        routine_and_time.addWidget(self.time_label, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(routine_and_time)
        column.addLayout(middle, 1)
        column.addWidget(self.pain_area)
        self.scroll_area = scrolling(content, name="Session summary")
        row = QHBoxLayout()
        row.setContentsMargins(SPACE_XXL, 0, SPACE_XXL, 0)
        row.addStretch(1)
        row.addWidget(self.back_button, 2)
        row.addStretch(1)

        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, SPACE_L)
        root.setSpacing(SPACE_S)
        root.addWidget(self.scroll_area, 1)
        root.addLayout(row)

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
        self.saved_label = text_label(scale=BODY, name="Pain and note saved")
        set_font(self.note_edit, LEAD)
        set_font(self.save_button, LEAD, bold=True)
        self.note_edit.setMinimumHeight(int(1.8 * self.note_edit.fontMetrics().height()))
        self.save_button.setMinimumHeight(self.note_edit.minimumHeight())

        area = QWidget(self)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_edit, 1)
        note_row.addWidget(self.save_button)
        column = QVBoxLayout(area)
        column.setContentsMargins(0, SPACE_S, 0, 0)
        column.addWidget(self.pain_after)
        column.addLayout(note_row)
        column.addWidget(self.saved_label)
        return area

    def show_report(self, report: SessionReport) -> None:
        self.report = report
        summary = report.summary
        title = "Well done. Routine complete." if summary.completed else "Session stopped"
        if report.time_scale != 1:
            title = "Trial run complete" if summary.completed else "Trial run stopped"
        self.title_label.setText(title)
        self.routine_label.setText(report.routine.name)
        self.counts_label.setText(tally.counts_text(report.tally().counts))
        self.results.set_facts(result_facts(report.rows(), report.routine, report.names()))
        self.left_out_label.setText(left_out_text(report))
        self.left_out_label.setVisible(bool(self.left_out_label.text()))
        self.time_label.setText(time_text(report))
        rows = feeling_rows(report) if self._ask_pain else []
        self.feelings.set_rows(rows)
        self.feelings.setVisible(bool(rows))
        self.pain_after.clear()
        self.note_edit.clear()
        self._saved_note = ""
        self.saved_label.clear()
        self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def result_lines(self) -> list[str]:
        """Each exercise's row in words, then what the precautions left out."""
        left_out = self.left_out_label.text()
        return [*self.results.texts(), *([left_out] if left_out else [])]

    def text(self) -> str:
        """What the summary says, line by line (title, routine, counts, time, each exercise's result)."""
        heading = (self.title_label, self.routine_label, self.counts_label, self.time_label)
        return "\n".join([*(label.text() for label in heading), *self.result_lines()])

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
