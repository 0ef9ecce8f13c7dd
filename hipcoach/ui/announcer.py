"""What happens in a session, told to the screen reader: a new exercise, a side switch, a rest, pause and carry on,
the end.

A blind user follows a session by ear. Our own voice says all of it, but someone who works with a screen reader may
want it in their reader's voice, at their reader's speed, with its own queue; so each cue that marks a change of
phase is also raised as an accessibility announcement (Qt's announcement event, which AT-SPI and UI Automation pass
to the reader). Only those cues: the counts and the last seconds come several times a second and a reader would
fall behind them, while the screen keeps them readable (the countdown's name carries its number). "Polite", so the
reader finishes what it is saying first. Whether to announce is the user's choice in the voice settings; with
"Mute spoken cues" it chooses who speaks: our voice, the screen reader, or both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from hipcoach.core.cues import Cue


def announce(widget: QWidget, text: str) -> None:
    """Raise ``text`` as an announcement from ``widget`` (nothing happens when no assistive technology listens)."""
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


class Announcer(QObject):
    """Connected to the controller's ``cue``; ``wanted`` reads the user's choice at each cue, so a change in the
    voice settings holds from the next one."""

    def __init__(self, window: QWidget, wanted: Callable[[], bool]) -> None:
        super().__init__(window)
        self._window = window
        self._wanted = wanted

    def on_cue(self, cue: Cue, _due: float) -> None:
        from hipcoach.core.cues import Priority  # noqa: PLC0415 - loaded with the first session, like the engine

        if cue.priority is Priority.TRANSITION and self._wanted():
            announce(self._window, cue.text)
