"""A private D-Bus session bus for a test, and fake services on it: the notification portal and logind.

The bus is a real ``dbus-daemon`` started by the test, so the app's Qt D-Bus code talks to a real bus; the services
on it are fakes the test drives. ``dbus-monitor`` records what went over the bus as text, so a test checks the
types on the wire (an array of dictionaries, not an array of variants) as a real portal would.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusObjectPath, QDBusVirtualObject
from pytestqt.qtbot import QtBot

from hipcoach.ui.background_portal import BACKGROUND_INTERFACE, REQUEST_INTERFACE
from hipcoach.ui.reminder_notifier import PORTAL_INTERFACE, PORTAL_PATH, PORTAL_SERVICE
from hipcoach.ui.reminder_service import LOGIN_INTERFACE, LOGIN_PATH, LOGIN_SERVICE
from tests.tools import require_tool, stop_process


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


def start_monitor(bus: PrivateBus, log: Path) -> subprocess.Popen[bytes]:
    """``dbus-monitor`` writing the portal's calls to ``log``; ready once it has said it became a monitor."""
    rule = f"type='method_call',destination='{PORTAL_SERVICE}'"
    with log.open("wb") as out:
        return subprocess.Popen([require_tool("dbus-monitor"), "--address", bus.address, rule], stdout=out)


@contextmanager
def watching(bus: PrivateBus, log: Path, qtbot: QtBot) -> Iterator[None]:
    """``dbus-monitor`` writing the portal's calls to ``log`` for the time of the block: ready before it begins (it
    has said it became a monitor), stopped when it ends, so ``log`` then holds everything sent in it."""
    monitor = start_monitor(bus, log)
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
