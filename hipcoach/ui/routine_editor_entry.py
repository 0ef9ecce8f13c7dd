"""The routine editor's form for the chosen exercise: its dose, sides, version and pin.

Each dose field is a spin box held to the file format's limits (``format_limits``), so a number the file would
refuse cannot be typed at all; the article's range is written beside it, and a number outside that range gets a
gentle note under the field once the field is left: advice, never an error, and the routine saves as it is.
Only the fields the exercise's kind takes are shown (``fields_of``), and the sides only for a per-side exercise.

The form shows an entry and says what the user changed (``changed(field, value)``); it never changes a draft
itself: the page makes the undo step and shows the result back with ``show_entry``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from hipcoach.core.model import Exercise, Level, Side
from hipcoach.core.routine_edit.draft import DOSE_FIELDS, DraftEntry, article_range, fields_of, format_limits
from hipcoach.ui.design import BODY, LEAD, SPACE_M
from hipcoach.ui.routine_editor_list import LEVEL_WORDS
from hipcoach.ui.widgets import set_font, text_label

FORM_SCALE: Final = BODY
FIELD_LABELS: Final = {
    "reps": "Reps",
    "steps": "Steps",
    "hold_seconds": "Hold (seconds)",
    "sets": "Sets",
    "minutes": "Minutes",
}
TOP_HOLD_LABEL: Final = "Hold at the top (seconds)"
BOTH_SIDES: Final = "Both sides"
PIN_TEXT: Final = "Keep this dose as it is"
PIN_TIP: Final = "The coach will not make it easier or harder after your sessions."


def range_text(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}\u2013{high}"


def outside_note(value: int, article: tuple[int, int] | None) -> str:
    """A gentle word when ``value`` leaves the article's range; "" inside it (or when the article gives none)."""
    if article is None or article[0] <= value <= article[1]:
        return ""
    side = "more" if value > article[1] else "less"
    return f"This is {side} than the article's {range_text(*article)}. Fine if your physio agreed."


def own_value(exercise: Exercise, field: str) -> int | None:
    """The exercise's (version's) own number for ``field``: what the entry runs without an override."""
    value = getattr(exercise.dose, field)
    return None if value is None else int(value.value)


def _side_or_none(combo: QComboBox) -> Side | None:
    data = combo.currentData()
    return Side(data) if data else None


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    set_font(combo, FORM_SCALE)
    return combo


class EntryForm(QWidget):
    changed = Signal(str, object)  # a DraftEntry field and its new value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("The chosen exercise")
        self.title_label = text_label(scale=LEAD, bold=True, name="Chosen exercise")
        self.empty_label = text_label("Choose an exercise in the list, or add one.", scale=FORM_SCALE)
        self.spins: dict[str, QSpinBox] = {}
        self.labels: dict[str, QLabel] = {}
        self.articles: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        self._exercise: Exercise | None = None
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        for number, field in enumerate(DOSE_FIELDS):
            self._add_field(grid, 2 * number, field)
        self.first_side = _combo("Start on")
        for side in Side:
            self.first_side.addItem(f"Start on the {side.value}", side.value)
        self.first_side.activated.connect(
            lambda _i: self.changed.emit("first_side", Side(self.first_side.currentData()))
        )
        self.only_side = _combo("Sides")
        self.only_side.addItem(BOTH_SIDES, "")
        for side in Side:
            self.only_side.addItem(f"{side.value.capitalize()} side only", side.value)
        self.only_side.activated.connect(lambda _i: self.changed.emit("only_side", _side_or_none(self.only_side)))
        self.version = _combo("Version")
        self.version.activated.connect(lambda _i: self.changed.emit("level", Level(self.version.currentData())))
        self.version_reason = text_label(scale=BODY, name="Why this version")
        self.pin = QCheckBox(PIN_TEXT)
        self.pin.setAccessibleName(PIN_TEXT)
        self.pin.setToolTip(PIN_TIP)
        set_font(self.pin, FORM_SCALE)
        self.pin.clicked.connect(lambda on: self.changed.emit("pinned", bool(on)))
        self.pin_note = text_label(PIN_TIP, scale=BODY)
        column = QVBoxLayout(self)
        column.setContentsMargins(SPACE_M, SPACE_M, SPACE_M, SPACE_M)
        column.setSpacing(SPACE_M)
        column.addWidget(self.title_label)
        column.addWidget(self.empty_label)
        column.addWidget(self.version)
        column.addWidget(self.version_reason)
        column.addLayout(grid)
        column.addWidget(self.first_side)
        column.addWidget(self.only_side)
        column.addWidget(self.pin)
        column.addWidget(self.pin_note)
        column.addStretch(1)
        self.show_entry(None, None, {})

    def _add_field(self, grid: QGridLayout, row: int, field: str) -> None:
        label = text_label(FIELD_LABELS[field], scale=FORM_SCALE, wrap=False)
        spin = QSpinBox()
        spin.setRange(*format_limits(field))
        spin.setAccessibleName(FIELD_LABELS[field])
        set_font(spin, FORM_SCALE)
        spin.setMinimumWidth(110)
        label.setBuddy(spin)
        spin.valueChanged.connect(lambda value, f=field: self.changed.emit(f, value))
        spin.editingFinished.connect(lambda f=field: self._update_note(f))
        article = text_label(scale=BODY, wrap=False, name=f"{FIELD_LABELS[field]} in the article")
        note = text_label(scale=BODY, name=f"Note on {FIELD_LABELS[field]}")
        note.setStyleSheet("QLabel { font-style: italic; }")
        grid.addWidget(label, row, 0)
        grid.addWidget(spin, row, 1)
        grid.addWidget(article, row, 2)
        grid.addWidget(note, row + 1, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        self.spins[field], self.labels[field], self.articles[field], self.notes[field] = spin, label, article, note

    def _update_note(self, field: str) -> None:
        spin, note = self.spins[field], self.notes[field]
        shown = self._exercise is not None and not spin.isHidden()
        text = outside_note(spin.value(), article_range(self._exercise, field)) if self._exercise and shown else ""
        note.setText(text)
        note.setVisible(bool(text))

    def show_entry(
        self, entry: DraftEntry | None, exercise: Exercise | None, versions: Mapping[Level, Exercise]
    ) -> None:
        """``entry`` running ``exercise`` (its version), ``versions`` of its exercise; None: nothing chosen."""
        self._exercise = exercise
        chosen = entry is not None and exercise is not None
        self.empty_label.setVisible(not chosen)
        for widget in (self.title_label, self.version, self.version_reason, self.pin, self.pin_note):
            widget.setVisible(chosen)
        if entry is None or exercise is None:
            for field in DOSE_FIELDS:
                self._show_field(field, visible=False)
            self.first_side.hide()
            self.only_side.hide()
            return
        self.title_label.setText(exercise.name)
        shown = fields_of(exercise)
        for field in DOSE_FIELDS:
            self._show_field(field, visible=field in shown, entry=entry, exercise=exercise)
        self._show_versions(entry, versions)
        self.first_side.setVisible(exercise.per_side)
        self.only_side.setVisible(exercise.per_side)
        self.first_side.setEnabled(entry.only_side is None)
        with QSignalBlocker(self.first_side), QSignalBlocker(self.only_side), QSignalBlocker(self.pin):
            self.first_side.setCurrentIndex(self.first_side.findData(entry.first_side.value))
            self.only_side.setCurrentIndex(self.only_side.findData(entry.only_side.value if entry.only_side else ""))
            self.pin.setChecked(entry.pinned)

    def _show_field(
        self, field: str, *, visible: bool, entry: DraftEntry | None = None, exercise: Exercise | None = None
    ) -> None:
        spin = self.spins[field]
        for widget in (self.labels[field], spin, self.articles[field]):
            widget.setVisible(visible)
        if not visible or entry is None or exercise is None:
            self.notes[field].hide()
            return
        override: int | None = getattr(entry, field)
        own = own_value(exercise, field)
        paced_hold = field == "hold_seconds" and exercise.kind.paced
        self.labels[field].setText(TOP_HOLD_LABEL if paced_hold else FIELD_LABELS[field])
        article = article_range(exercise, field)
        self.articles[field].setText(f"article: {range_text(*article)}" if article else "")
        value = override if override is not None else own
        if value is not None and spin.value() != value:
            with QSignalBlocker(spin):
                spin.setValue(value)
        if not spin.hasFocus():
            self._update_note(field)

    def _show_versions(self, entry: DraftEntry, versions: Mapping[Level, Exercise]) -> None:
        with QSignalBlocker(self.version):
            self.version.clear()
            for level in (Level.EASIER, Level.BASE, Level.HARDER):
                if level in versions:
                    self.version.addItem(f"{LEVEL_WORDS[level]}: {versions[level].name}", level.value)
            self.version.setCurrentIndex(self.version.findData(entry.level.value))
        self.version.setEnabled(self.version.count() > 1)
        base = versions.get(Level.BASE)
        link = None
        if base is not None:
            link = base.easier if entry.level is Level.EASIER else base.harder if entry.level is Level.HARDER else None
        self.version_reason.setText(link.reason if link is not None else "")
        self.version_reason.setVisible(link is not None)
