"""Writing files so that a crash, a kill or a full disk leaves the old file, never half a new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


@contextlib.contextmanager
def atomic_writer(target: Path, *, newline: str | None = None) -> Iterator[TextIO]:
    """A text handle on a temporary file next to ``target``; on success it is fsynced and renamed over ``target``.

    mkstemp creates the temporary file 0600, so settings and exports are private from their first byte. OSError
    (disk full, read-only folder) reaches the caller to report; the temporary file is removed either way.
    """
    directory = target.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".tmp", dir=directory)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(directory)


def write_atomic(target: Path, text: str) -> None:
    with atomic_writer(target) as handle:
        handle.write(text)


def fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable; only possible (and only needed) on POSIX."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
