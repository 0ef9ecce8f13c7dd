"""Reading a user's routine file into a draft, and writing a draft back: atomically and privately, like every file
of the data folder, into the user's routine folder only, never over a built-in routine.

A failed save raises SaveError with a sentence the editor shows as it is; the caller keeps the draft, so nothing
the user did is lost and Save can be tried again once the disk has room.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import tomllib
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from hipcoach.core import files, paths
from hipcoach.core.content import routines
from hipcoach.core.content.errors import ContentError
from hipcoach.core.content.source import MAX_FILE_BYTES, read_text
from hipcoach.core.model import Exercise
from hipcoach.core.routine_edit.document import routine_text
from hipcoach.core.routine_edit.draft import DOSE_FIELDS, RoutineDraft, draft_of
from hipcoach.core.routine_edit.summary import problems_of

MAX_ID_LENGTH: Final = 40
_RESERVED: Final = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)
"""File names Windows will not create, whatever the extension."""


class SaveError(Exception):
    """A routine file that could not be written or deleted, said in one sentence naming the file."""

    def __init__(self, path: Path, reason: str, *, action: str = "save") -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason
        self.action = action

    def __str__(self) -> str:
        still = " Your routine is still open." if self.action == "save" else ""
        return f"Could not {self.action} {self.path}: {self.reason}.{still}"


@dataclass(frozen=True)
class FileStamp:
    """Enough of a file to notice that something else changed it: the hash catches a rewrite of the same size
    within the file system's time resolution."""

    size: int
    mtime_ns: int
    sha256: str


def read_draft(path: Path, exercises: Mapping[str, Exercise]) -> RoutineDraft:
    """The draft of the user's file at ``path`` (``exercises``: the 18 and their versions). The file is checked
    as the chooser loads it (ContentError); then every number it writes is kept as an override, even one equal to
    the exercise's own, so saving the draft unchanged leaves the file as it was."""
    draft = draft_of(routines.load_routine(path, exercises), exercises)
    try:
        tables = tomllib.loads(read_text(path)).get("exercise", [])
    except tomllib.TOMLDecodeError:
        tables = None
    if not isinstance(tables, list) or len(tables) != len(draft.entries):
        raise ContentError(path, "the file changed while it was being read; open it again")
    entries = tuple(
        replace(entry, **{field: table[field] for field in DOSE_FIELDS if field in table})
        for entry, table in zip(draft.entries, tables, strict=True)
    )
    return replace(draft, entries=entries, source=path, builtin=False)


def new_routine_id(name: str, taken: Collection[str]) -> str:
    """A file name for a new routine from its name: lower case ascii letters, digits and hyphens ("Morning ten" ->
    "morning-ten"), "-2", "-3"… added when ``taken`` already has it."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    words = "".join(char if char.isalnum() else " " for char in ascii_name).split()
    base = "-".join(words)[:MAX_ID_LENGTH].strip("-") or "routine"
    if base in _RESERVED:
        base = f"{base}-routine"
    used = {item.casefold() for item in taken}
    candidate, number = base, 2
    while candidate in used:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def builtin_ids() -> frozenset[str]:
    folder = paths.resources_dir() / "routines"
    try:
        return frozenset(path.stem for path in folder.glob("*.toml"))
    except OSError:
        return frozenset()


def save_draft(
    draft: RoutineDraft, folder: Path, exercises: Mapping[str, Exercise], taken_ids: Collection[str]
) -> Path:
    """Write ``draft`` to ``folder/<id>.toml`` and return that path. A new draft (id "") gets an id from its name,
    free among ``taken_ids``, the built-ins and the files in ``folder``. The user's file is edited in place, its
    comments kept (document.py). Raises SaveError; the file on disk is then as it was."""
    shipped = builtin_ids()
    routine_id = draft.id or new_routine_id(draft.name, {*taken_ids, *shipped, *_stems(folder)})
    path = folder / f"{routine_id}.toml"
    if draft.builtin or routine_id in shipped:
        raise SaveError(path, f"'{routine_id}' is a routine that comes with hipcoach; save a copy under a new name")
    problems = problems_of(draft)
    if problems:
        raise SaveError(path, problems[0].rstrip(".").lower())
    source = _source_text(draft, path)
    try:
        text = routine_text(replace(draft, id=routine_id), exercises, source)
    except KeyError as exc:
        raise SaveError(path, f"hipcoach does not know the exercise {exc}") from None
    try:
        paths.ensure_private_dir(folder)
        files.write_atomic(path, text)
    except OSError as exc:
        raise SaveError(path, _reason(exc, folder)) from None
    return path


def _stems(folder: Path) -> list[str]:
    try:
        return [path.stem for path in folder.glob("*.toml")]
    except OSError:
        return []


def _source_text(draft: RoutineDraft, path: Path) -> str | None:
    """The text of the file the draft was read from, when it is the one being written (an edit in place)."""
    if draft.source is None or draft.source.name != path.name:
        return None
    try:
        if draft.source.stat().st_size > MAX_FILE_BYTES:
            return None
        return draft.source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # gone or unreadable since it was opened: the draft is written as a new file


def _reason(exc: OSError, folder: Path) -> str:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "the disk is full"
    if exc.errno == errno.EROFS:
        return f"the folder {folder} is on a disk that cannot be written"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"hipcoach may not write in the folder {folder}"
    if exc.errno in (errno.EEXIST, errno.ENOTDIR) or (folder.exists() and not folder.is_dir()):
        return f"{folder} is a file, not a folder"
    return files.os_problem(exc, folder)


def file_stamp(path: Path) -> FileStamp | None:
    """The file's stamp, or None when it is not there (or cannot be read)."""
    try:
        data = path.read_bytes()
        status = path.stat()
    except OSError:
        return None
    return FileStamp(size=status.st_size, mtime_ns=status.st_mtime_ns, sha256=hashlib.sha256(data).hexdigest())


def delete_routine(path: Path) -> None:
    """Delete one of the user's routine files. Anything that is not a ``.toml`` file right inside the user's
    routine folder, or a link out of it, is refused: a wrong path must never cost the user another file."""
    folder = paths.user_routines_dir()
    try:
        inside = path.parent.resolve() == folder.resolve() and path.resolve().parent == folder.resolve()
    except OSError:
        inside = False
    if not inside or path.suffix != ".toml":
        raise SaveError(path, f"only routine files in {folder} can be deleted", action="delete")
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise SaveError(path, _reason(exc, folder), action="delete") from None
    with contextlib.suppress(OSError):
        files.fsync_dir(folder)  # the file is gone either way; this only makes it last through a power cut
