"""One background thread for work that must stay on one thread, with its results handed back on the GUI thread.

Why one thread per owner and not a pool: a SQLite connection belongs to the thread that opened it, and the speech
engine must run on the thread that created it (COM on Windows), so every job of one owner runs on the same thread,
in the order it was submitted. Why results come back through one queued signal: a job must never touch a widget,
and the GUI thread must never wait for a job; the GUI thread gets each result, exception or message from its event
loop, in the order the worker produced them. Modelled on Anki's ``aqt/taskman.py``, reduced to one thread.

Used by the recorder (``hipcoach/ui/recorder.py``) and the speech render worker (``hipcoach/speech/render_worker.py``);
this module imports nothing from hipcoach, so both layers may use it.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

T = TypeVar("T")


def _reraise(exc: BaseException) -> None:
    """A failed job nobody asked about: raised on the GUI thread, where the app's excepthook logs it."""
    raise exc


class BackgroundWorker(QObject):
    """A thread that runs the submitted jobs one at a time, in order, and delivers their results on the GUI thread.

    ``idle()`` (GUI thread): every job submitted so far has run and its result was delivered.
    Create it on the GUI thread; every method but ``call_on_gui`` is for the GUI thread only.
    """

    idle = Signal()
    _deliver = Signal(object)  # a callable to run on the GUI thread

    def __init__(self, name: str, *, on_exit: Callable[[], None] | None = None, parent: QObject | None = None) -> None:
        """``on_exit`` runs on the worker thread as it ends, to close what the jobs opened there."""
        super().__init__(parent)
        self._deliver.connect(self._run_on_gui, Qt.ConnectionType.QueuedConnection)
        self._jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._lock = threading.Condition()
        self._submitted = 0
        self._finished = 0
        self._closed = False
        self._discard = False
        self._on_exit = on_exit
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        """Start the thread (jobs submitted before wait for it). Does nothing once started or closed."""
        with self._lock:
            if self._closed or self.started:
                return
        self._thread.start()

    @property
    def started(self) -> bool:
        return self._thread.ident is not None

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def pending(self) -> int:
        """Jobs submitted and not yet run."""
        with self._lock:
            return self._submitted - self._finished

    def submit(
        self,
        job: Callable[[], T],
        done: Callable[[T], object] | None = None,
        failed: Callable[[Exception], object] | None = None,
    ) -> bool:
        """Run ``job`` on the thread after every job submitted before it; then ``done(result)``, or ``failed(exc)``
        if it raised, on the GUI thread. Without ``failed`` the exception is raised on the GUI thread, never lost.
        False, and the job never runs, once ``close()`` was called."""

        def run() -> None:
            try:
                result = job()
            except Exception as exc:  # the thread must outlive a failing job: later jobs still run
                self.call_on_gui(failed if failed is not None else _reraise, exc)
            else:
                if done is not None:
                    self.call_on_gui(done, result)

        with self._lock:
            if self._closed:
                return False
            self._submitted += 1
        self._jobs.put(run)
        return True

    def call_on_gui(self, function: Callable[..., object], *args: Any) -> None:
        """Call ``function(*args)`` on the GUI thread, after everything delivered before. Safe from any thread."""
        self._deliver.emit(lambda: function(*args))

    def flush(self, timeout: float = 10.0) -> bool:
        """Block until every submitted job has run; False if ``timeout`` seconds passed first."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._finished < self._submitted:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(remaining)
        return True

    def close(self, timeout: float = 10.0, *, discard: bool = False) -> bool:
        """Refuse new jobs, run the queued ones (or, with ``discard``, drop them; the job running still finishes)
        and end the thread, waiting at most ``timeout`` seconds. True once the thread has ended. A second call
        does not wait; ``join`` does."""
        with self._lock:
            if self._closed:
                return not self._thread.is_alive()
            self._closed = True
            self._discard = discard
        self._jobs.put(None)
        return self.join(timeout)

    def join(self, timeout: float) -> bool:
        """Wait at most ``timeout`` seconds for the thread to end (after ``close``); True once it has ended."""
        if self.started:
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            while (job := self._jobs.get()) is not None:
                if not self._discard:
                    job()
                with self._lock:
                    self._finished += 1
                    idle = self._finished == self._submitted
                    self._lock.notify_all()
                if idle:
                    self.call_on_gui(self._say_idle)
        finally:
            if self._on_exit is not None:
                self._on_exit()

    def _say_idle(self) -> None:
        if self.pending == 0:  # not if more was submitted since
            self.idle.emit()

    def _run_on_gui(self, function: Callable[[], object]) -> None:
        function()
