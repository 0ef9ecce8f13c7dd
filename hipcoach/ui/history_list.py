"""The History page's list of sessions, newest first: a table model that reads each row's exercise counts only when
the row is first shown, so ten years of sessions open as fast as ten.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import Final

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from hipcoach.core.history import SessionRow
from hipcoach.core.history.tally import Counts
from hipcoach.ui.report_tables import (
    COUNTS_HEADER,
    EXERCISING_HEADER,
    counts_short,
    minutes_text,
    pain_text,
    routine_text,
    when_text,
)

LIST_COUNTS_HEADER: Final = COUNTS_HEADER.replace(" / skipped", " /\nskipped")  # two lines: the list stays narrow
SESSION_HEADERS: Final = ("Date", "Routine", EXERCISING_HEADER.replace(" ", "\n"), LIST_COUNTS_HEADER, "Pain")
_ALIGNMENTS: Final = {
    2: Qt.AlignmentFlag.AlignRight,
    3: Qt.AlignmentFlag.AlignHCenter,
    4: Qt.AlignmentFlag.AlignHCenter,
}


class SessionListModel(QAbstractTableModel):
    """The sessions, newest first. The exercise counts come from ``counts`` when a row is first shown."""

    def __init__(self, counts: Callable[[int], Counts], tz: tzinfo | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._counts = counts
        self._tz = tz
        self._sessions: list[SessionRow] = []

    def set_sessions(self, sessions: list[SessionRow]) -> None:
        self.beginResetModel()
        self._sessions = sessions
        self.endResetModel()

    def session_at(self, row: int) -> SessionRow:
        return self._sessions[row]

    def row_of(self, session_id: int) -> int | None:
        return next((row for row, session in enumerate(self._sessions) if session.id == session_id), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self._sessions)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SESSION_HEADERS)

    def text(self, row: int, column: int) -> str:
        session = self._sessions[row]
        if column == 0:
            return when_text(session, self._tz)
        if column == 1:
            return routine_text(session)
        if column == 2:
            return minutes_text(session)
        if column == 3:
            return counts_short(self._counts(session.id))
        return pain_text(session)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._sessions):
            return None
        if not 0 <= index.column() < len(SESSION_HEADERS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(index.row(), index.column())  # the tooltip shows a routine name cut short in full
        if role == Qt.ItemDataRole.FontRole and self._sessions[index.row()].trial:
            font = QFont()
            font.setItalic(True)  # a trial run looks different in every column, not only where its words are
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in _ALIGNMENTS:
            return int(_ALIGNMENTS[index.column()] | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return SESSION_HEADERS[section] if 0 <= section < len(SESSION_HEADERS) else None
        return str(section + 1)
