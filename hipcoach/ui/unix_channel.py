"""The hand-off channel on POSIX: a Unix-domain socket from Python's ``socket`` module, watched by QSocketNotifier.

Why not ``QLocalServer``: Qt Network maps about 2 MiB and brings the Kerberos and GSSAPI libraries into a window
that idles for hours, for one short message now and then (docs/startup.md, "Memory of the idle window"). The
protocol and its limits are hipcoach.ui.single_instance's; this module only moves the bytes.

The socket file lives in a private folder (hipcoach.core.instance.socket_addresses). A socket file of this user
found there is a killed window's (the caller holds the data folder's lock), so it is replaced; anything else at the
path (another user's socket, a file, a folder, a link) is left alone and the address refused with a sentence saying
why. Every socket is non-blocking on the window's side: nothing a peer does can make the window wait.
"""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import time

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from hipcoach.core import instance
from hipcoach.core.instance import MAX_MESSAGE, Answer
from hipcoach.ui.channel_server import ChannelServer, Handler

RETRY_ACCEPT_MS = 1000  # after accept() failed for want of descriptors: try again then, not in a busy loop


def refusal(address: str) -> str | None:
    """Why ``address`` cannot be listened on without removing something that is not a leftover of ours; None when
    it is free or holds a socket file of this user (a killed window's)."""
    try:
        info = os.lstat(address)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"{address} cannot be checked ({exc.strerror or exc})"
    if stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid():
        return None
    what = "another user's socket" if stat.S_ISSOCK(info.st_mode) else "not a socket"
    return f"{address} is {what}, so it was left alone"


class UnixServer(ChannelServer):
    """Listens on one socket file and answers each peer's one line with ``handler``; ``close()`` removes the file."""

    def __init__(
        self, handler: Handler, *, read_timeout_ms: int, max_peers: int, parent: QObject | None = None
    ) -> None:
        super().__init__(handler, read_timeout_ms=read_timeout_ms, max_peers=max_peers, parent=parent)
        self._socket: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._file: tuple[str, int, int] | None = None  # the path and the (device, inode) we bound
        self._peers: set[_Peer] = set()

    def listen(self, address: str) -> str | None:
        """Listen on ``address``; None when listening, else why not (a sentence naming the path)."""
        problem = refusal(address)
        if problem is not None:
            return problem
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(address)  # checked just above: our own socket, left by a killed window
            server.bind(address)
            os.chmod(address, 0o600)
            server.listen(self._max_peers)
            server.setblocking(False)
            info = os.lstat(address)
        except OSError as exc:
            server.close()
            return f"{address} cannot be listened on ({exc.strerror or exc})"
        self._socket = server
        self._file = (address, info.st_dev, info.st_ino)
        self._notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return None

    def _accept(self) -> None:
        server, notifier = self._socket, self._notifier
        while server is not None and notifier is not None:
            try:
                connection, _ = server.accept()
            except BlockingIOError:
                return
            except OSError:  # out of descriptors, say: the pending peer waits, and the window does not spin
                notifier.setEnabled(False)
                QTimer.singleShot(RETRY_ACCEPT_MS, self, self._accept_again)
                return
            if len(self._peers) >= self._max_peers:
                connection.close()
                continue
            connection.setblocking(False)
            self._peers.add(_Peer(self, connection, self._read_timeout_ms))

    def _accept_again(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(True)

    def answer(self, peer: _Peer, line: bytes) -> None:
        """One whole line from ``peer``: answer it if it is a hand-off, then end the connection either way."""
        args = instance.decode_message(line)
        if args is not None:
            reply = self._handler(args).encode()
            with contextlib.suppress(OSError):  # a fresh connection's buffer takes the short answer whole
                peer.connection.send(reply)
        self.drop(peer)

    def drop(self, peer: _Peer) -> None:
        if peer in self._peers:
            self._peers.discard(peer)
            peer.close()

    def close(self) -> None:
        for peer in list(self._peers):
            self.drop(peer)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        if self._file is not None:
            address, device, inode = self._file
            self._file = None
            with contextlib.suppress(OSError):
                info = os.lstat(address)
                if (info.st_dev, info.st_ino) == (device, inode):  # ours still: not a later window's
                    os.unlink(address)


class _Peer(QObject):
    """One connection: its bytes so far, until a newline, MAX_MESSAGE bytes, the end, or the read timeout."""

    def __init__(self, server: UnixServer, connection: socket.socket, timeout_ms: int) -> None:
        super().__init__(server)
        self.server = server
        self.connection = connection
        self.buffer = bytearray()
        self.notifier = QSocketNotifier(connection.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._read)
        QTimer.singleShot(timeout_ms, self, lambda: server.drop(self))

    def _read(self) -> None:
        while True:
            try:
                chunk = self.connection.recv(MAX_MESSAGE)
            except BlockingIOError:
                return
            except OSError:
                self.server.drop(self)
                return
            if not chunk:  # the peer hung up before a whole line
                self.server.drop(self)
                return
            self.buffer += chunk
            end = self.buffer.find(b"\n")
            if 0 <= end < MAX_MESSAGE:
                self.notifier.setEnabled(False)  # the handler may run an event loop: read nothing more meanwhile
                self.server.answer(self, bytes(self.buffer[: end + 1]))
                return
            if len(self.buffer) >= MAX_MESSAGE:
                self.server.drop(self)
                return

    def close(self) -> None:
        self.notifier.setEnabled(False)  # before its descriptor is closed and maybe reused
        self.connection.close()
        self.deleteLater()


def send(address: str, payload: bytes, deadline: float) -> tuple[bool, Answer | None]:
    """Hand ``payload`` to the window listening on ``address``: (whether it connected, its answer or None).

    Only a second launch, which has no window, calls this: it may block until ``deadline``."""
    peer = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        peer.settimeout(min(0.5, _left(deadline)))
        try:
            peer.connect(address)
        except OSError:
            return False, None
        try:
            peer.settimeout(_left(deadline))
            peer.sendall(payload)
            received = bytearray()
            while b"\n" not in received and len(received) < MAX_MESSAGE:
                peer.settimeout(_left(deadline))
                chunk = peer.recv(4096)
                if not chunk:
                    break
                received += chunk
        except OSError:  # a timeout too
            return True, None
        line = bytes(received).split(b"\n", 1)[0] + b"\n"
        return True, Answer.decode(line) if b"\n" in received else None
    finally:
        peer.close()


def _left(deadline: float) -> float:
    return max(0.001, deadline - time.monotonic())
