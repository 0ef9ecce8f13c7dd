"""What the two hand-off channels share (a Unix-domain socket on POSIX, Qt Network's local server on Windows): the
handler that answers each peer's one line, how long a peer may take to send it, and how many may wait at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from hipcoach.core.instance import Answer

Handler = Callable[[list[str]], Answer]


class ChannelServer(QObject):
    def __init__(
        self, handler: Handler, *, read_timeout_ms: int, max_peers: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._handler = handler
        self._read_timeout_ms = read_timeout_ms
        self._max_peers = max_peers
