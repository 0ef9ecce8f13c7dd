"""The user's preferences, kept in ``settings.json`` in the config folder.

A damaged settings file must never stop a session from starting: whatever is wrong with it (bad JSON, a value of the
wrong type, a number out of range) is reported and replaced by its default, and every value that is fine is kept.

Rules for each key (documented for users in docs/cli.md, "Settings file"):

* a missing key, or an unknown one, is not a problem: missing keys take their default, unknown keys (from a newer
  version, say) are ignored and dropped at the next save;
* a value of the wrong type (``"5"`` for a number, ``1`` for true) takes its default, with a warning;
* ``get_ready_seconds`` outside 3-30 is clamped to the nearest limit, with a warning: someone who wrote 60 wants a
  long get-ready, and 30 is closer to what they meant than the default 5;

Saving writes every key (not only those that differ from the defaults) so that the file documents itself, and
writes it atomically so that a crash or a full disk leaves the old file in place rather than half a new one.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from hipcoach.core import paths, safe_read
from hipcoach.core.files import write_atomic

if TYPE_CHECKING:
    from hipcoach.core.plan import PlanOptions

SETTINGS_FILE: Final = "settings.json"
GET_READY_RANGE: Final = (3, 30)
WEEKLY_GOAL_RANGE: Final = (1, 7)
MAX_FILE_BYTES: Final = 64 * 1024
"""A settings file is a few hundred bytes; anything this big is not ours and is not worth parsing."""


@dataclass(frozen=True)
class Settings:
    get_ready_seconds: int = 5
    wait_for_me: bool = False  # the get-ready only starts when the user says so
    first_run_notice_seen: bool = False  # the "this is not medical advice" notice has been read once
    weekly_goal: int = 3  # sessions a week; the article advises three to four times a week

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


def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


def load_settings() -> Settings:
    """The settings to use; problems are dropped silently (use :func:`load_settings_with_warnings` to show them)."""
    return load_settings_with_warnings()[0]


def load_settings_with_warnings() -> tuple[Settings, list[str]]:
    """Read the settings file, never raising: each problem becomes a message naming the file and the key."""
    path = settings_path()
    raw, problem = _read(path)
    if problem is not None:
        return Settings(), [f"{path}: {problem}; using the default settings"]
    if raw is None:
        return Settings(), []
    if not isinstance(raw, dict):
        return Settings(), [f"{path}: expected a JSON object {{...}}; using the default settings"]
    return _from_mapping(path, raw)


def _read(path: Path) -> tuple[object | None, str | None]:
    """The parsed JSON (None when there is no file yet) or a description of why it could not be read."""
    try:
        data = safe_read.read_bytes(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        return None, None
    except safe_read.UnreadableFile as exc:
        return None, exc.reason
    try:
        return json.loads(data.decode("utf-8")), None
    except UnicodeDecodeError:
        return None, "not UTF-8 text"
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
    except (ValueError, RecursionError) as exc:  # huge integers, absurd nesting
        return None, f"not valid JSON ({type(exc).__name__})"


def _from_mapping(path: Path, raw: dict[str, object]) -> tuple[Settings, list[str]]:
    defaults = Settings()
    warnings: list[str] = []
    settings = Settings(
        get_ready_seconds=_whole(
            path, raw, "get_ready_seconds", GET_READY_RANGE, defaults.get_ready_seconds, warnings=warnings
        ),
        weekly_goal=_whole(path, raw, "weekly_goal", WEEKLY_GOAL_RANGE, defaults.weekly_goal, warnings=warnings),
        wait_for_me=_flag(path, raw, "wait_for_me", defaults.wait_for_me, warnings),
        first_run_notice_seen=_flag(path, raw, "first_run_notice_seen", defaults.first_run_notice_seen, warnings),
    )
    return settings, warnings


def _wrong(path: Path, key: str, value: object, expected: str, default: object) -> str:
    shown = json.dumps(value)
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    return f"{path}: '{key}' must be {expected} (got {shown}); using {json.dumps(default)}"


def _whole(
    path: Path, raw: dict[str, object], key: str, limits: tuple[int, int], default: int, *, warnings: list[str]
) -> int:
    """A whole number within ``limits``; out of range is clamped (someone who wrote 60 seconds wants a long
    get-ready, and 30 is closer to what they meant than the default)."""
    if key not in raw:
        return default
    value = raw[key]
    low, high = limits
    if isinstance(value, bool) or not isinstance(value, int):
        unit = " of seconds" if key.endswith("_seconds") else ""
        warnings.append(_wrong(path, key, value, f"a whole number{unit} from {low} to {high}", default))
        return default
    if not low <= value <= high:
        clamped = min(max(value, low), high)
        warnings.append(f"{path}: '{key}' must be from {low} to {high} (got {value}); using {clamped}")
        return clamped
    return value


def _flag(path: Path, raw: dict[str, object], key: str, default: bool, warnings: list[str]) -> bool:
    if key not in raw:
        return default
    value = raw[key]
    if isinstance(value, bool):
        return value
    warnings.append(_wrong(path, key, value, "true or false", default))
    return default


def save_settings(settings: Settings) -> None:
    """Write all settings atomically; raises OSError (disk full, read-only folder) for the caller to report."""
    directory = paths.ensure_private_dir(paths.config_dir())
    write_atomic(directory / SETTINGS_FILE, json.dumps(asdict(settings), indent=2, sort_keys=True) + "\n")


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
