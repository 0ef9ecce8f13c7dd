"""Noticing that the user's routine files changed, so a new or edited file shows in the chooser without a restart.

Two signals, because neither is enough alone. A folder watch sees a file added, removed or renamed, which is how
most editors save (write a temporary file, rename it over the old one), and how a file copied in arrives; but it
does not see a file rewritten in place, and it cannot watch a folder that does not exist yet. The window becoming
active again covers the rest: whoever edited a routine in another program comes back to this window to use it.
Both only *ask* for a reload; the app reloads when the files' names, sizes or times differ from what it read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject


class RoutineWatch(QObject):
    def __init__(self, window: QObject, folder: Path, changed: Callable[[], None]) -> None:
        super().__init__(window)
        self._folder = folder
        self._changed = changed
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_change)
        window.installEventFilter(self)
        self._watch()

    def watched(self) -> list[str]:
        return self._watcher.directories()

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            self._on_change()
        return False

    def _watch(self) -> None:
        """The routines folder once it exists; until then its parent, to see it being made."""
        folder, parent = str(self._folder), str(self._folder.parent)
        directories = self._watcher.directories()
        if self._folder.is_dir():
            if folder not in directories:
                self._watcher.addPath(folder)
            if parent in directories:  # the parent also holds the history, which changes all the time
                self._watcher.removePath(parent)
        elif parent not in directories and self._folder.parent.is_dir():
            self._watcher.addPath(parent)

    def _on_change(self, _path: str = "") -> None:
        self._watch()
        self._changed()
