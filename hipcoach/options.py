"""What the command line asks of the window, kept apart from both so the CLI never has to import Qt."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INVALID = 2
EXIT_STOPPED = 3
EXIT_NOT_RECORDED = 4  # --quit-when-done: the session ran, but the history could not record it

MAX_TIME_SCALE = 1000.0


@dataclass(frozen=True)
class AppOptions:
    start: str | None = None  # a routine id, or the path of a routine file
    time_scale: float = 1.0  # every duration divided by this (demos, end-to-end tests)
    quit_when_done: bool = False  # unattended: no prompts, exit when the session has ended and is written
    screenshot_dir: Path | None = None  # end-to-end tests: save window screenshots (hooks.SCREENSHOT_DIR_ENV)
    sore_day: bool = False  # --sore-day: start the sore-day version of ``start`` (docs/progression.md)
    floor_ok: bool = True  # False with --no-floor: that version leaves out the exercises done on the floor
