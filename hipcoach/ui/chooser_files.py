"""The chooser's row of routine-file actions: New routine, Duplicate, Edit and Delete, each with a key.

Apart from the chooser so that it stays short. The actions only say what was asked (the chooser's signals); the
window asks the questions and opens the editor page (hipcoach.ui.window_editor). Their keys are the window's: the
chooser's other keys are single letters and digits (Enter, D, K, the pain scale's 0-9, T, X), so these take Ctrl,
apart from Delete, which means "delete the chosen one" everywhere and always asks first (docs/editor-window.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QGridLayout, QWidget

from hipcoach.core import paths
from hipcoach.ui.design import CAPTION, SPACE_S
from hipcoach.ui.widgets import action_button, make_action, set_font, shortcut_text

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from hipcoach.core.model import Routine
    from hipcoach.ui.widgets import Slot

NEW_KEY: Final = "Ctrl+N"
DUPLICATE_KEY: Final = "Ctrl+D"
EDIT_KEY: Final = "Ctrl+E"
DELETE_KEY: Final = Qt.Key.Key_Delete
BUTTON_SCALE: Final = CAPTION  # smaller than Start: these are not what a session on the mat needs


def users_file(routine: Routine) -> Path | None:
    """The user's own file ``routine`` was read from; None for a built-in one (or one started from elsewhere),
    which the editor never writes over or deletes."""
    if not routine.source:
        return None
    source = Path(routine.source)
    try:
        return source if source.parent.resolve() == paths.user_routines_dir().resolve() else None
    except OSError:
        return None


class RoutineFileActions(QObject):
    """The four actions and their buttons; ``update`` enables them for the routine chosen."""

    def __init__(self, parent: QObject, *, new: Slot, duplicate: Slot, edit: Slot, delete: Slot) -> None:
        super().__init__(parent)
        self.new_action = make_action(parent, "New routine", [NEW_KEY], new, tip="Make a routine of your own")
        self.duplicate_action = make_action(
            parent, "Duplicate", [DUPLICATE_KEY], duplicate, tip="Make a copy of the chosen routine to change"
        )
        self.edit_action = make_action(parent, "Edit", [EDIT_KEY], edit, tip="Change the chosen routine")
        self.delete_action = make_action(
            parent, "Delete", [DELETE_KEY], delete, tip="Delete the chosen routine (one of your own)"
        )
        for action in self.actions():  # the key on the button, as "Sore today?  (D)" has it
            action.setText(f"{action.text()}  ({shortcut_text(action)})")

    def actions(self) -> list[QAction]:
        return [self.new_action, self.duplicate_action, self.edit_action, self.delete_action]

    def button_row(self) -> QWidget:
        """The buttons two by two (in one row they would hold the chooser wider than a 1024-pixel screen beside a
        routine's changes); each names its key, as the chooser's other buttons do."""
        row = QWidget()
        layout = QGridLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_S)
        names = ("New routine", "Duplicate the chosen routine", "Edit the chosen routine", "Delete the chosen routine")
        for number, (action, name) in enumerate(zip(self.actions(), names, strict=True)):
            button = action_button(action, name)
            set_font(button, BUTTON_SCALE)
            button.setMinimumHeight(44)
            layout.addWidget(button, number // 2, number % 2)
        return row

    def update(self, *, active: bool, loaded: bool, routine: Routine | None) -> None:
        """New needs the content (to list the exercises); the others a routine; Delete one of the user's own."""
        self.new_action.setEnabled(active and loaded)
        self.duplicate_action.setEnabled(active and routine is not None)
        self.edit_action.setEnabled(active and routine is not None)
        self.delete_action.setEnabled(active and routine is not None and users_file(routine) is not None)
