"""What the reminders remember between runs: the day the last reminder was shown and the day they were paused.

Kept apart from ``settings.json`` because it is written by the reminders themselves, at any time, while the Settings
dialog writes the user's choices: one file each, so neither writes over the other. It follows the one settings policy
(hipcoach.core.settings_file): a damaged file is as if there were none, which at worst shows today's reminder again.
A snooze ("In 30 minutes") is not kept: it lasts as long as the run that was asked (docs/reminders.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from hipcoach.core import paths
from hipcoach.core.reminder_schedule import ReminderState
from hipcoach.core.settings_file import Field, SettingsFile, day

STATE_FILE: Final = "reminders-state.json"


@dataclass(frozen=True)
class StoredState:
    shown_on: date | None = None
    paused_on: date | None = None


STATE: Final = SettingsFile(StoredState, [Field("shown_on", None, day), Field("paused_on", None, day)])


def state_path() -> Path:
    return paths.config_dir() / STATE_FILE


def load_state() -> tuple[ReminderState, list[str]]:
    """The remembered state, never raising; each problem a message naming the file and the key."""
    stored, warnings = STATE.load(state_path())
    return ReminderState(shown_on=stored.shown_on, paused_on=stored.paused_on), warnings


def save_state(state: ReminderState) -> None:
    """Write the state atomically; raises OSError for the caller to log (a reminder is never held up by it)."""
    STATE.save(state_path(), StoredState(shown_on=state.shown_on, paused_on=state.paused_on))
