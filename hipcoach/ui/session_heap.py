"""Keeping the garbage collector's full passes short while a session runs.

Why: now and then Python's cyclic garbage collector walks every object the program holds (its oldest generation).
With the catalogue, the window's widgets, the speech engine and Qt Multimedia loaded, that walk took 30 to 50 ms on
the GUI thread, about once a session: the largest stall of a session (bench/bench_stalls.py, docs/speech.md,
"GUI stalls"). Nothing that was alive when a session starts becomes garbage during it, so those objects are set
aside (:func:`gc.freeze`) while it runs and the collector's passes walk only what the session itself made. When the
session ends they are handed back (:func:`gc.unfreeze`), so nothing is kept for good and the next full pass, on the
summary or the chooser, frees whatever the session left.
"""

from __future__ import annotations

import gc
from typing import Final

from hipcoach.core.session_state import State

NO_SESSION: Final = frozenset({State.IDLE, State.FINISHED, State.STOPPED})


class SessionHeap:
    """Follows the session controller's state: freezes when a session starts, unfreezes when it ends."""

    def __init__(self) -> None:
        self.frozen = False

    def on_state(self, state: str) -> None:
        if state in NO_SESSION:
            if self.frozen:
                gc.unfreeze()
                self.frozen = False
        elif not self.frozen:
            gc.freeze()  # moves the tracked objects aside in constant time: no pass over them now either
            self.frozen = True
