"""One place that creates timers, so tests can swap in timers they fire by hand.

Every timer is precise (Qt's coarse timers may fire up to 5 % late, and the very coarse one rounds to whole
seconds), single-shot unless asked otherwise, and parented so it dies with its owner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer


class TimerLike(Protocol):
    def start(self, msec: int) -> None: ...

    def stop(self) -> None: ...

    def isActive(self) -> bool: ...


TimerFactory = Callable[[QObject, Callable[[], None]], TimerLike]


def make_timer(parent: QObject, callback: Callable[[], None]) -> TimerLike:
    timer = QTimer(parent)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setSingleShot(True)
    timer.timeout.connect(callback)
    return timer
