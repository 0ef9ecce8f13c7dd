"""The hand-off channel where there are no Unix-domain sockets to watch (Windows): Qt Network's ``QLocalServer``, a
named pipe that Qt makes private to the user (UserAccessOption).

Imported only there, when the window starts listening or a second launch hands over: on POSIX the window uses
hipcoach.ui.unix_channel and never loads Qt Network (docs/startup.md, "Memory of the idle window"). The protocol and
its limits are hipcoach.ui.single_instance's; this module only moves the bytes.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from hipcoach.core import instance
from hipcoach.core.instance import MAX_MESSAGE, Answer
from hipcoach.ui.channel_server import ChannelServer, Handler


class LocalServer(ChannelServer):
    """Listens on one name and answers each peer's one line with ``handler``; ``close()`` stops listening."""

    def __init__(
        self, handler: Handler, *, read_timeout_ms: int, max_peers: int, parent: QObject | None = None
    ) -> None:
        super().__init__(handler, read_timeout_ms=read_timeout_ms, max_peers=max_peers, parent=parent)
        self._server: QLocalServer | None = None
        self._peers: set[QLocalSocket] = set()

    def listen(self, address: str) -> str | None:
        """Listen on ``address``; None when listening, else why not."""
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.setMaxPendingConnections(self._max_peers)
        # The caller holds the lock, so a leftover of this name is a killed window's.
        QLocalServer.removeServer(address)
        if not server.listen(address):
            problem = f"{address} cannot be listened on ({server.errorString()})"
            server.deleteLater()
            return problem
        server.newConnection.connect(self._on_new_connection)
        self._server = server
        return None

    def _on_new_connection(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()  # a child of the server: it goes with it at the latest
            if len(self._peers) >= self._max_peers:
                socket.abort()
                socket.deleteLater()
                continue
            self._peers.add(socket)
            QTimer.singleShot(self._read_timeout_ms, socket, lambda s=socket: self._drop(s))
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
        if args is None:
            self._drop(socket)
            return
        socket.write(self._handler(args).encode())
        socket.flush()
        socket.disconnectFromServer()  # the answer is written first; then the connection ends

    def close(self) -> None:
        for socket in list(self._peers):
            self._drop(socket)
        if self._server is not None:
            self._server.close()
            self._server = None


def send(address: str, payload: bytes, deadline: float) -> tuple[bool, Answer | None]:
    """Hand ``payload`` to the window listening on ``address``: (whether it connected, its answer or None)."""
    socket = QLocalSocket()
    socket.connectToServer(address)
    if not socket.waitForConnected(min(500, _ms_left(deadline))):
        socket.abort()
        return False, None
    try:
        socket.write(payload)
        if not socket.waitForBytesWritten(_ms_left(deadline)):
            return True, None
        while not socket.canReadLine():
            if time.monotonic() >= deadline or not socket.waitForReadyRead(_ms_left(deadline)):
                return True, None
        return True, Answer.decode(bytes(socket.readLine(MAX_MESSAGE).data()))
    finally:
        socket.abort()


def _ms_left(deadline: float) -> int:
    return max(1, int((deadline - time.monotonic()) * 1000))
