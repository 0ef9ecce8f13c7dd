"""Settings → Reminders: reminders on or off, the days and a time for each, and the routine a reminder starts.

The days are laid out in two columns so the page fits a 1024x600 screen at the dialog's large font. Before the user
has chosen any days the page shows the ones suggested by the weekly goal (docs/reminders.md); Save keeps what is
shown, so from then on the days are the user's. Turning reminders on or off is handed to ``switched`` once saved:
that is what writes or removes the entry that starts hipcoach at login.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QTimeEdit, QVBoxLayout, QWidget

from hipcoach.core.settings import Settings
from hipcoach.core.settings_file import WeekTimes
from hipcoach.ui.design import SPACE_S
from hipcoach.ui.settings_dialog import FONT_SCALE, SettingsPage
from hipcoach.ui.widgets import text_label

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ON_TITLE = "Remind me to exercise"
ON_EXPLANATION = "A message on your days, at your time. None on a day you have already exercised."
USUAL_ROUTINE = "My usual (the one I did last)"
NO_DAY = "Choose at least one day, or turn reminders off."


class DayRow(QWidget):
    """One day: ticked or not, and its time (only editable when ticked)."""

    def __init__(self, weekday: int, at: time | None) -> None:
        super().__init__()
        self.weekday = weekday
        self.chosen = QCheckBox(DAY_NAMES[weekday])
        self.chosen.setChecked(at is not None)
        self.at = QTimeEdit()
        self.at.setDisplayFormat("HH:mm")
        self.at.setAccessibleName(f"Time on {DAY_NAMES[weekday]}")
        shown = at if at is not None else time(18, 0)
        self.at.setTime(QTime(shown.hour, shown.minute))
        self.at.setEnabled(at is not None)
        self.chosen.toggled.connect(self.at.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.chosen, 1)
        row.addWidget(self.at)

    def time(self) -> time | None:
        if not self.chosen.isChecked():
            return None
        clock = self.at.time()
        return time(clock.hour(), clock.minute())


class RemindersPage(SettingsPage):
    key = "reminders"
    title = "Reminders"
    order = 40

    def __init__(
        self,
        settings: Settings,
        routines: Sequence[tuple[str, str]],
        change: Callable[..., None],
        switched: Callable[[bool], None],
    ) -> None:
        """``routines``: the id and name of each routine offered; ``switched`` is told when reminders were turned
        on or off, after the settings are saved."""
        super().__init__()
        self._initial = settings
        self._change = change
        self._switched = switched
        self.on = QCheckBox(ON_TITLE)
        self.on.setChecked(settings.reminders_on)
        shown = settings.reminder_schedule().times
        self.days = [DayRow(weekday, shown.get(weekday)) for weekday in range(7)]
        self.routine = QComboBox()
        self.routine.setAccessibleName("Routine to start from a reminder")
        self.routine.addItem(USUAL_ROUTINE, "")
        for routine_id, name in routines:
            self.routine.addItem(name, routine_id)
        if settings.reminder_routine and self.routine.findData(settings.reminder_routine) < 0:
            self.routine.addItem(settings.reminder_routine, settings.reminder_routine)  # a routine not loaded now
        self.routine.setCurrentIndex(max(self.routine.findData(settings.reminder_routine), 0))
        self.warning = text_label(NO_DAY, scale=FONT_SCALE, bold=True)
        self.warning.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.on)
        layout.addWidget(text_label(ON_EXPLANATION, scale=FONT_SCALE))
        layout.addSpacing(SPACE_S)
        layout.addWidget(text_label("On these days, at this time", scale=FONT_SCALE, bold=True))
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        for row in self.days:  # Monday to Thursday on the left, Friday to Sunday on the right
            grid.addWidget(row, row.weekday % 4, row.weekday // 4)
        layout.addLayout(grid)
        layout.addWidget(self.warning)
        layout.addSpacing(SPACE_S)
        layout.addWidget(text_label("Start this routine", scale=FONT_SCALE, bold=True))
        layout.addWidget(self.routine)
        layout.addStretch(1)
        self.on.toggled.connect(self._show_enabled)
        self._show_enabled(settings.reminders_on)

    def chosen_times(self) -> WeekTimes:
        return tuple((row.weekday, at) for row in self.days if (at := row.time()) is not None)

    def problem(self) -> str | None:
        missing = self.on.isChecked() and not self.chosen_times()
        self.warning.setVisible(missing)
        return NO_DAY if missing else None

    def apply(self) -> None:
        initial = self._initial
        chosen = {
            "reminders_on": self.on.isChecked(),
            "reminder_routine": str(self.routine.currentData()),
        }
        times = self.chosen_times()
        if times != tuple(sorted(initial.reminder_schedule().times.items())) or (
            self.on.isChecked() and not initial.reminder_times
        ):
            chosen["reminder_times"] = times  # once on, the days shown are the user's, even if suggested
        changes = {name: value for name, value in chosen.items() if value != getattr(initial, name)}
        if changes:
            self._change(**changes)
        if self.on.isChecked() != initial.reminders_on:
            self._switched(self.on.isChecked())

    def _show_enabled(self, on: bool) -> None:
        for row in self.days:
            row.setEnabled(on)
        self.routine.setEnabled(on)
        if not on:
            self.warning.hide()
