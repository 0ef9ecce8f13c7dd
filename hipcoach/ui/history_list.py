"""The History page's list of sessions, newest first: a table model that reads each row's exercise counts only when
the row is first shown, so ten years of sessions open as fast as ten.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import Final

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QHeaderView, QSplitter, QTableView, QWidget

from hipcoach.core.history import SessionRow
from hipcoach.core.history.tally import Counts
from hipcoach.core.wording import EXERCISING_HEADER
from hipcoach.ui.report_tables import (
    COUNTS_HEADER,
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
_SAMPLES: Final = {0: "Wed 30 Sep 2026, 18:55", 2: "exercising", 3: "16 / 16 / 16 / 1", 4: "not rated"}
ROW_LINES: Final = 1.6  # a row's height in lines of its text
_PAD: Final = 16  # the cell's margins and the grid line (7 px in Fusion), with room to spare
_OPTIONAL: Final = (4, 2, 3)  # after the date and the routine, shown in this order as the width allows
_ALIGNMENTS: Final = {
    2: Qt.AlignmentFlag.AlignRight,
    3: Qt.AlignmentFlag.AlignHCenter,
    4: Qt.AlignmentFlag.AlignHCenter,
}


def row_height(view: QWidget) -> int:
    """The usual height of a row of the History's tables, for ``view``'s font now."""
    return round(view.fontMetrics().height() * ROW_LINES)


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
    """The list of sessions. It shows the date and the whole routine, and then as many of the pain, the minutes and
    the counts (in that order) as its width holds; the others are left out, never scrolled to sideways (at 1024x600
    the number columns scrolled): the chosen session's detail beside the list says them all. Each line is shown
    whole: "Strength (long) (stopped)" used to be cut to "Strength (lo…" while the detail had room to spare."""

    columns_width = 0  # all the fitted columns together (the last one shown stretches over what is left)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._widths: dict[int, int] = {}

    def sizeHint(self) -> QSize:
        return QSize(self.columns_width + self._chrome(), 0)

    def _chrome(self) -> int:
        """The scroll bar, the frame and the rounding of the viewport's edge."""
        return self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth() + 2

    def fit_columns(self) -> None:
        """Every column as wide as its longest text; called whenever the sessions or the text size change."""
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.fontMetrics()
        titles = header.fontMetrics()
        model = self.model()
        if model is None:
            return
        for index, sample in _SAMPLES.items():
            title = max(titles.horizontalAdvance(line) for line in SESSION_HEADERS[index].splitlines())
            self._widths[index] = max(metrics.horizontalAdvance(sample), title) + _PAD
        lines = [model.index(row, 1).data() for row in range(model.rowCount())]
        routine = max((metrics.horizontalAdvance(str(line)) for line in lines), default=0)
        self._widths[1] = max(routine, metrics.horizontalAdvance("Gentle Mobility")) + _PAD
        for index, width in self._widths.items():
            header.resizeSection(index, width)
        self.columns_width = sum(self._widths.values())
        header.setStretchLastSection(True)
        self.setMinimumWidth(self._widths[0] + self._widths[1] + self._chrome())
        row = row_height(self)
        self.verticalHeader().setDefaultSectionSize(row)
        # stacked over the detail on a narrow page, a session still shows under the column titles
        self.setMinimumHeight(header.sizeHint().height() + row + 2 * self.frameWidth())
        self._show_what_fits()
        self.updateGeometry()

    def _fitting(self, room: int) -> list[int]:
        """The columns shown in ``room`` pixels: the date and the routine, then the others in their order while the
        next one fits."""
        shown, width = [0, 1], self._widths.get(0, 0) + self._widths.get(1, 0)
        for index in _OPTIONAL:
            width += self._widths.get(index, 0)
            if width > room:
                break
            shown.append(index)
        return shown

    def width_for(self, room: int) -> int:
        """The list's width within ``room``: the columns that fit in it, at least the date and the routine."""
        return sum(self._widths.get(index, 0) for index in self._fitting(room - self._chrome())) + self._chrome()

    def _show_what_fits(self) -> None:
        shown = self._fitting(self.viewport().width())
        header = self.horizontalHeader()
        for index in range(header.count()):
            hidden = index not in shown
            if self.isColumnHidden(index) != hidden:
                self.setColumnHidden(index, hidden)
                if not hidden:
                    header.resizeSection(index, self._widths.get(index, header.defaultSectionSize()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_what_fits()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a new text size: the columns' widths follow it
            self.fit_columns()


class SessionsSplitter(QSplitter):
    """The list of sessions beside the chosen session's detail (above it on a narrow page: ``HistoryView.reflow``).
    Side by side, the detail keeps the width it asks for (``detail_width``) and the list takes the rest, at least
    its date and routine: the list asking for all its columns held the detail so narrow at the Larger text that its
    results were cut. One above the other, the list takes two fifths of the height, at least its titles and a row.
    Shared again at each resize; a drag of the handle holds until the next one."""

    def __init__(self, table: SessionTable, detail: QWidget, detail_width: Callable[[], int]) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self._table = table
        self._detail_width = detail_width
        self.setChildrenCollapsible(False)
        self.addWidget(table)
        self.addWidget(detail)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)

    def share(self) -> None:
        if self.orientation() is Qt.Orientation.Vertical:
            # the list over the detail (a narrow page): the list its titles and a few sessions, the detail the rest;
            # the sizes left from side by side gave the list less than its titles at 1024x600 with the Larger text
            room = self.height() - self.handleWidth()
            listed = min(max(self._table.minimumHeight(), room * 2 // 5), room)
        else:
            room = self.width() - self.handleWidth()
            wanted = self._table.width_for(room - self._detail_width())
            listed = min(max(wanted, self._table.minimumWidth()), room)
        if room > 0:
            self.setSizes([listed, room - listed])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.share()
