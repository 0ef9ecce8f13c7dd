"""An instruction cut short by a pause is said again when the session carries on.

"Paused." cuts whatever the voice is saying. When that was an instruction (a get-ready, a side switch, a rest, the
way down or up), "Carry on." alone left the person on the mat without it: a pause a moment after "Switch sides."
lost which hand goes on the chair and which leg moves, and the countdown then started the other side unexplained.
So carrying on says that instruction again, in place of "Carry on." (the words are already rendered, and the
caption shows them again). Whether it was cut is known from the clock: the pause came before the estimated end of
its speech (``spoken_seconds``, an upper estimate).
"""

from __future__ import annotations

from collections.abc import Sequence

from hipcoach.core.cues import Cue, Priority
from hipcoach.core.events import Event, Paused, Resumed
from hipcoach.core.reminders import spoken_seconds


class CutShort:
    """Follows the cues of one session, batch by batch, in the order they are said."""

    def __init__(self, time_scale: float = 1.0) -> None:
        self._time_scale = time_scale
        self._last: tuple[Cue, float] | None = None  # the last instruction and the plan time its speech ends
        self._cut: Cue | None = None  # the instruction a pause cut short, until the session carries on

    def follow(self, events: Sequence[Event], cues: Sequence[Cue | None]) -> list[Cue | None]:
        """``cues`` (one per event, from ``cues_for``) with a resume's "Carry on." replaced by what a pause cut."""
        result = list(cues)
        for index, (event, cue) in enumerate(zip(events, cues, strict=True)):
            if isinstance(event, Paused):
                if self._last is not None and event.at < self._last[1]:
                    self._cut = self._last[0]
                self._last = None
            elif isinstance(event, Resumed):
                if cue is not None and self._cut is not None:
                    result[index] = self._cut
                    self._last = (self._cut, event.at + self._plan_seconds(self._cut))
                self._cut = None
            elif cue is not None and cue.priority is Priority.TRANSITION:
                self._last = (cue, event.at + self._plan_seconds(cue))
                self._cut = None
        return result

    def _plan_seconds(self, cue: Cue) -> float:
        return spoken_seconds(cue.text) * self._time_scale


__all__ = ["CutShort"]
