"""Reminders at login inside a Flatpak: asked of the desktop through the Background portal (docs/reminders.md,
"At login"), since the sandbox cannot write the user's autostart folder.

``org.freedesktop.portal.Background.RequestBackground`` asks the user (once) to let hipcoach run in the background
and, with ``autostart``, writes the login entry for the sandbox itself, running ``hipcoach --background``. The answer
comes later as the ``Response`` signal of a request object; its path is known before the call (the sender's name
and a token of ours), so the answer is listened for before the question is asked and cannot be missed.
"""

from __future__ import annotations

import itertools
from typing import Final

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCall, QDBusPendingCallWatcher

from hipcoach import APP_NAME
from hipcoach.ui.desktop_notifications import slot_of
from hipcoach.ui.reminder_notifier import PORTAL_PATH, PORTAL_SERVICE

BACKGROUND_INTERFACE: Final = "org.freedesktop.portal.Background"
REQUEST_INTERFACE: Final = "org.freedesktop.portal.Request"
REASON: Final = "To remind you to exercise on your days, also when the window is closed."
_tokens = itertools.count(1)


class BackgroundRequest(QObject):
    """One request; ``answered(ok, words)``: whether reminders will start at login, and what to tell the user."""

    answered = Signal(bool, str)

    def __init__(self, bus: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._watcher: QDBusPendingCallWatcher | None = None
        self.asked_autostart = False
        self.handle = ""  # the request object the answer comes from

    def ask(self, autostart: bool) -> None:
        self.asked_autostart = autostart
        if not self._bus.isConnected():
            self.answered.emit(False, "Could not ask the desktop to start the reminders at login.")
            return
        token = f"{APP_NAME}{next(_tokens)}"
        sender = self._bus.baseService().removeprefix(":").replace(".", "_")
        self.handle = f"{PORTAL_PATH}/request/{sender}/{token}"
        slot = slot_of("_response(QDBusMessage)")
        self._bus.connect(PORTAL_SERVICE, self.handle, REQUEST_INTERFACE, "Response", self, slot)
        message = QDBusMessage.createMethodCall(PORTAL_SERVICE, PORTAL_PATH, BACKGROUND_INTERFACE, "RequestBackground")
        options = {
            "handle_token": token,
            "reason": REASON,
            "autostart": autostart,
            "commandline": [APP_NAME, "--background"],
            "dbus-activatable": False,
        }
        message.setArguments(["", options])
        self._watcher = QDBusPendingCallWatcher(self._bus.asyncCall(message), self)
        self._watcher.finished.connect(self._sent)

    def _sent(self, call: QDBusPendingCall) -> None:
        reply = call.reply()
        if reply.type() == QDBusMessage.MessageType.ErrorMessage:
            why = reply.errorMessage()
            self.answered.emit(False, f"Could not ask the desktop to start the reminders at login: {why}")

    @Slot(QDBusMessage)
    def _response(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        granted = bool(arguments) and arguments[0] == 0
        if granted or not self.asked_autostart:  # turning it off needs no permission
            self.answered.emit(True, "")
        else:
            self.answered.emit(False, "The desktop did not allow the reminders to start at login.")
