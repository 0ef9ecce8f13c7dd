"""The questions the window asks with a modal box while a session is under way or about to be: stop it, carry on an
interrupted one, whether getting down to the floor hurts today (a sore-day session), and the two about routine files
(a built-in one cannot be edited; delete one of your own?). The person answering may be on
the mat, two metres from the screen, so the box is written large, like the session page, and each answer has a key
of its own, named on its button."""

from __future__ import annotations

from typing import Final

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QPushButton, QWidget

from hipcoach.ui.design import LEAD
from hipcoach.ui.widgets import set_font

QUESTION_SCALE: Final = LEAD  # as the session page's captions: readable from the mat


def stop_question(parent: QWidget | None) -> tuple[QMessageBox, QPushButton]:
    """ "Stop this session now?": Esc or Enter keep going (the safe answer), S stops."""
    box = _large_question(parent, "Stop the session?", "Stop this session now?", "What you have done so far is kept.")
    stop = box.addButton("&Stop session  (S)", QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton("Keep going  (Esc)", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    scale_buttons(box)
    return box, stop


def resume_question(parent: QWidget | None, routine_name: str, exercise_name: str) -> tuple[QMessageBox, QPushButton]:
    """ "Carry on from …?": Enter or Y carries on, Esc or N does not."""
    box = _large_question(
        parent, "Carry on?", f"Your last session of {routine_name} was interrupted.", f"Carry on from {exercise_name}?"
    )
    yes = box.addButton("&Yes, carry on  (Y)", QMessageBox.ButtonRole.YesRole)
    no = box.addButton("&No  (N)", QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes)
    box.setEscapeButton(no)
    scale_buttons(box)
    return box, yes


def floor_question(parent: QWidget | None) -> tuple[QMessageBox, QPushButton, QPushButton]:
    """ "Does getting down to the floor hurt today?" for a sore-day session: Y or N answers, Esc cancels (no session
    starts)."""
    box = _large_question(
        parent,
        "Sore today",
        "Does getting down to the floor hurt today?",
        "If it does, the short, gentle session leaves out the exercises on the mat.",
    )
    yes = box.addButton("&Yes, it hurts  (Y)", QMessageBox.ButtonRole.YesRole)
    no = box.addButton("&No  (N)", QMessageBox.ButtonRole.NoRole)
    cancel = box.addButton("Cancel  (Esc)", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(cancel)
    scale_buttons(box)
    return box, yes, no


def ask(box: QMessageBox) -> QAbstractButton | None:
    """Show ``box``, wait for the answer and give the keyboard back to the window; returns the button clicked.

    A desktop's window manager gives the focus back to the window when a modal box closes; without one (a kiosk, a
    bare X session) nobody does, and the keys of someone on the mat would go nowhere until they got up to click."""
    parent = box.parentWidget()
    box.exec()
    if parent is not None:
        parent.window().activateWindow()
    return box.clickedButton()


def _large_question(parent: QWidget | None, title: str, text: str, more: str) -> QMessageBox:
    box = large_box(parent, QMessageBox.Icon.Question, title, text)
    box.setInformativeText(more)
    return box


def large_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A message box written at the questions' size; its buttons are sized by ``scale_buttons`` once added."""
    box = QMessageBox(icon, title, text, parent=parent)
    set_font(box, QUESTION_SCALE)
    return box


def scale_buttons(box: QMessageBox) -> None:
    """The buttons at the questions' size, the default one in bold."""
    for button in box.buttons():
        set_font(button, QUESTION_SCALE, bold=button is box.defaultButton())


def builtin_question(parent: QWidget | None, routine_name: str) -> tuple[QMessageBox, QPushButton]:
    """Edit on a built-in routine: it cannot be changed, but a copy of it can. Enter or D makes the copy, Esc not."""
    box = _large_question(
        parent, "Built in", f"{routine_name} is built in, so it cannot be changed.", "Make a copy of it to change?"
    )
    copy = box.addButton("&Duplicate it  (D)", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Cancel  (Esc)", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(copy)
    box.setEscapeButton(cancel)
    scale_buttons(box)
    return box, copy


def delete_question(parent: QWidget | None, routine_name: str) -> tuple[QMessageBox, QPushButton]:
    """ "Delete …?": D deletes; Enter or Esc keep it (the safe answer, as for stopping a session)."""
    box = _large_question(
        parent,
        "Delete routine?",
        f"Delete your routine {routine_name}?",
        "Its file is removed from this computer. Your past sessions of it stay in your history.",
    )
    delete = box.addButton("&Delete it  (D)", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep it  (Esc)", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    scale_buttons(box)
    return box, delete
