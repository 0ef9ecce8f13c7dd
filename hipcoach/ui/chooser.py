"""The routine chooser: pick a routine, see what it holds and how long it takes, and start it with Enter.

Durations come from the same plan the session will run (``estimate_seconds`` with the user's current timing
settings), so "About 14 minutes" here is what the session really takes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.model import Routine
from hipcoach.core.plan import PlanOptions, estimate_seconds
from hipcoach.ui.widgets import ACCENT_WARNING, action_button, make_action, set_font, text_label
from hipcoach.ui.wording import dose_text, minutes_text

TITLE_ROLE = Qt.ItemDataRole.UserRole + 1
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2
TITLE_SCALE = 1.7
SUBTITLE_SCALE = 1.25
PADDING = 12


def equipment_text(routine: Routine) -> str:
    items = [item.value for item in routine.equipment]
    return f"Needs: {', '.join(items)}" if items else "No equipment needed"


def exercises_text(routine: Routine) -> str:
    count = len(routine.entries)
    return "1 exercise" if count == 1 else f"{count} exercises"


def routine_summary(routine: Routine, seconds: float) -> str:
    """ "About 14 minutes · 6 exercises"."""
    return f"{minutes_text(seconds)} · {exercises_text(routine)}"


class _RoutineDelegate(QStyledItemDelegate):
    """Each routine as its name, big and bold, over two short lines (length, equipment), each cut with "…" rather
    than scrolled sideways. The item's plain text holds all three lines: that is what a screen reader reads."""

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

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        title, subtitle = self._fonts(option)
        lines = len(str(index.data(SUBTITLE_ROLE)).splitlines())
        height = QFontMetrics(title).height() + lines * QFontMetrics(subtitle).height() + 3 * PADDING
        return QSize(200, height)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
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


class RoutineChooser(QWidget):
    start_requested = Signal(object)  # Routine

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._routines: list[Routine] = []
        self._options = PlanOptions()
        self._seconds: list[float] = []  # each routine's estimate with the current options
        self._active = True  # the page is on screen; Enter means Start only then

        self.start_action = make_action(
            self, "Start", [Qt.Key.Key_Return, Qt.Key.Key_Enter], self.start_selected, tip="Start the chosen routine"
        )

        self.banner_area = QVBoxLayout()
        self.message_label = text_label(name="Problems with your routine files", scale=1.15)
        self.message_label.setStyleSheet(
            f"QLabel {{ border: 2px solid {ACCENT_WARNING.name()}; border-radius: 8px; padding: 10px; }}"
        )
        self.message_label.hide()

        heading = text_label("Choose a routine", scale=2.2, bold=True, name="Choose a routine")
        self.list = QListWidget()
        self.list.setAccessibleName("Routines")
        self.list.setItemDelegate(_RoutineDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSpacing(2)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._show_details)
        self.list.itemDoubleClicked.connect(lambda _item: self.start_selected())

        self.title_label = text_label(scale=2.2, bold=True, name="Routine")
        self.description_label = text_label(scale=1.3, name="Description")
        self.summary_label = text_label(scale=1.3, bold=True, name="Length and equipment")
        self.exercises_label = text_label(scale=1.3, name="Exercises")
        self.exercises_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.start_button = action_button(self.start_action, "Start the chosen routine")
        set_font(self.start_button, 1.8, bold=True)
        self.start_button.setMinimumHeight(64)

        body = QHBoxLayout()
        body.setSpacing(24)
        body.addWidget(self.list, 5)
        body.addWidget(self._details_panel(), 6)

        root = QVBoxLayout(self)
        root.setContentsMargins(24, 16, 24, 16)
        root.setSpacing(12)
        root.addLayout(self.banner_area)
        root.addWidget(heading)
        root.addWidget(self.message_label)
        root.addLayout(body, 1)
        self._show_details(-1)

    def _details_panel(self) -> QFrame:
        """Name, description, length, the exercises (scrolling when a routine is long) and the Start button."""
        exercises = QScrollArea()
        exercises.setWidget(self.exercises_label)
        exercises.setWidgetResizable(True)
        exercises.setFrameShape(QFrame.Shape.NoFrame)
        exercises.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        exercises.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        panel = QFrame()
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.title_label)
        layout.addWidget(self.description_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(exercises, 1)
        layout.addWidget(self.start_button)
        return panel

    # -- public -------------------------------------------------------------------------------------------------

    def add_banner(self, banner: QWidget) -> None:
        self.banner_area.addWidget(banner)

    def set_routines(
        self, routines: Sequence[Routine], errors: Sequence[object] = (), *, settings_warnings: Sequence[str] = ()
    ) -> None:
        """``errors`` are the user's routine files that could not be read (ContentErrors, whose text names the file,
        line and field); ``settings_warnings`` say which settings fell back to their defaults. Both are shown above
        the list, where they do not stop anyone from starting a routine."""
        self._routines = list(routines)
        self._estimate()
        self.list.clear()
        for row in range(len(self._routines)):
            item = QListWidgetItem()
            self._describe_item(item, row)
            self.list.addItem(item)
        self._show_problems(errors, settings_warnings)
        if self._routines:
            self.list.setCurrentRow(0)
        self._show_details(self.list.currentRow())

    def _show_problems(self, errors: Sequence[object], settings_warnings: Sequence[str]) -> None:
        lines: list[str] = []
        if errors:
            lines.append("Some of your routine files could not be read, so they are not listed:")
            lines += [f"• {error}" for error in errors]
        if settings_warnings:
            lines.append("Some of your settings could not be used, so their defaults apply:")
            lines += [f"• {warning}" for warning in settings_warnings]
        self.message_label.setText("\n".join(lines))
        self.message_label.setVisible(bool(lines))

    def set_plan_options(self, options: PlanOptions) -> None:
        """New timing settings change every estimate."""
        self._options = options
        self._estimate()
        for row in range(len(self._routines)):
            item = self.list.item(row)
            if item is not None:
                self._describe_item(item, row)
        self._show_details(self.list.currentRow())

    def routines(self) -> list[Routine]:
        return list(self._routines)

    def selected_routine(self) -> Routine | None:
        row = self.list.currentRow()
        return self._routines[row] if 0 <= row < len(self._routines) else None

    def select(self, routine_id: str) -> bool:
        for row, routine in enumerate(self._routines):
            if routine.id == routine_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def set_active(self, active: bool) -> None:
        """The window shows or hides this page. Start (Enter) is off while hidden: in a session Enter means Done,
        and two enabled actions on one key would make Qt run neither."""
        self._active = active
        self.start_action.setEnabled(active and self.selected_routine() is not None)

    def start_selected(self) -> None:
        routine = self.selected_routine()
        if routine is not None:
            self.start_requested.emit(routine)

    def focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- internals ----------------------------------------------------------------------------------------------

    def _estimate(self) -> None:
        """How long each routine takes, from the same plan the session will run (each plan is built once)."""
        self._seconds = [estimate_seconds(routine, self._options) for routine in self._routines]

    def _describe_item(self, item: QListWidgetItem, row: int) -> None:
        routine = self._routines[row]
        subtitle = f"{routine_summary(routine, self._seconds[row])}\n{equipment_text(routine)}"
        item.setData(TITLE_ROLE, routine.name)
        item.setData(SUBTITLE_ROLE, subtitle)
        item.setText(f"{routine.name}\n{subtitle}")
        item.setToolTip(routine.description)

    def _show_details(self, row: int) -> None:
        routine = self._routines[row] if 0 <= row < len(self._routines) else None
        self.start_action.setEnabled(self._active and routine is not None)
        if routine is None:
            self.title_label.setText("No routine chosen" if self._routines else "No routines found")
            self.description_label.clear()
            self.summary_label.clear()
            self.exercises_label.clear()
            return
        self.title_label.setText(routine.name)
        self.description_label.setText(routine.description)
        self.summary_label.setText(f"{routine_summary(routine, self._seconds[row])} · {equipment_text(routine)}")
        lines = []
        for number, entry in enumerate(routine.entries, start=1):
            dose = dose_text(entry)
            lines.append(f"{number}. {entry.exercise.name}" + (f"  ({dose})" if dose else ""))
        self.exercises_label.setText("\n".join(lines))
