"""One window per data folder, with real processes: the lock, the hand-off of arguments, and a killed owner's lock
being taken over. Children run a few lines around SingleInstance on the offscreen platform; every wait is on a
line the child prints, never a sleep."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hipcoach.ui.single_instance import (
    LOCK_FILE,
    SingleInstance,
    handoff_args,
    requested_start,
    server_name,
)
from tests.helpers import REPO_ROOT

CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from hipcoach.ui.single_instance import SingleInstance

app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]))
if instance.acquire():
    instance.listen()
    def on_message(args):
        print("message", json.dumps(args), flush=True)
        if args == ["quit"]:
            app.quit()
    instance.message_received.connect(on_message)
    print("acquired", flush=True)
    app.exec()
    instance.release()
    sys.exit(0)
ok = instance.send_to_running(sys.argv[2:], timeout=1.0 if "--slow" in sys.argv else 5.0)
print("sent" if ok else "not sent", flush=True)
sys.exit(0 if ok else 1)
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL and select() on pipes")


class Child:
    def __init__(self, data_dir: Path, *args: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"}
        self.process = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data_dir), *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def line(self, timeout: float = 20) -> str:
        stdout = self.process.stdout
        assert stdout is not None
        deadline = time.monotonic() + timeout
        while True:
            ready, _, _ = select.select([stdout], [], [], max(0.0, deadline - time.monotonic()))
            if ready:
                text = stdout.readline()
                if not text:
                    raise AssertionError(f"the child ended: {self.stderr()}")
                return text.rstrip("\n")
            if time.monotonic() >= deadline:
                raise TimeoutError("no line from the child")

    def wait(self, timeout: float = 20) -> int:
        return self.process.wait(timeout=timeout)

    def stderr(self) -> str:
        if self.process.poll() is None:
            return ""
        assert self.process.stderr is not None
        return self.process.stderr.read()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=20)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def children() -> Iterator[list[Child]]:
    started: list[Child] = []
    yield started
    for child in started:
        child.stop()


def spawn(children: list[Child], data_dir: Path, *args: str) -> Child:
    child = Child(data_dir, *args)
    children.append(child)
    return child


def test_a_second_launch_hands_its_arguments_over_and_exits_0(children: list[Child], hipcoach_data_dir: Path) -> None:
    first = spawn(children, hipcoach_data_dir)
    assert first.line() == "acquired"
    assert (hipcoach_data_dir / LOCK_FILE).exists()
    second = spawn(children, hipcoach_data_dir, "--start", "stretching")
    assert second.line() == "sent"
    assert second.wait() == 0
    assert first.line() == 'message ["--start", "stretching"]'
    third = spawn(children, hipcoach_data_dir, "quit")
    assert third.line() == "sent"
    assert third.wait() == 0
    assert first.line() == 'message ["quit"]'
    assert first.wait() == 0, first.stderr()
    assert first.stderr() == ""


def test_a_lock_left_by_a_killed_window_is_taken_over(children: list[Child], hipcoach_data_dir: Path) -> None:
    first = spawn(children, hipcoach_data_dir)
    assert first.line() == "acquired"
    first.process.send_signal(signal.SIGKILL)
    first.wait()
    assert (hipcoach_data_dir / LOCK_FILE).exists()  # nobody cleaned up
    second = spawn(children, hipcoach_data_dir)
    assert second.line() == "acquired"
    # and it listens: the killed window's socket file did not get in the way
    third = spawn(children, hipcoach_data_dir, "--start", "x")
    assert third.line() == "sent"
    assert second.line() == 'message ["--start", "x"]'


def test_different_data_folders_do_not_collide(children: list[Child], tmp_path: Path) -> None:
    one = spawn(children, tmp_path / "one")
    two = spawn(children, tmp_path / "two")
    assert one.line() == "acquired"
    assert two.line() == "acquired"
    assert server_name(tmp_path / "one") != server_name(tmp_path / "two")


def test_the_window_in_this_process_receives_a_hand_off(
    qtbot: QtBot, children: list[Child], hipcoach_data_dir: Path
) -> None:
    instance = SingleInstance(hipcoach_data_dir)
    assert instance.acquire()
    assert instance.acquire()  # idempotent
    instance.listen()
    instance.listen()  # idempotent
    try:
        with qtbot.waitSignal(instance.message_received, timeout=20_000) as blocker:
            sender = spawn(children, hipcoach_data_dir, "--start", "/home/me/evening.toml")
        assert blocker.args == [["--start", "/home/me/evening.toml"]]
        qtbot.waitUntil(lambda: sender.process.poll() is not None, timeout=20_000)
        assert sender.wait() == 0
        assert SingleInstance(hipcoach_data_dir).acquire() is False  # held, by a live process: ours
    finally:
        instance.release()
    again = SingleInstance(hipcoach_data_dir)
    assert again.acquire()
    again.release()


def test_a_hand_off_sent_before_the_window_listens_arrives_once_it_does(
    qtbot: QtBot, children: list[Child], hipcoach_data_dir: Path
) -> None:
    """The window listens only after its first paint; a second launch in that gap keeps trying until then."""
    instance = SingleInstance(hipcoach_data_dir)
    assert instance.acquire()
    try:
        sender = spawn(children, hipcoach_data_dir, "--start", "strength")
        with qtbot.waitSignal(instance.message_received, timeout=20_000) as blocker:
            instance.listen()
        assert blocker.args == [["--start", "strength"]]
        qtbot.waitUntil(lambda: sender.process.poll() is not None, timeout=20_000)
        assert sender.wait() == 0
        assert sender.line() == "sent"
    finally:
        instance.release()


def test_a_live_owner_that_does_not_answer_makes_the_hand_off_fail(
    qtbot: QtBot, children: list[Child], hipcoach_data_dir: Path
) -> None:
    """The lock holder (this process) runs no event loop while the child tries: the child gives up and says so."""
    instance = SingleInstance(hipcoach_data_dir)
    assert instance.acquire()
    try:
        sender = spawn(children, hipcoach_data_dir, "--slow")
        assert sender.wait(timeout=30) == 1
        assert sender.line() == "not sent"
    finally:
        instance.release()


def test_hand_off_arguments() -> None:
    assert handoff_args(None) == []
    assert handoff_args("stretching") == ["--start", "stretching"]
    assert handoff_args("mine.toml") == ["--start", str(Path("mine.toml").absolute())]
    assert requested_start(["--start", "strength"]) == "strength"
    assert requested_start(["--start=full"]) == "full"
    assert requested_start(["--time-scale", "2"]) is None
    assert json.loads(json.dumps(handoff_args("a/b.toml")))[1].endswith(os.sep.join(["a", "b.toml"]))
