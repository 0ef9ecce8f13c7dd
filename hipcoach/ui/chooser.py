"""The routine chooser: pick a routine, see what it holds and how long it takes, and start it with Enter.

Durations come from the same plan the session will run (``estimate_seconds`` with the user's current timing
settings), so "About 14 minutes" here is what the session really takes.

The chooser shows routines as cards of plain text (hipcoach.core.chooser_snapshot.RoutineCard). At start-up it can
show the cards of the last run before any content is loaded (``show_snapshot``). The content, given by
``set_routines`` a moment later, replaces those cards with fresh ones; Start pressed in between starts the chosen
routine then, so the button never flickers from disabled to enabled and a quick Enter is not lost.

The progression's proposals come from the history, which the snapshot never holds: the app reads them on the
recorder's thread and gives them with ``set_proposals``; a Start waits for them as for the content, so a session never
runs a dose the history has moved on from. The changes are listed by :mod:`hipcoach.ui.chooser_changes`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.chooser_snapshot import RoutineCard, Snapshot
from hipcoach.ui.chooser_changes import ChangesPanel, Proposals
from hipcoach.ui.chooser_files import RoutineFileActions
from hipcoach.ui.design import BODY, CAPTION, LEAD, PAGE_MARGINS, SPACE_M, SPACE_S, SPACE_XL, SPACE_XS, TITLE
from hipcoach.ui.routine_delegate import SUBTITLE_ROLE, TITLE_ROLE, RoutineDelegate
from hipcoach.ui.widgets import ACCENT_REST, ACCENT_WARNING, action_button, make_action, set_font, text_label

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from hipcoach.core.dose_plan import Change, Proposal
    from hipcoach.core.model import Routine
    from hipcoach.core.plan import PlanOptions
    from hipcoach.ui.figure.stills import FigureStrip

PROBLEMS_SHOWN_PER_FILE = 4
SORE_DAY_TEXT = "Sore today?  (D)"


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


def _framed(label: QLabel, colour: QColor) -> QLabel:
    """A hidden label in a rounded frame of ``colour``, shown once it has something to say."""
    label.setStyleSheet(f"QLabel {{ border: 2px solid {colour.name()}; border-radius: 8px; padding: 10px; }}")
    label.hide()
    return label


class RoutineChooser(QWidget):
    start_requested = Signal(object)  # Routine, as Start runs it (the progression's changes applied, or not)
    sore_day_requested = Signal(object)  # Routine: the one chosen, as offered; the window asks about the floor
    undo_requested = Signal(object)  # Change: take back a change the last sessions brought in
    adaptation_off_requested = Signal()
    new_requested = Signal()  # New routine: the window opens the editor with an empty routine
    duplicate_requested = Signal(object)  # Routine, as chosen: the window opens the editor with a copy
    edit_requested = Signal(object)  # Routine: the window opens its file in the editor, or offers a copy
    delete_requested = Signal(object)  # Routine, one of the user's own: the window asks, then deletes its file

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
        self.proposals = Proposals()  # the progression's, from the history (the module's docstring)

        self.start_action = make_action(
            self, "Start", [Qt.Key.Key_Return, Qt.Key.Key_Enter], self.start_selected, tip="Start the chosen routine"
        )

        self.banner_area = QVBoxLayout()
        self.message_label = text_label(name="Problems with your routine files", scale=CAPTION)
        self.message_label.setStyleSheet(
            f"QLabel {{ border: 2px solid {ACCENT_WARNING.name()}; border-radius: 8px; padding: 10px; }}"
        )
        self.message_label.hide()

        # why the routines are not all as written (the safety answers): calm, and it says where to change it
        self.safety_label = _framed(text_label(name="Adapted for your safety", scale=BODY), ACCENT_REST)

        heading = text_label("Choose a routine", scale=TITLE, bold=True, name="Choose a routine")
        self.list = self._make_list()

        self.title_label = text_label(scale=TITLE, bold=True, name="Routine")
        self.description_label = text_label(scale=BODY, name="Description")
        self.summary_label = text_label(scale=BODY, bold=True, name="Length and equipment")
        self.exercises_label = text_label(scale=BODY, name="Exercises")
        self.exercises_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # what the safety precautions changed, and why: below the exercises, scrolling with them
        self.changes_label = _framed(text_label(scale=BODY, name="Changed for your hip"), ACCENT_REST)
        # advice, not a problem: a calm frame, and the routine starts as any other
        self.note_label = text_label(scale=BODY, name="Note")
        self.note_label.setStyleSheet(
            f"QLabel {{ border: 2px solid {ACCENT_REST.name()}; border-radius: 8px; padding: 8px; }}"
        )
        self.note_label.hide()
        self.start_button = action_button(self.start_action, "Start the chosen routine")
        set_font(self.start_button, LEAD, bold=True)
        self.start_button.setMinimumHeight(64)
        self._build_adaptation()
        self.files = RoutineFileActions(
            self,
            new=self.new_requested.emit,
            duplicate=lambda: self._emit_for_selected(self.duplicate_requested),
            edit=lambda: self._emit_for_selected(self.edit_requested),
            delete=lambda: self._emit_for_selected(self.delete_requested),
        )

        left = QVBoxLayout()
        left.setSpacing(SPACE_S)
        left.addWidget(self.list, 1)
        left.addWidget(self.files.button_row())
        body = QHBoxLayout()
        body.setSpacing(SPACE_XL)
        body.addLayout(left, 5)
        body.addWidget(self._details_panel(), 6)

        root = QVBoxLayout(self)
        root.setContentsMargins(*PAGE_MARGINS)
        root.setSpacing(SPACE_M)
        root.addLayout(self.banner_area)
        root.addWidget(heading)
        root.addWidget(self.safety_label)
        root.addWidget(self.message_label)
        root.addLayout(body, 1)
        self._show_details(-1)

    def _make_list(self) -> QListWidget:
        routines = QListWidget()
        routines.setAccessibleName("Routines")
        routines.setItemDelegate(RoutineDelegate(routines))
        routines.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        routines.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        routines.setSpacing(SPACE_XS)
        routines.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        routines.currentRowChanged.connect(self._show_details)
        routines.itemDoubleClicked.connect(lambda _item: self.start_selected())
        return routines

    def _build_adaptation(self) -> None:
        """The progression's changes for the routine chosen, and "Sore today?"."""
        self.changes_panel = ChangesPanel()
        self.changes_panel.keep_changed.connect(self._keep_changed)
        self.changes_panel.undo_requested.connect(self.undo_requested)
        self.changes_panel.adaptation_off.connect(self.adaptation_off_requested)
        self.sore_day_action = make_action(
            self, SORE_DAY_TEXT, [Qt.Key.Key_D], self._sore_day, tip="A short, gentle version of the chosen routine"
        )
        self.sore_day_button = action_button(self.sore_day_action, "Sore today? A short, gentle version")
        set_font(self.sore_day_button, LEAD, bold=True)
        self.sore_day_button.setMinimumHeight(64)

    def _details_panel(self) -> QFrame:
        """Name, then the description, length and exercises (scrolling together when they do not fit, so a wrapped
        line is never squeezed on a small or scaled screen), and the Start button."""
        exercises = QScrollArea()
        inside = QWidget()
        self._exercises_column = QVBoxLayout(inside)
        self._exercises_column.setContentsMargins(0, 0, 0, 0)
        self._exercises_column.setSpacing(SPACE_M)
        self._exercises_column.addWidget(self.description_label)
        self._exercises_column.addWidget(self.summary_label)
        self._exercises_column.addWidget(self.changes_panel)
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
        layout.setContentsMargins(SPACE_XL, SPACE_XL, SPACE_XL, SPACE_XL)
        layout.setSpacing(SPACE_M)
        layout.addWidget(self.title_label)
        layout.addWidget(exercises, 1)
        layout.addWidget(self.note_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button, 3)
        buttons.addWidget(self.sore_day_button, 2)
        layout.addLayout(buttons)
        return panel

    # -- public -------------------------------------------------------------------------------------------------

    def show_figures(self) -> None:
        """Add a still of each exercise above the routine's list. Called after the first paint: the figure's
        modules are not loaded before it (docs/startup.md)."""
        if self.figures is not None:
            return
        from hipcoach.ui.figure.stills import FigureStrip  # noqa: PLC0415 - after the first paint, for start-up

        self.figures = FigureStrip()
        under_changes = self._exercises_column.indexOf(self.changes_panel) + 1  # the changes come first
        self._exercises_column.insertWidget(under_changes, self.figures)
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
        self.sore_day_action.setEnabled(active and self.selected_routine() is not None)
        self._update_file_actions()

    def start_selected(self) -> None:
        """Start the chosen routine as the Start button says; chosen from the snapshot, it starts as soon as the
        content is loaded, and before the proposals are known, as soon as they are."""
        routine = self.selected_routine()
        if routine is not None and self.proposals.known is None:
            self.proposals.start_when_known = routine.id
        elif routine is not None:
            started = self.proposals.to_start(routine)
            self.proposals.keep.discard(routine.id)  # "this time" only
            self._show_details(self.list.currentRow())
            self.start_requested.emit(started)
        elif not self._routines and (card := self._selected_card()) is not None:
            self._start_when_loaded = card.id

    def expect_proposals(self) -> None:
        """The proposals are being read again (after a session, an undo, a change of routines or settings): a
        Start waits for them. ``set_proposals`` always follows, with nothing when the history could not be read."""
        self.proposals.known = None

    def set_proposals(self, proposals: Mapping[str, Proposal], undoable: Mapping[str, Sequence[Change]]) -> None:
        """What the progression proposes for each routine offered (by id; a routine missing has no change), and the
        changes the last sessions brought in that can be undone."""
        self.proposals.set(proposals, undoable)
        self._show_details(self.list.currentRow())
        wanted, self.proposals.start_when_known = self.proposals.start_when_known, None
        if wanted is not None and self._active and self.select(wanted):
            self.start_selected()

    def focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- internals ----------------------------------------------------------------------------------------------

    def _keep_changed(self, keep: bool) -> None:
        routine = self.selected_routine()
        if routine is None:
            return
        if keep:
            self.proposals.keep.add(routine.id)
        else:
            self.proposals.keep.discard(routine.id)
        self.start_action.setText(self.proposals.start_text(routine))

    def _sore_day(self) -> None:
        self._emit_for_selected(self.sore_day_requested)

    def _emit_for_selected(self, signal: SignalInstance) -> None:
        routine = self.selected_routine()
        if routine is not None:
            signal.emit(routine)

    def _update_file_actions(self) -> None:
        self.files.update(active=self._active, loaded=bool(self._routines), routine=self.selected_routine())

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
        routine = self._routines[row] if card is not None and row < len(self._routines) else None
        self.sore_day_action.setEnabled(self._active and routine is not None)
        self._update_file_actions()
        self.start_action.setText(self.proposals.start_text(routine))
        self.changes_panel.show_changes(self.proposals, routine)
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
