"""The cyclic garbage collector kept off the objects that were there before the session, while it runs.

A full collection walks every object Python tracks: in the app with its window, content and history loaded, about
16 ms of the GUI thread at once (measured in bench/bench_stalls.py), which is most of a 20 ms stall budget and can
fall on any change of exercise. The objects built before a session (the window, the catalogue, the figures) live
as long as the window does, so while a session runs they are set aside with ``gc.freeze()``: a collection then
walks only what the session made. When the session is over (finished or stopped) they are handed back with
``gc.unfreeze()``, so a cycle among them is still collected, at a moment nobody is timing. Both calls only move
lists inside the collector: they cost nothing measurable.
"""

from __future__ import annotations

import gc


class SessionCollector:
    """``during_session(True)`` when a session starts or resumes, ``during_session(False)`` when it is over;
    repeated calls are harmless. Only the first of several controllers to set objects aside hands them back."""

    def __init__(self) -> None:
        self._froze = False

    @property
    def holding(self) -> bool:
        return self._froze

    def during_session(self, running: bool) -> None:
        if running and not self._froze and gc.get_freeze_count() == 0:
            gc.freeze()
            self._froze = True
        elif not running and self._froze:
            gc.unfreeze()
            self._froze = False
