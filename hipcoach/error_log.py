"""The error log: where a traceback goes, so that the user sees one sentence and a developer still gets the details.

The command line and the window write to the same file (``<data folder>/logs/errors.log``), so there is one place
to look. It is written through the standard ``logging`` package with a size-rotating handler: a bug that repeats
on every event must not fill the disk, so the log keeps the newest ``FILES`` files of ``MAX_BYTES`` each
(errors.log, errors.log.1, errors.log.2).
Like everything the app creates, the files are 0600 in a 0700 folder. Writing it never raises: a log that cannot be
written is reported in the one sentence instead (:func:`write` returns why). The window and the command line import
this module only when they have an error to write, so the start-up does not pay for ``logging.handlers``.

Imports: the standard library, ``hipcoach`` (name, version) and ``hipcoach.core.paths``; no Qt.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import logging
import logging.handlers
import os
import sys
import threading
from pathlib import Path
from typing import Final

from hipcoach import APP_NAME, __version__
from hipcoach.core import paths

ERROR_LOG: Final = "errors.log"
LOG_DIR: Final = "logs"
MAX_BYTES: Final = 256 * 1024
FILES: Final = 3  # the current file and two older ones
_LOGGER: Final = "hipcoach.errors"
_lock = threading.Lock()  # the GUI thread and a worker may both report at once


def log_dir() -> Path:
    return paths.data_dir() / LOG_DIR


def one_line(exc: BaseException) -> str:
    """The exception as the user sees it: its type and message on one line."""
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def write(exc: BaseException) -> Path | str:
    """Add ``exc`` and its traceback to the error log; return the log's path, or why it could not be written."""
    with _lock:
        try:
            # The data folder first: creating only logs/ would leave a new data folder with the default permissions.
            folder = paths.ensure_private_dir(paths.ensure_private_dir(paths.data_dir()) / LOG_DIR)
            log = folder / ERROR_LOG
            _emit(log, exc)
        except Exception as failure:  # never raise from the place that reports errors
            return one_line(failure)
        return log


def delete_logs() -> list[Path]:
    """ "Delete all my data", the logs part: every file in the logs folder (tracebacks may name files and routines),
    then the folder. Returns what was removed; a file that cannot be removed is left, never an error."""
    removed: list[Path] = []
    folder = log_dir()
    with _lock:
        try:
            items = sorted(folder.iterdir())
        except OSError:
            return removed
        for item in items:
            try:
                if item.is_file() or item.is_symlink():
                    item.unlink()
                    removed.append(item)
            except OSError:
                continue
        with contextlib.suppress(OSError):  # something else is in it, or it is gone already
            folder.rmdir()
    return removed


def _header() -> str:
    stamp = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    return f"--- {stamp} {APP_NAME} {__version__} on Python {sys.version.split()[0]}, {sys.platform}"


class _PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    """Rotates at MAX_BYTES, creates its files 0600 whatever the umask, and keeps a failure for :func:`write` to
    report (logging's own ``handleError`` would print it on stderr, where the user would see a traceback)."""

    def __init__(self, log: Path) -> None:
        super().__init__(log, maxBytes=MAX_BYTES, backupCount=FILES - 1, encoding="utf-8", errors="replace", delay=True)
        self.failure: BaseException | None = None
        self.setFormatter(logging.Formatter("%(message)s"))

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:
        del record
        self.failure = sys.exc_info()[1]


def _emit(log: Path, exc: BaseException) -> None:
    """Write one entry through a handler opened for it and closed after it: no file stays open (on Windows an open
    file could not be deleted by "Delete all my data"), and a data folder changed since is followed."""
    handler = _PrivateRotatingHandler(log)
    logger = logging.getLogger(_LOGGER)
    logger.propagate = False  # the user sees one sentence, never the record on stderr
    logger.setLevel(logging.ERROR)
    logger.addHandler(handler)
    try:
        logger.error("%s", _header(), exc_info=(type(exc), exc, exc.__traceback__))
    finally:
        logger.removeHandler(handler)
        handler.close()
    if handler.failure is not None:
        raise handler.failure
