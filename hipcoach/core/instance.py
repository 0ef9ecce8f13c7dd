"""The Qt-free half of "one window per data folder": the lock, where the hand-off socket may live, and the messages.

The lock is an OS lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on ``hipcoach.lock`` in the data folder.
The kernel drops it when its process ends, however it ends, so a lock is held exactly as long as a window of this
data folder lives: a killed window's lock is free at once, and a process id reused by another program (the
weakness of a lock that only records a PID) can never keep the window from opening.

The hand-off socket lives only where no other user can put one: ``$XDG_RUNTIME_DIR`` (the user's private run-time
folder), else the data folder, else a short folder of our own in the temporary folder; each is checked for its
owner and mode before use, and a socket file for its owner before connecting (docs/cli.md).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from hipcoach import APP_NAME
from hipcoach.core import paths
from hipcoach.options import MAX_TIME_SCALE

LOCK_FILE: Final = "hipcoach.lock"
BACKGROUND_LOCK_FILE: Final = "reminders.lock"  # the background reminders' lock (docs/reminders.md)
SOCKET_FILE: Final = "hipcoach.sock"
MAX_MESSAGE: Final = 64 * 1024  # bytes of one message, newline included
MAX_ARGS: Final = 16
SOCKET_PATH_MAX: Final = 100  # a Unix socket path must fit in sun_path: 108 bytes on Linux, 104 on macOS


def digest(data_dir: Path) -> str:
    """Tells data folders apart in a shared folder (their paths may be too long for a socket name)."""
    from hipcoach.core.digest import sha256_hex  # noqa: PLC0415 - only when the name is needed, after the first paint

    return sha256_hex(str(data_dir.expanduser().absolute()).encode())[:20]


# -- private folders ----------------------------------------------------------------------------------------------


def is_private_dir(path: Path) -> bool:
    """A real folder (not a link) of this user that nobody else may enter: only then may a socket live in it."""
    if os.name != "posix":
        return path.is_dir()
    try:
        info = path.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def _fallback_dir(*, create: bool) -> Path:
    """Short, so the socket path fits; per user, so nobody else's folder is ever used."""
    import tempfile  # noqa: PLC0415 - rarely needed, and not before the first paint

    folder = Path(tempfile.gettempdir()) / f"{APP_NAME}-{os.getuid() if os.name == 'posix' else 0}"
    if create:
        with contextlib.suppress(OSError):
            folder.mkdir(mode=0o700)  # an existing one is checked by is_private_dir, never changed
    return folder


def socket_addresses(data_dir: Path, *, create: bool = False, channel: str = "") -> list[str]:
    """Where the window may listen, best first; a second launch tries them in this order. ``channel`` names another
    listener of the same data folder ("reminders": the background reminders), so its socket has a name of its own.

    Windows has no socket files: a named pipe name, which Qt makes private to the user (UserAccessOption)."""
    suffix = f"-{channel}" if channel else ""
    name = f"{APP_NAME}{suffix}-{digest(data_dir)}"
    if os.name != "posix":
        return [name]
    candidates: list[Path] = []
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and is_private_dir(Path(runtime)):
        candidates.append(Path(runtime) / name)
    if is_private_dir(data_dir) and paths.writable_dir(data_dir):
        candidates.append(data_dir / (f"{channel}.sock" if channel else SOCKET_FILE))
    fallback = _fallback_dir(create=create)
    if is_private_dir(fallback):
        candidates.append(fallback / f"{digest(data_dir)}{suffix}")
    return [str(path) for path in candidates if len(os.fsencode(str(path))) <= SOCKET_PATH_MAX]


def owned_socket(address: str) -> bool:
    """A socket file of this user (checked before connecting: it may only be handed what is ours)."""
    if os.name != "posix":
        return True
    try:
        info = os.lstat(address)
    except OSError:
        return False
    return stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid()


# -- the lock -----------------------------------------------------------------------------------------------------


class InstanceLock:
    """``acquire()``: True when this process is now the window of the data folder.

    In a folder that cannot be written the lock file is opened read-only if it is there (an OS lock needs no
    write access), else it is kept in the socket's private folder; with neither, the window opens unlocked: it
    records nothing, so a second one can do no harm."""

    def __init__(self, data_dir: Path, *, writable: bool) -> None:
        self.data_dir = data_dir
        self.writable = writable
        self.path: Path | None = None
        self._fd: int | None = None

    def acquire(self) -> bool:
        if self._fd is not None:
            return True
        for path, create in self._places():
            try:
                fd = _lock(path, create=create)
            except OSError:
                continue  # this place cannot hold a lock: the next one
            if fd is None:
                return False
            self._fd, self.path = fd, path
            return True
        return True

    def _places(self) -> list[tuple[Path, bool]]:
        here = self.data_dir / LOCK_FILE
        if self.writable:
            return [(here, True)]
        places = [(here, False)] if here.is_file() else []
        if os.name == "posix":
            fallback = _fallback_dir(create=True)
            runtime = os.environ.get("XDG_RUNTIME_DIR", "")
            for folder in (Path(runtime) if os.path.isabs(runtime) else None, fallback):
                if folder is not None and is_private_dir(folder):
                    places.append((folder / f"{APP_NAME}-{digest(self.data_dir)}.lock", True))
                    break
        return places

    @property
    def fd(self) -> int | None:
        """The descriptor that holds the lock (handed down across an exec: ``adopt``)."""
        return self._fd

    def adopt(self, fd: int) -> bool:
        """Take over the lock this process held before it replaced its program (``os.execv`` keeps the process and
        the descriptors made inheritable): True when ``fd`` is this lock's file and holds its lock. Anything else
        (a wrong number given by hand) is left alone, and the caller takes the lock the usual way."""
        if self._fd is not None or fd < 0:
            return False
        places = self._places()
        if not places:
            return False
        path = places[0][0]
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except OSError:
            return False
        if not same or not _try_os_lock(fd):  # our own lock again: flock allows it on the same open file
            return False
        os.set_inheritable(fd, False)  # no program this one starts may keep it
        self._fd, self.path = fd, path
        return True

    def release(self) -> None:
        """Remove the file while still holding it (so a waiting launch never locks a removed file), then unlock."""
        if self._fd is None:
            return
        if self.path is not None and os.name == "posix" and (self.writable or self.path.parent != self.data_dir):
            with contextlib.suppress(OSError):
                self.path.unlink()
        os.close(self._fd)
        self._fd = None
        self.path = None


def held(path: Path) -> bool:
    """Whether a live process holds the lock on ``path`` (a lock file of this module), without taking it for longer
    than the look: a shared lock for an instant, dropped at once; False when there is no such file."""
    if os.name != "posix":
        return False
    import fcntl  # noqa: PLC0415 - POSIX only

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # also drops the shared lock
    return False


def holder(path: Path) -> int | None:
    """The process id written in a lock file (``_describe``), or None when it cannot be read."""
    try:
        return int(path.read_text(encoding="utf-8").split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _lock(path: Path, *, create: bool) -> int | None:
    """An open descriptor holding the lock on ``path``, None when a live process holds it; OSError when the file
    cannot be opened."""
    for _attempt in range(10):
        flags = (os.O_RDWR | os.O_CREAT) if create else os.O_RDONLY
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0), 0o600)
        if not _try_os_lock(fd):
            os.close(fd)
            return None
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            if create:
                _describe(fd)
            return fd
        os.close(fd)  # the window that held it removed it as it closed: lock the file that is there now
    raise OSError(f"{path} keeps changing")


def _try_os_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt  # noqa: PLC0415 - Windows only

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl  # noqa: PLC0415 - POSIX only

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _describe(fd: int) -> None:
    """Who holds it, for a person who finds the file (the lock itself is the OS lock, not this text)."""
    with contextlib.suppress(OSError):
        if os.name == "posix":
            os.fchmod(fd, 0o600)  # a file left by an older version may be 0644
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n{APP_NAME}\n".encode())


# -- the messages ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Handoff:
    """What a second launch asks of the window already open."""

    start: str | None = None
    time_scale: float | None = None
    quit_when_done: bool = False
    sore_day: bool = False
    floor_ok: bool = True

    def args(self) -> list[str]:
        """The message: a routine file's path made absolute (the running window has its own working folder)."""
        args: list[str] = []
        if self.start is not None:
            candidate = Path(self.start).expanduser()
            absolute = candidate.suffix == ".toml" or os.sep in self.start
            args += ["--start", str(candidate.absolute()) if absolute else self.start]
        if self.time_scale is not None:
            args += ["--time-scale", repr(self.time_scale)]
        if self.quit_when_done:
            args.append("--quit-when-done")
        if self.sore_day:
            args.append("--sore-day")
        if not self.floor_ok:
            args.append("--no-floor")
        return args


def parse_handoff(args: list[str]) -> Handoff | str:
    """The hand-off in ``args``, or a sentence saying what is wrong with it (nothing a peer sends raises)."""
    start: str | None = None
    scale: float | None = None
    quit_when_done = sore_day = False
    floor_ok = True
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "--quit-when-done":
            quit_when_done = True
        elif arg == "--sore-day":
            sore_day = True
        elif arg == "--no-floor":
            floor_ok = False
        elif arg in ("--start", "--time-scale") and rest:
            value = rest.pop(0)
            if arg == "--start":
                start = value
                continue
            try:
                scale = float(value)
            except ValueError:
                scale = math.nan
            if not (math.isfinite(scale) and 0 < scale <= MAX_TIME_SCALE):
                return f"--time-scale must be a number greater than 0 and at most {MAX_TIME_SCALE:g}"
        else:
            return f"'{arg[:40]}' is not something the window can take"
    return Handoff(start, scale, quit_when_done, sore_day, floor_ok)


@dataclass(frozen=True)
class Answer:
    """The window's one-line answer, which the second launch prints; ``ok`` False makes it exit non-zero."""

    ok: bool
    message: str

    def encode(self) -> bytes:
        return json.dumps({"ok": self.ok, "message": self.message}).encode("utf-8") + b"\n"

    @staticmethod
    def decode(line: bytes) -> Answer | None:
        value = decode_flat(line, depth=1)
        if not isinstance(value, dict):
            return None
        ok, message = value.get("ok"), value.get("message")
        if not isinstance(ok, bool) or not isinstance(message, str):
            return None
        return Answer(ok, " ".join(message.split())[:500])


def decode_message(line: bytes) -> list[str] | None:
    """A hand-off's arguments: one flat JSON array of at most MAX_ARGS strings, or None."""
    value = decode_flat(line, depth=1)
    if not isinstance(value, list) or len(value) > MAX_ARGS or not all(isinstance(arg, str) for arg in value):
        return None
    return value


def decode_flat(line: bytes, *, depth: int) -> object:
    """JSON no deeper than ``depth`` and no longer than MAX_MESSAGE, else None: a deeply nested message would make
    the decoder recurse until Python gives up."""
    if len(line) > MAX_MESSAGE:
        return None
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _nesting(text) > depth:
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _nesting(text: str) -> int:
    """The deepest nesting of arrays and objects in ``text``, strings skipped."""
    deepest = level = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            level += 1
            deepest = max(deepest, level)
        elif char in "]}":
            level -= 1
    return deepest
