"""The reminder on the desktop: a notification with "Start now", "In 30 minutes" and "Sore today", or the tray's
message where there is no notification service, and both named in the error log when neither works.

The notification goes through the desktop's notification portal (``org.freedesktop.portal.Notification``) over
Qt D-Bus. Why not ``org.freedesktop.Notifications`` directly: its ``Notify`` takes the id to replace as an unsigned
32-bit integer, and PySide6's Qt D-Bus can only send a Python int as a signed one; the notification servers check
the signature and refuse the call. The portal's ``AddNotification`` takes only text and dictionaries, which Qt D-Bus
sends exactly, and it is also the one route allowed inside a Flatpak. The portal hands the notification to the
desktop's own service, so it looks like any other (docs/reminders.md, "The notification").

Where no portal answers (a desktop without one, Windows, macOS), the tray icon's message is shown: Qt sends it to
the desktop's notification service itself, or shows a balloon. It has no buttons: clicking it means "Start now".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, cast

from PySide6.QtCore import SLOT, QMetaType, QObject, Signal, Slot
from PySide6.QtDBus import (
    QDBusArgument,
    QDBusConnection,
    QDBusMessage,
    QDBusPendingCall,
    QDBusPendingCallWatcher,
    QDBusVariant,
)
from PySide6.QtWidgets import QSystemTrayIcon

from hipcoach import APP_ID

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


def slot_of(signature: str) -> bytes:
    """A slot for ``QDBusConnection.connect``: its type hints ask for bytes, the binding takes the text SLOT makes."""
    return cast(bytes, SLOT(signature))


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


def _themed_icon() -> QDBusArgument:
    """The app's icon by its name, as a serialised GIcon: ``("themed", <["io.github.hipcoach.HipCoach"]>)``."""
    icon = QDBusArgument()
    icon.beginStructure()
    icon.appendVariant("themed")
    icon.appendVariant(QDBusVariant([APP_ID]))
    icon.endStructure()
    return icon


class ReminderNotifier(QObject):
    """Shows a reminder and reports the button pressed as ``action`` (START, LATER, SORE)."""

    action = Signal(str)
    shown = Signal(str)  # "notification" or "tray message"

    def __init__(
        self,
        bus: QDBusConnection,
        tray: Callable[[], QSystemTrayIcon | None],
        report: Callable[[BaseException], object],
        parent: QObject | None = None,
    ) -> None:
        """``tray``: the tray icon when the desktop has a tray (made on demand), else None; ``report``: where a
        reminder that could not be shown at all is written (the error log)."""
        super().__init__(parent)
        self._bus = bus
        self._tray = tray
        self._report = report
        self._watcher: QDBusPendingCallWatcher | None = None
        self._pending: Reminder | None = None
        self._tray_heard: QSystemTrayIcon | None = None  # the tray whose message clicks are connected
        self._listening = bus.isConnected() and bus.connect(
            "", PORTAL_PATH, PORTAL_INTERFACE, "ActionInvoked", self, slot_of("_portal_action(QDBusMessage)")
        )

    def show(self, reminder: Reminder) -> None:
        """Ask the portal; the tray's message if it does not answer (asynchronous: nothing here waits)."""
        if not self._bus.isConnected():
            self._fall_back(reminder, "there is no session bus")
            return
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
            self.shown.emit("notification")

    def _fall_back(self, reminder: Reminder, why: str) -> None:
        tray = self._tray()
        if tray is not None and QSystemTrayIcon.supportsMessages():
            if self._tray_heard is not tray:
                tray.messageClicked.connect(self._tray_clicked)
                self._tray_heard = tray
            tray.showMessage(reminder.title, reminder.body, tray.icon(), TRAY_MESSAGE_MS)
            self.shown.emit("tray message")
            return
        self._report(
            NoReminderShown(
                f"A reminder could not be shown. The notification portal ({PORTAL_INTERFACE}) failed: {why}. "
                "The tray's message: there is no system tray with messages."
            )
        )

    @Slot()
    def _tray_clicked(self) -> None:
        self.action.emit(START)

    @Slot(QDBusMessage)
    def _portal_action(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if len(arguments) >= 3 and arguments[1] == NOTIFICATION_ID and arguments[2] in {START, LATER, SORE}:
            self.action.emit(str(arguments[2]))
