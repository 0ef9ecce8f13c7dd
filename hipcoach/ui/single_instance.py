"""One window per data folder: a second launch hands its arguments to the window already open, and exits.

Why: two windows on one history would record two sessions at once, each offering to resume the other's, and a
user who clicks the launcher again usually just wants the window back. The lock and where the socket may live are
in :mod:`hipcoach.core.instance` (an OS lock, so a killed window never keeps the next one out, and only private
folders for the socket, so no other user can take a hand-off).

The hand-off goes through a Unix-domain socket on POSIX (hipcoach.ui.unix_channel: Python's ``socket`` watched by
a QSocketNotifier, so the idle window never loads Qt Network) and through Qt Network's ``QLocalServer`` elsewhere
(hipcoach.ui.local_channel, a named pipe on Windows, imported only there). The message is one flat JSON array of
arguments and a newline; the window answers with one JSON object, ``{"ok": bool, "message": str}``, which the second
launch prints. A peer gets at most MAX_MESSAGE bytes, no nesting, and READ_TIMEOUT_MS to say it; anything else
closes its connection, and nothing it sends can raise here. The window starts listening only after its first paint;
a second launch in between retries until it answers. Command-line subcommands (history, export, check…) never come
here: SQLite's own locking is enough for them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Final

from PySide6.QtCore import QObject

from hipcoach.core import instance, paths
from hipcoach.core.instance import Answer

if TYPE_CHECKING:
    from hipcoach.ui.local_channel import LocalServer
    from hipcoach.ui.unix_channel import UnixServer

READ_TIMEOUT_MS: Final = 3000
MAX_CONNECTIONS: Final = 8

Handler = Callable[[list[str]], Answer]


class SingleInstance(QObject):
    """``acquire()`` once at start: True means this is the window for the data folder, which then calls
    ``listen(handler)`` to take hand-offs; False means another window has it, so call ``send_to_running(args)``.
    ``writable`` says whether the data folder can be written (False: read-only mode, docs/history.md);
    ``problems`` says why an address could not be listened on (the window works, but may not be found)."""

    qt_network: ClassVar[bool] = os.name != "posix"  # no Unix-domain sockets to watch: Qt Network's named pipe

    def __init__(
        self, data_dir: Path | None = None, parent: QObject | None = None, *, channel: str = "", locked: bool = False
    ) -> None:
        """``channel``: another listener of the data folder (core.instance.socket_addresses); ``locked``: the caller
        holds that listener's own lock already (the background reminders' ``reminders.lock``)."""
        super().__init__(parent)
        self.data_dir = data_dir if data_dir is not None else paths.data_dir()
        self.channel = channel
        self._locked = locked
        self.writable = True
        self.read_timeout_ms = READ_TIMEOUT_MS
        self.problems: list[str] = []
        self._lock: instance.InstanceLock | None = None
        self._server: UnixServer | LocalServer | None = None

    @property
    def lock_path(self) -> Path | None:
        return self._lock.path if self._lock is not None else None

    # -- the window that owns the data folder ---------------------------------------------------------------------

    def acquire(self) -> bool:
        if self._lock is not None:
            return True
        self.writable = paths.prepare_data_dir(self.data_dir)
        lock = instance.InstanceLock(self.data_dir, writable=self.writable)
        if not lock.acquire():
            return False
        self._lock = lock
        return True

    def listen(self, handler: Handler) -> bool:
        """Take hand-offs from later launches (once the lock is ours); ``handler`` answers each one. Whether it
        listens: without it a second launch cannot hand over, but this window works, it just is not found."""
        if (self._lock is None and not self._locked) or self._server is not None:
            return self._server is not None
        for address in instance.socket_addresses(self.data_dir, create=True, channel=self.channel):
            server = self._new_server(handler)
            problem = server.listen(address)
            if problem is None:
                self._server = server
                return True
            self.problems.append(f"{problem}; a second launch cannot find this window there")
            server.deleteLater()
        return False

    def _new_server(self, handler: Handler) -> UnixServer | LocalServer:
        if self.qt_network:
            from hipcoach.ui.local_channel import LocalServer  # noqa: PLC0415 - only where it is needed

            return LocalServer(handler, read_timeout_ms=self.read_timeout_ms, max_peers=MAX_CONNECTIONS, parent=self)
        from hipcoach.ui.unix_channel import UnixServer  # noqa: PLC0415 - after the first paint, for start-up time

        return UnixServer(handler, read_timeout_ms=self.read_timeout_ms, max_peers=MAX_CONNECTIONS, parent=self)

    def release(self) -> None:
        """Stop listening and unlock (at exit; the lock would also go with the process)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # -- a second launch ------------------------------------------------------------------------------------------

    def send_to_running(self, args: Sequence[str], timeout: float = 5.0) -> Answer | None:
        """Hand ``args`` to the window that holds the lock; its answer, or None when none came.

        The owner may have only just taken the lock and not be listening yet, so connecting is retried until
        ``timeout``; the short pause between tries is only in this second process, which has no window.
        """
        if self.qt_network:
            from hipcoach.ui.local_channel import send  # noqa: PLC0415 - only a second launch needs it
        else:
            from hipcoach.ui.unix_channel import send  # noqa: PLC0415 - only a second launch needs it

        deadline = time.monotonic() + timeout
        payload = _encode(args)
        while True:
            for address in instance.socket_addresses(self.data_dir, channel=self.channel):
                if not instance.owned_socket(address):
                    continue
                connected, answer = send(address, payload, deadline)
                if connected:
                    return answer
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.05)


def _encode(args: Sequence[str]) -> bytes:
    import json  # noqa: PLC0415 - only a second launch needs it

    return json.dumps(list(args)).encode("utf-8") + b"\n"
