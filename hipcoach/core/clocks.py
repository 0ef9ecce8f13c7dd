"""The clocks a session runs on, besides the monotonic one (Qt-free; the controller loads this before the engine)."""

from __future__ import annotations

import time

_BOOTTIME = getattr(time, "CLOCK_BOOTTIME", None)  # Linux only


def sleep_clock() -> float:
    """Seconds on a clock that keeps counting while the computer sleeps and that nothing else moves: Linux's boot
    clock. The wall clock also counts a sleep, but time synchronisation or the user may step it forward, which would
    look like a sleep: the session paused as "the computer was asleep" (and an unattended run waited for ever).
    Elsewhere the wall clock is what there is (Windows also shows a sleep as a long gap between polls)."""
    return time.clock_gettime(_BOOTTIME) if _BOOTTIME is not None else time.time()
