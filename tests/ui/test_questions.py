"""The stop and carry-on questions, as a person on the mat meets them: written large, and each answer a key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton
from pytestqt.exceptions import TimeoutError as WaitTimedOut
from pytestqt.qtbot import QtBot

from hipcoach.ui.questions import resume_question, stop_question
from tests.ui.rig import MakeRig, three_exercises

Key = Qt.Key | str  # a key, or a letter typed


def press(qtbot: QtBot, key: Key) -> None:
    """Press ``key`` in the modal box that is up."""
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    if isinstance(key, str):
        qtbot.keyClicks(box, key)
    else:
        qtbot.keyClick(box, key)
    try:
        qtbot.waitUntil(lambda: not box.isVisible(), timeout=2000)  # a key clicks its button with a short animation
    except WaitTimedOut:  # the key did nothing: answer "no", so that the test fails instead of waiting forever
        box.reject()


def answer(qtbot: QtBot, box: QMessageBox, key: Key) -> object:
    """Show ``box`` modally, press ``key`` once it is up, and return the button it chose."""
    QTimer.singleShot(0, lambda: press(qtbot, key))
    box.exec()
    return box.clickedButton()


def test_the_stop_question_is_written_large(qtbot: QtBot) -> None:
    box, stop = stop_question(None)
    qtbot.addWidget(box)
    base = QFont().pointSizeF()
    labels = [label for label in box.findChildren(QLabel) if label.text()]
    assert labels and all(label.font().pointSizeF() >= 1.5 * base for label in labels)
    assert all(button.font().pointSizeF() >= 1.5 * base for button in box.buttons())
    assert "(S)" in stop.text()


@pytest.mark.parametrize(("key", "stops"), [("s", True), (Qt.Key.Key_Escape, False), (Qt.Key.Key_Return, False)])
def test_the_stop_question_has_a_key_for_each_answer(qtbot: QtBot, key: Key, stops: bool) -> None:
    box, stop = stop_question(None)
    qtbot.addWidget(box)
    assert (answer(qtbot, box, key) is stop) is stops


@pytest.mark.parametrize(
    ("key", "carries_on"), [("y", True), (Qt.Key.Key_Return, True), ("n", False), (Qt.Key.Key_Escape, False)]
)
def test_the_carry_on_question_has_a_key_for_each_answer(qtbot: QtBot, key: Key, carries_on: bool) -> None:
    box, carry_on = resume_question(None, "Strength", "Clamshells")
    qtbot.addWidget(box)
    assert box.informativeText() == "Carry on from Clamshells?"
    assert isinstance(carry_on, QPushButton)
    assert (answer(qtbot, box, key) is carry_on) is carries_on


def test_esc_then_s_stops_the_session_from_the_mat(make_rig: MakeRig, qtbot: QtBot) -> None:
    rig = make_rig()
    rig.start(three_exercises())
    rig.run(2)
    QTimer.singleShot(0, lambda: press(qtbot, "s"))
    rig.key(Qt.Key.Key_Escape)
    assert rig.window.current_page() is rig.window.summary_view
