"""A stand-in for a desktop's StatusNotifier watcher with a host registered (a tray), as a process of its own on the
test's private bus: asking it waits for the answer, which a service inside the test's process could never give."""

from __future__ import annotations

import sys

from PySide6.QtCore import ClassInfo, Property, QCoreApplication, QObject
from PySide6.QtDBus import QDBusConnection

WATCHER = "org.kde.StatusNotifierWatcher"


@ClassInfo({"D-Bus Interface": WATCHER})
class Watcher(QObject):
    def _host(self) -> bool:
        return True

    IsStatusNotifierHostRegistered = Property(bool, _host)


def main() -> int:
    app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(sys.argv[1], "watcher")
    watcher = Watcher()
    options = QDBusConnection.RegisterOption.ExportAllProperties
    if not (bus.registerObject("/StatusNotifierWatcher", watcher, options) and bus.registerService(WATCHER)):
        return 1
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
