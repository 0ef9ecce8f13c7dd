"""A stand-in for the desktop's notification server (``org.freedesktop.Notifications``), run as a process of its
own on the test's private bus: the app's call to it waits for the answer, so a server inside the test's process
could never answer (tests/ui/dbus_fakes.py, ``FakeNotifications``).

Exported from a QObject's typed slot and signal, so Qt D-Bus checks the call's signature as a real server does
(``susssasa{sv}i``: a signed id to replace is refused) and sends the id back, and ``ActionInvoked``, as ``u``.
Each call is printed as a line of JSON; a line ``press ID ACTION`` on stdin invokes that action.
"""

from __future__ import annotations

import json
import os
import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, QSocketNotifier, Signal, Slot
from PySide6.QtDBus import QDBusConnection

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


@ClassInfo({"D-Bus Interface": SERVICE})  # the interface its signal is sent on
class Server(QObject):
    ActionInvoked = Signal("uint", str)

    def __init__(self) -> None:
        super().__init__()
        self.last_id = 0

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(
        self, app: str, replaces: int, icon: str, title: str, body: str, actions: list[str], hints: dict, wait: int
    ) -> int:
        self.last_id += 1
        call = {"app": app, "replaces": replaces, "icon": icon, "title": title, "body": body, "actions": actions}
        call.update(hints={key: str(value) for key, value in hints.items()}, timeout=wait, id=self.last_id)
        print(json.dumps(call), flush=True)
        return self.last_id


def main() -> int:
    app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(sys.argv[1], "notifications")
    server = Server()
    options = QDBusConnection.RegisterOption.ExportAllSlots | QDBusConnection.RegisterOption.ExportAllSignals
    if not (bus.registerObject(PATH, SERVICE, server, options) and bus.registerService(SERVICE)):
        print(json.dumps({"error": bus.lastError().message()}), flush=True)
        return 1

    pending = bytearray()

    def read() -> None:
        """Every whole line that has come (several may come in one read: Python's own buffer is not used)."""
        chunk = os.read(sys.stdin.fileno(), 4096)
        if not chunk:
            app.quit()
            return
        pending.extend(chunk)
        while b"\n" in pending:
            line, _, rest = bytes(pending).partition(b"\n")
            pending[:] = rest
            _press, number, action = line.decode().split()
            server.ActionInvoked.emit(int(number), action)

    stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    stdin.activated.connect(read)
    print(json.dumps({"ready": True}), flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
