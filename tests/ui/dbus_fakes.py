"""A private D-Bus session bus for a test, and fake services on it: the notification portal, logind, and the
notification server (a process of its own: tests/ui/notifications_server.py).

The bus is a real ``dbus-daemon`` started by the test, so the app's Qt D-Bus code talks to a real bus; the services
on it are fakes the test drives. ``dbus-monitor`` records what went over the bus as text, so a test checks the
types on the wire (an array of dictionaries, not an array of variants) as a real portal would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusObjectPath, QDBusVirtualObject
from pytestqt.qtbot import QtBot

from hipcoach.ui.background_portal import BACKGROUND_INTERFACE, REQUEST_INTERFACE
from hipcoach.ui.reminder_notifier import PORTAL_INTERFACE, PORTAL_PATH, PORTAL_SERVICE
from hipcoach.ui.reminder_service import LOGIN_INTERFACE, LOGIN_PATH, LOGIN_SERVICE
from tests.tools import REPO_ROOT, require_tool, stop_process


@dataclass
class PrivateBus:
    address: str
    daemon: subprocess.Popen[bytes]
    names: list[str] = field(default_factory=list)

    def connect(self, name: str) -> QDBusConnection:
        connection = QDBusConnection.connectToBus(self.address, name)
        assert connection.isConnected(), connection.lastError().message()
        self.names.append(name)
        return connection

    def close(self) -> None:
        for name in self.names:
            QDBusConnection.disconnectFromBus(name)
        stop_process(self.daemon)
        if self.daemon.stdout is not None:
            self.daemon.stdout.close()


def start_private_bus() -> PrivateBus:
    daemon = subprocess.Popen(
        [require_tool("dbus-daemon"), "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().decode().strip()
    assert address.startswith("unix:"), address
    return PrivateBus(address, daemon)


def start_monitor(bus: PrivateBus, log: Path, service: str = PORTAL_SERVICE) -> subprocess.Popen[bytes]:
    """``dbus-monitor`` writing the calls to ``service`` to ``log``; ready once it has said it became a monitor."""
    rule = f"type='method_call',destination='{service}'"
    with log.open("wb") as out:
        return subprocess.Popen([require_tool("dbus-monitor"), "--address", bus.address, rule], stdout=out)


@contextmanager
def watching(bus: PrivateBus, log: Path, qtbot: QtBot, service: str = PORTAL_SERVICE) -> Iterator[None]:
    """``dbus-monitor`` writing the calls to ``service`` (the portal's by default) to ``log`` for the time of the
    block: ready before it begins (it has said it became a monitor), stopped when it ends, so ``log`` then holds
    everything sent in it."""
    monitor = start_monitor(bus, log, service)
    try:
        qtbot.waitUntil(lambda: "NameLost" in log.read_text(encoding="utf-8"), timeout=10_000)
        yield
    finally:
        stop_process(monitor)


class FakePortal(QDBusVirtualObject):
    """The notification portal: answers AddNotification, keeps the ids, and presses a button when told."""

    def __init__(self, connection: QDBusConnection) -> None:
        super().__init__()
        self.connection = connection
        self.added: list[str] = []
        self.refuse = False
        self.background_requests = 0
        assert connection.registerVirtualObject(PORTAL_PATH, self)
        assert connection.registerService(PORTAL_SERVICE)

    def introspect(self, path: str) -> str:  # noqa: ARG002 - Qt's signature
        return ""

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        if message.interface() == BACKGROUND_INTERFACE and message.member() == "RequestBackground":
            self.background_requests += 1
            connection.send(message.createReply([QDBusObjectPath(f"{PORTAL_PATH}/request/x")]))
            return True
        if message.interface() != PORTAL_INTERFACE or message.member() != "AddNotification":
            return False
        if self.refuse:
            connection.send(message.createErrorReply("org.freedesktop.DBus.Error.AccessDenied", "Not allowed"))
            return True
        self.added.append(str(message.arguments()[0]))
        connection.send(message.createReply())
        return True

    def respond(self, handle: str, response: int) -> None:
        """The Background portal's answer on the request object (0: granted, 1: the user said no). Sent as a signed
        integer: PySide6 cannot send the unsigned one a real portal sends (docs/reminders.md), and the app reads
        either."""
        signal = QDBusMessage.createSignal(handle, REQUEST_INTERFACE, "Response")
        signal.setArguments([response, {"autostart": response == 0}])
        assert self.connection.send(signal)

    def press(self, action: str) -> None:
        signal = QDBusMessage.createSignal(PORTAL_PATH, PORTAL_INTERFACE, "ActionInvoked")
        signal.setArguments(["", self.added[-1], action, []])
        assert self.connection.send(signal)


class FakeLogin:
    """logind's manager, only to say the computer goes to sleep and wakes."""

    def __init__(self, connection: QDBusConnection) -> None:
        self.connection = connection
        assert connection.registerService(LOGIN_SERVICE)

    def sleep(self, going: bool) -> None:
        signal = QDBusMessage.createSignal(LOGIN_PATH, LOGIN_INTERFACE, "PrepareForSleep")
        signal.setArguments([going])
        assert self.connection.send(signal)


class FakeNotifications:
    """The desktop's notification server, in a process of its own (the app waits for its answer, which a server in
    the test's own process could never give): records each ``Notify`` and invokes an action when told."""

    def __init__(self, bus: PrivateBus, log: Path) -> None:
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, str(REPO_ROOT / "tests" / "ui" / "notifications_server.py"), bus.address],
                stdin=subprocess.PIPE,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def calls(self) -> list[dict[str, object]]:
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [call for call in map(json.loads, lines) if "id" in call]

    def ready(self) -> bool:
        assert self.process.poll() is None, self.log.read_text(encoding="utf-8")
        return '"ready"' in self.log.read_text(encoding="utf-8")

    def press(self, action: str, notification: int | None = None) -> None:
        """Invoke ``action`` on the last notification (or on ``notification``), as a click on it does."""
        number = self.calls()[-1]["id"] if notification is None else notification
        assert self.process.stdin is not None
        self.process.stdin.write(f"press {number} {action}\n".encode())
        self.process.stdin.flush()

    def stop(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        stop_process(self.process)
