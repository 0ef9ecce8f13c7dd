"""The routine chooser: pick a routine, see what it holds and how long it takes, and start it with Enter.

Durations come from the same plan the session will run (``estimate_seconds`` with the user's current timing
settings), so "About 14 minutes" here is what the session really takes.

The chooser shows routines as cards of plain text (hipcoach.core.chooser_snapshot.RoutineCard). At start-up it can
show the cards of the last run before any content is loaded (``show_snapshot``). The content, given by
``set_routines`` a moment later, replaces those cards with fresh ones; Start pressed in between starts the chosen
routine then, so the button never flickers from disabled to enabled and a quick Enter is not lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.chooser_snapshot import RoutineCard, Snapshot
from hipcoach.ui.widgets import ACCENT_REST, ACCENT_WARNING, action_button, make_action, set_font, text_label

if TYPE_CHECKING:
    from hipcoach.core.model import Routine
    from hipcoach.core.plan import PlanOptions
    from hipcoach.ui.figure.stills import FigureStrip

TITLE_ROLE = Qt.ItemDataRole.UserRole + 1
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2
TITLE_SCALE = 1.7
SUBTITLE_SCALE = 1.25
PADDING = 12
PROBLEMS_SHOWN_PER_FILE = 4


def _default_plan_options() -> PlanOptions:
    from hipcoach.core.plan import PlanOptions  # noqa: PLC0415 - the plan loads with the content, after the paint

    return PlanOptions()


def problem_lines(error: object, limit: int = PROBLEMS_SHOWN_PER_FILE) -> list[str]:
    """One line per problem of a file (a ContentError lists each on its own line); a long list is cut, so one
    badly broken file cannot push the routines off the screen."""
    lines = str(error).splitlines()
    if len(lines) <= limit:
        return lines
    return [*lines[: limit - 1], f"... and {len(lines) - limit + 1} more problems in the same file"]


class _RoutineDelegate(QStyledItemDelegate):
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


def _framed(label: QLabel, colour: QColor) -> QLabel:
    """A hidden label in a rounded frame of ``colour``, shown once it has something to say."""
    label.setStyleSheet(f"QLabel {{ border: 2px solid {colour.name()}; border-radius: 8px; padding: 10px; }}")
    label.hide()
    return label


class RoutineChooser(QWidget):
    start_requested = Signal(object)  # Routine

    def __init__(
        self, parent: QWidget | None = None, *, plan_options: Callable[[], PlanOptions] = _default_plan_options
    ) -> None:
        """``plan_options`` gives the user's timing whenever the estimates are made."""
        super().__init__(parent)
        self._plan_options = plan_options
        self._routines: list[Routine] = []  # in the order of the cards, once the content is loaded
        self._cards: list[RoutineCard] = []
        self._file_problems: list[str] = []
        self._active = True  # the page is on screen; Enter means Start only then
        self._start_when_loaded: str | None = None  # a routine asked for from the snapshot, before the content came
        self.figures: FigureStrip | None = None  # the stills of the exercises, added after the first paint

        self.start_action = make_action(
            self, "Start", [Qt.Key.Key_Return, Qt.Key.Key_Enter], self.start_selected, tip="Start the chosen routine"
        )

        self.banner_area = QVBoxLayout()
        self.message_label = text_label(name="Problems with your routine files", scale=1.15)
        self.message_label.setStyleSheet(
            f"QLabel {{ border: 2px solid {ACCENT_WARNING.name()}; border-radius: 8px; padding: 10px; }}"
        )
        self.message_label.hide()

        # why the routines are not all as written (the safety answers): calm, and it says where to change it
        self.safety_label = _framed(text_label(name="Adapted for your safety", scale=1.25), ACCENT_REST)

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
        # what the safety precautions changed, and why: below the exercises, scrolling with them
        self.changes_label = _framed(text_label(scale=1.2, name="Changed for your hip"), ACCENT_REST)
        # advice, not a problem: a calm frame, and the routine starts as any other
        self.note_label = text_label(scale=1.3, name="Note")
        self.note_label.setStyleSheet(
            f"QLabel {{ border: 2px solid {ACCENT_REST.name()}; border-radius: 8px; padding: 8px; }}"
        )
        self.note_label.hide()
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
        root.addWidget(self.safety_label)
        root.addWidget(self.message_label)
        root.addLayout(body, 1)
        self._show_details(-1)

    def _details_panel(self) -> QFrame:
        """Name, description, length, the exercises (scrolling when a routine is long) and the Start button."""
        exercises = QScrollArea()
        inside = QWidget()
        self._exercises_column = QVBoxLayout(inside)
        self._exercises_column.setContentsMargins(0, 0, 0, 0)
        self._exercises_column.addWidget(self.exercises_label)
        self._exercises_column.addWidget(self.changes_label)
        self._exercises_column.addStretch(1)
        exercises.setWidget(inside)
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
        layout.addWidget(self.note_label)
        layout.addWidget(self.start_button)
        return panel

    # -- public -------------------------------------------------------------------------------------------------

    def show_figures(self) -> None:
        """Add a still of each exercise above the routine's list. Called after the first paint: the figure's
        modules are not loaded before it (docs/startup.md)."""
        if self.figures is not None:
            return
        from hipcoach.ui.figure.stills import FigureStrip  # noqa: PLC0415 - after the first paint, for start-up

        self.figures = FigureStrip()
        self._exercises_column.insertWidget(0, self.figures)
        self.figures.show()  # a widget added to a page on screen is otherwise shown only a turn later
        self._show_details(self.list.currentRow())

    def add_banner(self, banner: QWidget) -> None:
        self.banner_area.addWidget(banner)

    def set_safety_banner(self, text: str) -> None:
        """Why the routines offered are adapted or limited ("" when they are as written)."""
        self.safety_label.setText(text)
        self.safety_label.setVisible(bool(text))

    def show_snapshot(self, snapshot: Snapshot, *, settings_warnings: Sequence[str] = ()) -> None:
        """The cards of the last run, shown until the content is loaded (a start asked meanwhile waits for it)."""
        self._routines = []
        self._file_problems = list(snapshot.problems)
        self._show_cards(list(snapshot.cards), settings_warnings)

    def set_routines(
        self, routines: Sequence[Routine], errors: Sequence[object] = (), *, settings_warnings: Sequence[str] = ()
    ) -> None:
        """``errors`` are the user's routine files that could not be read (ContentErrors, whose text names the file,
        line and field); ``settings_warnings`` say which settings fell back to their defaults. Both are shown above
        the list, where they do not stop anyone from starting a routine."""
        self._routines = list(routines)
        self._file_problems = [line for error in errors for line in problem_lines(error)]
        self._show_cards(self._make_cards(), settings_warnings)
        wanted, self._start_when_loaded = self._start_when_loaded, None
        if wanted is not None and self._active and self.select(wanted):
            self.start_selected()

    def refresh_estimates(self) -> None:
        """The timing settings changed, and with them every estimate."""
        if not self._routines:
            return
        self._cards = self._make_cards()
        for row, card in enumerate(self._cards):
            item = self.list.item(row)
            if item is not None:
                self._describe_item(item, card)
        self._show_details(self.list.currentRow())

    def snapshot(self) -> Snapshot | None:
        """What the chooser shows, for the next start; None until the content is loaded."""
        if not self._routines:
            return None
        return Snapshot(tuple(self._cards), tuple(self._file_problems))

    def routines(self) -> list[Routine]:
        return list(self._routines)

    def selected_routine(self) -> Routine | None:
        row = self.list.currentRow()
        return self._routines[row] if 0 <= row < len(self._routines) else None

    def select(self, routine_id: str) -> bool:
        for row, card in enumerate(self._cards):
            if card.id == routine_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def set_active(self, active: bool) -> None:
        """The window shows or hides this page. Start (Enter) is off while hidden: in a session Enter means Done,
        and two enabled actions on one key would make Qt run neither."""
        self._active = active
        self.start_action.setEnabled(active and self._selected_card() is not None)

    def start_selected(self) -> None:
        """Start the chosen routine; chosen from the snapshot, it starts as soon as the content is loaded."""
        routine = self.selected_routine()
        if routine is not None:
            self.start_requested.emit(routine)
        elif not self._routines and (card := self._selected_card()) is not None:
            self._start_when_loaded = card.id

    def focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- internals ----------------------------------------------------------------------------------------------

    def _selected_card(self) -> RoutineCard | None:
        row = self.list.currentRow()
        return self._cards[row] if 0 <= row < len(self._cards) else None

    def _make_cards(self) -> list[RoutineCard]:
        """Each routine's card, its length from the same plan the session will run (each plan is built once)."""
        from hipcoach.core.plan import estimate_seconds  # noqa: PLC0415 - loaded with the content, after the paint
        from hipcoach.core.wording import routine_card  # noqa: PLC0415 - likewise

        options = self._plan_options()
        return [routine_card(routine, estimate_seconds(routine, options)) for routine in self._routines]

    def _show_cards(self, cards: list[RoutineCard], settings_warnings: Sequence[str]) -> None:
        """Fill the list, keeping the routine that was selected if it is still there (the first one otherwise)."""
        previous = self._selected_card()
        selected = previous.id if previous is not None else None
        self._cards = cards
        self.list.clear()
        for card in cards:
            item = QListWidgetItem()
            self._describe_item(item, card)
            self.list.addItem(item)
        self._show_problems(settings_warnings)
        if cards and (selected is None or not self.select(selected)):
            self.list.setCurrentRow(0)
        self._show_details(self.list.currentRow())

    def _show_problems(self, settings_warnings: Sequence[str]) -> None:
        lines: list[str] = []
        if self._file_problems:
            lines.append("Some of your routine files could not be read, so they are not listed:")
            lines += [f"• {problem}" for problem in self._file_problems]
        if settings_warnings:
            lines.append("Some of your settings could not be used, so their defaults apply:")
            lines += [f"• {warning}" for warning in settings_warnings]
        self.message_label.setText("\n".join(lines))
        self.message_label.setVisible(bool(lines))

    @staticmethod
    def _describe_item(item: QListWidgetItem, card: RoutineCard) -> None:
        subtitle = f"{card.summary}\n{card.equipment}"
        item.setData(TITLE_ROLE, card.name)
        item.setData(SUBTITLE_ROLE, subtitle)
        item.setText(f"{card.name}\n{subtitle}")
        item.setToolTip(card.description)

    def _show_details(self, row: int) -> None:
        card = self._cards[row] if 0 <= row < len(self._cards) else None
        if self.figures is not None:
            routine = self._routines[row] if card is not None and row < len(self._routines) else None
            self.figures.set_entries(routine.entries if routine is not None else ())
        self.start_action.setEnabled(self._active and card is not None)  # enabled from the snapshot too: no flicker
        if card is None:
            self.title_label.setText("No routine chosen" if self._cards else "No routines found")
            self.description_label.clear()
            self.summary_label.clear()
            self.exercises_label.clear()
            self.changes_label.hide()
            self.note_label.clear()
            self.note_label.hide()
            return
        self.title_label.setText(card.name)
        self.description_label.setText(card.description)
        self.summary_label.setText(f"{card.summary} · {card.equipment}")
        self.exercises_label.setText(card.exercises)
        self.changes_label.setText(f"Changed for your hip:\n{card.changes}" if card.changes else "")
        self.changes_label.setVisible(bool(card.changes))
        self.note_label.setText(card.note)
        self.note_label.setVisible(bool(card.note))
