"""The History page's list of sessions, newest first: a table model that reads each row's exercise counts only when
the row is first shown, so ten years of sessions open as fast as ten.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import Final

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QTableView

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

LIST_COUNTS_HEADER: Final = COUNTS_HEADER.replace(" / skipped / ", " /\nskipped /\n")  # the list stays narrow
SESSION_HEADERS: Final = ("Date", "Routine", EXERCISING_HEADER.replace(" ", "\n"), LIST_COUNTS_HEADER, "Pain")
# The widest text of each column but the routine's, written out: sizing them to contents would read every session's
# counts. The routine's column is as wide as its longest line, read from the sessions (cheap: no counts).
_SAMPLES: Final = {0: "Wed 30 Sep 2026, 18:55", 2: "exercising", 3: "16 / 16 / 16 / 1", 4: "10 → 10"}
_PAD: Final = 24  # the cell's padding and the grid line, with room to spare
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


class SessionTable(QTableView):
    """The list of sessions, asking for the width of all its columns: the splitter gives it that (the detail beside
    it takes the rest), and on a narrow page it keeps at least the date and the whole routine, the other columns
    scrolling sideways. Each line is shown whole: "Strength (long) (stopped)" used to be cut to "Strength (lo…"
    while the detail had room to spare."""

    columns_width = 0  # the fitted columns together (the last one stretches over the room a scroll bar leaves)

    def sizeHint(self) -> QSize:
        frame = 2 * self.frameWidth() + 2  # and the rounding of the viewport's edge
        return QSize(self.columns_width + self.verticalScrollBar().sizeHint().width() + frame, 0)

    def fit_columns(self) -> None:
        """Every column as wide as its longest text; called whenever the sessions change."""
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.fontMetrics()
        for index, sample in _SAMPLES.items():
            header.resizeSection(index, metrics.horizontalAdvance(sample) + _PAD)
        model = self.model()
        lines = [model.index(row, 1).data() for row in range(model.rowCount())]
        routine = max((metrics.horizontalAdvance(str(line)) for line in lines), default=0)
        header.resizeSection(1, max(routine, metrics.horizontalAdvance("Gentle Mobility")) + _PAD)
        self.columns_width = sum(header.sectionSize(index) for index in range(header.count()))
        header.setStretchLastSection(True)
        scroll_bar = self.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(header.sectionSize(0) + header.sectionSize(1) + scroll_bar + 2 * self.frameWidth())
        # stacked over the detail on a narrow page, a session still shows under the column titles
        row = self.verticalHeader().defaultSectionSize()
        self.setMinimumHeight(header.sizeHint().height() + row + 2 * self.frameWidth())
        self.updateGeometry()
