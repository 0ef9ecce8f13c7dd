"""The reminder through the desktop's notification server, ``org.freedesktop.Notifications``, over Qt D-Bus.

``Notify`` takes the id of the notification to replace as an unsigned integer (``u``), and the servers refuse a
call whose signature is not ``susssasa{sv}i``. PySide6 sends every Python int in a message as a signed one (``i``)
and has no way to ask for another type. What does send ``u``: calling ``Notify`` as a method of a
``QDBusInterface``, whose meta-object has ``Notify(QString,uint,...)``; Qt D-Bus then converts each argument to the
parameter's type itself. A server's own description of ``Notify`` does not do: Qt does not know ``a{sv}`` (the
hints) as a type from a description, and a method with such a parameter cannot be called from Python. So the
description of the interface is given by us, with Qt's annotation naming the hints' type (``QVariantMap``), from an
object of our own on the same connection: Qt D-Bus keeps one meta-object per interface name and connection, so the
interface to the real server is built from ours and never asks the server to describe itself.

The call waits for the server's answer (at most ``NOTIFY_TIMEOUT_MS``): an answer by a method of a
``QDBusInterface`` is only to be had that way, and the server answers at once (docs/reminders.md, "The
notification").
"""

from __future__ import annotations

from typing import Final, cast

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, SLOT, QMetaObject, QObject, Qt, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage, QDBusVirtualObject

from hipcoach import APP_ID

SERVICE: Final = "org.freedesktop.Notifications"
PATH: Final = "/org/freedesktop/Notifications"
INTERFACE: Final = "org.freedesktop.Notifications"
DESCRIPTION_PATH: Final = "/io/github/hipcoach/NotificationsDescription"
NOTIFY_TIMEOUT_MS: Final = 5_000
DEFAULT_ACTION: Final = "default"  # the specification's name for a click on the notification itself

DESCRIPTION: Final = f"""<interface name="{INTERFACE}">
  <method name="Notify">
    <arg name="app_name" type="s" direction="in"/>
    <arg name="replaces_id" type="u" direction="in"/>
    <arg name="app_icon" type="s" direction="in"/>
    <arg name="summary" type="s" direction="in"/>
    <arg name="body" type="s" direction="in"/>
    <arg name="actions" type="as" direction="in"/>
    <arg name="hints" type="a{{sv}}" direction="in"/>
    <arg name="expire_timeout" type="i" direction="in"/>
    <arg name="id" type="u" direction="out"/>
    <annotation name="org.qtproject.QtDBus.QtTypeName.In6" value="QVariantMap"/>
  </method>
</interface>
"""


def slot_of(signature: str) -> bytes:
    """A slot for ``QDBusConnection.connect``: its type hints ask for bytes, the binding takes the text SLOT makes."""
    return cast(bytes, SLOT(signature))


class _Description(QDBusVirtualObject):
    """Our description of the interface, read once by Qt D-Bus on our own connection (no call leaves the process)."""

    def introspect(self, path: str) -> str:  # noqa: ARG002 - Qt's signature
        return DESCRIPTION

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:  # noqa: ARG002
        return False


class NotificationFailed(Exception):
    """The server could not be reached or refused the call; the message says why."""


class DesktopNotifications(QObject):
    """Shows one notification at a time (a new one replaces the last) and reports its buttons as ``action``."""

    action = Signal(str)  # the action's key; a click on the notification itself is DEFAULT_ACTION

    def __init__(self, bus: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._description = _Description()
        self._shown_id = 0
        self.ready = self._describe()

    def _describe(self) -> bool:
        """Our description read into the connection's meta-object for the interface; False when it could not be."""
        if not (self._bus.isConnected() and self._bus.registerVirtualObject(DESCRIPTION_PATH, self._description)):
            return False
        own = QDBusInterface(self._bus.baseService(), DESCRIPTION_PATH, INTERFACE, self._bus)
        heard = self._bus.connect("", PATH, INTERFACE, "ActionInvoked", self, slot_of("_invoked(QDBusMessage)"))
        return own.isValid() and heard

    def show(self, title: str, body: str, actions: list[tuple[str, str]]) -> None:
        """Raises NotificationFailed with the server's error when it is missing or refuses the notification."""
        if not self.ready:
            raise NotificationFailed("its description could not be set up on the session bus")
        server = QDBusInterface(SERVICE, PATH, INTERFACE, self._bus)
        server.setTimeout(NOTIFY_TIMEOUT_MS)
        keys_and_labels = [text for pair in actions for text in pair]
        try:
            shown = QMetaObject.invokeMethod(
                server,
                "Notify",
                Qt.ConnectionType.DirectConnection,
                Q_RETURN_ARG("uint"),
                Q_ARG("QString", "HipCoach"),
                Q_ARG("uint", self._shown_id),
                Q_ARG("QString", APP_ID),
                Q_ARG("QString", title),
                Q_ARG("QString", body),
                Q_ARG("QStringList", keys_and_labels),
                Q_ARG("QVariantMap", {"desktop-entry": APP_ID}),
                Q_ARG("int", -1),
            )
        except RuntimeError as exc:  # the meta-object has no such method: our description was not used
            raise NotificationFailed(str(exc)) from exc
        error = server.lastError()
        if error.isValid():
            raise NotificationFailed(f"{error.name()}: {error.message()}")
        self._shown_id = shown if isinstance(shown, int) else 0

    @Slot(QDBusMessage)
    def _invoked(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if len(arguments) == 2 and self._shown_id and arguments[0] == self._shown_id:
            self.action.emit(str(arguments[1]))
