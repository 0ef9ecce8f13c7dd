"""The user's preferences, kept in ``settings.json`` in the config folder.

Read and written by hipcoach.core.settings_file, whose one policy every settings file follows: a damaged file never
stops a session from starting, a bad key takes its default with a warning naming the file and the key, the other keys
keep their values, a number out of range is clamped (documented for users in docs/cli.md, "Settings file").
A new setting is a field of :class:`Settings` and a :class:`~hipcoach.core.settings_file.Field` in ``SETTINGS``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from hipcoach.core import paths
from hipcoach.core.settings_file import (
    Field,
    SettingsFile,
    WeekTimes,
    choice,
    flag,
    text,
    week_times,
    week_times_json,
    whole,
)

if TYPE_CHECKING:
    from hipcoach.core.plan import PlanOptions
    from hipcoach.core.reminder_schedule import Schedule

SETTINGS_FILE: Final = "settings.json"
GET_READY_RANGE: Final = (3, 30)
WEEKLY_GOAL_RANGE: Final = (1, 7)


class Theme(enum.StrEnum):
    """The window's colours (Settings → Appearance; docs/accessibility.md, "Themes and text size")."""

    SYSTEM = "system"  # the desktop's palette, its selection and hints made readable
    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high-contrast"


class TextSize(enum.StrEnum):
    """How big all the window's text is, dialogs included, as a multiple of the desktop's font."""

    NORMAL = "normal"
    LARGE = "large"
    LARGER = "larger"

    @property
    def factor(self) -> float:
        return {TextSize.NORMAL: 1.0, TextSize.LARGE: 1.25, TextSize.LARGER: 1.5}[self]


@dataclass(frozen=True)
class Settings:
    get_ready_seconds: int = 5
    wait_for_me: bool = False  # the get-ready only starts when the user says so
    first_run_notice_seen: bool = False  # the "this is not medical advice" notice has been read once
    weekly_goal: int = 3  # sessions a week; the article advises three to four times a week
    show_figure: bool = True  # the exercise figure on the session page (Settings → Appearance)
    reduce_motion: bool = False  # the figure's start and top poses side by side instead of a moving figure
    safety_questions_seen: bool = False  # the first-run safety questions were answered or skipped once
    adapt_doses: bool = True  # the chooser offers the progression's changes (off: none; the dose reached stays)
    theme: Theme = Theme.SYSTEM
    text_size: TextSize = TextSize.NORMAL
    reminders_on: bool = False  # reminders to exercise on the chosen days (docs/reminders.md); off until chosen
    reminder_times: WeekTimes = ()  # a time for each chosen day; none chosen yet: suggested from the weekly goal
    reminder_routine: str = ""  # the routine a reminder starts: a routine's id, or "" for the one used last
    reminders_offered: bool = False  # reminders were offered once, after the first completed session

    def __post_init__(self) -> None:
        # Programming errors, not user errors: the loader clamps and defaults before it gets here.
        low, high = GET_READY_RANGE
        if isinstance(self.get_ready_seconds, bool) or not isinstance(self.get_ready_seconds, int):
            raise TypeError(f"get_ready_seconds must be an int, not {type(self.get_ready_seconds).__name__}")
        if not low <= self.get_ready_seconds <= high:
            raise ValueError(f"get_ready_seconds must be from {low} to {high}, not {self.get_ready_seconds}")
        low, high = WEEKLY_GOAL_RANGE
        if isinstance(self.weekly_goal, bool) or not isinstance(self.weekly_goal, int):
            raise TypeError(f"weekly_goal must be an int, not {type(self.weekly_goal).__name__}")
        if not low <= self.weekly_goal <= high:
            raise ValueError(f"weekly_goal must be from {low} to {high}, not {self.weekly_goal}")

    def plan_options(self) -> PlanOptions:
        from hipcoach.core.plan import PlanOptions  # noqa: PLC0415 - the window is drawn before the plan is imported

        return PlanOptions(get_ready_seconds=self.get_ready_seconds, wait_for_me=self.wait_for_me)

    def reminder_schedule(self) -> Schedule:
        """The days and times reminders come on: the chosen ones, or before any are chosen the weekly goal's."""
        from hipcoach.core.reminder_schedule import Schedule, suggested_times  # noqa: PLC0415 - not before paint

        times = dict(self.reminder_times) if self.reminder_times else suggested_times(self.weekly_goal)
        return Schedule(on=self.reminders_on, times=times)


SETTINGS: Final = SettingsFile(
    Settings,
    [
        Field("get_ready_seconds", 5, whole(*GET_READY_RANGE, unit=" of seconds")),
        Field("wait_for_me", False, flag),
        Field("first_run_notice_seen", False, flag),
        Field("weekly_goal", 3, whole(*WEEKLY_GOAL_RANGE)),
        Field("show_figure", True, flag),
        Field("reduce_motion", False, flag),
        Field("safety_questions_seen", False, flag),
        Field("adapt_doses", True, flag),
        Field("theme", Theme.SYSTEM, choice(Theme)),
        Field("text_size", TextSize.NORMAL, choice(TextSize)),
        Field("reminders_on", False, flag),
        Field("reminder_times", (), week_times, week_times_json),
        Field("reminder_routine", "", text),
        Field("reminders_offered", False, flag),
    ],
)


def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


def load_settings() -> Settings:
    """The settings to use; problems are dropped silently (use :func:`load_settings_with_warnings` to show them)."""
    return load_settings_with_warnings()[0]


def load_settings_with_warnings() -> tuple[Settings, list[str]]:
    """Read the settings file, never raising: each problem becomes a message naming the file and the key."""
    return SETTINGS.load(settings_path())


def save_settings(settings: Settings) -> None:
    """Write all settings atomically; raises OSError (disk full, read-only folder) for the caller to report."""
    SETTINGS.save(settings_path(), settings)


def delete_preferences() -> list[Path]:
    """ "Delete all my data", the settings part: every file in the config folder (settings, speech settings, window
    size). Returns what was removed. The speech cache holds only rendered cue phrases, nothing personal, and stays."""
    directory = paths.config_dir()
    removed: list[Path] = []
    if not directory.is_dir():
        return removed
    for item in sorted(directory.iterdir()):
        if item.is_file() or item.is_symlink():
            item.unlink()
            removed.append(item)
    return removed
