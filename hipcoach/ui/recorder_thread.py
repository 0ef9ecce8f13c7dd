"""What the recorder's thread owns and does: the store, the session being recorded, and the retry of a locked history.

Why apart from ``recorder.py``: that module turns engine events into jobs on the GUI thread; everything here runs on
the recorder's one background thread (``hipcoach/qt_worker.py``), which opened the store and is the only thread that
touches it. Nothing here touches a QObject: what the GUI thread must hear goes through ``post``.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Final, NamedTuple

from hipcoach.core import resume
from hipcoach.core.dose_plan import PlannedEntry
from hipcoach.core.history import HistoryError, HistoryLocked, HistoryStore, SessionRow, history_path, open_history

WORKER_BUSY_MS: Final = 1000
"""How long one write waits for a lock before the worker says so and tries again (a wait only ever on the worker)."""
LOCK_RETRY_SECONDS: Final = 0.25

Opener = Callable[[Path | None], HistoryStore]
Post = Callable[..., None]  # post(function, *args): call function(*args) on the GUI thread, in order
Job = Callable[["RecorderState"], None]


def open_for_recording(path: Path | None) -> HistoryStore:
    return open_history(path, busy_timeout_ms=WORKER_BUSY_MS)


class EventLog:
    """Appends one line per write with a single ``os.write`` on an O_APPEND descriptor, so lines from the two
    threads never interleave, and nothing sits in a buffer a SIGKILL would lose."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def write(self, line: str) -> None:
        """``line`` and the monotonic time (system-wide on Linux, so a test process can compare it with its own)."""
        os.write(self._fd, f"{line} {time.monotonic():.6f}\n".encode())

    def close(self) -> None:
        os.close(self._fd)


class Start(NamedTuple):
    routine_id: str
    name: str
    time_scale: float
    started: datetime
    file: str | None  # the routine file, so an interruption can be resumed from any folder
    precautions: tuple[str, ...] = ()  # the hip precautions the routine was adapted to, for resume and the report
    plan: tuple[PlannedEntry, ...] = ()  # the version and dose of each entry, for resume, the progression, the report
    sore_day: bool = False  # the short, gentle version of the routine


class RecorderState:
    """Everything the worker thread owns: the store, the id of the session being recorded, what was reported.

    ``post`` brings a call to the GUI thread; ``problem(str)`` and ``session_known(int)`` are called there."""

    def __init__(
        self,
        path: Path | None,
        opener: Opener,
        log: EventLog | None,
        *,
        post: Post,
        problem: Callable[[str], object],
        session_known: Callable[[int], object],
    ) -> None:
        self.path = path
        self.opener = opener
        self.log = log
        self.on_gui = post
        self._problem = problem
        self._session_known = session_known
        self.store: HistoryStore | None = None
        self.session_id: int | None = None
        self.pending_start: Start | None = None
        self.prior_real = 0.0  # what a resumed session had done before it was interrupted
        self.prior_active = 0.0
        self.noticed = False
        self.reported = False
        self.give_up = threading.Event()  # set from the GUI thread: stop waiting for a locked history
        self.counter_lock = threading.Lock()
        self.lost = 0  # writes about a session that could not be made (read-only, full disk, given up on a lock)

    def open(self) -> HistoryStore:
        """The store, opened on first use (here, on this thread); tried again by the next job if it failed."""
        if self.store is None:
            self.store = self.opener(self.path)  # a HistoryError is reported once by run()
            if self.store.notice is not None and not self.noticed:
                self.noticed = True
                self.on_gui(self._problem, self.store.notice)
        return self.store

    def writable(self) -> HistoryStore | None:
        store = self.open()
        return None if store is None or store.read_only else store

    def current_session(self) -> int | None:
        """The session's id, creating its row now if that failed before (a lock that has since cleared)."""
        store = self.writable()
        if store is None:
            return None
        if self.session_id is None and self.pending_start is not None:
            routine_id, name, scale, started, file, precautions, plan, sore_day = self.pending_start
            self.session_id = store.start_session(
                routine_id, name, scale, started, file, precautions=precautions, plan=plan, sore_day=sore_day
            )
            self.pending_start = None
            self.on_gui(self._session_known, self.session_id)
            self.write_log(f"session {self.session_id}")
        return self.session_id

    def lose(self) -> None:
        with self.counter_lock:
            self.lost += 1

    def report(self, message: str) -> None:
        if not self.reported:
            self.reported = True
            self.on_gui(self._problem, message)

    def write_log(self, line: str) -> None:
        if self.log is not None:
            self.log.write(line)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
        if self.log is not None:
            self.log.close()

    def run(self, job: Job) -> None:
        """One job. A locked history is waited for here, never on the GUI thread: said once, then tried again until
        it is free or the app gives up; each failed write rolled back, so trying again never doubles a row."""
        while True:
            try:
                job(self)
            except HistoryLocked:
                where = self.path or history_path()
                self.report(
                    f"The history file {where} is locked by another program, so this session is not recorded yet. "
                    "hipcoach keeps trying and records it as soon as the file is free."
                )
                if not self.give_up.wait(LOCK_RETRY_SECONDS):
                    continue
                self.lose()
            except HistoryError as exc:
                self.report(str(exc))
                self.lose()
            except Exception as exc:  # a bug must not end the thread: later exercises still get recorded
                self.report(f"The history in {self.path or 'the data folder'} could not be written ({exc}).")
                self.lose()
            else:
                self.reported = False
            return

    def start_session(self, start: Start) -> None:
        self.session_id = None
        self.pending_start = start
        self.prior_real = self.prior_active = 0.0
        self.current_session()

    def continue_session(self, session_id: int) -> None:
        self.pending_start = None
        self.session_id = session_id
        store = self.writable()
        if store is None:
            return
        self.prior_real, self.prior_active = resume.time_so_far(store, session_id)
        self.on_gui(self._session_known, session_id)
        self.write_log(f"session {session_id}")


def describe(session: SessionRow) -> str:
    started = session.started_at.astimezone()
    return f"{session.routine_name}, started {started:%H:%M} on {started.day} {started:%B}"
