"""Keeping the screen on while a session runs.

Nobody touches the keyboard during a ten-minute bike block or a series of stretches on the floor, so without this
the screen saver would blank the countdown the user is following. The inhibition is asked for while a session runs
and given back as soon as it pauses or ends; if the app dies, the system drops it by itself (the D-Bus service when
our connection closes, Windows when the thread ends).

* Linux and other freedesktop systems: ``org.freedesktop.ScreenSaver`` on the session bus (KDE, GNOME, Xfce, ...),
  at ``/org/freedesktop/ScreenSaver`` or, on older desktops, ``/ScreenSaver``.
* Windows: ``SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED)``. The state belongs to the calling
  thread, so ``inhibit`` and ``release`` must be called from the same thread (the GUI thread).
* macOS: ``caffeinate -d -i -w PID``, the system's own command, as a child process for as long as the session runs;
  it keeps the display awake, and ends by itself if the app dies (``-w`` watches our process).

Where nothing can be done (no session bus in CI or over SSH, no screen saver service), the inhibitor quietly does
nothing, prints nothing, and records why in ``unavailable_reason`` so the app can say so if it wants to.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import Q_ARG, QMetaObject, QObject

from hipcoach import APP_NAME

if TYPE_CHECKING:
    import subprocess

    from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage

SERVICE: Final = "org.freedesktop.ScreenSaver"
INTERFACE: Final = "org.freedesktop.ScreenSaver"
INTROSPECTABLE: Final = "org.freedesktop.DBus.Introspectable"
NO_REPLY: Final = "org.freedesktop.DBus.Error.NoReply"
PATHS: Final = ("/org/freedesktop/ScreenSaver", "/ScreenSaver")
CALL_TIMEOUT_MS: Final = 2000
"""A screen saver that does not answer within this must not freeze the window at the start of a session: every
call is made with this limit, never with D-Bus's default of 25 s."""

ES_CONTINUOUS: Final = 0x80000000
ES_DISPLAY_REQUIRED: Final = 0x00000002

log = logging.getLogger(__name__)


class ScreenSaverInhibitor(QObject):
    """Holds off the screen saver and screen blanking between ``inhibit()`` and ``release()``.

    ``bus`` is for tests (a private bus); by default the session bus is used. Both calls are idempotent: a second
    ``inhibit`` while held does nothing, and so does ``release`` when nothing is held.
    """

    def __init__(
        self, parent: QObject | None = None, *, bus: QDBusConnection | None = None, app_name: str = APP_NAME
    ) -> None:
        super().__init__(parent)
        self._bus = bus
        self._app_name = app_name
        self._interface: QDBusInterface | None = None  # D-Bus: how to call UnInhibit, if the service described it
        self._held_on: tuple[QDBusConnection, str] | None = None  # D-Bus: the bus and object path that granted it
        self._cookie: int | None = None  # D-Bus: what UnInhibit needs
        self._windows_held = False
        self._caffeinate: subprocess.Popen[bytes] | None = None  # macOS: runs while the inhibition is held
        self.unavailable_reason: str | None = None
        """Why the last ``inhibit()`` could not hold off the screen saver; None when it could."""

    @property
    def active(self) -> bool:
        return self._cookie is not None or self._windows_held or self._caffeinate is not None

    def inhibit(self, reason: str) -> None:
        if self.active:
            return
        if sys.platform == "win32":
            self._inhibit_windows()
        elif sys.platform == "darwin":
            self._inhibit_macos()
        else:
            self._inhibit_dbus(reason)
        if self.unavailable_reason is not None:
            log.info("screen saver not inhibited: %s", self.unavailable_reason)

    def release(self) -> None:
        if self._cookie is not None:
            self._release_dbus()
        if self._windows_held:
            self._release_windows()
        if self._caffeinate is not None:
            self._release_macos()

    # -- freedesktop D-Bus ------------------------------------------------------------------------------------------

    def _inhibit_dbus(self, reason: str) -> None:
        # Qt D-Bus is loaded when a session first starts, not with the window.
        from PySide6.QtDBus import QDBusConnection, QDBusMessage  # noqa: PLC0415

        bus = self._bus if self._bus is not None else QDBusConnection.sessionBus()
        if not bus.isConnected():
            self.unavailable_reason = f"no D-Bus session bus ({bus.lastError().message() or 'not connected'})"
            return
        registered = bus.interface().isServiceRegistered(SERVICE)
        if not (registered.isValid() and registered.value()):
            # Asked first so that nothing is started by D-Bus activation and the reason is clear.
            self.unavailable_reason = f"no screen saver service ({SERVICE}) on the session bus"
            return
        problems: list[str] = []
        for path in PATHS:
            reply = _call(bus, path, INTERFACE, "Inhibit", self._app_name, reason)
            arguments = reply.arguments()
            if reply.type() == QDBusMessage.MessageType.ReplyMessage and len(arguments) == 1:
                cookie = arguments[0]
                if isinstance(cookie, int) and not isinstance(cookie, bool):
                    self._held_on = (bus, path)
                    self._cookie = cookie
                    self._interface = self._uninhibit_interface(bus, path)
                    self.unavailable_reason = None
                    return
                problems.append(f"{path}: unexpected reply {arguments!r}")
            else:
                problems.append(f"{path}: {reply.errorMessage() or reply.errorName() or 'no reply'}")
                if reply.errorName() == NO_REPLY:
                    break  # the service hangs: asking at another path would only make the user wait again
        self.unavailable_reason = "the screen saver refused: " + "; ".join(problems)

    def _uninhibit_interface(self, bus: QDBusConnection, path: str) -> QDBusInterface | None:
        """What UnInhibit will be called through (see _release_dbus), or None if the service does not describe
        itself in time.

        A ``QDBusInterface`` asks the service to describe itself when it is constructed, and waits D-Bus's default
        25 s for the answer: a hung screen saver would freeze the window that long. So the question is asked first
        with our own time limit, and the interface made only if the service answered."""
        from PySide6.QtDBus import QDBusInterface, QDBusMessage  # noqa: PLC0415 - loaded by _inhibit_dbus already

        described = _call(bus, path, INTROSPECTABLE, "Introspect")
        if described.type() != QDBusMessage.MessageType.ReplyMessage:
            return None
        interface = QDBusInterface(SERVICE, path, INTERFACE, bus, self)
        interface.setTimeout(CALL_TIMEOUT_MS)
        return interface

    def _release_dbus(self) -> None:
        from PySide6.QtDBus import QDBusMessage  # noqa: PLC0415 - loaded by _inhibit_dbus already

        interface, cookie, held_on = self._interface, self._cookie, self._held_on
        self._interface, self._cookie, self._held_on = None, None, None
        assert cookie is not None and held_on is not None
        # UnInhibit takes a uint32 ("u"), which PySide6 cannot express in a plain call: a Python int goes out as
        # "i" or "x", and the service (Qt or GDBus dispatch) rejects the call. Invoking the method through the
        # interface's introspected meta-object makes QtDBus marshal the argument as the declared uint.
        if interface is not None and interface.metaObject().indexOfMethod("UnInhibit(uint)") >= 0:
            QMetaObject.invokeMethod(interface, "UnInhibit", Q_ARG("uint", cookie))
            error = interface.lastError()
            failure = error.message() if error.isValid() else None
        else:
            reply = _call(*held_on, INTERFACE, "UnInhibit", cookie)  # not described: try our best
            failure = reply.errorMessage() if reply.type() == QDBusMessage.MessageType.ErrorMessage else None
        if failure:
            # Nothing more to do: the service releases it anyway when our connection closes.
            log.info("screen saver inhibition %d not released: %s", cookie, failure)
        if interface is not None:
            interface.deleteLater()

    # -- macOS ------------------------------------------------------------------------------------------------------

    def _inhibit_macos(self) -> None:
        program = shutil.which("caffeinate")
        if program is None:
            self.unavailable_reason = "caffeinate was not found"
            return
        import subprocess  # noqa: PLC0415 - only macOS needs it, and only once a session starts

        try:
            self._caffeinate = subprocess.Popen(
                [program, "-d", "-i", "-w", str(os.getpid())],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as exc:
            self.unavailable_reason = f"caffeinate could not be started: {exc}"
            return
        self.unavailable_reason = None

    def _release_macos(self) -> None:
        process, self._caffeinate = self._caffeinate, None
        assert process is not None
        import subprocess  # noqa: PLC0415 - loaded by _inhibit_macos

        process.terminate()
        try:
            process.wait(timeout=CALL_TIMEOUT_MS / 1000)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    # -- Windows ----------------------------------------------------------------------------------------------------

    def _inhibit_windows(self) -> None:
        if sys.platform == "win32":  # repeated for type checkers: ctypes.windll exists only there
            import ctypes  # noqa: PLC0415

            set_state = ctypes.windll.kernel32.SetThreadExecutionState
            set_state.argtypes = [ctypes.c_uint32]
            set_state.restype = ctypes.c_uint32
            if set_state(ES_CONTINUOUS | ES_DISPLAY_REQUIRED) == 0:
                self.unavailable_reason = "SetThreadExecutionState failed"
                return
            self._windows_held = True
            self.unavailable_reason = None

    def _release_windows(self) -> None:
        self._windows_held = False
        if sys.platform == "win32":
            import ctypes  # noqa: PLC0415

            ctypes.windll.kernel32.SetThreadExecutionState(ES_CONTINUOUS)


def _call(bus: QDBusConnection, path: str, interface: str, method: str, *arguments: object) -> QDBusMessage:
    """A blocking call to the screen saver that waits at most CALL_TIMEOUT_MS for its answer."""
    from PySide6.QtDBus import QDBus, QDBusMessage  # noqa: PLC0415 - loaded by _inhibit_dbus already

    message = QDBusMessage.createMethodCall(SERVICE, path, interface, method)
    message.setArguments(list(arguments))
    return bus.call(message, QDBus.CallMode.Block, CALL_TIMEOUT_MS)
