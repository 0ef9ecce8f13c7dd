"""Records sessions into the history as they happen, on a worker thread of its own.

Why a worker thread: every commit is fsynced (``synchronous=FULL``), which usually takes a millisecond or two but can
take far longer on a slow or busy disk, and the countdown must never stutter for it. The GUI thread only puts a job
on a queue (microseconds); one dedicated thread (``hipcoach/qt_worker.py``) opens its own store (a store belongs to
the thread that opened it) and runs the jobs in order, each one committed before the next starts, so a crash or a
kill loses at most the exercise in progress. What that thread owns and how it retries is in ``recorder_thread.py``.

Why problems are reported and not raised: a full disk, a locked file or a read-only history must not stop a
session. The first failure is reported through ``problem`` (a sentence naming the file, delivered on the GUI
thread); repeats are not, until a write succeeds again. A read-only history (written by a newer hipcoach, or in a
read-only folder) is said once, and nothing is written to it.

Wiring (see the module's users): ``recorder.attach(controller)``; ``recorder.problem`` to a notice;
``recorder.flush(timeout)`` before quitting; ``recorder.close()`` at exit.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from hipcoach import hooks
from hipcoach.core import resume
from hipcoach.core.dose_plan import DoseChoice, Feeling, planned_entries
from hipcoach.core.events import Event, ExerciseDone, Paused, Resumed, SessionEnded, SessionStarted
from hipcoach.core.history import HistoryLocked, HistoryStore, history_path, unit_for
from hipcoach.core.history.plans import checked_feeling
from hipcoach.core.model import Exercise, Routine
from hipcoach.core.plan import Plan
from hipcoach.core.results import Status
from hipcoach.qt_worker import BackgroundWorker
from hipcoach.ui.recorder_thread import (
    WORKER_BUSY_MS,
    EventLog,
    Job,
    Opener,
    RecorderState,
    Start,
    describe,
    open_for_recording,
)
from hipcoach.ui.session_controller import SessionController

WallClock = Callable[[], datetime]
T = TypeVar("T")


def _utc_now() -> datetime:
    return datetime.now(UTC)


def event_log_from_env() -> Path | None:
    return hooks.path(hooks.EVENT_LOG_ENV)


@dataclass
class _OpenPause:
    wall: datetime
    at: float  # plan time of the Paused event
    reason: str


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
        opener: Opener = open_for_recording,
        event_log: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._wall = wall_clock
        self._time_scale = 1.0
        self._plan: Plan | None = None
        self._started_wall: datetime | None = None
        self._noted: datetime | None = None  # when the session's time so far was last written
        self._pause: _OpenPause | None = None
        self._continuing: int | None = None
        self._session_id: int | None = None
        self._log = EventLog(event_log) if event_log is not None else None
        self._tasks = BackgroundWorker("hipcoach-recorder", on_exit=self._close_on_thread)
        post = self._tasks.call_on_gui
        self._worker = RecorderState(
            path, opener, self._log, post=post, problem=self.problem.emit, session_known=self._on_session
        )
        self._tasks.idle.connect(self.drained)
        self._tasks.start()

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
        return self._tasks.pending

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
        if self._plan is not None:
            self._note_progress()

    def _session_started(self, plan: Plan, time_scale: float) -> None:
        self._plan = plan
        self._time_scale = time_scale
        self._started_wall = self._noted = self._wall()
        self._pause = None
        continuing, self._continuing = self._continuing, None
        if continuing is not None:
            self._session_id = continuing
            self._submit(lambda w: w.continue_session(continuing))
            return
        self._session_id = None
        routine = plan.routine
        file = os.path.abspath(routine.source) if routine.source else None  # a relative --start path, too
        precautions = tuple(sorted(routine.precautions))
        planned = planned_entries(routine)
        start = Start(
            routine.id, routine.name, time_scale, self._started_wall, file, precautions, planned, routine.sore_day
        )
        self._submit(lambda w: w.start_session(start))

    def _note_progress(self) -> None:
        """Write how long the running session has lasted, at most every ``resume.PROGRESS_EVERY`` seconds: a crash
        before the first result (or long after the last) would otherwise lose that time on resume."""
        now = self._wall()
        if self._started_wall is None or self._noted is None:
            return
        if (now - self._noted).total_seconds() < resume.PROGRESS_EVERY:
            return
        self._noted = now
        real = max(0.0, (now - self._started_wall).total_seconds())

        def job(worker: RecorderState, store: HistoryStore, session_id: int) -> None:
            store.note_progress(session_id, worker.prior_real + real)

        self._submit_for_session(job)

    def _exercise_done(self, event: ExerciseDone) -> None:
        assert self._plan is not None
        result = event.result
        unit = unit_for(self._plan.routine.entries[result.entry_index].exercise.kind)
        when = self._wall()
        if self._log is not None:
            self._log.write(f"done {result.entry_index}")

        def job(worker: RecorderState, store: HistoryStore, session_id: int) -> None:
            store.record_exercise(session_id, result, unit, recorded_at=when)
            worker.write_log(f"committed {session_id} {result.entry_index}")
            worker.on_gui(self.exercise_recorded.emit, session_id, result.entry_index)

        self._submit_for_session(job)

    def _resumed(self, event: Resumed) -> None:
        pause, self._pause = self._pause, None
        if pause is None:
            return
        seconds = max(0.0, (event.at - pause.at) / self._time_scale)
        # a pause for a suspend began at the last poll before the sleep, earlier than the event reached us
        began = min(pause.wall, self._wall() - timedelta(seconds=seconds))

        def job(_worker: RecorderState, store: HistoryStore, session_id: int) -> None:
            store.record_pause(session_id, began, seconds, pause.reason)

        self._submit_for_session(job)

    def _session_ended(self, event: SessionEnded) -> None:
        summary = event.summary
        ended = self._wall()
        started = self._started_wall or ended
        # the way up after a stop on the floor is no part of the session's time (its end time still follows it)
        real = max(0.0, (ended - started).total_seconds() - summary.way_up_seconds / self._time_scale)
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

        def job(worker: RecorderState, store: HistoryStore, session_id: int) -> None:
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

    def look_for_interrupted(
        self,
        routines: Sequence[Routine],
        load: resume.Loader | None = None,
        exercises: Mapping[str, Exercise] | None = None,
    ) -> None:
        """Find the interrupted session worth offering, on the worker, never on the GUI thread; ``interrupted_found``
        brings the ResumePoint (or None) back, with False when a locked history could not be looked at. ``routines``
        as written and the catalogue ``exercises``: a session done under hip precautions is rebuilt adapted to them
        (``resume.find_resumable``)."""
        known = tuple(routines)

        def job(worker: RecorderState) -> None:
            point: resume.ResumePoint | None = None
            looked = False
            try:
                store = worker.writable()
                if store is not None:
                    point = resume.find_resumable(store, known, _utc_now(), load, exercises)
                    looked = True
            except HistoryLocked:  # not waited for: the session the user is about to start must not wait
                where = worker.path or history_path()
                worker.report(
                    f"The history file {where} is locked by another program, so an interrupted session cannot be "
                    "offered now; it is kept for the next start."
                )
            finally:  # always answered, so the start never waits for nothing
                worker.on_gui(self.interrupted_found.emit, point, looked)

        self._submit(job)

    def close_interrupted(
        self, routines: Sequence[Routine] = (), exercises: Mapping[str, Exercise] | None = None
    ) -> None:
        """Mark every session still 'running' in the history, except the one being recorded, as stopped (the user
        declined to resume it, or it can no longer be resumed); with its routine among ``routines``, the exercises
        it never reached are recorded as not reached. ``interrupted_closed`` names them."""
        known = tuple(routines)

        def job(worker: RecorderState) -> None:
            store = worker.writable()
            if store is None:
                return
            closed = resume.close_interrupted(
                store, keep=worker.session_id, now=_utc_now(), routines=known, exercises=exercises
            )
            if closed:
                names = [describe(store.session(session_id)) for session_id in closed]
                worker.on_gui(self.interrupted_closed.emit, names)

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

        def job(_worker: RecorderState, store: HistoryStore, session_id: int) -> None:
            if changes:
                store.set_pain(session_id, **changes)  # type: ignore[arg-type]

        self._submit_for_session(job)

    def set_feeling(self, entry_index: int, feeling: Feeling | None) -> None:
        """Record the answer to "How did that feel?" for one exercise of the current or last session (None clears
        it), on the worker like the pain ratings, so it lands after the session's row. A wrong value is refused here,
        where the caller can see it, rather than on the worker."""
        answer = checked_feeling(feeling)
        if isinstance(entry_index, bool) or not isinstance(entry_index, int) or entry_index < 0:
            raise ValueError(f"entry_index must be a whole number from 0, not {entry_index!r}")

        def job(_worker: RecorderState, store: HistoryStore, session_id: int) -> None:
            store.set_feeling(session_id, entry_index, answer)

        self._submit_for_session(job)

    def delete_all_data(self) -> None:
        """ "Delete all my data": the history, its backups and damaged copies, deleted by the worker, which owns the
        open store (deleting the files behind its back would let later writes go to a deleted file). Emits
        ``data_deleted`` with what was removed; the settings are the window's to delete. Stop any session first:
        a later session starts a new, empty history."""

        def job(worker: RecorderState) -> None:
            store = worker.open()
            worker.store = None
            worker.session_id = None
            worker.pending_start = None
            deleted = store.delete_all_data()
            worker.on_gui(self.data_deleted.emit, [str(path) for path in deleted])

        self._submit(job)

    # -- the progression (issue 17): read on this thread, where the store lives -----------------------------------

    def read_history(self, job: Callable[[HistoryStore], T], done: Callable[[T | None], object]) -> None:
        """Run ``job`` with the store after every write queued before it; ``done(result)`` on the GUI thread, or
        ``done(None)`` when the history could not be read (a lock is not waited for: the chooser must not wait; a
        broken file is said through ``problem``), so whoever waits for the answer always gets one."""

        def run(worker: RecorderState) -> None:
            result: T | None = None
            try:
                result = job(worker.open())
            except HistoryLocked:
                pass  # read again at the next refresh
            finally:
                worker.on_gui(done, result)

        self._submit(run)

    def record_choice(self, choice: DoseChoice) -> None:
        """Keep a dose choice the user made (an Undo on the chooser)."""

        def job(worker: RecorderState) -> None:
            store = worker.writable()
            if store is not None:
                store.record_choice(choice)

        self._submit(job)

    def discard_session(self) -> None:
        """Delete the session being recorded, with its results and ratings: it was replaced before its first
        exercise began (switched to the sore-day version), so it never happened."""

        def job(worker: RecorderState, store: HistoryStore, session_id: int) -> None:
            store.delete_session(session_id)
            worker.session_id = None

        self._submit_for_session(job)

    # -- the queue ------------------------------------------------------------------------------------------------

    def _submit_for_session(self, job: Callable[[RecorderState, HistoryStore, int], None]) -> None:
        """A write about the current session; nothing to do when the session row could not be created."""

        def run(worker: RecorderState) -> None:
            session_id = worker.current_session()
            if session_id is not None and worker.store is not None:
                job(worker, worker.store, session_id)
            else:
                worker.lose()  # a read-only history, or a session row that could not be made

        self._submit(run)

    def _submit(self, job: Job) -> None:
        self._tasks.submit(lambda: self._worker.run(job))

    @property
    def lost(self) -> int:
        """Writes about a session that could not be made: an unattended run must not claim it was recorded."""
        with self._worker.counter_lock:
            return self._worker.lost

    def give_up(self) -> None:
        """Stop waiting for a locked history (the app is exiting): the write in progress counts as lost."""
        self._worker.give_up.set()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every queued write is done (for ``--quit-when-done``); False if ``timeout`` passed first."""
        return self._tasks.flush(timeout)

    def close(self, timeout: float = 10.0) -> bool:
        """Finish the queued writes, close the store and end the thread. Returns False if that took too long."""
        if self._tasks.closed:
            return self._tasks.close()
        if self._tasks.close(timeout):
            return True
        self._worker.give_up.set()  # still waiting for a lock: give up, one busy timeout at most
        return self._tasks.join(WORKER_BUSY_MS / 1000 + 1.0)

    def _on_session(self, session_id: int) -> None:
        self._session_id = session_id

    def _close_on_thread(self) -> None:
        self._worker.close()
