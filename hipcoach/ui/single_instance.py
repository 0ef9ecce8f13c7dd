"""One window per data folder: a second launch hands its arguments to the window already open, and exits.

Why: two windows on one history would record two sessions at once, each offering to resume the other's, and a
user who clicks the launcher again usually just wants the window back. The lock is a ``QLockFile`` in the data
folder, so two data folders (``--data-dir``) never get in each other's way. Its stale time is 0 (a session can
legitimately run for an hour): a lock is only taken over when its owner is gone, which Qt checks from the process
id and name written in it, and which is checked here too before removing it, so a lock left by a killed process
never keeps the window from opening.

The hand-off goes through a ``QLocalServer`` whose name is derived from a hash of the data folder's path (the path
itself may be too long for a socket name, and different folders must not collide). The message is one JSON array
of arguments and a newline; the running window answers ``ok`` once it has taken them. The window starts listening
only after its first paint (Qt Network is not needed before); a second launch in between retries until it answers.
Command-line subcommands (history, export, check…) never come here: SQLite's own locking is enough for them.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QLockFile, QObject, Signal

from hipcoach.core import paths

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_FILE: Final = "hipcoach.lock"
REPLY: Final = b"ok\n"
MAX_MESSAGE: Final = 64 * 1024


def server_name(data_dir: Path) -> str:
    import hashlib  # noqa: PLC0415 - it loads OpenSSL: only when the name is needed, after the first paint

    digest = hashlib.sha256(str(data_dir.expanduser().absolute()).encode()).hexdigest()[:20]
    return f"hipcoach-{digest}"


def handoff_args(start: str | None) -> list[str]:
    """The arguments a second launch passes on. A routine file is made absolute: the running window has its own
    working folder."""
    if start is None:
        return []
    candidate = Path(start).expanduser()
    if candidate.suffix == ".toml" or os.sep in start:
        return ["--start", str(candidate.absolute())]
    return ["--start", start]


def requested_start(args: Sequence[str]) -> str | None:
    """The routine a hand-off asks to start (``--start X`` or ``--start=X``), or None."""
    for index, arg in enumerate(args):
        if arg == "--start" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--start="):
            return arg.removeprefix("--start=")
    return None


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    except OSError:
        return False
    return True


class SingleInstance(QObject):
    """``acquire()`` once at start: True means this is the window for the data folder, which then calls
    ``listen()`` to take hand-offs, emitted as ``message_received(list[str])``; False means another window has it,
    so call ``send_to_running(args)`` and exit 0."""

    message_received = Signal(list)

    def __init__(self, data_dir: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir if data_dir is not None else paths.data_dir()
        self.lock_path = self.data_dir / LOCK_FILE
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None

    # -- the window that owns the data folder ---------------------------------------------------------------------

    def acquire(self) -> bool:
        if self._lock is not None:
            return True
        paths.ensure_private_dir(self.data_dir)
        lock = QLockFile(str(self.lock_path))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0) and not self._take_over(lock):
            return False
        self._lock = lock
        return True

    def _take_over(self, lock: QLockFile) -> bool:
        """The lock is held: take it over if its owner is dead (killed, crashed, power cut)."""
        if lock.error() is not QLockFile.LockError.LockFailedError:
            return False  # no permission, or another error: not a lock we may remove
        pid, host, _app = lock.getLockInfo()
        local = host in ("", os.uname().nodename) if hasattr(os, "uname") else True
        if not local or _process_alive(int(pid or 0)):
            return False
        lock.removeStaleLockFile()
        return lock.tryLock(0)

    def listen(self) -> None:
        """Take hand-offs from later launches (once the lock is ours)."""
        from PySide6.QtNetwork import QLocalServer  # noqa: PLC0415 - after the first paint, for start-up time

        if self._lock is None or self._server is not None:
            return
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.setMaxPendingConnections(8)
        # We hold the lock, so a socket file left by a killed window is nobody's: remove it, or listen() fails.
        name = server_name(self.data_dir)
        QLocalServer.removeServer(name)
        if not server.listen(name):
            # Without the server a second launch cannot hand over, but this window works: it just is not found.
            server.deleteLater()
            return
        server.newConnection.connect(self._on_new_connection)
        self._server = server

    def _on_new_connection(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()  # a child of the server: it goes with it at the latest
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_MESSAGE:
                socket.abort()
            return
        line = bytes(socket.readLine(MAX_MESSAGE).data())
        try:
            args = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            args = None
        if not isinstance(args, list) or not all(isinstance(arg, str) for arg in args):
            socket.abort()
            return
        socket.write(REPLY)
        socket.flush()
        self.message_received.emit(args)

    def release(self) -> None:
        """Stop listening and unlock (at exit; the lock would also go with the process)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    # -- a second launch ------------------------------------------------------------------------------------------

    def send_to_running(self, args: Sequence[str], timeout: float = 5.0) -> bool:
        """Hand ``args`` to the window that holds the lock; True once it has answered.

        The owner may have only just taken the lock and not be listening yet, so connecting is retried until
        ``timeout``; the short pause between tries is only in this second process, which has no window.
        """
        from PySide6.QtNetwork import QLocalSocket  # noqa: PLC0415 - only a second launch needs it

        deadline = time.monotonic() + timeout
        message = json.dumps(list(args)).encode("utf-8") + b"\n"
        while True:
            socket = QLocalSocket()
            socket.connectToServer(server_name(self.data_dir))
            if socket.waitForConnected(_ms_left(deadline)):
                break
            socket.abort()
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
        try:
            socket.write(message)
            if not socket.waitForBytesWritten(_ms_left(deadline)):
                return False
            while not socket.canReadLine():
                if time.monotonic() >= deadline or not socket.waitForReadyRead(_ms_left(deadline)):
                    return False
            return bytes(socket.readLine(64).data()) == REPLY
        finally:
            socket.disconnectFromServer()


def _ms_left(deadline: float) -> int:
    return max(1, int((deadline - time.monotonic()) * 1000))
