"""Whether the desktop may have a system tray, asked before the background mode makes its application object.

Why before: only the tray needs Qt's GUI libraries (a ``QApplication``, Qt Gui and Qt Widgets: about 15 MiB of the
background's memory), and the kind of application object cannot be changed once made. Where no tray can be, the
background runs on a ``QCoreApplication`` and never loads them (docs/reminders.md, "The background mode").

The answer follows where Qt looks for a tray on Linux: a StatusNotifier host on the session bus (KDE Plasma,
GNOME with its AppIndicator extension, most panels), else, on X11 only, an XEmbed tray, which cannot be asked
about without loading Qt Gui, so X11 counts as "may have one" and Qt's own check decides. Windows and macOS always
have a place for a tray icon; the offscreen and other platforms without a screen have none.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from typing import Final

from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusVariant

WATCHER: Final = "org.kde.StatusNotifierWatcher"
WATCHER_PATH: Final = "/StatusNotifierWatcher"
PROBE_CONNECTION: Final = "hipcoach-tray-probe"
PROBE_TIMEOUT_MS: Final = 2_000


def tray_possible(environ: Mapping[str, str] | None = None, host: Callable[[], bool] | None = None) -> bool:
    """``environ``: the process's environment unless given; ``host``: whether a StatusNotifier host is registered
    (asked on the session bus unless given)."""
    env = os.environ if environ is None else environ
    if sys.platform in {"win32", "darwin"}:
        return True
    platform = env.get("QT_QPA_PLATFORM", "").strip()
    if platform and not platform.startswith(("xcb", "wayland")):
        return False  # offscreen, minimal, eglfs, vnc: no desktop around it
    on_x11 = platform.startswith("xcb") or (
        not platform and bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")
    )
    return on_x11 or (status_notifier_host if host is None else host)()


def status_notifier_host() -> bool:
    """A StatusNotifier host is registered on the session bus (one short call to the bus and one to the watcher)."""
    bus = QDBusConnection.connectToBus(QDBusConnection.BusType.SessionBus, PROBE_CONNECTION)
    try:
        return host_registered(bus)
    finally:
        QDBusConnection.disconnectFromBus(PROBE_CONNECTION)


def host_registered(bus: QDBusConnection) -> bool:
    """The watcher's own answer: a watcher with no host shows no icon (Qt asks the same)."""
    if not bus.isConnected():
        return False
    ask = QDBusMessage.createMethodCall(WATCHER, WATCHER_PATH, "org.freedesktop.DBus.Properties", "Get")
    ask.setArguments([WATCHER, "IsStatusNotifierHostRegistered"])
    reply = bus.call(ask, timeout=PROBE_TIMEOUT_MS)
    if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
        return False
    value = reply.arguments()[0]
    return bool(value.variant() if isinstance(value, QDBusVariant) else value)
