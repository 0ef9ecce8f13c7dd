"""The Qt widgets around a chart: :class:`ChartWidget` paints one with the widget's palette and font and answers
tooltips; :class:`ChartPanel` adds its title, its summary in words and a "Show as table" button that swaps in its
numbers. The charts themselves are plain objects (:class:`Chart`), so the report paints them without any widget.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from hipcoach.ui.charts.style import CHART_FONT_SCALE, ChartStyle
from hipcoach.ui.charts.table import TextTableModel
from hipcoach.ui.design import BODY, CAPTION, SPACE_XS
from hipcoach.ui.widgets import set_font, text_label


class Chart(Protocol):
    """What every chart offers: painting onto any QPainter, its numbers in words and as a table, and tooltips."""

    title: str

    def paint(self, painter: QPainter, rect: QRectF, style: ChartStyle) -> None: ...

    def summary(self) -> str: ...

    def headers(self) -> tuple[str, ...]: ...

    def rows(self) -> list[tuple[str, ...]]: ...

    def tooltip_at(self, rect: QRectF, point: QPointF, metrics: QFontMetricsF) -> str | None: ...

    def size_hint(self, metrics: QFontMetricsF) -> QSize: ...


class ChartWidget(QWidget):
    """Paints one chart with the widget's palette and font, and tells screen readers what it shows."""

    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_font(self, CHART_FONT_SCALE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable, so a screen reader reads the description
        self.chart = chart
        self.set_chart(chart)

    def set_chart(self, chart: Chart) -> None:
        self.chart = chart
        self.setAccessibleName(chart.title)
        self.setAccessibleDescription(chart.summary())
        self.updateGeometry()
        self.update()

    def chart_style(self) -> ChartStyle:
        return ChartStyle.from_palette(self.palette(), self.font())

    def sizeHint(self) -> QSize:
        return self.chart.size_hint(QFontMetricsF(self.font(), self))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint() * 0.6

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002 - Qt's signature
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.chart.paint(painter, QRectF(self.contentsRect()), self.chart_style())
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.chart.tooltip_at(
                QRectF(self.contentsRect()), QPointF(event.pos()), QFontMetricsF(self.font(), self)
            )
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


class ChartPanel(QWidget):
    """A chart with its title, its summary in words, and a "Show as table" button that swaps in its numbers."""

    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = text_label(chart.title, scale=BODY, bold=True, name="Chart title")
        self.summary_label = text_label(scale=CAPTION, name="Chart summary")
        self.chart_widget = ChartWidget(chart)
        self.model = TextTableModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # arrows move between cells; Tab leaves, or it is a keyboard trap
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        set_font(self.table, CAPTION)
        self.toggle = QPushButton("Show as table")
        self.toggle.setCheckable(True)
        set_font(self.toggle, BODY)  # not the desktop's small size: it was hard to find from across the room
        self.toggle.setMinimumHeight(round(2 * self.toggle.fontMetrics().height()))
        self.toggle.toggled.connect(self.show_table)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.chart_widget)
        self.stack.addWidget(self.table)

        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_XS)
        layout.addLayout(header)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.stack, 1)
        self.set_chart(chart)

    @property
    def chart(self) -> Chart:
        return self.chart_widget.chart

    def set_chart(self, chart: Chart) -> None:
        self.chart_widget.set_chart(chart)
        self.title_label.setText(chart.title)
        self.summary_label.setText(chart.summary())
        self.model.set_rows(chart.headers(), chart.rows(), numeric=range(1, len(chart.headers())))
        self.table.setAccessibleName(f"{chart.title}, as a table")
        self.toggle.setAccessibleName(f"Show {chart.title.lower()} as a table")

    def show_table(self, on: bool) -> None:
        self.stack.setCurrentWidget(self.table if on else self.chart_widget)
        self.toggle.setText("Show as chart" if on else "Show as table")
        if self.toggle.isChecked() != on:
            self.toggle.setChecked(on)
