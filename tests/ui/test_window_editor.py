"""The routine editor in the window: the chooser's actions open it with the right draft, leaving it goes back to the
chooser with the saved routine chosen, closing the window asks about unsaved changes, coming back to the window
looks at the file on disk, Delete asks first, and Edit on a built-in routine offers a copy.

The page here is a stand-in with the editor page's API (hipcoach/ui/routine_editor.py), so what is tested is the
window's part."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hipcoach.core import paths
from hipcoach.core.routine_edit.draft import RoutineDraft, draft_of
from hipcoach.ui.routine_files import RoutineFiles
from tests.ui.editor_rig import Content, answer_next_box, write_routine
from tests.ui.rig import WindowRig


class StandInPage(QWidget):
    saved = Signal(str)
    closed = Signal()

    def __init__(self, files: RoutineFiles) -> None:
        super().__init__()
        self.files = files
        self.drafts: list[RoutineDraft] = []
        self.unsaved = False
        self.may_leave = True
        self.asked_to_leave = 0
        self.checked_file = 0

    def open_draft(self, draft: RoutineDraft) -> None:
        self.drafts.append(draft)
        self.unsaved = False

    def has_unsaved_changes(self) -> bool:
        return self.unsaved

    def ask_to_leave(self) -> bool:
        self.asked_to_leave += 1
        return self.may_leave or not self.unsaved

    def check_file_on_disk(self) -> None:
        self.checked_file += 1

    def save_as(self, routine_id: str, name: str) -> Path:
        path = write_routine(routine_id, name, "bridge")
        self.unsaved = False
        self.saved.emit(str(path))
        return path


@pytest.fixture
def content(rig: WindowRig) -> Content:
    loaded = Content(rig.window)
    rig.window.set_routine_files(loaded.files(), make_page=StandInPage)
    return loaded


def page(rig: WindowRig) -> StandInPage:
    shown = rig.window.current_page()
    assert isinstance(shown, StandInPage), shown
    return shown


def test_new_routine_opens_an_empty_draft_and_close_goes_back(rig: WindowRig, content: Content, qtbot: QtBot) -> None:
    chooser = rig.window.chooser
    qtbot.keyClick(rig.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    (draft,) = page(rig).drafts
    assert (draft.id, draft.name, draft.entries, draft.source) == ("", "My routine", (), None)
    assert "Routine editor" in rig.window.windowTitle()
    assert not rig.window.history_action.isEnabled()  # left by its own Close, never by Ctrl+H
    assert not chooser.start_action.isEnabled() and not chooser.files.new_action.isEnabled()
    qtbot.keyClick(rig.window, Qt.Key.Key_Return)  # Start is not the editor's
    assert rig.window.current_page() is page(rig)
    page(rig).closed.emit()
    assert rig.window.current_page() is chooser
    assert chooser.start_action.isEnabled()


def test_duplicate_copies_the_routine_as_written(rig: WindowRig, content: Content, qtbot: QtBot) -> None:
    strength = content.routine("strength")
    rig.window.chooser.select("strength")
    qtbot.keyClick(rig.window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    (draft,) = page(rig).drafts
    assert (draft.id, draft.name, draft.source, draft.builtin) == ("", "Strength (my copy)", None, False)
    assert draft.entries == draft_of(strength).entries


@pytest.mark.parametrize("answer", ["Duplicate", "Cancel"])
def test_edit_on_a_built_in_routine_says_so_and_offers_a_copy(
    rig: WindowRig, content: Content, qtbot: QtBot, answer: str
) -> None:
    rig.window.chooser.select("strength")
    seen: list[str] = []
    answer_next_box(answer, seen)
    qtbot.keyClick(rig.window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["Strength is built in, so it cannot be changed.\nMake a copy of it to change?"]
    if answer == "Cancel":
        assert rig.window.current_page() is rig.window.chooser
    else:
        assert page(rig).drafts[0].name == "Strength (my copy)"


def test_edit_opens_the_users_file_as_it_is_on_disk(rig: WindowRig, content: Content, qtbot: QtBot) -> None:
    path = write_routine("evening", "Evening", "bridge", "clamshells")
    content.reload()
    rig.window.chooser.select("evening")
    path.write_text(path.read_text(encoding="utf-8").replace('"Evening"', '"Evening stretch"'), encoding="utf-8")
    qtbot.keyClick(rig.window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    (draft,) = page(rig).drafts
    assert (draft.id, draft.name, draft.source) == ("evening", "Evening stretch", path)
    assert [entry.exercise_id for entry in draft.entries] == ["bridge", "clamshells"]


def test_edit_of_a_file_broken_since_it_was_listed_says_so_and_reads_the_routines_again(
    rig: WindowRig, content: Content, qtbot: QtBot
) -> None:
    path = write_routine("evening", "Evening", "bridge")
    content.reload()
    rig.window.chooser.select("evening")
    path.write_text('name = "Evening"\n[[exercise]]\nid = "cartwheel"\n', encoding="utf-8")
    seen: list[str] = []
    answer_next_box("OK", seen)
    qtbot.keyClick(rig.window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert len(seen) == 1 and str(path) in seen[0] and "cartwheel" in seen[0]
    assert rig.window.current_page() is rig.window.chooser
    assert "evening" not in [routine.id for routine in rig.window.chooser.routines()]
    assert "cartwheel" in rig.window.chooser.message_label.text()


def test_after_a_save_the_routines_are_read_again_and_the_saved_one_is_chosen(
    rig: WindowRig, content: Content, qtbot: QtBot
) -> None:
    rig.window.chooser.select("strength")
    qtbot.keyClick(rig.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    reloads = content.reloads
    page(rig).save_as("morning-ten", "Morning ten")
    assert content.reloads == reloads + 1
    assert "Morning ten" in [routine.name for routine in rig.window.chooser.routines()]
    page(rig).closed.emit()
    selected = rig.window.chooser.selected_routine()
    assert selected is not None and selected.id == "morning-ten"
    assert rig.window.chooser.list.hasFocus() or QApplication.focusWidget() is rig.window.chooser.list


def test_closing_the_window_with_unsaved_changes_asks_and_cancel_keeps_it_open(
    rig: WindowRig, content: Content, qtbot: QtBot
) -> None:
    qtbot.keyClick(rig.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    shown = page(rig)
    shown.unsaved, shown.may_leave = True, False
    rig.window.close()
    assert shown.asked_to_leave == 1
    assert rig.window.isVisible() and rig.window.current_page() is shown
    shown.may_leave = True
    rig.window.close()
    assert not rig.window.isVisible()


def test_coming_back_to_the_window_looks_at_the_file_on_disk(rig: WindowRig, content: Content, qtbot: QtBot) -> None:
    QApplication.sendEvent(rig.window, QEvent(QEvent.Type.ActivationChange))  # on the chooser: no editor to ask
    qtbot.keyClick(rig.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    shown = page(rig)
    assert rig.window.isActiveWindow()
    QApplication.sendEvent(rig.window, QEvent(QEvent.Type.ActivationChange))
    qtbot.waitUntil(lambda: shown.checked_file == 1)


def test_delete_asks_naming_the_routine_and_no_keeps_it(rig: WindowRig, content: Content, qtbot: QtBot) -> None:
    path = write_routine("evening", "Evening", "bridge", "clamshells")
    content.reload()
    rig.window.chooser.select("evening")
    seen: list[str] = []
    answer_next_box("Keep it", seen)
    qtbot.keyClick(rig.window, Qt.Key.Key_Delete)
    assert seen == [
        "Delete your routine Evening?\n"
        "Its file is removed from this computer. Your past sessions of it stay in your history."
    ]
    assert path.is_file()
    assert "evening" in [routine.id for routine in rig.window.chooser.routines()]


def test_delete_yes_removes_the_file_and_the_chooser_reloads(rig: WindowRig, content: Content, qtbot: QtBot) -> None:
    path = write_routine("evening", "Evening", "bridge")
    content.reload()
    rig.window.chooser.select("evening")
    answer_next_box("Delete it")
    qtbot.keyClick(rig.window, Qt.Key.Key_Delete)
    assert not path.exists()
    assert "evening" not in [routine.id for routine in rig.window.chooser.routines()]
    assert path.parent == paths.user_routines_dir()
