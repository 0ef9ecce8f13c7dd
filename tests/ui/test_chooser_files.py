"""The chooser's New routine, Duplicate, Edit and Delete: their buttons and keys, when each is on, and the keys in
Help → Keyboard shortcuts, none of them taken by another action of the window."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from hipcoach.core import paths
from hipcoach.core.chooser_snapshot import Snapshot
from hipcoach.core.model import Routine
from hipcoach.core.wording import routine_card
from hipcoach.ui.chooser_files import users_file
from tests.ui.rig import WindowRig, three_exercises, two_sided

BUILT_IN = dataclasses.replace(three_exercises(), id="mixed", name="Mixed", source="/opt/hipcoach/routines/mixed.toml")


def mine() -> Routine:
    """A routine read from the user's routines folder (the test's own data folder)."""
    return dataclasses.replace(two_sided(), id="mine", name="Mine", source=str(paths.user_routines_dir() / "mine.toml"))


KEYS = {
    "new_requested": (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier),
    "duplicate_requested": (Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier),
    "edit_requested": (Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier),
    "delete_requested": (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
}


def test_users_file_is_only_a_file_of_the_routines_folder() -> None:
    assert users_file(mine()) == paths.user_routines_dir() / "mine.toml"
    assert users_file(BUILT_IN) is None
    assert users_file(dataclasses.replace(BUILT_IN, source="")) is None


@pytest.mark.parametrize("signal", sorted(KEYS))
def test_each_key_asks_for_its_action_on_the_routine_chosen(rig: WindowRig, qtbot: QtBot, signal: str) -> None:
    chooser = rig.window.chooser
    asked: list[object] = []
    getattr(chooser, signal).connect(lambda *args: asked.append(args))
    chooser.set_routines([BUILT_IN, mine()])
    chooser.list.setCurrentRow(1)
    key, modifiers = KEYS[signal]
    qtbot.keyClick(rig.window, key, modifiers)
    expected = () if signal == "new_requested" else (chooser.routines()[1],)
    assert asked == [expected]
    assert rig.window.current_page() is chooser  # the key did nothing else (D alone is "Sore today?")


def test_delete_is_only_for_the_users_own_routines(rig: WindowRig, qtbot: QtBot) -> None:
    chooser = rig.window.chooser
    asked: list[Routine] = []
    chooser.delete_requested.connect(asked.append)
    chooser.set_routines([BUILT_IN, mine()])
    chooser.list.setCurrentRow(0)
    files = chooser.files
    assert files.edit_action.isEnabled() and files.duplicate_action.isEnabled()  # Edit offers a copy of it
    assert not files.delete_action.isEnabled()
    qtbot.keyClick(rig.window, Qt.Key.Key_Delete)
    assert asked == []
    chooser.list.setCurrentRow(1)
    assert files.delete_action.isEnabled()


def test_the_actions_wait_for_the_content_and_are_off_in_a_session(rig: WindowRig) -> None:
    chooser, files = rig.window.chooser, rig.window.chooser.files
    rig.window.show_snapshot(Snapshot((routine_card(BUILT_IN, 600.0),), ()))
    assert not any(action.isEnabled() for action in files.actions())  # the exercises are not loaded yet
    chooser.set_routines([BUILT_IN])
    assert all(action.isEnabled() for action in files.actions() if action is not files.delete_action)
    rig.start(BUILT_IN)
    assert not any(action.isEnabled() for action in files.actions())


def test_the_buttons_name_their_keys(rig: WindowRig) -> None:
    rig.window.chooser.set_routines([BUILT_IN])
    texts = {button.accessibleName(): button.text() for button in rig.window.chooser.findChildren(QToolButton)}
    assert texts["New routine"] == "New routine  (Ctrl+N)"
    assert texts["Duplicate the chosen routine"] == "Duplicate  (Ctrl+D)"
    assert texts["Edit the chosen routine"] == "Edit  (Ctrl+E)"
    assert texts["Delete the chosen routine"] == "Delete  (Del)"


def test_the_keys_are_in_the_keyboard_help_and_taken_by_no_other_action(rig: WindowRig) -> None:
    text = rig.window.shortcuts_text()
    for line in (
        "Ctrl+N: Make a routine of your own",
        "Ctrl+D: Make a copy of the chosen routine to change",
        "Ctrl+E: Change the chosen routine",
        "Del: Delete the chosen routine (one of your own)",
    ):
        assert line in text.splitlines()
    editor = next(line for line in text.splitlines() if line.startswith("In the routine editor:"))
    for keys in ("Ctrl+S save", "Alt+Up and Alt+Down move", "Ctrl+Z undo", "Insert or Ctrl+I add"):
        assert keys in editor
    window = rig.window
    window.build_session_pages()  # every page's actions, the session's too
    keys = [key for action in window.findChildren(QAction) for key in action.shortcuts()]
    for action in window.chooser.files.actions():
        (key,) = action.shortcuts()
        assert keys.count(key) == 1, f"{key.toString()} is taken twice"
