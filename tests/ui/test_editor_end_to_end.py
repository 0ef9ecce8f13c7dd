"""End to end, with the keyboard only: a routine built in the editor (New, a name, two exercises from the catalogue,
one dose changed, saved, closed), started from the chooser, run to its end on the fake clock, and found in the
history under its id and name. The real window, the real editor page, the real routine file and the real recorder
writing a real SQLite history in the test's data folder; every key goes to the widget that has the focus, as a
person's would."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from hipcoach.core import paths
from hipcoach.core.content import load_routine
from hipcoach.core.history import HISTORY_FILE, open_history
from hipcoach.ui.recorder import SessionRecorder
from hipcoach.ui.routine_editor import RoutineEditorPage
from tests.ui.editor_rig import Content, answer_next_box
from tests.ui.rig import MakeRig, WindowRig, run_to_summary

EPOCH = datetime(2026, 3, 17, 8, 0, tzinfo=UTC)
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def recorded(make_rig: MakeRig, hipcoach_data_dir: Path) -> Iterator[tuple[WindowRig, SessionRecorder, Content]]:
    rig = make_rig()
    recorder = SessionRecorder(
        hipcoach_data_dir / HISTORY_FILE, wall_clock=lambda: EPOCH + timedelta(seconds=rig.clock.now)
    )
    recorder.attach(rig.controller)
    content = Content(rig.window)
    rig.window.set_routine_files(content.files())  # the real editor page
    yield rig, recorder, content
    if rig.window.editor is not None and rig.window.editor.has_unsaved_changes():
        answer_next_box("Discard")  # a test that failed half-way: closing the window asks
    rig.window.close()
    assert recorder.close()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the focus"
    return widget


def press(qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifiers)


def tab_to(qtbot: QtBot, wanted: type[QWidget], name: str, most: int = 40) -> QWidget:
    """Tab on until the focus is on the ``wanted`` widget called ``name`` (its accessible name)."""
    for _ in range(most):
        widget = focused()
        if isinstance(widget, wanted) and widget.accessibleName() == name:
            return widget
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name}")


def test_a_routine_built_with_the_keyboard_runs_and_is_in_the_history(
    recorded: tuple[WindowRig, SessionRecorder, Content], qtbot: QtBot
) -> None:
    rig, recorder, _content = recorded
    window = rig.window
    window.chooser.focus_list()

    press(qtbot, Qt.Key.Key_N, CTRL)  # New routine
    editor = window.current_page()
    assert isinstance(editor, RoutineEditorPage)
    name = focused()
    assert isinstance(name, QLineEdit) and name.accessibleName() == "Name"
    press(qtbot, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(name, "Morning ten")

    press(qtbot, Qt.Key.Key_Insert)  # the catalogue, its list focused
    picker = editor.ui.picker
    assert focused() is picker.list
    first = picker.chosen_id()
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Down)
    second = picker.chosen_id()
    press(qtbot, Qt.Key.Key_Return)
    assert first is not None and second is not None and first != second
    assert [entry.exercise_id for entry in editor.draft().entries] == [first, second]

    # the second exercise's dose: the form of the chosen exercise, reached with Tab
    field = editor.draft().entries[1]
    press(qtbot, Qt.Key.Key_Tab, CTRL)  # from the catalogue's tab to the chosen exercise's
    sets = tab_to(qtbot, QSpinBox, "Sets")
    press(qtbot, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(sets, "1")
    press(qtbot, Qt.Key.Key_Tab)  # leaving the field makes the change
    assert editor.draft().entries[1].sets == 1 and field.sets != 1
    assert editor.has_unsaved_changes()

    press(qtbot, Qt.Key.Key_S, CTRL)  # Save
    saved = paths.user_routines_dir() / "morning-ten.toml"
    assert saved.is_file()
    press(qtbot, Qt.Key.Key_Escape)  # Close
    assert window.current_page() is window.chooser
    chosen = window.chooser.selected_routine()
    assert chosen is not None and (chosen.id, chosen.name) == ("morning-ten", "Morning ten")
    written = load_routine(saved, _content.catalogue)
    assert [entry.exercise.id for entry in written.entries] == [first, second]
    assert written.entries[1].dose.sets.value == 1

    press(qtbot, Qt.Key.Key_Return)  # Start
    assert window.current_page() is rig.view
    press(qtbot, Qt.Key.Key_X)  # no pain rating before
    run_to_summary(rig, most_steps=1000)
    assert recorder.flush(10)
    qtbot.waitUntil(lambda: recorder.session_id is not None)
    with open_history() as history:
        session, rows = history.session_detail(recorder.session_id)  # type: ignore[arg-type]
    assert (session.routine_id, session.routine_name, session.status) == ("morning-ten", "Morning ten", "completed")
    assert list(dict.fromkeys(row.exercise_id for row in rows)) == [first, second]
    assert {row.status for row in rows} == {"completed"}
