"""The routine editor's questions and messages, written large like the session's (``questions.py``): unsaved changes,
a file changed on disk while it was open, and a routine that could not be saved.

Each function returns the box and its buttons unopened, so the page opens it (``exec``) and a test can answer it
through the same buttons a person presses."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from hipcoach.ui.questions import QUESTION_SCALE
from hipcoach.ui.widgets import set_font


@dataclass(frozen=True)
class UnsavedQuestion:
    box: QMessageBox
    save: QPushButton
    discard: QPushButton
    keep_editing: QPushButton


@dataclass(frozen=True)
class ChangedQuestion:
    box: QMessageBox
    keep_mine: QPushButton
    load_theirs: QPushButton


def unsaved_question(parent: QWidget | None, name: str) -> UnsavedQuestion:
    """Save (S), Discard (D), or Keep editing (Esc, the safe answer: nothing is lost)."""
    box = _large(parent, QMessageBox.Icon.Question, "Unsaved changes", f"Save the changes to {name}?")
    box.setInformativeText("If you do not save them, they are lost.")
    save = box.addButton("&Save  (S)", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Discard  (D)", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep editing  (Esc)", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(keep)
    _scale_buttons(box)
    return UnsavedQuestion(box, save, discard, keep)


def changed_question(parent: QWidget | None, file_name: str, deleted: bool) -> ChangedQuestion:
    """The file changed (or went) while it was open: keep the version on screen (K), or load the one on disk (L).
    A deleted file has nothing to load; keeping is the one answer, and Save writes it again."""
    what = "deleted" if deleted else "changed"
    box = _large(
        parent, QMessageBox.Icon.Warning, "Changed outside hipcoach", f"{file_name} was {what} outside hipcoach."
    )
    box.setInformativeText(
        "Save to write your version again." if deleted else "Keep your version here, or load the one in the file?"
    )
    keep = box.addButton("&Keep my version  (K)", QMessageBox.ButtonRole.RejectRole)
    load = box.addButton("&Load theirs  (L)", QMessageBox.ButtonRole.AcceptRole)
    load.setVisible(not deleted)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    _scale_buttons(box)
    return ChangedQuestion(box, keep, load)


def message(parent: QWidget | None, title: str, text: str, more: str = "") -> QMessageBox:
    """A large message with one OK (Enter or Esc): a save that failed, a built-in routine."""
    box = _large(parent, QMessageBox.Icon.Warning, title, text)
    if more:
        box.setInformativeText(more)
    ok = box.addButton("OK", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(ok)
    box.setEscapeButton(ok)
    _scale_buttons(box)
    return box


def _large(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, parent=parent)
    set_font(box, QUESTION_SCALE)
    return box


def _scale_buttons(box: QMessageBox) -> None:
    for button in box.buttons():
        set_font(button, QUESTION_SCALE, bold=button is box.defaultButton())
