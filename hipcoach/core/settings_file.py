"""One way to read and write a settings file (JSON), so every settings file follows one error policy.

A damaged settings file must never stop a session from starting. The policy, the same for every file:

* a file that cannot be read, is not JSON or is not a JSON object: every key takes its default, with one warning;
* a missing key, or an unknown one, is not a problem: missing keys take their default, unknown keys (from a newer
  version, say) are ignored and dropped at the next save;
* a value of the wrong type (``"5"`` for a number, ``1`` for true) or not among the choices takes its default, with a
  warning; the other keys keep their values;
* a number outside its range is clamped to the nearest limit, with a warning: someone who wrote 60 seconds wants a
  long get-ready, and 30 is closer to what they meant than the default.

Each warning names the file and the key. A settings module describes its keys as :class:`Field` s (name, default,
check) next to its frozen dataclass, so a new setting is one field in each. Saving writes every key (the file
documents itself), atomically, so a crash or a full disk leaves the old file in place rather than half a new one.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any, Final, Generic, TypeVar

from hipcoach.core import paths, safe_read
from hipcoach.core.files import write_atomic

MAX_FILE_BYTES: Final = 64 * 1024
"""A settings file is a few hundred bytes; anything this big is not ours and is not worth parsing."""

T = TypeVar("T")
S = TypeVar("S")
E = TypeVar("E", bound=enum.Enum)

Check = Callable[[object, T], tuple[T, str | None]]
"""Given the value in the file and the default: the value to use, and when that is not the file's value, what is
wrong with it ("must be ... (got ...)"); the loader adds the file, the key and the value used."""


@dataclass(frozen=True)
class Field(Generic[T]):
    name: str
    default: T
    check: Check[T]
    write: Callable[[T], object] | None = None  # the value as JSON, when :func:`plain` cannot say it

    def to_json(self, value: T) -> object:
        return self.write(value) if self.write is not None else plain(value)


def shown(value: object) -> str:
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "..."


def whole(low: int, high: int, unit: str = "") -> Check[int]:
    """A whole number from ``low`` to ``high`` (``unit``: " of seconds"); out of range is clamped."""

    def check(value: object, default: int) -> tuple[int, str | None]:
        if isinstance(value, bool) or not isinstance(value, int):
            return default, f"must be a whole number{unit} from {low} to {high} (got {shown(value)})"
        if not low <= value <= high:
            return min(max(value, low), high), f"must be from {low} to {high} (got {value})"
        return value, None

    return check


def number(low: float, high: float) -> Check[float]:
    """Any number from ``low`` to ``high``; out of range is clamped."""

    def check(value: object, default: float) -> tuple[float, str | None]:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return default, f"must be a number from {low:g} to {high:g} (got {shown(value)})"
        if not low <= value <= high:
            return float(min(max(value, low), high)), f"must be from {low:g} to {high:g} (got {shown(value)})"
        return float(value), None

    return check


def flag(value: object, default: bool) -> tuple[bool, str | None]:
    if isinstance(value, bool):
        return value, None
    return default, f"must be true or false (got {shown(value)})"


def text(value: object, default: str) -> tuple[str, str | None]:
    if isinstance(value, str):
        return value, None
    return default, f"must be text in quotes (got {shown(value)})"


def choice(kind: type[E]) -> Check[E]:
    """One of an enum's values, as its text."""

    def check(value: object, default: E) -> tuple[E, str | None]:
        for member in kind:
            if member.value == value:
                return member, None
        names = ", ".join(json.dumps(m.value) for m in kind)
        return default, f"must be one of {names} (got {shown(value)})"

    return check


def day(value: object, default: date | None) -> tuple[date | None, str | None]:
    """A calendar day written as "2026-03-03", or null for none."""
    if value is None:
        return None, None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value), None
        except ValueError:
            pass
    return default, f'must be a date like "2026-03-03" or null (got {shown(value)})'


def optional_choice(kind: type[E]) -> Check[E | None]:
    """One of an enum's values, as its text, or null for none."""

    def check(value: object, default: E | None) -> tuple[E | None, str | None]:
        if value is None:
            return None, None
        for member in kind:
            if member.value == value:
                return member, None
        names = ", ".join(json.dumps(m.value) for m in kind)
        return default, f"must be one of {names} or null (got {shown(value)})"

    return check


def choices(kind: type[E]) -> Check[frozenset[E]]:
    """A list of an enum's values; an item that is not one is dropped (the others are kept), with a warning."""
    names = ", ".join(json.dumps(m.value) for m in kind)

    def check(value: object, default: frozenset[E]) -> tuple[frozenset[E], str | None]:
        if not isinstance(value, list):
            return default, f"must be a list of {names} (got {shown(value)})"
        known = {member.value: member for member in kind}
        kept = frozenset(known[item] for item in value if isinstance(item, str) and item in known)
        dropped = [item for item in value if not (isinstance(item, str) and item in known)]
        if dropped:
            return kept, f"may hold only {names} (got {shown(dropped)})"
        return kept, None

    return check


WEEKDAY_KEYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""The days of the week in a settings file, in ``date.weekday()`` order (Monday is 0)."""

WeekTimes = tuple[tuple[int, time], ...]
"""A time for each chosen day of the week, by weekday (Monday is 0), in weekday order."""


def week_times(value: object, default: WeekTimes) -> tuple[WeekTimes, str | None]:
    """An object of days and times, ``{"mon": "18:00", "thu": "07:30"}``; a day that is not one, or a time that is
    not a time of day, is dropped (the other days are kept), with a warning."""
    if not isinstance(value, dict):
        return default, f'must be days and times like {{"mon": "18:00"}} (got {shown(value)})'
    kept: dict[int, time] = {}
    dropped: dict[str, object] = {}
    for key, at in value.items():
        clock = _time_of_day(at)
        if key in WEEKDAY_KEYS and clock is not None:
            kept[WEEKDAY_KEYS.index(key)] = clock
        else:
            dropped[key] = at
    times = tuple(sorted(kept.items()))
    if dropped:
        days = ", ".join(json.dumps(key) for key in WEEKDAY_KEYS)
        return times, f'may hold only the days {days}, each with a time like "18:00" (got {shown(dropped)})'
    return times, None


def week_times_json(times: WeekTimes) -> dict[str, str]:
    return {WEEKDAY_KEYS[weekday]: at.strftime("%H:%M") for weekday, at in times}


def _time_of_day(value: object) -> time | None:
    """ "18:00" as a time; None for anything else ("6pm", "25:00", 1800)."""
    if not isinstance(value, str) or len(value) != 5 or value[2] != ":":
        return None
    hours, minutes = value[:2], value[3:]
    if not (hours.isdigit() and minutes.isdigit() and hours.isascii() and minutes.isascii()):
        return None
    if int(hours) > 23 or int(minutes) > 59:
        return None
    return time(int(hours), int(minutes))


class SettingsFile(Generic[S]):
    """The file of one frozen dataclass of settings, each of its fields described by a :class:`Field`."""

    def __init__(self, kind: Callable[..., S], fields: Sequence[Field[Any]]) -> None:
        self.kind = kind
        self.fields = tuple(fields)
        defaults = kind()
        for field in self.fields:  # one default per setting: the dataclass's and the file's must agree
            if getattr(defaults, field.name) != field.default:
                raise ValueError(f"{field.name}: the field's default differs from the settings' default")

    def defaults(self) -> S:
        return self.kind()

    def load(self, path: Path) -> tuple[S, list[str]]:
        """Read ``path``, never raising: each problem becomes a message naming the file and the key."""
        raw, problem = _read(path)
        if problem is not None:
            return self.defaults(), [f"{path}: {problem}; using the default settings"]
        if raw is None:
            return self.defaults(), []
        if not isinstance(raw, dict):
            return self.defaults(), [f"{path}: expected a JSON object {{...}}; using the default settings"]
        values: dict[str, object] = {}
        warnings: list[str] = []
        for field in self.fields:
            if field.name not in raw:
                continue
            value, wrong = field.check(raw[field.name], field.default)
            if wrong is not None:
                warnings.append(f"{path}: '{field.name}' {wrong}; using {json.dumps(field.to_json(value))}")
            values[field.name] = value
        return self.kind(**values), warnings

    def save(self, path: Path, settings: S) -> None:
        """Write every key atomically; raises OSError (disk full, read-only folder) for the caller to report."""
        paths.ensure_private_dir(path.parent)
        data = {field.name: field.to_json(getattr(settings, field.name)) for field in self.fields}
        write_atomic(path, json.dumps(data, indent=2, sort_keys=True) + "\n")


def plain(value: object) -> object:
    """``value`` as JSON writes it: an enum as its text, a day as "2026-03-03", a set as a sorted list."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(str(plain(item)) for item in value)
    return value


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
