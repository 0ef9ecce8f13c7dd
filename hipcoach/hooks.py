"""Debug and test hooks: every environment variable hipcoach reads, in one place, with what it does.

They exist for the tests, the benchmarks and the bundles, and are listed for developers in docs/hooks.md (a test
holds this module, the docs and the code to the same list). Each is read when it is needed, never at import, so a
test that sets one takes effect at once. This module imports only the standard library: every layer may import it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

DATA_DIR_ENV: Final = "HIPCOACH_DATA_DIR"
RESOURCES_ENV: Final = "HIPCOACH_RESOURCES"
SCREENSHOT_DIR_ENV: Final = "HIPCOACH_SCREENSHOT_DIR"
EXIT_AFTER_PAINT_ENV: Final = "HIPCOACH_EXIT_AFTER_PAINT"
CUE_LOG_ENV: Final = "HIPCOACH_CUE_LOG"
EVENT_LOG_ENV: Final = "HIPCOACH_EVENT_LOG"

HOOKS: Final[dict[str, str]] = {
    DATA_DIR_ENV: "keep history, settings, logs and routines in this folder (what --data-dir does; --data-dir wins)",
    RESOURCES_ENV: "read the shipped exercises and routines from this folder (bundles, and tests with small content)",
    SCREENSHOT_DIR_ENV: "save PNG screenshots of the window (chooser, session, summary) and summary.txt here",
    EXIT_AFTER_PAINT_ENV: "print the time of the first paint, do the work after it, then exit (the start-up benchmark)",
    CUE_LOG_ENV: "append every decision of the speaker (cue spoken, dropped, cut) to this JSON-lines file",
    EVENT_LOG_ENV: "append every history write of the recorder to this JSON-lines file (the kill tests)",
}
"""Each hook's name and meaning."""


def text(name: str) -> str | None:
    """The hook's value; None when it is unset or empty (an empty variable means "not set" for every hook)."""
    value = os.environ.get(name)
    return value or None


def path(name: str) -> Path | None:
    """The hook's value as a path, or None."""
    value = text(name)
    return Path(value) if value is not None else None


def is_on(name: str) -> bool:
    return text(name) is not None
