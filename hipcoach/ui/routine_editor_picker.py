"""The catalogue in the routine editor: the article's exercises, each with its still and what it is good for,
filtered by position and by equipment; Enter (or the Add button, or a double click) adds the one chosen.

Only the exercises a routine can name are listed (the 18, not their easier and harder versions: a version is chosen
on the entry, as the file writes it). What is added, and where, is the page's business (``add_requested``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.model import Equipment, Exercise
from hipcoach.ui.design import BODY, SPACE_M
from hipcoach.ui.routine_editor_list import STILL_SIZE, still_pixmap
from hipcoach.ui.widgets import action_button, make_action, set_font, text_label

ANY_POSITION: Final = "Any position"
ANY_EQUIPMENT: Final = "Any equipment"
NO_EQUIPMENT: Final = "No equipment"
ADD_TEXT: Final = "Add after the chosen one  (Enter)"
ID_ROLE: Final = Qt.ItemDataRole.UserRole + 1


def matches(exercise: Exercise, position: str | None, equipment: str | None) -> bool:
    """A ``Position`` or ``Equipment`` value, or None for any; ``equipment`` "": only exercises that need none."""
    if position is not None and exercise.position != position:
        return False
    if equipment == "":
        return not exercise.equipment
    return equipment is None or Equipment(equipment) in exercise.equipment


class CataloguePicker(QWidget):
    add_requested = Signal(str)  # the exercise's id

    def __init__(self, exercises: Iterable[Exercise], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Add from the catalogue")
        self._exercises = sorted((e for e in exercises if e.variant_of is None), key=lambda e: e.number)
        self.position = QComboBox()
        self.position.setAccessibleName("Position")
        self.position.addItem(ANY_POSITION, None)
        for position in dict.fromkeys(e.position for e in self._exercises):
            self.position.addItem(position.label, position.value)
        self.equipment = QComboBox()
        self.equipment.setAccessibleName("Equipment")
        self.equipment.addItem(ANY_EQUIPMENT, None)
        self.equipment.addItem(NO_EQUIPMENT, "")
        for item in dict.fromkeys(i for e in self._exercises for i in e.equipment):
            self.equipment.addItem(item.value.capitalize(), item.value)
        for combo in (self.position, self.equipment):
            set_font(combo, BODY)
            combo.currentIndexChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setAccessibleName("Exercises you can add")
        set_font(self.list, BODY)
        self.list.setIconSize(STILL_SIZE)
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemDoubleClicked.connect(lambda _item: self.add_chosen())
        self.add_action = make_action(
            self.list, ADD_TEXT, [Qt.Key.Key_Return, Qt.Key.Key_Enter], self.add_chosen, tip="Add the exercise"
        )
        self.add_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.list.addAction(self.add_action)
        self.add_button = action_button(self.add_action, "Add after the chosen one")
        set_font(self.add_button, BODY, bold=True)
        self.add_button.setMinimumHeight(48)
        self.empty_label = text_label("No exercise fits both filters.", scale=BODY)
        self._fill()
        filters = QHBoxLayout()
        filters.addWidget(self.position, 1)
        filters.addWidget(self.equipment, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(SPACE_M, SPACE_M, SPACE_M, SPACE_M)
        column.addLayout(filters)
        column.addWidget(self.empty_label)
        column.addWidget(self.list, 1)
        column.addWidget(self.add_button)
        self._filter()

    def _fill(self) -> None:
        for exercise in self._exercises:
            item = QListWidgetItem(f"{exercise.name}\n{exercise.benefit}")
            item.setData(ID_ROLE, exercise.id)
            item.setIcon(still_pixmap(exercise.movement.figure, self.palette()))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{exercise.name}. {exercise.benefit}")
            self.list.addItem(item)

    def _filter(self) -> None:
        position = self.position.currentData()
        equipment = self.equipment.currentData()
        shown = 0
        for row, exercise in enumerate(self._exercises):
            item = self.list.item(row)
            hidden = not matches(exercise, position, equipment)
            item.setHidden(hidden)
            shown += not hidden
        current = self.list.currentItem()
        if current is None or current.isHidden():
            first = next(
                (self.list.item(r) for r in range(self.list.count()) if not self.list.item(r).isHidden()), None
            )
            if first is not None:
                self.list.setCurrentItem(first)
        self.empty_label.setVisible(shown == 0)
        self.add_action.setEnabled(shown > 0)

    def shown_ids(self) -> list[str]:
        """The ids listed under the filters, in order."""
        return [self._exercises[r].id for r in range(self.list.count()) if not self.list.item(r).isHidden()]

    def chosen_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None or item.isHidden() else str(item.data(ID_ROLE))

    def add_chosen(self) -> None:
        chosen = self.chosen_id()
        if chosen is not None:
            self.add_requested.emit(chosen)

    def focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
