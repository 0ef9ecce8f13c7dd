"""How the chooser draws each routine in its list: the name, big and bold, over two short lines.

Apart from the chooser so that each stays short enough to read in one sitting.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyledItemDelegate, QStyleOptionViewItem

from hipcoach.ui.design import BODY, LEAD

TITLE_ROLE = Qt.ItemDataRole.UserRole + 1
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2
TITLE_SCALE = LEAD
SUBTITLE_SCALE = BODY
PADDING = 12


class RoutineDelegate(QStyledItemDelegate):
    """Each routine as its name, big and bold, over two short lines (length, equipment), each cut with "…" rather
    than scrolled sideways. The item's plain text holds all three lines: that is what a screen reader reads.

    The style draws the item's background, selection and focus as for any list (its text is left out of what the
    style is given); only the lines are drawn here. Nothing here touches QStyle from Python, whose enum classes alone
    cost PySide6 about 4 ms to create, before the first frame (docs/startup.md)."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view

    @staticmethod
    def _fonts(option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        base = QApplication.font()
        size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
        title = QFont(option.font)
        title.setPointSizeF(size * TITLE_SCALE)
        title.setBold(True)
        subtitle = QFont(option.font)
        subtitle.setPointSizeF(size * SUBTITLE_SCALE)
        return title, subtitle

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.text = ""  # paint() draws the lines itself

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        title, subtitle = self._fonts(option)
        lines = len(str(index.data(SUBTITLE_ROLE)).splitlines())
        height = QFontMetrics(title).height() + lines * QFontMetrics(subtitle).height() + 3 * PADDING
        return QSize(200, height)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().paint(painter, option, index)  # background, selection and focus
        model = self._view.selectionModel()
        selected = model is not None and model.isRowSelected(index.row(), index.parent())
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect: QRect = option.rect.adjusted(PADDING * 2, PADDING, -PADDING * 2, -PADDING)
        painter.save()
        painter.setPen(option.palette.color(role))
        top = rect.top()
        title_font, subtitle_font = self._fonts(option)
        lines = [(title_font, str(index.data(TITLE_ROLE)))]
        lines += [(subtitle_font, line) for line in str(index.data(SUBTITLE_ROLE)).splitlines()]
        for number, (font, text) in enumerate(lines):
            metrics = QFontMetrics(font)
            painter.setFont(font)
            elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            line_rect = QRect(rect.left(), top, rect.width(), metrics.height())
            painter.drawText(line_rect, Qt.AlignmentFlag.AlignLeft, elided)
            top += metrics.height() + (PADDING // 2 if number == 0 else 0)
        painter.restore()
