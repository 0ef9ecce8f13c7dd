"""The chosen session's exercises on the History page, target against done: each column as wide as its words, the
result taking what is left. When that is too little (the Larger text, a small screen) the result and the exercise's
name go on to a second line, the result only between its parts ("Partly done ·" / "stopped: sharp pain"), the name
between its words; nothing is cut and nothing scrolls sideways. At 1280x800 with the Larger text the result was cut
to "Partly …" and the table scrolled sideways (docs/accessibility.md, "Layout").
"""

from __future__ import annotations

import re
from typing import Final

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHeaderView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from hipcoach.ui.history_list import row_height
from hipcoach.ui.report_tables import EARLIER_WORDS

NAME, RESULT = 0, 4  # the columns that may wrap; the side, the target and what was done are short
KEEP_TOGETHER: Final = "\u00a0"
# Where a result may break: after a part's dot, and after "Earlier attempt:".
_BREAKS: Final = re.compile(f"(?<=·) |(?<=^{EARLIER_WORDS}:) ")
# A usual row with the longest result: the detail asks for the room to show it on one line beside the list.
WANTED_ROW: Final = ("Hip abductions", "Right", "20 reps", "20 reps", "Partly done · stopped: sharp pain")


def laid_out(text: str) -> str:
    """``text`` as a result's cell lays it out: it may break only where :data:`_BREAKS` allows, never inside a
    part ("sharp" / "pain")."""
    parts = _BREAKS.split(text)
    return " ".join(part.replace(" ", KEEP_TOGETHER) for part in parts)


class PartsDelegate(QStyledItemDelegate):
    """Draws and measures a result's words as :func:`laid_out` keeps them; the model's text (what a screen reader
    reads, what the tests compare) is left as it is."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.text = laid_out(option.text)


class ExerciseTable(QTableView):
    """The short columns as wide as their words; the name and the result share the rest (:meth:`share`), their rows as
    tall as their lines (at least the table's usual row)."""

    def setup(self) -> None:
        """After the table's font is set (``history_view._table``): the rows' least height follows the text."""
        self.setItemDelegateForColumn(RESULT, PartsDelegate(self))
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._fit_rows()
        self.model().modelReset.connect(self.share)

    def _fit_rows(self) -> None:
        rows = self.verticalHeader()
        rows.setMinimumSectionSize(row_height(self))
        rows.setDefaultSectionSize(rows.minimumSectionSize())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a new text size
            self._fit_rows()
            self.share()

    def _margins(self) -> int:
        """A cell's words are drawn within its grid line and the style's margin on each side."""
        return int(self.showGrid()) + 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)

    def _widest(self, column: int, words: bool) -> int:
        """The widest text of ``column`` on one line, or (``words``) its widest piece that cannot break."""
        model, metrics = self.model(), self.fontMetrics()
        texts = [str(model.index(row, column).data()) for row in range(model.rowCount())]
        if column == RESULT:
            texts = [laid_out(text) for text in texts]
        pieces = [piece for text in texts for piece in (text.split(" ") if words else [text])]
        titles = self.horizontalHeader().fontMetrics()
        title = titles.horizontalAdvance(str(model.headerData(column, self.horizontalHeader().orientation())))
        return max([title, *(metrics.horizontalAdvance(piece) for piece in pieces)]) + self._margins() + 1

    def share(self) -> None:
        """The name as wide as its longest line, unless the result then has less than its widest part: then the
        name gives up width (down to its longest word) and wraps between its words."""
        header = self.horizontalHeader()
        if self.model() is None or header.count() <= RESULT:
            return
        # as the header will size them to their contents (just after a new session, it has not done so yet)
        short = sum(
            max(self.sizeHintForColumn(column), header.sectionSizeHint(column)) for column in range(NAME + 1, RESULT)
        )
        room = self.viewport().width() - short
        name = self._widest(NAME, words=False)
        if name + self._widest(RESULT, words=False) > room:
            name = min(name, max(room - self._widest(RESULT, words=True), self._widest(NAME, words=True)))
        if header.sectionSize(NAME) != name:
            header.resizeSection(NAME, name)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.share()

    def wanted_width(self) -> int:
        """The width that shows :data:`WANTED_ROW` on one line: the detail keeps it beside the list when it can."""
        metrics = self.fontMetrics()
        columns = sum(metrics.horizontalAdvance(text) + self._margins() for text in WANTED_ROW)
        return columns + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
