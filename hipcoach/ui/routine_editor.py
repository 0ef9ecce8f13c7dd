"""The routine editor, a page of the main window (docs/editor.md): a routine's name, description and rests, its list
of exercises, the chosen exercise's form, the catalogue to add from, and a live summary.

The page holds one ``RoutineDraft`` and shows it; every change is an undo step (``routine_editor_commands``) that
sets the next draft and shows it again, so what is on screen is always the draft, undo included. The file stays the
truth: Save writes the draft through the core (``save_draft``), which keeps a hand-written file's comments, and the
page compares the file with what it opened (``file_stamp``) before writing over it. The layout and the keys are in
``routine_editor_layout``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSignalBlocker, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from hipcoach.core.content import MAX_ENTRIES, ContentError
from hipcoach.core.model import Exercise, Level
from hipcoach.core.plan import PlanOptions
from hipcoach.core.routine_edit.draft import (
    DOSE_FIELDS,
    DraftEntry,
    RoutineDraft,
    done_exercise,
    fields_of,
    new_draft,
    routine_of,
    versions_of,
)
from hipcoach.core.routine_edit.floor_order import spare_the_floor
from hipcoach.core.routine_edit.saving import FileStamp, SaveError, file_stamp, read_draft, save_draft
from hipcoach.core.routine_edit.summary import summarise
from hipcoach.core.wording import entry_text
from hipcoach.ui.routine_editor_commands import DraftChange, FieldKey, with_identity
from hipcoach.ui.routine_editor_entry import FIELD_LABELS, LEVEL_WORDS
from hipcoach.ui.routine_editor_layout import EditorLayout
from hipcoach.ui.routine_editor_list import Row, moved_to
from hipcoach.ui.routine_editor_questions import changed_question, message, unsaved_question

UNKNOWN = "hipcoach does not know this exercise: remove it"
CHANGE_TEXTS = {
    **{field: f"Change {label.lower()}" for field, label in FIELD_LABELS.items()},
    "first_side": "Change the first side",
    "only_side": "Change the sides",
    "level": "Change the version",
    "pinned": "Keep the dose or not",
}


class RoutineEditorPage(QWidget):
    saved = Signal(str)  # path of the file written
    closed = Signal()  # the user left the page (after any unsaved-changes question)

    def __init__(
        self,
        exercises: Mapping[str, Exercise],
        folder: Path,
        taken_ids: Callable[[], Collection[str]],
        parent: QWidget | None = None,
        *,
        plan_options: Callable[[], PlanOptions] = PlanOptions,
    ) -> None:
        """``exercises``: the 18 and their versions; ``folder``: the user's routines; ``taken_ids``: the ids a new
        routine must not take (the built-ins and the user's files); ``plan_options``: the user's timing."""
        super().__init__(parent)
        self._exercises = exercises
        self._folder = folder
        self._taken_ids = taken_ids
        self._plan_options = plan_options
        self._draft = new_draft()
        self._row = -1
        self._stamp: FileStamp | None = None  # the file as it was opened or last saved
        self._answered = False  # the user was asked about the file on disk as it is in ``_answered_stamp``
        self._answered_stamp: FileStamp | None = None
        self._showing = False  # the page is showing the draft: the widgets' signals are not the user's changes
        self._fresh = False  # a duplicate not saved yet: leaving would lose it
        self._kept_mine = False  # the user kept this version over a changed file: the file differs from the page
        self.undo_stack = QUndoStack(self)
        self.ui = EditorLayout(self, exercises.values(), self.undo_stack)
        self._connect()
        self._show()

    def _connect(self) -> None:
        ui = self.ui
        ui.save_action.triggered.connect(self.save)
        ui.close_action.triggered.connect(self.request_close)
        ui.up_action.triggered.connect(lambda: self._move(self._row, self._row - 1))
        ui.down_action.triggered.connect(lambda: self._move(self._row, self._row + 1))
        ui.remove_action.triggered.connect(self._remove)
        ui.picker.add_requested.connect(self.add_exercise)
        ui.summary.spare_requested.connect(self._spare_the_floor)
        ui.form.changed.connect(self._entry_changed)
        ui.model.move_requested.connect(lambda source, before: self._move(source, moved_to(source, before)))
        ui.name.textEdited.connect(
            lambda text: self._change("Change the name", replace(self._draft, name=text), ("name",))
        )
        ui.description.textChanged.connect(self._description_changed)
        for spin, field in ((ui.rest_sets, "rest_between_sets"), (ui.rest_exercises, "rest_between_exercises")):
            spin.valueChanged.connect(
                lambda value, f=field: self._change("Change the rest", replace(self._draft, **{f: value}), (f,))
            )
        selection = ui.view.selectionModel()
        selection.currentRowChanged.connect(lambda current, _old: self._select(current.row()))
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    # -- the contract -------------------------------------------------------------------------------------------

    def open_draft(self, draft: RoutineDraft) -> None:
        """Show ``draft`` with a fresh undo history; a user's file is remembered as it is now on disk."""
        self.undo_stack.clear()
        self._draft = draft
        self._row = 0 if draft.entries else -1
        self._stamp = file_stamp(draft.source) if draft.source is not None else None
        self._answered = False
        self._fresh = draft.source is None and bool(draft.entries)
        self._kept_mine = False
        self._show()
        self.ui.show_entry_tab()
        self.ui.name.setFocus()

    def draft(self) -> RoutineDraft:
        return self._draft

    def has_unsaved_changes(self) -> bool:
        return not self.undo_stack.isClean() or self._fresh or self._kept_mine

    def ask_to_leave(self) -> bool:
        if not self.has_unsaved_changes():
            return True
        question = unsaved_question(self, self._draft.name or "this routine")
        question.box.exec()
        answer = question.box.clickedButton()
        if answer is question.save:
            return self.save()
        return answer is question.discard

    def check_file_on_disk(self) -> None:
        """Warn once for each change of the file since it was opened or saved; the user keeps theirs or loads it."""
        if self._draft.source is not None and self._changed_on_disk():
            self._ask_about_file()

    # -- saving and leaving -------------------------------------------------------------------------------------

    def request_close(self) -> None:
        if self.ask_to_leave():
            self.closed.emit()

    def save(self) -> bool:
        """True when the file is written; a failure is said in a message naming the file, and the page stays."""
        if self._draft.builtin:
            message(
                self, "Not saved", "A routine that comes with hipcoach cannot be changed.", "Duplicate it first."
            ).exec()
            return False
        if self._draft.source is not None and self._changed_on_disk() and not self._ask_about_file():
            return False
        try:
            path = save_draft(self._draft, self._folder, self._exercises, self._taken_ids())
        except SaveError as error:
            message(self, "Not saved", str(error)).exec()
            return False
        self._draft = replace(self._draft, id=path.stem, source=path, builtin=False)
        self._stamp = file_stamp(path)
        self._answered = False
        self._fresh = self._kept_mine = False
        self.undo_stack.setClean()
        self._show_title()
        self.saved.emit(str(path))
        return True

    def _changed_on_disk(self) -> bool:
        """The file differs from what was opened or saved, and nobody was asked about it as it is now."""
        assert self._draft.source is not None
        now = file_stamp(self._draft.source)
        return now != self._stamp and not (self._answered and now == self._answered_stamp)

    def _ask_about_file(self) -> bool:
        """Ask about the file on disk; True when the page keeps its version (Save goes on), False when it loaded
        the file's."""
        assert self._draft.source is not None
        path = self._draft.source
        now = file_stamp(path)
        self._answered, self._answered_stamp = True, now
        question = changed_question(self, str(path), deleted=now is None)
        question.box.exec()
        if question.box.clickedButton() is not question.load_theirs:
            self._kept_mine = True
            self._show_title()
            return True
        try:
            theirs = read_draft(path, self._exercises)
        except (ContentError, OSError) as error:
            message(self, "Could not load it", f"{path} could not be read. Your version stays open.", str(error)).exec()
            self._kept_mine = True
            return True
        self.open_draft(theirs)
        return False

    # -- changes ------------------------------------------------------------------------------------------------

    def _change(self, text: str, draft: RoutineDraft, key: FieldKey | None = None, row: int | None = None) -> None:
        if draft == self._draft:
            return
        after_row = self._row if row is None else row
        self.undo_stack.push(DraftChange(text, self._apply, self._draft, draft, rows=(self._row, after_row), key=key))

    def _apply(self, content: RoutineDraft, row: int) -> None:
        self._draft = with_identity(content, self._draft)
        self._row = min(row, len(self._draft.entries) - 1)
        self._show()

    def _description_changed(self) -> None:
        text = self.ui.description.toPlainText()
        if text != self._draft.description:
            self._change("Change the description", replace(self._draft, description=text), ("description",))

    def add_exercise(self, exercise_id: str) -> None:
        """Add ``exercise_id`` after the chosen entry (at the end when none is chosen) and choose it."""
        entries = list(self._draft.entries)
        if len(entries) >= MAX_ENTRIES:
            message(self, "Not added", f"A routine holds at most {MAX_ENTRIES} exercises.").exec()
            return
        at = self._row + 1 if self._row >= 0 else len(entries)
        entries.insert(at, DraftEntry(exercise_id=exercise_id))
        name = self._exercises[exercise_id].name
        self._change(f"Add {name}", replace(self._draft, entries=tuple(entries)), row=at)

    def _remove(self) -> None:
        if not 0 <= self._row < len(self._draft.entries):
            return
        entries = list(self._draft.entries)
        gone = entries.pop(self._row)
        name = self._exercises[gone.exercise_id].name
        self._change(
            f"Remove {name}", replace(self._draft, entries=tuple(entries)), row=min(self._row, len(entries) - 1)
        )

    def _move(self, source: int, target: int) -> None:
        entries = list(self._draft.entries)
        if not (0 <= source < len(entries) and 0 <= target < len(entries)) or source == target:
            return
        entries.insert(target, entries.pop(source))
        self._change("Move an exercise", replace(self._draft, entries=tuple(entries)), row=target)

    def _spare_the_floor(self) -> None:
        ordered = spare_the_floor(self._draft, self._exercises)
        chosen = self._draft.entries[self._row] if self._row >= 0 else None
        row = ordered.entries.index(chosen) if chosen in ordered.entries else self._row
        self._change("Order to spare the floor", ordered, row=row)

    def _entry_changed(self, field: str, value: object) -> None:
        if not 0 <= self._row < len(self._draft.entries):
            return
        entry = self._draft.entries[self._row]
        if field == "level":
            assert isinstance(value, Level)
            version = versions_of(self._exercises[entry.exercise_id], self._exercises)[value]
            kept = fields_of(version)
            cleared = {name: None for name in DOSE_FIELDS if name not in kept}
            changed = replace(entry, level=value, **cleared)  # type: ignore[arg-type]
        else:
            changed = replace(entry, **{field: value})  # type: ignore[arg-type]
        entries = list(self._draft.entries)
        entries[self._row] = changed
        key = ("entry", self._row, field) if field in DOSE_FIELDS else None
        self._change(CHANGE_TEXTS[field], replace(self._draft, entries=tuple(entries)), key)

    def _select(self, row: int) -> None:
        if not self._showing and row != self._row and row < len(self._draft.entries):
            self._row = row
            self._show_entry()

    # -- showing ------------------------------------------------------------------------------------------------

    def _show(self) -> None:
        ui, draft = self.ui, self._draft
        if ui.name.text() != draft.name:
            ui.name.setText(draft.name)
        if ui.description.toPlainText() != draft.description:
            with QSignalBlocker(ui.description):
                ui.description.setPlainText(draft.description)
        for spin, value in ((ui.rest_sets, draft.rest_between_sets), (ui.rest_exercises, draft.rest_between_exercises)):
            if spin.value() != value:
                with QSignalBlocker(spin):
                    spin.setValue(value)
        rows = [self._row_of(number, entry) for number, entry in enumerate(draft.entries, start=1)]
        self._showing = True
        try:
            ui.model.set_rows(rows)
            index = ui.model.index(self._row, 0)
            ui.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._showing = False
        ui.summary.show_summary(summarise(draft, self._exercises, self._plan_options()), len(draft.entries))
        has_row = self._row >= 0
        ui.remove_action.setEnabled(has_row)
        ui.up_action.setEnabled(self._row > 0)
        ui.down_action.setEnabled(has_row and self._row < len(draft.entries) - 1)
        ui.save_action.setEnabled(not draft.builtin)
        self._show_entry()
        self._show_title()

    def _row_of(self, number: int, entry: DraftEntry) -> Row:
        base = self._exercises.get(entry.exercise_id)
        try:
            done = done_exercise(entry, self._exercises)
        except KeyError:
            return Row(f"{number}. {entry.exercise_id}", UNKNOWN, None)
        title = f"{number}. {base.name if base is not None else done.name}"
        if entry.level is not Level.BASE:
            title += f", {LEVEL_WORDS[entry.level].lower()}: {done.name}"
        shown = routine_of(replace(self._draft, entries=(entry,)), self._exercises).entries[0]
        return Row(title, entry_text(shown), done.movement.figure)

    def _show_entry(self) -> None:
        if not 0 <= self._row < len(self._draft.entries):
            self.ui.form.show_entry(None, None, {})
            return
        entry = self._draft.entries[self._row]
        versions = versions_of(self._exercises[entry.exercise_id], self._exercises)
        self.ui.form.show_entry(entry, versions.get(entry.level), versions)
        self.ui.remove_action.setEnabled(True)
        self.ui.up_action.setEnabled(self._row > 0)
        self.ui.down_action.setEnabled(self._row < len(self._draft.entries) - 1)

    def _clean_changed(self, _clean: bool) -> None:
        if isValid(self.undo_stack) and isValid(self.ui.title):  # the stack empties itself as the page goes
            self._show_title()

    def _show_title(self) -> None:
        name = self._draft.name or "New routine"
        self.ui.title.setText(f"{name}  (not saved)" if self.has_unsaved_changes() else name)
