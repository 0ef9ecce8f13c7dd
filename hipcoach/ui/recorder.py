"""Records sessions into the history as they happen, on a worker thread of its own.

Why a worker thread: every commit is fsynced (``synchronous=FULL``), which usually takes a millisecond or two but can
take far longer on a slow or busy disk, and the countdown must never stutter for it. The GUI thread only puts a job
on a queue (microseconds); one dedicated thread opens its own store (a store belongs to the thread that opened it)
and runs the jobs in order, each one committed before the next starts, so a crash or a kill loses at most the
exercise in progress.

Why problems are reported and not raised: a full disk, a locked file or a read-only history must not stop a
session. The first failure is reported through ``problem`` (a sentence naming the file, delivered on the GUI
thread); repeats are not, until a write succeeds again. A read-only history (written by a newer hipcoach, or in a
read-only folder) is said once, and nothing is written to it.

Wiring (see the module's users): ``recorder.attach(controller)``; ``recorder.problem`` to a notice;
``recorder.flush(timeout)`` before quitting; ``recorder.close()`` at exit.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final, NamedTuple

from PySide6.QtCore import QObject, Qt, Signal

from hipcoach.core import resume
from hipcoach.core.engine import Event, ExerciseDone, Paused, Resumed, SessionEnded, SessionStarted
from hipcoach.core.history import (
    HistoryError,
    HistoryLocked,
    HistoryStore,
    SessionRow,
    history_path,
    open_history,
    unit_for,
)
from hipcoach.core.model import Routine
from hipcoach.core.plan import Plan
from hipcoach.core.results import Status
from hipcoach.ui.session_controller import SessionController

EVENT_LOG_ENV: Final = "HIPCOACH_EVENT_LOG"
"""End-to-end tests: when set, the recorder appends what it queued and what it committed to this file."""

WallClock = Callable[[], datetime]
Opener = Callable[[Path | None], HistoryStore]
Job = Callable[["_Worker"], None]


def _utc_now() -> datetime:
    return datetime.now(UTC)


WORKER_BUSY_MS: Final = 1000
"""How long one write waits for a lock before the worker says so and tries again (a wait only ever on the worker)."""
LOCK_RETRY_SECONDS: Final = 0.25


def _open(path: Path | None) -> HistoryStore:
    return open_history(path, busy_timeout_ms=WORKER_BUSY_MS)


def event_log_from_env() -> Path | None:
    value = os.environ.get(EVENT_LOG_ENV)
    return Path(value) if value else None


class _Bridge(QObject):
    """Signals emitted on the worker thread; queued connections deliver them to the recorder on the GUI thread."""

    problem = Signal(str)
    idle = Signal()
    session = Signal(int)
    committed = Signal(int, int)
    deleted = Signal(list)
    found = Signal(object, bool)  # resume.ResumePoint | None, whether the history could be looked at
    closed = Signal(list)  # list[str]: the interrupted sessions just closed as stopped


@dataclass
class _OpenPause:
    wall: datetime
    at: float  # plan time of the Paused event
    reason: str


class _EventLog:
    """Appends one line per write with a single ``os.write`` on an O_APPEND descriptor, so lines from the two
    threads never interleave, and nothing sits in a buffer a SIGKILL would lose."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def write(self, line: str) -> None:
        """``line`` and the monotonic time (system-wide on Linux, so a test process can compare it with its own)."""
        os.write(self._fd, f"{line} {time.monotonic():.6f}\n".encode())

    def close(self) -> None:
        os.close(self._fd)


class _Worker:
    """Everything the worker thread owns: the store, the id of the session being recorded, what was reported."""

    def __init__(self, path: Path | None, opener: Opener, bridge: _Bridge, log: _EventLog | None) -> None:
        self.path = path
        self.opener = opener
        self.bridge = bridge
        self.log = log
        self.store: HistoryStore | None = None
        self.session_id: int | None = None
        self.pending_start: _Start | None = None
        self.prior_real = 0.0  # what a resumed session had done before it was interrupted
        self.prior_active = 0.0
        self.noticed = False
        self.reported = False
        self.counter_lock = threading.Lock()
        self.lost = 0  # writes about a session that could not be made (read-only, full disk, given up on a lock)

    def open(self) -> HistoryStore:
        """The store, opened on first use (here, on this thread); tried again by the next job if it failed."""
        if self.store is None:
            self.store = self.opener(self.path)  # a HistoryError is reported once by the job loop
            if self.store.notice is not None and not self.noticed:
                self.noticed = True
                self.bridge.problem.emit(self.store.notice)
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
            routine_id, name, scale, started, file = self.pending_start
            self.session_id = store.start_session(routine_id, name, scale, started, file)
            self.pending_start = None
            self.bridge.session.emit(self.session_id)
            self.write_log(f"session {self.session_id}")
        return self.session_id

    def lose(self) -> None:
        with self.counter_lock:
            self.lost += 1

    def report(self, message: str) -> None:
        if not self.reported:
            self.reported = True
            self.bridge.problem.emit(message)

    def write_log(self, line: str) -> None:
        if self.log is not None:
            self.log.write(line)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
        if self.log is not None:
            self.log.close()


_STOP: Final = object()


class SessionRecorder(QObject):
    """Listens to a SessionController's ``engine_event`` and writes the session into the history.

    ``problem(str)``: a sentence for the user (the history cannot be written, or was opened read-only or repaired).
    ``drained()``: every queued write has been done. ``exercise_recorded(session_id, entry_index)``: an exercise is
    committed. ``session_id`` is the id of the session being (or last) recorded, None until its row exists.
    """

    problem = Signal(str)
    drained = Signal()
    exercise_recorded = Signal(int, int)
    data_deleted = Signal(list)  # list[str]: the paths "Delete all my data" removed
    interrupted_found = Signal(object, bool)  # (ResumePoint | None, looked): the answer to look_for_interrupted()
    interrupted_closed = Signal(list)  # list[str]: "Short routine, started 08:15 on 29 March", one per session

    def __init__(
        self,
        path: Path | None = None,
        parent: QObject | None = None,
        *,
        wall_clock: WallClock = _utc_now,
        opener: Opener = _open,
        event_log: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._wall = wall_clock
        self._time_scale = 1.0
        self._plan: Plan | None = None
        self._started_wall: datetime | None = None
        self._pause: _OpenPause | None = None
        self._continuing: int | None = None
        self._session_id: int | None = None
        self._log = _EventLog(event_log) if event_log is not None else None
        self._bridge = _Bridge()
        queued = Qt.ConnectionType.QueuedConnection
        self._bridge.problem.connect(self.problem, queued)
        self._bridge.idle.connect(self._on_idle, queued)
        self._bridge.session.connect(self._on_session, queued)
        self._bridge.committed.connect(self.exercise_recorded, queued)
        self._bridge.deleted.connect(self.data_deleted, queued)
        self._bridge.found.connect(self.interrupted_found, queued)
        self._bridge.closed.connect(self.interrupted_closed, queued)
        self._jobs: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._lock = threading.Condition()
        self._submitted = 0
        self._finished = 0
        self._closed = False
        self._give_up = threading.Event()
        self._worker = _Worker(path, opener, self._bridge, self._log)
        self._thread = threading.Thread(target=self._run, name="hipcoach-recorder", daemon=True)
        self._thread.start()

    # -- wiring ---------------------------------------------------------------------------------------------------

    def attach(self, controller: SessionController) -> None:
        """Record every session this controller runs (its time scale is read when each session starts)."""
        controller.engine_event.connect(lambda event: self.on_event(event, controller.time_scale))

    @property
    def session_id(self) -> int | None:
        return self._session_id

    @property
    def pending(self) -> int:
        """Writes queued and not yet done."""
        with self._lock:
            return self._submitted - self._finished

    # -- events (GUI thread) --------------------------------------------------------------------------------------

    def on_event(self, event: Event, time_scale: float = 1.0) -> None:
        if isinstance(event, SessionStarted):
            self._session_started(event.plan, time_scale)
        elif self._plan is None:
            return
        elif isinstance(event, ExerciseDone):
            self._exercise_done(event)
        elif isinstance(event, Paused):
            self._pause = _OpenPause(self._wall(), event.at, event.reason.value)
        elif isinstance(event, Resumed):
            self._resumed(event)
        elif isinstance(event, SessionEnded):
            self._session_ended(event)

    def _session_started(self, plan: Plan, time_scale: float) -> None:
        self._plan = plan
        self._time_scale = time_scale
        self._started_wall = self._wall()
        self._pause = None
        continuing, self._continuing = self._continuing, None
        if continuing is not None:
            self._session_id = continuing
            self._submit(lambda w: _continue(w, continuing))
            return
        self._session_id = None
        routine = plan.routine
        file = os.path.abspath(routine.source) if routine.source else None  # a relative --start path, too
        start = _Start(routine.id, routine.name, time_scale, self._started_wall, file)
        self._submit(lambda w: _start(w, start))

    def _exercise_done(self, event: ExerciseDone) -> None:
        assert self._plan is not None
        result = event.result
        unit = unit_for(self._plan.routine.entries[result.entry_index].exercise.kind)
        when = self._wall()
        if self._log is not None:
            self._log.write(f"done {result.entry_index}")

        def job(worker: _Worker, store: HistoryStore, session_id: int) -> None:
            store.record_exercise(session_id, result, unit, recorded_at=when)
            worker.write_log(f"committed {session_id} {result.entry_index}")
            worker.bridge.committed.emit(session_id, result.entry_index)

        self._submit_for_session(job)

    def _resumed(self, event: Resumed) -> None:
        pause, self._pause = self._pause, None
        if pause is None:
            return
        seconds = max(0.0, (event.at - pause.at) / self._time_scale)
        # a pause for a suspend began at the last poll before the sleep, earlier than the event reached us
        began = min(pause.wall, self._wall() - timedelta(seconds=seconds))

        def job(_worker: _Worker, store: HistoryStore, session_id: int) -> None:
            store.record_pause(session_id, began, seconds, pause.reason)

        self._submit_for_session(job)

    def _session_ended(self, event: SessionEnded) -> None:
        summary = event.summary
        ended = self._wall()
        started = self._started_wall or ended
        real = max(0.0, (ended - started).total_seconds())
        status = "completed" if summary.completed else "stopped"
        active = summary.active_seconds  # plan seconds, as the store documents
        routine = self._plan.routine if self._plan is not None else None
        # a stop leaves the exercises after it without an attempt: they are recorded as not reached
        not_reached = [
            (result, unit_for(routine.entries[result.entry_index].exercise.kind))
            for result in summary.results
            if routine is not None and result.status is Status.NOT_REACHED
        ]
        self._plan = None
        if self._log is not None:
            self._log.write(f"end {status}")

        def job(worker: _Worker, store: HistoryStore, session_id: int) -> None:
            for result, unit in not_reached:
                store.record_exercise(session_id, result, unit, recorded_at=ended)
            store.end_session(session_id, status, ended, worker.prior_real + real, worker.prior_active + active)
            worker.prior_real = worker.prior_active = 0.0
            worker.write_log(f"ended {session_id} {status}")
            store.backup()

        self._submit_for_session(job)

    # -- interrupted sessions -------------------------------------------------------------------------------------

    def continue_session(self, session_id: int) -> None:
        """The next session the controller starts is the resumption of this interrupted one: its results go into
        the same row. Call just before starting the controller (with the engine at the resumption entry)."""
        self._continuing = session_id

    def look_for_interrupted(self, routines: Sequence[Routine], load: resume.Loader | None = None) -> None:
        """Find the interrupted session worth offering, on the worker, never on the GUI thread; ``interrupted_found``
        brings the ResumePoint (or None) back, with False when a locked history could not be looked at."""
        known = tuple(routines)

        def job(worker: _Worker) -> None:
            point: resume.ResumePoint | None = None
            looked = False
            try:
                store = worker.writable()
                if store is not None:
                    point = resume.find_resumable(store, known, _utc_now(), load)
                    looked = True
            except HistoryLocked:  # not waited for: the session the user is about to start must not wait
                where = worker.path or history_path()
                worker.report(
                    f"The history file {where} is locked by another program, so an interrupted session cannot be "
                    "offered now; it is kept for the next start."
                )
            finally:
                worker.bridge.found.emit(point, looked)  # always answered, so the start never waits for nothing

        self._submit(job)

    def close_interrupted(self, routines: Sequence[Routine] = ()) -> None:
        """Mark every session still 'running' in the history, except the one being recorded, as stopped (the user
        declined to resume it, or it can no longer be resumed); with its routine among ``routines``, the exercises
        it never reached are recorded as not reached. ``interrupted_closed`` names them."""
        known = tuple(routines)

        def job(worker: _Worker) -> None:
            store = worker.writable()
            if store is None:
                return
            closed = resume.close_interrupted(store, keep=worker.session_id, now=_utc_now(), routines=known)
            if closed:
                names = [_describe(store.session(session_id)) for session_id in closed]
                worker.bridge.closed.emit(names)

        self._submit(job)

    def set_pain(self, before: int | None = None, after: int | None = None, note: str | None = None) -> None:
        """Record the pain ratings (and note) of the current or last session; arguments left None are kept."""
        changes: dict[str, object] = {}
        if before is not None:
            changes["before"] = before
        if after is not None:
            changes["after"] = after
        if note is not None:
            changes["note"] = note

        def job(_worker: _Worker, store: HistoryStore, session_id: int) -> None:
            if changes:
                store.set_pain(session_id, **changes)  # type: ignore[arg-type]

        self._submit_for_session(job)

    def delete_all_data(self) -> None:
        """ "Delete all my data": the history, its backups and damaged copies, deleted by the worker, which owns the
        open store (deleting the files behind its back would let later writes go to a deleted file). Emits
        ``data_deleted`` with what was removed; the settings are the window's to delete. Stop any session first:
        a later session starts a new, empty history."""

        def job(worker: _Worker) -> None:
            store = worker.open()
            worker.store = None
            worker.session_id = None
            worker.pending_start = None
            deleted = store.delete_all_data()
            worker.bridge.deleted.emit([str(path) for path in deleted])

        self._submit(job)

    # -- the queue ------------------------------------------------------------------------------------------------

    def _submit_for_session(self, job: Callable[[_Worker, HistoryStore, int], None]) -> None:
        """A write about the current session; nothing to do when the session row could not be created."""

        def run(worker: _Worker) -> None:
            session_id = worker.current_session()
            if session_id is not None and worker.store is not None:
                job(worker, worker.store, session_id)
            else:
                worker.lose()  # a read-only history, or a session row that could not be made

        self._submit(run)

    def _submit(self, job: Job) -> None:
        with self._lock:
            if self._closed:
                return
            self._submitted += 1
        self._jobs.put(job)

    @property
    def lost(self) -> int:
        """Writes about a session that could not be made: an unattended run must not claim it was recorded."""
        with self._worker.counter_lock:
            return self._worker.lost

    def give_up(self) -> None:
        """Stop waiting for a locked history (the app is exiting): the write in progress counts as lost."""
        self._give_up.set()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every queued write is done (for ``--quit-when-done``); False if ``timeout`` passed first."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._finished < self._submitted:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(remaining)
        return True

    def close(self, timeout: float = 10.0) -> bool:
        """Finish the queued writes, close the store and end the thread. Returns False if that took too long."""
        with self._lock:
            if self._closed:
                return not self._thread.is_alive()
            self._closed = True
        self._jobs.put(_STOP)
        self._thread.join(timeout)
        if self._thread.is_alive():  # still waiting for a lock: give up, one busy timeout at most
            self._give_up.set()
            self._thread.join(WORKER_BUSY_MS / 1000 + 1.0)
        return not self._thread.is_alive()

    def _run(self) -> None:
        worker = self._worker
        try:
            while True:
                job = self._jobs.get()
                if job is _STOP:
                    return
                assert callable(job)
                self._run_job(worker, job)
                with self._lock:
                    self._finished += 1
                    idle = self._finished == self._submitted
                    self._lock.notify_all()
                if idle:
                    self._bridge.idle.emit()
        finally:
            worker.close()

    def _run_job(self, worker: _Worker, job: Job) -> None:
        """One job. A locked history is waited for here, never on the GUI thread: said once, then tried again until
        it is free or the app gives up; each failed write rolled back, so trying again never doubles a row."""
        while True:
            try:
                job(worker)
            except HistoryLocked:
                where = worker.path or history_path()
                worker.report(
                    f"The history file {where} is locked by another program, so this session is not recorded yet. "
                    "hipcoach keeps trying and records it as soon as the file is free."
                )
                if not self._give_up.wait(LOCK_RETRY_SECONDS):
                    continue
                self._lose(worker)
            except HistoryError as exc:
                worker.report(str(exc))
                self._lose(worker)
            except Exception as exc:  # a bug must not end the thread: later exercises still get recorded
                worker.report(f"The history in {worker.path or 'the data folder'} could not be written ({exc}).")
                self._lose(worker)
            else:
                worker.reported = False
            return

    def _lose(self, worker: _Worker) -> None:
        worker.lose()

    def _on_idle(self) -> None:
        if self.pending == 0:
            self.drained.emit()

    def _on_session(self, session_id: int) -> None:
        self._session_id = session_id


class _Start(NamedTuple):
    routine_id: str
    name: str
    time_scale: float
    started: datetime
    file: str | None  # the routine file, so an interruption can be resumed from any folder


def _describe(session: SessionRow) -> str:
    started = session.started_at.astimezone()
    return f"{session.routine_name}, started {started:%H:%M} on {started.day} {started:%B}"


def _start(worker: _Worker, start: _Start) -> None:
    worker.session_id = None
    worker.pending_start = start
    worker.prior_real = worker.prior_active = 0.0
    worker.current_session()


def _continue(worker: _Worker, session_id: int) -> None:
    worker.pending_start = None
    worker.session_id = session_id
    store = worker.writable()
    if store is None:
        return
    worker.prior_real, worker.prior_active = resume.time_so_far(store, session_id)
    worker.bridge.session.emit(session_id)
    worker.write_log(f"session {session_id}")
