"""The one background-worker helper the recorder and the render worker share.

Jobs block on threading.Events the test releases, so nothing depends on how fast the machine is; results are
waited for with ``idle`` / ``flush`` / ``waitUntil``, never with a sleep.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from hipcoach.qt_worker import BackgroundWorker


@pytest.fixture
def worker(qtbot: QtBot) -> Iterator[BackgroundWorker]:
    tasks = BackgroundWorker("test-worker")
    tasks.start()
    yield tasks
    assert tasks.close(5)


def test_jobs_run_in_order_on_one_thread_and_results_arrive_in_order_on_the_gui_thread(
    qtbot: QtBot, worker: BackgroundWorker
) -> None:
    ran: list[tuple[int, threading.Thread]] = []
    delivered: list[tuple[int, threading.Thread]] = []

    def job(number: int) -> int:
        ran.append((number, threading.current_thread()))
        return number

    with qtbot.waitSignal(worker.idle, timeout=5000):
        for number in range(50):
            worker.submit(lambda n=number: job(n), lambda n: delivered.append((n, threading.current_thread())))
    assert [n for n, _ in ran] == list(range(50))
    assert len({thread for _, thread in ran}) == 1
    assert ran[0][1] is not threading.main_thread()
    assert [n for n, _ in delivered] == list(range(50))
    assert all(thread is threading.main_thread() for _, thread in delivered)


def test_messages_from_a_job_arrive_before_its_result_and_idle_comes_last(
    qtbot: QtBot, worker: BackgroundWorker
) -> None:
    seen: list[str] = []
    worker.idle.connect(lambda: seen.append("idle"))

    def job() -> str:
        worker.call_on_gui(seen.append, "progress")
        return "result"

    with qtbot.waitSignal(worker.idle, timeout=5000):
        worker.submit(job, seen.append)
    assert seen == ["progress", "result", "idle"]


def test_a_failing_job_delivers_its_exception_and_later_jobs_still_run(qtbot: QtBot, worker: BackgroundWorker) -> None:
    failures: list[Exception] = []
    results: list[str] = []

    def boom() -> str:
        raise ValueError("disk on fire")

    with qtbot.waitSignal(worker.idle, timeout=5000):
        worker.submit(boom, results.append, failures.append)
        worker.submit(lambda: "after", results.append)
    assert [str(exc) for exc in failures] == ["disk on fire"]
    assert results == ["after"]


def test_an_exception_nobody_asked_about_is_raised_on_the_gui_thread_not_lost(
    qtbot: QtBot, worker: BackgroundWorker
) -> None:
    def boom() -> None:
        raise ValueError("unheard")

    with qtbot.captureExceptions() as exceptions, qtbot.waitSignal(worker.idle, timeout=5000):
        worker.submit(boom)
    assert [str(value) for _kind, value, _tb in exceptions] == ["unheard"]


def test_flush_waits_for_every_job_and_gives_up_after_its_timeout(worker: BackgroundWorker) -> None:
    release = threading.Event()
    done: list[int] = []
    worker.submit(release.wait)
    worker.submit(lambda: done.append(1))
    assert worker.pending == 2
    assert not worker.flush(0.05)
    assert done == []
    release.set()
    assert worker.flush(5)
    assert done == [1]
    assert worker.pending == 0


def test_jobs_submitted_before_start_wait_for_it(qtbot: QtBot) -> None:
    tasks = BackgroundWorker("test-late-start")
    done: list[str] = []
    tasks.submit(lambda: done.append("early"))
    assert not tasks.started
    assert tasks.pending == 1
    tasks.start()
    assert tasks.flush(5)
    assert done == ["early"]
    assert tasks.close(5)


def test_close_runs_the_queued_jobs_then_refuses_new_ones_and_is_idempotent(qtbot: QtBot) -> None:
    exit_threads: list[threading.Thread] = []
    tasks = BackgroundWorker("test-close", on_exit=lambda: exit_threads.append(threading.current_thread()))
    release = threading.Event()
    done: list[str] = []
    tasks.start()
    tasks.submit(release.wait)
    tasks.submit(lambda: done.append("queued"))
    assert not tasks.close(0.05)  # the first job is still running
    assert not tasks.submit(lambda: done.append("late"))
    release.set()
    assert tasks.join(5)
    assert done == ["queued"]
    assert len(exit_threads) == 1
    assert exit_threads[0] is not threading.main_thread()
    assert tasks.close(5)
    assert tasks.close(5)
    assert len(exit_threads) == 1
    tasks.start()  # a closed worker does not start again
    assert done == ["queued"]


def test_close_with_discard_drops_the_queued_jobs_but_lets_the_running_one_finish(qtbot: QtBot) -> None:
    tasks = BackgroundWorker("test-discard")
    started = threading.Event()
    release = threading.Event()
    done: list[str] = []

    def first() -> None:
        started.set()
        release.wait()
        done.append("first")

    tasks.start()
    tasks.submit(first)
    tasks.submit(lambda: done.append("second"))
    assert started.wait(5)
    assert not tasks.close(0, discard=True)
    release.set()
    assert tasks.join(5)
    assert done == ["first"]
    assert tasks.pending == 0


def test_closing_a_worker_that_never_started_needs_no_thread(qtbot: QtBot) -> None:
    tasks = BackgroundWorker("test-never-started")
    done: list[str] = []
    tasks.submit(lambda: done.append("never"))
    assert tasks.close(0)
    tasks.start()
    assert not tasks.started
    assert done == []
