"""The routine chooser as it last looked, so that the next start can draw it before reading any content.

Reading and checking the content (the TOML parser, the model, and a plan for each routine's estimate) is most of
what hipcoach would do before its window appears, yet the chooser shows only a few lines of text per routine. So
the app writes those lines here once the content is loaded, with a key made of everything they come from: the
app's version, each content file and each of the user's routine files (name, size, time of last change), the
settings files whose timing changes the estimates, and the safety answers with the precautions in effect today
(the routines are adapted to them, and they end by themselves on a day). When the key still matches at the next
start, the first frame is drawn from the snapshot and the content is loaded right after it; if what it gives
differs, it replaces the rows at once. When the key does not match, the content is loaded first, as if there were
no snapshot.

It is a cache: a missing, unreadable, damaged or foreign file, or one that cannot be written, is never an error,
only a slower start. It holds no history and nothing of the user's that is not also in their routine files.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Final, NamedTuple

from hipcoach import __version__
from hipcoach.core import paths, safe_read
from hipcoach.core.files import write_atomic
from hipcoach.core.safety.answers import answers_path, load_answers
from hipcoach.core.settings import settings_path

SNAPSHOT_FILE: Final = "chooser.json"
FORMAT: Final = 3  # 2: cards have a note; 3: and the changes the safety precautions made
MAX_FILE_BYTES: Final = 1024 * 1024
"""A snapshot of a few dozen routines is some kilobytes; anything this big is not ours."""

Key = list[list[str | int]]
"""[name, size, last change in ns] for each file; a missing folder or file is itself an entry, with -1s."""


class RoutineCard(NamedTuple):
    """What the chooser shows of one routine, as plain text. (Named tuples rather than dataclasses, as they are
    defined before the first frame: a frozen dataclass takes about 0.4 ms to define here, a named tuple 0.06 ms.)"""

    id: str
    name: str
    description: str
    summary: str  # "About 14 minutes · 6 exercises"
    equipment: str  # "Needs: chair, mat"
    exercises: str  # "1. Hip rotations  (10 reps each leg)", one line per exercise
    note: str = ""  # a gentle word shown with the details (a routine that starts without a warm-up), or nothing
    changes: str = ""  # what the safety precautions changed, one line per change ("Pigeon Pose is left out: …"), or ""


class Snapshot(NamedTuple):
    cards: tuple[RoutineCard, ...]
    problems: tuple[str, ...]  # the user's routine files that could not be read, each naming the file


def snapshot_path() -> Path:
    return paths.cache_dir() / SNAPSHOT_FILE


def content_key() -> Key:
    """Every file the chooser's routines come from. Taken before the content is read, so that a file changed while
    it is read makes the next start's key differ (and so load the content first) rather than match stale rows.

    Files are named relative to their folder, so an app moved elsewhere whole (with its files' times) keeps its key."""
    folders = {
        "exercises": paths.resources_dir() / "exercises",
        "routines": paths.resources_dir() / "routines",
        "yours": paths.user_routines_dir(),
    }
    return [entry for label, folder in folders.items() for entry in _folder_key(label, folder)]


def settings_key() -> Key:
    """The settings files that change an estimate: the timing and the speech (a longer get-ready for more words)."""
    return [_file_key(path) for path in (settings_path(), paths.config_dir() / paths.SPEECH_SETTINGS_FILE)]


def safety_key(today: date | None = None) -> Key:
    """The safety answers file, and the precautions in effect ``today``: the chooser's routines are adapted to
    them, so a change of answers, or the day the precautions end, makes the snapshot stale."""
    answers, _ = load_answers(today)
    in_effect = ",".join(sorted(precaution.value for precaution in answers.precautions(today or date.today())))
    return [_file_key(answers_path()), ["precautions", in_effect, 0]]


def read_snapshot(today: date | None = None) -> Snapshot | None:
    """The snapshot, if there is one and its key matches the files (and the precautions of ``today``) as they are
    now."""
    try:
        data = json.loads(safe_read.read_bytes(snapshot_path(), MAX_FILE_BYTES))
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("app") != __version__:
            return None
        if data.get("content") != content_key() or data.get("settings") != settings_key():
            return None
        if data.get("safety") != safety_key(today):
            return None
        return _snapshot(data.get("cards"), data.get("problems"))
    # missing, unreadable, too big or not a file; not JSON or not UTF-8 (both ValueErrors); absurdly nested
    except (OSError, ValueError, RecursionError, safe_read.UnreadableFile):
        return None


def write_snapshot(content: Key, snapshot: Snapshot, today: date | None = None) -> bool:
    """Keep ``snapshot`` for the next start, under ``content`` (the key taken when the content was read), unless the
    file already says exactly that. False when it could not be written (a read-only or full disk): the next start
    will simply read the content first."""
    data = {
        "format": FORMAT,
        "app": __version__,
        "content": content,
        "settings": settings_key(),
        "safety": safety_key(today),
        "cards": [card._asdict() for card in snapshot.cards],
        "problems": list(snapshot.problems),
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    path = snapshot_path()
    try:
        if path.read_text(encoding="utf-8") == text:
            return True
    except (OSError, ValueError):
        pass  # none yet, or not ours: write it
    try:
        paths.ensure_private_dir(path.parent)
        write_atomic(path, text)
    except OSError:
        return False
    return True


def _snapshot(cards: object, problems: object) -> Snapshot | None:
    """The snapshot in ``cards`` and ``problems``, or None if anything in them is not what write_snapshot wrote."""
    names = list(RoutineCard._fields)
    if not isinstance(cards, list) or not isinstance(problems, list):
        return None
    if not all(isinstance(problem, str) for problem in problems):
        return None
    parsed: list[RoutineCard] = []
    for card in cards:
        if not isinstance(card, dict) or sorted(card) != sorted(names):
            return None
        if not all(isinstance(card[name], str) for name in names):
            return None
        parsed.append(RoutineCard(**card))
    return Snapshot(tuple(parsed), tuple(problems))


def _folder_key(label: str, folder: Path) -> Key:
    try:
        with os.scandir(folder) as entries:
            found = sorted(entries, key=lambda entry: entry.name)
            return [_entry_key(f"{label}/{entry.name}", entry.stat()) for entry in found]
    except OSError:
        return [[label, -1, -1]]


def _file_key(path: Path) -> list[str | int]:
    try:
        return _entry_key(path.name, path.stat())
    except OSError:
        return [path.name, -1, -1]


def _entry_key(name: str, stat: os.stat_result) -> list[str | int]:
    return [name, stat.st_size, stat.st_mtime_ns]
