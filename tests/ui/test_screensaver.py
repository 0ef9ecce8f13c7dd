"""The screen-saver inhibitor against a real D-Bus: a private dbus-daemon and a fake screen saver service.

The fake service is a small PySide6 QtDBus program run as a subprocess. Its slots are declared with the same D-Bus
types as the real interface (``Inhibit(s, s) -> u``, ``UnInhibit(u)``) and QtDBus dispatch is as strict about them
as KDE's and GNOME's services are, so a cookie sent back with the wrong type is a failed call here too. Its cookies
are above 2**31 to catch a uint32 squeezed into an int32. It appends every call it handles to a JSON-lines file.
"""

from __future__ import annotations

import ctypes
import itertools
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pytest
from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection
from pytestqt.logging import Record

from hipcoach.ui import screensaver
from hipcoach.ui.screensaver import ScreenSaverInhibitor
from tests.tools import REPO_ROOT, put_first_on_path, require_tool, wait_until

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the D-Bus tests need Linux")

TIMEOUT = 20.0
REASON = "Exercise session in progress"

BUS_CONFIG = """\
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={socket_dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

FAKE_SERVICE = r'''
"""A fake org.freedesktop.ScreenSaver: fake_service.py ADDRESS OBJECT_PATH|none CALL_LOG"""
import json
import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection

address, object_path, call_log = sys.argv[1:4]


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.next_cookie = 3_000_000_000

    def record(self, call: dict) -> None:
        with open(call_log, "a", encoding="utf-8") as out:
            out.write(json.dumps(call) + "\n")

    @Slot(str, str, result="uint")
    def Inhibit(self, application_name: str, reason: str) -> int:
        self.next_cookie += 1
        self.record({"call": "Inhibit", "application_name": application_name, "reason": reason,
                     "cookie": self.next_cookie})
        return self.next_cookie

    @Slot("uint")
    def UnInhibit(self, cookie: int) -> None:
        self.record({"call": "UnInhibit", "cookie": cookie})


app = QCoreApplication([])
bus = QDBusConnection.connectToBus(address, "fake-screensaver")
service = ScreenSaver()
if object_path != "none":
    assert bus.registerObject(object_path, service, QDBusConnection.RegisterOption.ExportAllSlots)
assert bus.registerService("org.freedesktop.ScreenSaver")
print("ready", flush=True)
app.exec()
'''

CLIENT = r"""
import json, sys
from PySide6.QtCore import QCoreApplication
from hipcoach.ui.screensaver import ScreenSaverInhibitor

app = QCoreApplication([])
inhibitor = ScreenSaverInhibitor()
inhibitor.inhibit(sys.argv[1])
print(json.dumps({"active": inhibitor.active, "reason": inhibitor.unavailable_reason}), flush=True)
inhibitor.release()
print(json.dumps({"active": inhibitor.active}), flush=True)
"""


def read_line(proc: subprocess.Popen[bytes], timeout: float, what: str) -> str:
    """One line of a child's stdout, waiting at most ``timeout`` seconds (the child may never write it)."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    data = b""
    deadline = time.monotonic() + timeout
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"timed out after {timeout:g} s waiting for {what}")
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            chunk = os.read(fd, 1)
            if not chunk:
                raise RuntimeError(f"{what}: the process exited with {proc.wait()} first")
            data += chunk
    return data.decode().strip()


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    if proc.stdout is not None:
        proc.stdout.close()


@pytest.fixture
def bus_address(tmp_path: Path) -> Iterator[str]:
    """A private session bus. Its socket goes in a short /tmp folder: a Unix socket path is limited to 107 bytes."""
    exe = require_tool("dbus-daemon")
    socket_dir = tempfile.mkdtemp(prefix="hc-bus-")
    config = tmp_path / "bus.conf"
    config.write_text(BUS_CONFIG.format(socket_dir=socket_dir), encoding="utf-8")
    with (tmp_path / "dbus-daemon.log").open("wb") as daemon_log:
        proc = subprocess.Popen(
            [exe, f"--config-file={config}", "--nofork", "--print-address=1"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=daemon_log,  # as root it warns that it cannot raise its file limit
        )
    try:
        yield read_line(proc, TIMEOUT, "dbus-daemon to print its address")
    finally:
        stop(proc)
        shutil.rmtree(socket_dir, ignore_errors=True)


@dataclass
class FakeService:
    process: subprocess.Popen[bytes]
    call_log: Path

    def calls(self) -> list[dict[str, object]]:
        if not self.call_log.exists():
            return []
        return [json.loads(line) for line in self.call_log.read_text(encoding="utf-8").splitlines()]

    def wait_for_calls(self, count: int) -> list[dict[str, object]]:
        wait_until(lambda: len(self.calls()) >= count, timeout=TIMEOUT, what=f"{count} calls to the fake service")
        return self.calls()


StartService = Callable[..., FakeService]


@pytest.fixture
def start_service(tmp_path: Path, bus_address: str) -> Iterator[StartService]:
    script = tmp_path / "fake_service.py"
    script.write_text(textwrap.dedent(FAKE_SERVICE), encoding="utf-8")
    started: list[FakeService] = []

    def start(object_path: str = "/org/freedesktop/ScreenSaver") -> FakeService:
        call_log = tmp_path / f"calls-{len(started)}.jsonl"
        with (tmp_path / "fake_service.err").open("ab") as errors:
            proc = subprocess.Popen(
                [sys.executable, str(script), bus_address, object_path, str(call_log)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=errors,
                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            )
        service = FakeService(proc, call_log)
        started.append(service)
        assert read_line(proc, TIMEOUT, "the fake screen saver to register") == "ready"
        return service

    yield start
    for service in started:
        stop(service.process)


_names = itertools.count()


@pytest.fixture
def connect(qapp: object) -> Iterator[Callable[[str], QDBusConnection]]:
    """Connections to a given bus address, each under a new name (Qt reuses a connection with the same name)."""
    names: list[str] = []

    def connect_to(address: str) -> QDBusConnection:
        name = f"hipcoach-test-{os.getpid()}-{next(_names)}"
        names.append(name)
        return QDBusConnection.connectToBus(address, name)

    yield connect_to
    for name in names:
        QDBusConnection.disconnectFromBus(name)


class CapturedQtLog(Protocol):
    """The part of pytest-qt's ``qtlog`` fixture used here (its class is private)."""

    @property
    def records(self) -> list[Record]: ...


@pytest.fixture
def no_qt_messages(qtlog: CapturedQtLog) -> Iterator[None]:
    """Fails the test on any Qt message at all, not only on warnings: the inhibitor must be silent."""
    yield
    assert [record.message for record in qtlog.records] == []


# --------------------------------------------------------------------------------------------------------------
# With a screen saver on the bus


def test_inhibit_then_release_over_dbus(
    bus_address: str, start_service: StartService, connect: Callable[[str], QDBusConnection], no_qt_messages: None
) -> None:
    service = start_service()
    inhibitor = ScreenSaverInhibitor(bus=connect(bus_address))
    assert not inhibitor.active

    inhibitor.inhibit(REASON)
    assert inhibitor.active
    assert inhibitor.unavailable_reason is None
    [inhibit] = service.wait_for_calls(1)
    assert inhibit["call"] == "Inhibit"
    assert inhibit["application_name"] == "hipcoach"
    assert inhibit["reason"] == REASON
    assert isinstance(inhibit["cookie"], int)
    assert inhibit["cookie"] > 2**31  # survives as a uint32

    inhibitor.release()
    assert not inhibitor.active
    calls = service.wait_for_calls(2)
    assert calls[1] == {"call": "UnInhibit", "cookie": inhibit["cookie"]}


def test_inhibit_and_release_are_idempotent(
    bus_address: str, start_service: StartService, connect: Callable[[str], QDBusConnection], no_qt_messages: None
) -> None:
    service = start_service()
    inhibitor = ScreenSaverInhibitor(bus=connect(bus_address))
    inhibitor.release()  # nothing held: nothing sent
    inhibitor.inhibit(REASON)
    inhibitor.inhibit("again")
    assert inhibitor.active
    inhibitor.release()
    inhibitor.release()
    assert not inhibitor.active
    calls = service.wait_for_calls(2)
    # Calls on one connection arrive in order, so a second Inhibit or UnInhibit would show up before this point.
    assert [call["call"] for call in calls] == ["Inhibit", "UnInhibit"]
    assert calls[0]["reason"] == REASON


def test_inhibit_again_after_release_gets_a_new_cookie(
    bus_address: str, start_service: StartService, connect: Callable[[str], QDBusConnection], no_qt_messages: None
) -> None:
    service = start_service()
    inhibitor = ScreenSaverInhibitor(bus=connect(bus_address))
    for _ in range(2):
        inhibitor.inhibit(REASON)
        inhibitor.release()
    calls = service.wait_for_calls(4)
    assert [call["call"] for call in calls] == ["Inhibit", "UnInhibit", "Inhibit", "UnInhibit"]
    assert calls[0]["cookie"] == calls[1]["cookie"]
    assert calls[2]["cookie"] == calls[3]["cookie"]
    assert calls[0]["cookie"] != calls[2]["cookie"]


def test_older_desktops_at_slash_screensaver(
    bus_address: str, start_service: StartService, connect: Callable[[str], QDBusConnection], no_qt_messages: None
) -> None:
    service = start_service("/ScreenSaver")
    inhibitor = ScreenSaverInhibitor(bus=connect(bus_address))
    inhibitor.inhibit(REASON)
    assert inhibitor.active
    inhibitor.release()
    calls = service.wait_for_calls(2)
    assert [call["call"] for call in calls] == ["Inhibit", "UnInhibit"]
    assert calls[1]["cookie"] == calls[0]["cookie"]


def test_service_that_went_away_before_release(
    bus_address: str, start_service: StartService, connect: Callable[[str], QDBusConnection], no_qt_messages: None
) -> None:
    service = start_service()
    inhibitor = ScreenSaverInhibitor(bus=connect(bus_address))
    inhibitor.inhibit(REASON)
    assert inhibitor.active
    stop(service.process)
    inhibitor.release()  # fails on the bus, quietly
    assert not inhibitor.active


def test_a_service_that_hangs_costs_seconds_not_minutes(
    bus_address: str, start_service: StartService, connect: Callable[[str], QDBusConnection]
) -> None:
    """A screen saver that is registered but never answers (stopped here with SIGSTOP) must not freeze the window
    when a session starts: the call gives up after CALL_TIMEOUT_MS (D-Bus's own default is 25 s per call, and a
    QDBusInterface makes one just to be constructed), and the other path is not tried."""
    service = start_service()
    os.kill(service.process.pid, signal.SIGSTOP)
    try:
        inhibitor = ScreenSaverInhibitor(bus=connect(bus_address))
        started = time.monotonic()
        inhibitor.inhibit(REASON)
        took = time.monotonic() - started
        assert not inhibitor.active
        assert inhibitor.unavailable_reason is not None
        assert inhibitor.unavailable_reason.startswith("the screen saver refused: /org/freedesktop/ScreenSaver: ")
        assert "; /ScreenSaver: " not in inhibitor.unavailable_reason  # the other path was not asked
        limit = screensaver.CALL_TIMEOUT_MS / 1000 + 2.0
        assert took < limit, f"inhibit took {took:.1f} s with a hung service"
    finally:
        # Once resumed, the service handles the call still queued for it (and may log it before this test ends): a
        # late Inhibit is released by the screen saver when our connection closes, so it is not asserted on here.
        os.kill(service.process.pid, signal.SIGCONT)


def test_service_name_without_the_object(
    bus_address: str, start_service: StartService, connect: Callable[[str], QDBusConnection], no_qt_messages: None
) -> None:
    service = start_service("none")
    inhibitor = ScreenSaverInhibitor(bus=connect(bus_address))
    inhibitor.inhibit(REASON)
    assert not inhibitor.active
    assert inhibitor.unavailable_reason is not None
    assert inhibitor.unavailable_reason.startswith("the screen saver refused: /org/freedesktop/ScreenSaver: ")
    assert "; /ScreenSaver: " in inhibitor.unavailable_reason  # both paths were asked
    inhibitor.release()
    assert service.calls() == []


def test_the_session_bus_is_used_by_default(bus_address: str, start_service: StartService, tmp_path: Path) -> None:
    """As the app creates it: no bus given, DBUS_SESSION_BUS_ADDRESS decides (in a child, which has its own
    session-bus connection)."""
    service = start_service()
    result = run_client(REASON, DBUS_SESSION_BUS_ADDRESS=bus_address)
    assert result.stderr == ""
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        json.dumps({"active": True, "reason": None}),
        json.dumps({"active": False}),
    ]
    calls = service.wait_for_calls(2)
    assert [call["call"] for call in calls] == ["Inhibit", "UnInhibit"]
    assert calls[0]["application_name"] == "hipcoach"
    assert calls[0]["reason"] == REASON
    assert calls[1]["cookie"] == calls[0]["cookie"]


# --------------------------------------------------------------------------------------------------------------
# Without a screen saver


def test_bus_without_a_screen_saver(
    bus_address: str, connect: Callable[[str], QDBusConnection], no_qt_messages: None
) -> None:
    inhibitor = ScreenSaverInhibitor(bus=connect(bus_address))
    inhibitor.inhibit(REASON)
    assert not inhibitor.active
    assert inhibitor.unavailable_reason == "no screen saver service (org.freedesktop.ScreenSaver) on the session bus"
    inhibitor.release()
    assert not inhibitor.active


def test_no_bus_at_all(connect: Callable[[str], QDBusConnection], tmp_path: Path, no_qt_messages: None) -> None:
    inhibitor = ScreenSaverInhibitor(bus=connect(f"unix:path={tmp_path}/no-such-socket"))
    inhibitor.inhibit(REASON)
    assert not inhibitor.active
    assert inhibitor.unavailable_reason is not None
    assert inhibitor.unavailable_reason.startswith("no D-Bus session bus (")
    assert "no-such-socket" in inhibitor.unavailable_reason
    inhibitor.release()
    assert not inhibitor.active


@pytest.mark.parametrize("address", ["unix:path=/nonexistent/hipcoach-bus", "disabled:"])
def test_no_session_bus_is_silent(address: str) -> None:
    result = run_client(REASON, DBUS_SESSION_BUS_ADDRESS=address)
    assert result.stderr == ""  # no Qt or D-Bus warnings
    assert result.returncode == 0
    first = json.loads(result.stdout.splitlines()[0])
    assert first["active"] is False
    assert first["reason"].startswith("no D-Bus session bus")


def run_client(reason: str, **env: str) -> subprocess.CompletedProcess[str]:
    child_env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), **env}
    child_env.pop("DISPLAY", None)  # otherwise libdbus may autolaunch a bus for the display
    return subprocess.run(
        [sys.executable, "-c", CLIENT, reason],
        env=child_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


# --------------------------------------------------------------------------------------------------------------
# Other platforms


FAKE_CAFFEINATE = """#!/bin/sh
echo "$$ $*" >> "{log}"
exec sleep 600
"""


@pytest.fixture
def fake_caffeinate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for macOS's caffeinate, first on PATH: it logs its pid and arguments, then runs until stopped."""
    log = tmp_path / "caffeinate.log"
    put_first_on_path(monkeypatch, tmp_path / "bin", "caffeinate", FAKE_CAFFEINATE.format(log=log))
    monkeypatch.setattr(sys, "platform", "darwin")
    return log


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_macos_keeps_the_display_awake_with_caffeinate_while_held(fake_caffeinate: Path, qapp: object) -> None:
    inhibitor = ScreenSaverInhibitor()
    inhibitor.inhibit(REASON)
    inhibitor.inhibit(REASON)  # idempotent: one caffeinate
    assert inhibitor.active
    assert inhibitor.unavailable_reason is None
    wait_until(fake_caffeinate.exists, timeout=TIMEOUT, what="caffeinate to start")
    [line] = fake_caffeinate.read_text(encoding="utf-8").splitlines()
    pid, arguments = line.split(" ", 1)
    assert arguments == f"-d -i -w {os.getpid()}"  # display and idle sleep, until this process ends
    try:
        inhibitor.release()
        assert not inhibitor.active
        assert not _alive(int(pid))
        inhibitor.release()
    finally:
        if _alive(int(pid)):
            os.kill(int(pid), signal.SIGKILL)


def test_macos_without_caffeinate_says_why(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qapp: object) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("PATH", str(tmp_path))
    inhibitor = ScreenSaverInhibitor()
    inhibitor.inhibit(REASON)
    assert not inhibitor.active
    assert inhibitor.unavailable_reason == "caffeinate was not found"
    inhibitor.release()


@pytest.mark.parametrize(("result", "held"), [(0x80000000, True), (0, False)])
def test_windows_execution_state(monkeypatch: pytest.MonkeyPatch, qapp: object, result: int, held: bool) -> None:
    calls: list[int] = []

    def set_thread_execution_state(flags: int) -> int:
        calls.append(flags)
        return result

    windll = types.SimpleNamespace(kernel32=types.SimpleNamespace(SetThreadExecutionState=set_thread_execution_state))
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", windll, raising=False)
    inhibitor = ScreenSaverInhibitor()
    inhibitor.inhibit(REASON)
    inhibitor.inhibit(REASON)
    assert inhibitor.active is held
    inhibitor.release()
    inhibitor.release()
    assert not inhibitor.active
    continuous_display = screensaver.ES_CONTINUOUS | screensaver.ES_DISPLAY_REQUIRED
    if held:
        assert calls == [continuous_display, screensaver.ES_CONTINUOUS]
        assert inhibitor.unavailable_reason is None
    else:
        assert calls == [continuous_display, continuous_display]  # refused: tried again, never released
        assert inhibitor.unavailable_reason == "SetThreadExecutionState failed"


def test_can_be_parented(qapp: object) -> None:
    """So that the window owns it and it goes away with the window."""
    owner = QObject()
    inhibitor = ScreenSaverInhibitor(owner)
    assert inhibitor.parent() is owner
