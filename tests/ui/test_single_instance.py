"""One window per data folder, with real processes: the lock, the hand-off of arguments, and a killed owner's lock
being taken over. Children run a few lines around SingleInstance on the offscreen platform; every wait is on a
line the child prints, never a sleep."""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hipcoach.core import instance as core_instance
from hipcoach.core.history import HISTORY_FILE, open_history
from hipcoach.core.instance import LOCK_FILE, Answer, Handoff, parse_handoff
from hipcoach.ui.single_instance import SingleInstance
from tests.tools import REPO_ROOT, require_tool, wait_until

CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTimer
from hipcoach.core.instance import Answer
from hipcoach.ui.single_instance import SingleInstance

app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]))
if instance.acquire():
    def on_message(args):
        print("message", json.dumps(args), flush=True)
        if args == ["quit"]:
            QTimer.singleShot(0, app.quit)
        return Answer(args != ["refuse"], "taken" if args != ["refuse"] else "refused")
    instance.listen(on_message)
    print("acquired", flush=True)
    app.exec()
    instance.release()
    sys.exit(0)
answer = instance.send_to_running(sys.argv[2:], timeout=1.0 if "--slow" in sys.argv else 5.0)
print("not sent" if answer is None else f"sent {answer.ok} {answer.message}", flush=True)
sys.exit(0 if answer is not None and answer.ok else 1)
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL and select() on pipes")


class Child:
    def __init__(
        self, data_dir: Path, *args: str, env: dict[str, str] | None = None, prefix: list[str] | None = None
    ) -> None:
        env = env or {**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"}
        self.process = subprocess.Popen(
            [*(prefix or []), sys.executable, "-c", CHILD, str(data_dir), *args],
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
    assert stat.S_IMODE((hipcoach_data_dir / LOCK_FILE).stat().st_mode) == 0o600
    second = spawn(children, hipcoach_data_dir, "--start", "stretching")
    assert second.line() == "sent True taken"
    assert second.wait() == 0
    assert first.line() == 'message ["--start", "stretching"]'
    refused = spawn(children, hipcoach_data_dir, "refuse")
    assert refused.line() == "sent False refused"
    assert refused.wait() == 1
    assert first.line() == 'message ["refuse"]'
    third = spawn(children, hipcoach_data_dir, "quit")
    assert third.line() == "sent True taken"
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
    assert third.line() == "sent True taken"
    assert second.line() == 'message ["--start", "x"]'


def test_different_data_folders_do_not_collide(children: list[Child], tmp_path: Path) -> None:
    one = spawn(children, tmp_path / "one")
    two = spawn(children, tmp_path / "two")
    assert one.line() == "acquired"
    assert two.line() == "acquired"
    assert core_instance.socket_addresses(tmp_path / "one") != core_instance.socket_addresses(tmp_path / "two")


@pytest.fixture(params=["unix socket", "Qt Network"])
def channel(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The window's side in this process on both channels: Python's Unix socket (POSIX) and Qt Network's
    QLocalServer, which Windows uses and which is a Unix socket here too, so the same peers can talk to both."""
    monkeypatch.setattr(SingleInstance, "qt_network", request.param == "Qt Network")
    return str(request.param)


class Receiver:
    """The window's side of a hand-off in this process: what arrived, and the answer it gives."""

    def __init__(self) -> None:
        self.received: list[list[str]] = []

    def __call__(self, args: list[str]) -> Answer:
        self.received.append(args)
        return Answer(True, "taken")


def test_the_window_in_this_process_receives_a_hand_off(
    qtbot: QtBot, children: list[Child], hipcoach_data_dir: Path, channel: str
) -> None:
    instance = SingleInstance(hipcoach_data_dir)
    assert instance.acquire()
    assert instance.acquire()  # idempotent
    receiver = Receiver()
    instance.listen(receiver)
    instance.listen(receiver)  # idempotent
    try:
        sender = spawn(children, hipcoach_data_dir, "--start", "/home/me/evening.toml")
        qtbot.waitUntil(lambda: sender.process.poll() is not None, timeout=20_000)
        assert receiver.received == [["--start", "/home/me/evening.toml"]]
        assert sender.wait() == 0
        assert sender.line() == "sent True taken"
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
    receiver = Receiver()
    try:
        sender = spawn(children, hipcoach_data_dir, "--start", "strength")
        instance.listen(receiver)
        qtbot.waitUntil(lambda: sender.process.poll() is not None, timeout=20_000)
        assert receiver.received == [["--start", "strength"]]
        assert sender.wait() == 0
        assert sender.line() == "sent True taken"
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
    assert Handoff().args() == []
    assert Handoff("stretching").args() == ["--start", "stretching"]
    assert Handoff("mine.toml").args() == ["--start", str(Path("mine.toml").absolute())]
    assert Handoff("stretching", 10.0).args() == ["--start", "stretching", "--time-scale", "10.0"]
    assert json.loads(json.dumps(Handoff("a/b.toml").args()))[1].endswith(os.sep.join(["a", "b.toml"]))
    assert parse_handoff(["--start", "strength", "--time-scale", "2.5"]) == Handoff("strength", 2.5)
    assert parse_handoff(["--quit-when-done"]) == Handoff(quit_when_done=True)
    sore = Handoff("strength", sore_day=True, floor_ok=False)
    assert sore.args() == ["--start", "strength", "--sore-day", "--no-floor"]
    assert parse_handoff(sore.args()) == sore
    for bad in (["--time-scale", "nan"], ["--time-scale", "0"], ["--start"], ["--bogus"], ["\x1b[2J"]):
        assert isinstance(parse_handoff(bad), str), bad


# -- the lock: a reused process id --------------------------------------------------------------------------------


def test_a_lock_naming_a_process_id_now_used_by_another_python_program_is_taken_over(
    children: list[Child], hipcoach_data_dir: Path
) -> None:
    """A killed window's lock file names its PID; when that PID comes back as some other Python program (here: a
    sleeping child whose PID is written into the file, as the reuse would), the next window still opens."""
    first = spawn(children, hipcoach_data_dir)
    assert first.line() == "acquired"
    first.process.send_signal(signal.SIGKILL)
    first.wait()
    lock = hipcoach_data_dir / LOCK_FILE
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        lines = lock.read_text(encoding="utf-8", errors="replace").splitlines() or [""]
        lock.write_text("\n".join([str(sleeper.pid), *lines[1:]]) + "\n", encoding="utf-8")
        second = spawn(children, hipcoach_data_dir)
        assert second.line() == "acquired"
    finally:
        sleeper.kill()
        sleeper.wait()


# -- the socket: private, and nothing a peer sends can harm the window -------------------------------------------


def connect(address: str) -> socket.socket:
    peer = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    peer.settimeout(20)
    peer.connect(address)
    return peer


def test_the_socket_is_in_a_private_folder_never_loose_in_the_temporary_folder(hipcoach_data_dir: Path) -> None:
    hipcoach_data_dir.mkdir(mode=0o700)
    addresses = core_instance.socket_addresses(hipcoach_data_dir, create=True)
    assert addresses
    for address in addresses:
        folder = Path(address).parent
        assert folder != Path(tempfile.gettempdir())
        info = folder.lstat()
        assert info.st_uid == os.getuid() and not info.st_mode & 0o077, address


def test_hostile_messages_close_the_connection_and_raise_nothing(
    qtbot: QtBot, hipcoach_data_dir: Path, channel: str
) -> None:
    """Deep nesting (which makes json recurse until Python gives up), an endless line, bad UTF-8, a dict, and a
    peer that says nothing: each connection is closed; pytest-qt fails the test if anything raised in a slot."""
    instance = SingleInstance(hipcoach_data_dir)
    instance.read_timeout_ms = 300
    assert instance.acquire()
    receiver = Receiver()
    instance.listen(receiver)
    address = next(a for a in core_instance.socket_addresses(hipcoach_data_dir) if core_instance.owned_socket(a))
    try:
        for message in (b"[" * 200_000 + b"\n", b"x" * 100_000, b"\xff\xfe\n", b'{"a": 1}\n', b""):
            peer = connect(address)
            if message:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # dropped while still sending
                    peer.sendall(message)
            got: list[bytes] = []

            def closed(peer: socket.socket = peer, got: list[bytes] = got) -> bool:
                readable, _, _ = select.select([peer], [], [], 0)
                if readable:
                    try:
                        got.append(peer.recv(4096))
                    except ConnectionResetError:
                        got.append(b"")
                return bool(got) and got[-1] == b""

            qtbot.waitUntil(closed, timeout=10_000)
            assert b"".join(got) == b"", message[:20]
            peer.close()
        assert receiver.received == []
        peer = connect(address)  # and it still takes a good one
        peer.sendall(b'["--start", "strength"]\n')
        reply: list[bytes] = []
        qtbot.waitUntil(lambda: bool(select.select([peer], [], [], 0)[0]) and not reply.append(peer.recv(4096)))
        assert json.loads(reply[0]) == {"ok": True, "message": "taken"}
        peer.close()
    finally:
        instance.release()


def other_user(*command: str) -> list[str]:
    """``command`` as another user (nobody's uid + a group of its own), through setpriv; only root can do it."""
    return [require_tool("setpriv"), "--reuid=65534", "--regid=65534", "--clear-groups", "--", *command]


ATTACKER = """
import os, socket, sys
path = sys.argv[1]
os.makedirs(os.path.dirname(path), exist_ok=True)
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(path)
os.chmod(path, 0o777)
server.listen(8)
print("bound", flush=True)
while True:
    peer, _ = server.accept()
    print("got", peer.recv(65536).decode(errors="replace").strip(), flush=True)
    peer.sendall(b'{"ok": true, "message": "taken"}\\n' + b"ok\\n")
    peer.close()
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run the two sides as two other users")
def test_another_user_who_binds_a_socket_first_never_receives_a_hand_off(children: list[Child], tmp_path: Path) -> None:
    """Two users share the temporary folder: the attacker (another uid) binds the names the window used to use there
    (a name derived from the data folder, and the per-user fallback folder) before the window opens. The window's
    own user (root here, so that it can read this checkout and its .venv wherever they are) must hand its --start to
    its own window, never to the attacker, whose sockets it could otherwise connect to."""
    shared = Path(tempfile.mkdtemp(prefix="shared-tmp-"))
    home = Path(tempfile.mkdtemp(prefix="victim-"))
    attackers: list[subprocess.Popen[str]] = []
    try:
        shared.chmod(0o1777)
        data = home / "data"
        name = f"hipcoach-{core_instance.digest(data)}"
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(shared)}
        env.pop("XDG_RUNTIME_DIR", None)
        # The attacker needs only the standard library: the base interpreter, isolated from this checkout's .venv
        # (which another user may not be able to read).
        base_python = os.path.realpath(sys.executable)
        for target in (shared / name, shared / f"hipcoach-{os.getuid()}" / core_instance.digest(data)):
            attacker = subprocess.Popen(
                other_user(base_python, "-I", "-c", ATTACKER, str(target)),
                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )  # fmt: skip
            attackers.append(attacker)
            assert attacker.stdout is not None and attacker.stdout.readline().strip() == "bound"
        first = Child(data, env=env)
        children.append(first)
        assert first.line() == "acquired"
        second = Child(data, "--start", "stretching", env=env)
        children.append(second)
        assert second.line() == "sent True taken"
        assert first.line() == 'message ["--start", "stretching"]'
        for attacker in attackers:
            attacker.kill()
            out, _ = attacker.communicate(timeout=20)
            assert "got" not in out
    finally:
        for attacker in attackers:
            if attacker.poll() is None:
                attacker.kill()
            attacker.communicate(timeout=20)
        shutil.rmtree(shared, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)


# -- the real app: a second launch hands --start and --time-scale over, and says what happened --------------------


def hipcoach(data: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen", "HIPCOACH_DATA_DIR": str(data)}
    return subprocess.run(
        [sys.executable, "-m", "hipcoach", *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def _open_window(data: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen", "HIPCOACH_DATA_DIR": str(data)}
    window = subprocess.Popen(
        [sys.executable, "-m", "hipcoach"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    listening = lambda: any(map(core_instance.owned_socket, core_instance.socket_addresses(data)))  # noqa: E731
    wait_until(listening, timeout=60, what="the window listening")
    return window


def _sessions(data: Path) -> list[dict[str, object]]:
    listed = hipcoach(data, "history", "--json")
    return json.loads(listed.stdout) if listed.returncode == 0 else []


def test_a_second_launch_starts_the_routine_at_its_own_speed_and_says_so(hipcoach_data_dir: Path) -> None:
    """The session a hand-off starts is an ordinary one of the open window: it asks how the pain is and waits for
    the answer at its first get-ready (docs/timing.md), so it is seen here as running, at the speed asked for."""
    window = _open_window(hipcoach_data_dir)
    try:
        started = hipcoach(hipcoach_data_dir, "--start", "stretching", "--time-scale", "1000")
        assert started.returncode == 0, started.stderr
        assert started.stdout.strip().splitlines() == [
            "started Stretching in the hipcoach window already open, 1000 times faster"
        ]
        wait_until(lambda: len(_sessions(hipcoach_data_dir)) == 1, timeout=60, what="the session recorded")
        (session,) = _sessions(hipcoach_data_dir)
        assert (session["routine_id"], session["time_scale"], session["status"]) == ("stretching", 1000.0, "running")

        unattended = hipcoach(hipcoach_data_dir, "--start", "stretching", "--quit-when-done")
        assert unattended.returncode == 1
        assert "--quit-when-done cannot apply to a window already open" in unattended.stderr
        assert unattended.stdout == ""

        busy = hipcoach(hipcoach_data_dir, "--start", "strength")
        assert busy.returncode == 1
        assert busy.stderr.strip().splitlines() == [
            "hipcoach: a session is running in the hipcoach window already open, so Strength was not started; "
            "stop that session first"
        ]
        front = hipcoach(hipcoach_data_dir)
        assert front.returncode == 0, front.stderr
        assert (
            front.stdout.strip() == f"hipcoach is already open for {hipcoach_data_dir}: brought its window to the front"
        )
        assert window.poll() is None
    finally:
        window.kill()
        window.communicate(timeout=20)


def test_a_second_launch_starts_the_sore_day_version(tmp_path: Path) -> None:
    """--sore-day and --no-floor travel with --start to the window already open, which runs that version."""
    data = tmp_path / "data"
    window = _open_window(data)
    try:
        started = hipcoach(data, "--start", "stretching", "--sore-day", "--no-floor", "--time-scale", "1000")
        assert started.returncode == 0, started.stderr
        assert started.stdout.strip() == (
            "started Stretching (sore day) in the hipcoach window already open, 1000 times faster"
        )
        wait_until(lambda: len(_sessions(data)) == 1, timeout=60, what="the session recorded")
        (session,) = _sessions(data)
        assert (session["routine_id"], session["routine_name"]) == ("stretching", "Stretching (sore day)")
        with open_history(data / HISTORY_FILE) as history:
            (row,) = history.sessions()
        assert row.sore_day
    finally:
        window.kill()
        window.communicate(timeout=20)


def test_a_second_launch_without_a_time_scale_runs_at_real_speed(tmp_path: Path) -> None:
    """Not at the speed of an earlier hand-off, nor of the window: a hand-off's speed is its session's own."""
    data = tmp_path / "data"
    window = _open_window(data)
    try:
        real_speed = hipcoach(data, "--start", "strength")
        assert real_speed.returncode == 0, real_speed.stderr
        assert real_speed.stdout.strip() == "started Strength in the hipcoach window already open"
        wait_until(lambda: len(_sessions(data)) == 1, timeout=60, what="the session recorded")
        (session,) = _sessions(data)
        assert (session["routine_id"], session["time_scale"]) == ("strength", 1.0)
    finally:
        window.kill()
        window.communicate(timeout=20)
