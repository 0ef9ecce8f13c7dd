"""Cues started early by the sound output's latency, so that they sound on their moment rather than after it.

A cue handed to the player on its moment is heard a period and the sound server's buffer later (docs/speech.md,
"Cue timing"). The engine knows each moment in advance (``SessionEngine.upcoming``), so the controller asks it for
the next moment's cues after every batch of events, and one single-shot timer here hands them over ``lead()``
seconds before that moment; the player then starts each clip on the moment itself. The batch that brings the
moment does not say them a second time.

Any command (pause, stop, skip, done, back) runs a new batch, which asks again: the armed cues are dropped unless the
next moment is still the same with the same cues. A command between the hand-over and the moment (at most ``lead``
seconds) either pauses or ends the session, which silences the voice, or says cues of its own, which cut the early
ones before they are heard.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from hipcoach.ui.timers import TimerFactory

if TYPE_CHECKING:
    from hipcoach.core.cues import Cue

LEAD_MOST = 0.2  # seconds: whatever the output says, a cue is never handed over earlier than this

Ahead = tuple[float, tuple["Cue", ...]]  # a moment on the monotonic clock and the cues it brings, in order


def no_lead() -> float:
    return 0.0


class EarlyCues:
    """Arms one timer for the next moment's cues; ``emit(cue, due)`` is the controller's ``cue`` signal."""

    def __init__(
        self,
        parent: QObject,
        timer_factory: TimerFactory,
        clock: Callable[[], float],
        emit: Callable[[Cue, float], None],
    ) -> None:
        self.lead: Callable[[], float] = no_lead  # seconds; the speaker's output latency once speech is wired
        self._clock = clock
        self._emit = emit
        self._timer = timer_factory(parent, self._fire)
        self._armed: Ahead | None = None
        self._sent: Ahead | None = None

    def lead_seconds(self) -> float:
        return max(0.0, min(self.lead(), LEAD_MOST))

    def plan(self, due: float | None, cues: Sequence[Cue] = ()) -> None:
        """After every batch of events: the next moment (``due``, None when the session is not running) and its
        cues. Arms the timer for them, or drops what was armed."""
        ahead = (due, tuple(cues)) if due is not None and cues else None
        if ahead is not None and ahead == self._sent:
            return  # handed over already (the timer woke the engine a little before its moment)
        self._sent = None
        if ahead == self._armed:
            return
        self._timer.stop()
        self._armed = None
        lead = self.lead_seconds()
        if ahead is None or lead <= 0.0:
            return
        self._armed = ahead
        self._timer.start(max(0, math.floor((ahead[0] - lead - self._clock()) * 1000)))

    def said(self, cue: Cue, due: float) -> bool:
        """Whether ``cue`` of the moment ``due`` was handed over early (its batch then says it no more)."""
        return self._sent is not None and self._sent[0] == due and cue in self._sent[1]

    def cancel(self) -> None:
        self._timer.stop()
        self._armed = self._sent = None

    def _fire(self) -> None:
        armed, self._armed = self._armed, None
        if armed is None:
            return
        self._sent = armed
        due, cues = armed
        for cue in cues:
            self._emit(cue, due)


__all__ = ["LEAD_MOST", "EarlyCues"]
