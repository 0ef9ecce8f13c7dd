"""The reminder on the desktop: a notification with "Start now", "In 30 minutes" and "Sore today", or the tray's
message where there is no notification service, and all of them named in the error log when none works.

The routes, in order (docs/reminders.md, "The notification"):

1. the desktop's notification server, ``org.freedesktop.Notifications`` (``ui/desktop_notifications.py``), which
   the issue asks for; not inside a Flatpak, where the sandbox does not let it through;
2. the notification portal (``org.freedesktop.portal.Notification``), the Flatpak's route and the fallback: the
   portal hands the notification to the same server;
3. the tray icon's message (a desktop without either, Windows, macOS): Qt sends it to the desktop's notification
   service itself, or shows a balloon. It has no buttons: clicking it means "Start now".
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QMetaType, QObject, Signal, Slot
from PySide6.QtDBus import (
    QDBusArgument,
    QDBusConnection,
    QDBusMessage,
    QDBusPendingCall,
    QDBusPendingCallWatcher,
    QDBusVariant,
)

from hipcoach import APP_ID
from hipcoach.ui.desktop_notifications import (
    DEFAULT_ACTION,
    SERVICE,
    DesktopNotifications,
    NotificationFailed,
    slot_of,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSystemTrayIcon  # made, and Qt Widgets loaded, only where there is a tray

PORTAL_SERVICE: Final = "org.freedesktop.portal.Desktop"
PORTAL_PATH: Final = "/org/freedesktop/portal/desktop"
PORTAL_INTERFACE: Final = "org.freedesktop.portal.Notification"
NOTIFICATION_ID: Final = "reminder"  # one at a time: a new reminder replaces the last one
PORTAL_TIMEOUT_MS: Final = 10_000
TRAY_MESSAGE_MS: Final = 60_000

START: Final = "start"
LATER: Final = "later"
SORE: Final = "sore"
BUTTONS: Final = ((START, "Start now"), (LATER, "In 30 minutes"), (SORE, "Sore today"))


@dataclass(frozen=True)
class Reminder:
    title: str
    body: str
    sore_day: bool  # the routine has a sore-day version: "Sore today" is offered


class NoReminderShown(Exception):
    """Neither the notification nor the tray's message could be shown; the message names both and why."""


def reminder_words(routine_name: str) -> Reminder:
    """Every routine has its sore-day version (core/sore_day.py), so "Sore today" is always offered."""
    body = f"{routine_name}. Start when you are ready." if routine_name else "Start when you are ready."
    return Reminder(title="Time for your hip exercises", body=body, sore_day=True)


def _buttons(reminder: Reminder) -> QDBusArgument:
    """The buttons as the portal wants them, an array of dictionaries (``aa{sv}``)."""
    buttons = QDBusArgument()
    buttons.beginArray(QMetaType(QMetaType.Type.QVariantMap))
    for action, label in BUTTONS:
        if action != SORE or reminder.sore_day:
            buttons.appendVariant({"label": label, "action": action})
    buttons.endArray()
    return buttons


def _server_actions(reminder: Reminder) -> list[tuple[str, str]]:
    """The buttons as (key, label) pairs, and a click on the notification itself, which is "Start now"."""
    shown = [(action, label) for action, label in BUTTONS if action != SORE or reminder.sore_day]
    return [(DEFAULT_ACTION, "Start now"), *shown]


def _themed_icon() -> QDBusArgument:
    """The app's icon by its name, as a serialised GIcon: ``("themed", <["io.github.hipcoach.HipCoach"]>)``."""
    icon = QDBusArgument()
    icon.beginStructure()
    icon.appendVariant("themed")
    icon.appendVariant(QDBusVariant([APP_ID]))
    icon.endStructure()
    return icon


def outside_flatpak() -> bool:
    """Inside a Flatpak the notification server is not reachable from the sandbox: the portal is the route there."""
    return "FLATPAK_ID" not in os.environ


class ReminderNotifier(QObject):
    """Shows a reminder and reports the button pressed as ``action`` (START, LATER, SORE)."""

    action = Signal(str)
    shown = Signal(str)  # "notification", "portal" or "tray message"

    def __init__(
        self,
        bus: QDBusConnection,
        tray: Callable[[], QSystemTrayIcon | None],
        report: Callable[[BaseException], object],
        parent: QObject | None = None,
        *,
        direct: bool | None = None,
    ) -> None:
        """``tray``: the tray icon when the desktop has a tray (made on demand), else None; ``report``: where a
        reminder that could not be shown at all is written (the error log); ``direct``: try the notification
        server before the portal (by default, outside a Flatpak)."""
        super().__init__(parent)
        self._bus = bus
        self._desktop: DesktopNotifications | None = None
        if (outside_flatpak() if direct is None else direct) and bus.isConnected():
            self._desktop = DesktopNotifications(bus, self)
            self._desktop.action.connect(self._server_action)
        self._server_failed = "not tried (inside a Flatpak)" if self._desktop is None else ""
        self._tray = tray
        self._report = report
        self._watcher: QDBusPendingCallWatcher | None = None
        self._pending: Reminder | None = None
        self._tray_heard: QSystemTrayIcon | None = None  # the tray whose message clicks are connected
        self._listening = bus.isConnected() and bus.connect(
            "", PORTAL_PATH, PORTAL_INTERFACE, "ActionInvoked", self, slot_of("_portal_action(QDBusMessage)")
        )

    def show(self, reminder: Reminder) -> None:
        """The notification server; else the portal; the tray's message if that does not answer either."""
        if not self._bus.isConnected():
            self._server_failed = "there is no session bus"
            self._fall_back(reminder, "there is no session bus")
            return
        if self._desktop is not None:
            try:
                self._desktop.show(reminder.title, reminder.body, _server_actions(reminder))
            except NotificationFailed as exc:
                self._server_failed = str(exc)
            else:
                self.shown.emit("notification")
                return
        self._ask_portal(reminder)

    def _ask_portal(self, reminder: Reminder) -> None:
        """Asynchronous: the answer comes to ``_answered``, or the tray's message after PORTAL_TIMEOUT_MS."""
        message = QDBusMessage.createMethodCall(PORTAL_SERVICE, PORTAL_PATH, PORTAL_INTERFACE, "AddNotification")
        details = {
            "title": reminder.title,
            "body": reminder.body,
            "icon": _themed_icon(),
            "priority": "normal",
            "default-action": START,
            "buttons": _buttons(reminder),
        }
        message.setArguments([NOTIFICATION_ID, details])
        self._pending = reminder
        self._watcher = QDBusPendingCallWatcher(self._bus.asyncCall(message, PORTAL_TIMEOUT_MS), self)
        self._watcher.finished.connect(self._answered)

    def _answered(self, call: QDBusPendingCall) -> None:
        reply = call.reply()
        reminder, self._pending = self._pending, None
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None
        if reminder is None:
            return
        if reply.type() == QDBusMessage.MessageType.ErrorMessage:
            self._fall_back(reminder, f"{reply.errorName()}: {reply.errorMessage()}")
        elif not self._listening:
            self._fall_back(reminder, "its buttons cannot be heard")
        else:
            self.shown.emit("portal")

    def _fall_back(self, reminder: Reminder, why: str) -> None:
        tray = self._tray()
        if tray is not None and tray.supportsMessages():
            if self._tray_heard is not tray:
                tray.messageClicked.connect(self._tray_clicked)
                self._tray_heard = tray
            tray.showMessage(reminder.title, reminder.body, tray.icon(), TRAY_MESSAGE_MS)
            self.shown.emit("tray message")
            return
        self._report(
            NoReminderShown(
                f"A reminder could not be shown. The notification server ({SERVICE}): {self._server_failed}. "
                f"The notification portal ({PORTAL_INTERFACE}): {why}. "
                "The tray's message: there is no system tray with messages."
            )
        )

    @Slot()
    def _tray_clicked(self) -> None:
        self.action.emit(START)

    @Slot(str)
    def _server_action(self, key: str) -> None:
        action = START if key == DEFAULT_ACTION else key
        if action in {START, LATER, SORE}:
            self.action.emit(action)

    @Slot(QDBusMessage)
    def _portal_action(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if len(arguments) >= 3 and arguments[1] == NOTIFICATION_ID and arguments[2] in {START, LATER, SORE}:
            self.action.emit(str(arguments[2]))
