"""One window per data folder: a second launch hands its arguments to the window already open, and exits.

Why: two windows on one history would record two sessions at once, each offering to resume the other's, and a
user who clicks the launcher again usually just wants the window back. The lock and where the socket may live are
in :mod:`hipcoach.core.instance` (an OS lock, so a killed window never keeps the next one out, and only private
folders for the socket, so no other user can take a hand-off).

The hand-off goes through a ``QLocalServer``. The message is one flat JSON array of arguments and a newline; the
window answers with one JSON object, ``{"ok": bool, "message": str}``, which the second launch prints. A peer gets
at most MAX_MESSAGE bytes, no nesting, and READ_TIMEOUT_MS to say it; anything else closes its connection, and
nothing it sends can raise here. The window starts listening only after its first paint (Qt Network is not needed
before); a second launch in between retries until it answers. Command-line subcommands (history, export,
check…) never come here: SQLite's own locking is enough for them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, QTimer

from hipcoach.core import instance, paths
from hipcoach.core.instance import MAX_MESSAGE, Answer

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

READ_TIMEOUT_MS: Final = 3000
MAX_CONNECTIONS: Final = 8

Handler = Callable[[list[str]], Answer]


class SingleInstance(QObject):
    """``acquire()`` once at start: True means this is the window for the data folder, which then calls
    ``listen(handler)`` to take hand-offs; False means another window has it, so call ``send_to_running(args)``.
    ``writable`` says whether the data folder can be written (False: read-only mode, docs/history.md)."""

    def __init__(self, data_dir: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir if data_dir is not None else paths.data_dir()
        self.writable = True
        self.read_timeout_ms = READ_TIMEOUT_MS
        self._lock: instance.InstanceLock | None = None
        self._server: QLocalServer | None = None
        self._handler: Handler | None = None
        self._peers: set[QLocalSocket] = set()

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

    def listen(self, handler: Handler) -> None:
        """Take hand-offs from later launches (once the lock is ours); ``handler`` answers each one."""
        from PySide6.QtNetwork import QLocalServer  # noqa: PLC0415 - after the first paint, for start-up time

        if self._lock is None or self._server is not None:
            return
        self._handler = handler
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.setMaxPendingConnections(MAX_CONNECTIONS)
        for address in instance.socket_addresses(self.data_dir, create=True):
            # We hold the lock and the folder is ours, so a socket file left there by a killed window is nobody's.
            QLocalServer.removeServer(address)
            if server.listen(address):
                server.newConnection.connect(self._on_new_connection)
                self._server = server
                return
        # Without the server a second launch cannot hand over, but this window works: it just is not found.
        server.deleteLater()

    def _on_new_connection(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()  # a child of the server: it goes with it at the latest
            if len(self._peers) >= MAX_CONNECTIONS:
                socket.abort()
                socket.deleteLater()
                continue
            self._peers.add(socket)
            QTimer.singleShot(self.read_timeout_ms, socket, lambda s=socket: self._drop(s))
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))
            self._read(socket)

    def _drop(self, socket: QLocalSocket) -> None:
        if socket in self._peers:
            self._peers.discard(socket)
            socket.abort()
            socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        if socket not in self._peers:
            return
        if not socket.canReadLine():
            if socket.bytesAvailable() >= MAX_MESSAGE:
                self._drop(socket)
            return
        line = bytes(socket.readLine(MAX_MESSAGE).data())
        args = instance.decode_message(line)
        if args is None or self._handler is None:
            self._drop(socket)
            return
        socket.write(self._handler(args).encode())
        socket.flush()
        socket.disconnectFromServer()  # the answer is written first; then the connection ends

    def release(self) -> None:
        """Stop listening and unlock (at exit; the lock would also go with the process)."""
        for socket in list(self._peers):
            self._drop(socket)
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
        from PySide6.QtNetwork import QLocalSocket  # noqa: PLC0415 - only a second launch needs it

        deadline = time.monotonic() + timeout
        payload = _encode(args)
        while True:
            for address in instance.socket_addresses(self.data_dir):
                if not instance.owned_socket(address):
                    continue
                socket = QLocalSocket()
                socket.connectToServer(address)
                if socket.waitForConnected(min(500, _ms_left(deadline))):
                    return _exchange(socket, payload, deadline)
                socket.abort()
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.05)


def _encode(args: Sequence[str]) -> bytes:
    import json  # noqa: PLC0415 - only a second launch needs it

    return json.dumps(list(args)).encode("utf-8") + b"\n"


def _exchange(socket: QLocalSocket, payload: bytes, deadline: float) -> Answer | None:
    try:
        socket.write(payload)
        if not socket.waitForBytesWritten(_ms_left(deadline)):
            return None
        while not socket.canReadLine():
            if time.monotonic() >= deadline or not socket.waitForReadyRead(_ms_left(deadline)):
                return None
        return Answer.decode(bytes(socket.readLine(MAX_MESSAGE).data()))
    finally:
        socket.abort()


def _ms_left(deadline: float) -> int:
    return max(1, int((deadline - time.monotonic()) * 1000))
