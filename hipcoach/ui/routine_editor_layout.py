"""The routine editor's widgets, their places and their keys (docs/editor.md, "Keys").

Apart from the page so that each reads in one sitting: the page decides what a change means, this module only
builds what shows it. Everything below the title scrolls, so the page fits a 1024 by 600 screen at the large sizes
the rest of the app uses; the list and the chosen exercise's form sit side by side, with the summary above the form.

The text fields and spin boxes have their own undo on Ctrl+Z; here they leave it to the page
(``PageKeysFirst``), so one Ctrl+Z undoes the last change wherever the focus is, typing included.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.model import Exercise
from hipcoach.core.routine_edit.draft import format_limits
from hipcoach.ui.design import BODY, LEAD, SPACE_M, SPACE_XL, TITLE
from hipcoach.ui.routine_editor_entry import EntryForm
from hipcoach.ui.routine_editor_list import EntryListModel, entry_view
from hipcoach.ui.routine_editor_picker import CataloguePicker
from hipcoach.ui.routine_editor_summary import SummaryPanel
from hipcoach.ui.widgets import action_button, make_action, set_action_tip, set_font, text_label

FIELD_SCALE: Final = BODY
ENTRY_TAB: Final = "Chosen exercise"
CATALOGUE_TAB: Final = "Add exercises"
KEYS_HELP: Final = (
    "In the routine editor: Ctrl+S save, Esc or Ctrl+W close, Ctrl+Z undo, Ctrl+Shift+Z or Ctrl+Y redo, "
    "Alt+Up and Alt+Down move the exercise, Insert or Ctrl+I add one, Delete remove it (in the list), "
    "Alt+N the name, Alt+R and Alt+X the rests"
)
PAGE_KEYS: Final = (
    QKeySequence("Ctrl+Z"),
    QKeySequence("Ctrl+Shift+Z"),
    QKeySequence("Ctrl+Y"),
    QKeySequence("Alt+Up"),
    QKeySequence("Alt+Down"),
)


class PageKeysFirst(QObject):
    """Lets the page's undo, redo and move keys through a text field or spin box that would take them itself."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: ARG002 - Qt's signature
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            if any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch for key in PAGE_KEYS):
                event.ignore()  # not the field's: the window's shortcut runs
                return True
        return False


def _spin(name: str, field: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(*format_limits(field))
    spin.setSuffix(" s")
    spin.setAccessibleName(name)
    set_font(spin, FIELD_SCALE)
    return spin


def _button(action: QAction, name: str, scale: float = BODY) -> QWidget:
    button = action_button(action, name)
    set_font(button, scale)
    button.setMinimumHeight(44)
    return button


class EditorLayout:
    """The widgets of ``page`` and their actions; ``page`` connects them."""

    def __init__(self, page: QWidget, exercises: Iterable[Exercise], undo_stack: QUndoStack) -> None:
        self.title = text_label(scale=TITLE, bold=True, name="Routine being edited")
        self.state = text_label(scale=BODY, name="Saved or not")
        self.name = QLineEdit()
        self.name.setAccessibleName("Name")
        self.name.setPlaceholderText("Name of the routine")
        self.description = QPlainTextEdit()
        self.description.setAccessibleName("Description")
        self.description.setPlaceholderText("What it is for (optional)")
        self.description.setTabChangesFocus(True)
        for editor in (self.name, self.description):
            set_font(editor, FIELD_SCALE)
        self.description.setFixedHeight(self.description.fontMetrics().lineSpacing() * 2 + 16)
        self.rest_sets = _spin("Rest between sets", "rest")
        self.rest_exercises = _spin("Rest between exercises", "rest")
        self.model = EntryListModel(page.palette(), page)
        self.view = entry_view(self.model)
        self.form = EntryForm()
        self.picker = CataloguePicker(exercises)
        self.summary = SummaryPanel()
        self._actions(page, undo_stack)
        self._place(page)
        keys = PageKeysFirst(page)
        for widget in page.findChildren(QLineEdit) + page.findChildren(QPlainTextEdit):
            widget.installEventFilter(keys)
        for spin in page.findChildren(QAbstractSpinBox):
            spin.installEventFilter(keys)

    def _actions(self, page: QWidget, undo_stack: QUndoStack) -> None:
        self.save_action = make_action(page, "Save", ["Ctrl+S"], tip="Save the routine")
        self.close_action = make_action(page, "Close", [Qt.Key.Key_Escape, "Ctrl+W"], tip="Close the editor")
        self.undo_action = make_action(page, "Undo", ["Ctrl+Z"], undo_stack.undo, tip="Undo")
        self.redo_action = make_action(page, "Redo", ["Ctrl+Shift+Z", "Ctrl+Y"], undo_stack.redo, tip="Redo")
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        undo_stack.undoTextChanged.connect(lambda text: set_action_tip(self.undo_action, f"Undo: {text}"))
        undo_stack.redoTextChanged.connect(lambda text: set_action_tip(self.redo_action, f"Redo: {text}"))
        self.up_action = make_action(page, "Move up", ["Alt+Up"], tip="Move the exercise up")
        self.down_action = make_action(page, "Move down", ["Alt+Down"], tip="Move the exercise down")
        self.add_action = make_action(page, "Add", [Qt.Key.Key_Insert, "Ctrl+I"], self.show_catalogue, tip="Add")
        self.remove_action = make_action(self.view, "Remove", [Qt.Key.Key_Delete], tip="Remove the exercise")
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # Delete in a field edits the field
        self.view.addAction(self.remove_action)
        page.addActions(
            [
                self.save_action,
                self.close_action,
                self.undo_action,
                self.redo_action,
                self.up_action,
                self.down_action,
                self.add_action,
            ]
        )

    def _place(self, page: QWidget) -> None:
        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(SPACE_XL)
        columns.addLayout(self._left(), 5)
        columns.addLayout(self._right(), 4)
        self.scroll = scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        root = QVBoxLayout(page)
        root.setContentsMargins(SPACE_XL, SPACE_M, SPACE_XL, SPACE_M)
        root.setSpacing(SPACE_M)
        root.addLayout(self._top())
        root.addWidget(scroll, 1)

    def _top(self) -> QHBoxLayout:
        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self.title)
        heading.addWidget(self.state)
        top.addLayout(heading, 1)
        for action, name in (
            (self.undo_action, "Undo"),
            (self.redo_action, "Redo"),
            (self.save_action, "Save"),
            (self.close_action, "Close"),
        ):
            button = _button(action, name, BODY)
            button.setMinimumWidth(110)
            top.addWidget(button)
        return top

    def _left(self) -> QVBoxLayout:
        fields = QGridLayout()
        fields.setHorizontalSpacing(12)
        places = (
            ("&Name", self.name, 0, 0),
            ("Description", self.description, 1, 0),
            ("&Rest between sets", self.rest_sets, 2, 0),
            ("between e&xercises", self.rest_exercises, 2, 2),
        )
        for text, widget, row, column in places:
            label = text_label(text, scale=FIELD_SCALE, wrap=False)
            label.setBuddy(widget)  # Alt and the underlined letter go to the field; a screen reader names it
            fields.addWidget(label, row, column)
            fields.addWidget(widget, row, column + 1, 1, 3 if column == 0 and row < 2 else 1)
        list_buttons = QHBoxLayout()
        for action, name in (
            (self.add_action, "Add an exercise"),
            (self.remove_action, "Remove the chosen exercise"),
            (self.up_action, "Move up: the chosen exercise"),
            (self.down_action, "Move down: the chosen exercise"),
        ):
            list_buttons.addWidget(_button(action, name))
        left = QVBoxLayout()
        left.addLayout(fields)
        left.addWidget(text_label("Exercises", scale=LEAD, bold=True))
        self.view.setMinimumHeight(220)
        left.addWidget(self.view, 1)
        left.addLayout(list_buttons)
        return left

    def _right(self) -> QVBoxLayout:
        form_scroll = QScrollArea()
        form_scroll.setWidget(self.form)
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tabs = QTabWidget()
        set_font(self.tabs.tabBar(), BODY)
        self.tabs.addTab(form_scroll, ENTRY_TAB)
        self.tabs.addTab(self.picker, CATALOGUE_TAB)
        self.tabs.setMinimumHeight(300)
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(self.tabs, 1)
        return right

    def show_entry_tab(self) -> None:
        self.tabs.setCurrentIndex(0)

    def show_catalogue(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.picker.focus_list()
