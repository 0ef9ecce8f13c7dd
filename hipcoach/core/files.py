"""Writing files so that a crash, a kill or a full disk leaves the old file, never half a new one."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, TextIO, cast


@contextlib.contextmanager
def _atomic_file(target: Path, mode: str, newline: str | None) -> Iterator[IO[Any]]:
    """A handle on a temporary file next to ``target``; on success it is fsynced and renamed over ``target``.

    mkstemp creates the temporary file 0600, so settings, exports and reports are private from their first byte.
    OSError (disk full, read-only folder) reaches the caller to report; the temporary file is removed either way.
    """
    directory = target.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".tmp", dir=directory)
    temp = Path(temp_name)
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(directory)


@contextlib.contextmanager
def atomic_writer(target: Path, *, newline: str | None = None) -> Iterator[TextIO]:
    """Text written through the handle replaces ``target`` whole, or not at all."""
    with _atomic_file(target, "w", newline) as handle:
        yield cast(TextIO, handle)  # opened in text mode


def write_atomic(target: Path, text: str) -> None:
    with atomic_writer(target) as handle:
        handle.write(text)


def write_atomic_bytes(target: Path, data: bytes) -> None:
    with _atomic_file(target, "wb", None) as handle:
        handle.write(data)


def fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable; only possible (and only needed) on POSIX."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


PROBE_BYTES = 64 * 1024


def os_problem(exc: OSError, where: Path) -> str:
    """The real cause of an OSError in plain words: a full disk, a read-only disk, a permission, or what the system
    said. Each caller adds what it could not do."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return f"the disk holding {where} is full"
    if exc.errno == errno.EROFS:
        return f"{where} is on a read-only disk"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{where} may not be written (permission denied)"
    return f"{where}: {exc.strerror or exc}"


def write_problem(directory: Path) -> str | None:
    """Why files cannot be written in ``directory`` (see :func:`os_problem`), or None. Found by writing a small file,
    because a program that failed to write (a speech engine) seldom says why."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".probe-", dir=directory)
        try:
            os.write(fd, bytes(PROBE_BYTES))
            os.fsync(fd)
        finally:
            os.close(fd)
            os.unlink(name)
    except OSError as exc:
        return os_problem(exc, directory)
    return None
