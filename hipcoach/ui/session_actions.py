"""The session page's commands: the actions with their keys, the buttons that show them, and their titles, which
follow the session ("Pause" or "Resume", "Done" or "Ready", "Restart exercise" or "Previous exercise")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolButton, QWidget

from hipcoach.core.engine import BACK_RESTART_WINDOW
from hipcoach.core.session_state import State
from hipcoach.ui.session_controller import ACTIVE_STATES, SessionController
from hipcoach.ui.widgets import action_button, make_action, set_action_tip

# Left/P restarts the exercise, or goes back one within the first seconds of its get-ready: the button says which.
RESTART_TITLE: Final = "Restart exercise"
RESTART_TIP: Final = (
    f"Restart this exercise; in the first {BACK_RESTART_WINDOW:g} seconds of one it goes back one instead"
)
BACK_TITLE: Final = "Previous exercise"
BACK_TIP: Final = f"Back to the previous exercise; after {BACK_RESTART_WINDOW:g} seconds it restarts this one instead"


PAUSE_KEYS: Final = (Qt.Key.Key_Space,)
DONE_KEYS: Final = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SessionActions:
    """The actions belong to ``owner`` (the page), so Qt fires their keys only while the page is shown."""

    def __init__(
        self,
        owner: QWidget,
        controller: SessionController,
        full_screen_action: QAction,
        request_stop: Callable[[], None],
    ) -> None:
        self._controller = controller
        self.pause = make_action(owner, "Pause", PAUSE_KEYS, controller.toggle_pause, tip="Pause the session")
        self.previous = make_action(
            owner, RESTART_TITLE, [Qt.Key.Key_Left, Qt.Key.Key_P], controller.previous, tip=RESTART_TIP
        )
        self.next = make_action(
            owner, "Next", [Qt.Key.Key_Right, Qt.Key.Key_N], controller.next, tip="Skip to the next exercise"
        )
        self.done = make_action(owner, "Done", DONE_KEYS, controller.done, tip="Done: this set is finished")
        self.repeat = make_action(
            owner, "Repeat exercise", [Qt.Key.Key_R], controller.repeat, tip="Do this exercise again from the start"
        )
        self.stop = make_action(owner, "Stop", [Qt.Key.Key_Escape], request_stop, tip="Stop the session")
        self.sharp_pain = make_action(
            owner, "Sharp pain", [Qt.Key.Key_S], controller.sharp_pain, tip="Sharp pain: stop this exercise now"
        )
        self.buttons: dict[str, QToolButton] = {
            "previous": action_button(self.previous, "Restart or previous exercise"),
            "pause": action_button(self.pause, "Pause or resume"),
            "done": action_button(self.done, "Done"),
            "next": action_button(self.next, "Next exercise"),
            "repeat": action_button(self.repeat, "Repeat exercise"),
            "sharp_pain": action_button(self.sharp_pain, "Sharp pain: stop this exercise"),
            "stop": action_button(self.stop, "Stop session"),
            "full_screen": action_button(full_screen_action, "Full screen"),
        }

    def session_actions(self) -> list[QAction]:
        return [self.pause, self.previous, self.next, self.repeat, self.done, self.sharp_pain, self.stop]

    def update(self) -> None:
        """Which commands work now, and what they are called."""
        controller = self._controller
        state = controller.state
        # while the sharp-pain choice is up, its two buttons are the only way on (and own Space and Esc)
        active = state in ACTIVE_STATES and not controller.stopped_for_sharp_pain
        for action in (self.pause, self.next, self.stop):
            action.setEnabled(active)
        for action in (self.previous, self.repeat):  # after a stop on the floor, only the way up is left
            action.setEnabled(active and not controller.is_ending)
        self.sharp_pain.setEnabled(controller.can_stop_for_sharp_pain())
        self.done.setEnabled(controller.accepts_done())
        self._one_ready(state is State.WAITING)
        if state is State.WAITING:
            _retitle(self.pause, "Ready", "Ready: start the exercise")
        else:
            if state is State.PAUSED:
                _retitle(self.pause, "Resume", "Resume the session")
            else:
                _retitle(self.pause, "Pause", "Pause the session")
            _retitle(self.done, "Done", "Done: this set is finished")
        if active and controller.previous_goes_back():
            _retitle(self.previous, BACK_TITLE, BACK_TIP)
        else:
            _retitle(self.previous, RESTART_TITLE, RESTART_TIP)

    def _one_ready(self, waiting: bool) -> None:
        """While the session waits, Space and Enter both mean "ready": one "Ready" button and menu entry takes both
        keys, and "Done" steps aside (two buttons saying the same word make a person on the mat wonder which)."""
        if self.done.isVisible() == waiting:
            self.done.setVisible(not waiting)
            self.buttons["done"].setVisible(not waiting)
        keys = [QKeySequence(key) for key in (PAUSE_KEYS + DONE_KEYS if waiting else PAUSE_KEYS)]
        if self.pause.shortcuts() != keys:
            self.pause.setShortcuts(keys)


def _retitle(action: QAction, text: str, tip: str) -> None:
    if action.text() != text:
        action.setText(text)
        set_action_tip(action, tip)
