"""The chooser's account of the progression for the routine chosen: what changes this time and why, one line each,
and the changes the last sessions brought in, each with its Undo (docs/progression.md, "In the window").

Nothing changes behind the user's back: the changes are listed before the session, "Keep my usual dose this time"
(K) runs the dose reached so far instead, "Turn adaptation off" says the user wants no changes at all, and the Start
button says which of them it runs (the chooser sets its words). The panel only shows and asks; the chooser decides
what Start runs and the app records an Undo.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hipcoach.ui.design import BODY, SPACE_M, SPACE_S, SPACE_XS
from hipcoach.ui.widgets import ACCENT_WORK, action_button, make_action, set_font, text_label

if TYPE_CHECKING:  # the chooser is drawn before the content (and the model) is loaded: docs/startup.md
    from hipcoach.core.dose_plan import Change, Proposal
    from hipcoach.core.model import Routine

CHANGES_TITLE: Final = "Changes for this session"
UNDO_TITLE: Final = "Changed after your last sessions"
KEEP_TEXT: Final = "Keep my usual dose this time"
OFF_TEXT: Final = "Turn adaptation off"
KEEP_KEY: Final = Qt.Key.Key_K
SCALE: Final = BODY
START_TEXT: Final = "Start"
START_CHANGED_TEXT: Final = "Start with the changes"
START_USUAL_TEXT: Final = "Start with my usual dose"


class Proposals:
    """What the chooser knows of the progression: each routine's proposal (by id), the changes that can be undone,
    and the routines whose usual dose the user keeps this time. ``known`` is None while they are being read."""

    def __init__(self) -> None:
        self.known: dict[str, Proposal] | None = {}
        self.undoable: dict[str, tuple[Change, ...]] = {}
        self.keep: set[str] = set()
        self.start_when_known: str | None = None  # a routine whose Start waits for the proposals

    def set(self, proposals: Mapping[str, Proposal], undoable: Mapping[str, Sequence[Change]]) -> None:
        self.known = dict(proposals)
        self.undoable = {routine_id: tuple(changes) for routine_id, changes in undoable.items()}

    def of(self, routine: Routine | None) -> Proposal | None:
        return None if routine is None else (self.known or {}).get(routine.id)

    def to_start(self, routine: Routine) -> Routine:
        """What Start runs: the proposed plan, or the usual dose when the user keeps it this time."""
        proposal = self.of(routine)
        if proposal is None:
            return routine
        return proposal.current if routine.id in self.keep else proposal.proposed

    def start_text(self, routine: Routine | None) -> str:
        proposal = self.of(routine)
        if routine is None or proposal is None or not proposal.changes:
            return START_TEXT
        return START_USUAL_TEXT if routine.id in self.keep else START_CHANGED_TEXT


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    set_font(button, SCALE, bold=True)
    button.setMinimumHeight(44)
    return button


class ChangesPanel(QFrame):
    """``keep_changed(bool)``: "Keep my usual dose this time" on or off; ``adaptation_off()``: the user turned the
    progression off; ``undo_requested(Change)``: take back a change an earlier session brought in."""

    keep_changed = Signal(bool)
    adaptation_off = Signal()
    undo_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changes")
        self.setStyleSheet(f"QFrame#changes {{ border: 2px solid {ACCENT_WORK.name()}; border-radius: 8px; }}")
        self.setAccessibleName(CHANGES_TITLE)
        self.title_label = text_label(CHANGES_TITLE, scale=BODY, bold=True, name=CHANGES_TITLE)
        self.lines_label = text_label(scale=SCALE, name="What changes and why")
        self.keep_action = make_action(self, f"{KEEP_TEXT}  (K)", [KEEP_KEY], tip=KEEP_TEXT)
        self.keep_action.setCheckable(True)
        self.keep_action.toggled.connect(self.keep_changed)
        self.addAction(self.keep_action)
        self.keep_button = action_button(self.keep_action, KEEP_TEXT)
        set_font(self.keep_button, SCALE, bold=True)
        self.keep_button.setMinimumHeight(44)
        self.keep_button.setStyleSheet(
            "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
            " border: 1px solid palette(dark); border-radius: 3px; }"
        )
        self.off_button = _button(OFF_TEXT)
        self.off_button.setToolTip("No more changes to your doses; Settings \u2192 Session turns it back on")
        self.off_button.clicked.connect(self.adaptation_off)
        self.undo_title = text_label(UNDO_TITLE, scale=SCALE, bold=True, name=UNDO_TITLE)
        self.undo_rows: list[tuple[QLabel, QPushButton]] = []
        self._undo_widgets: list[QWidget] = []
        self._undo_column = QVBoxLayout()
        self._undo_column.setSpacing(SPACE_XS)
        self._changes_area = QWidget()
        changes = QVBoxLayout(self._changes_area)
        changes.setContentsMargins(0, 0, 0, 0)
        changes.addWidget(self.title_label)
        buttons = QHBoxLayout()  # above the lines, so a long list never scrolls the choice out of sight
        buttons.addWidget(self.keep_button, 3)
        buttons.addWidget(self.off_button, 2)
        changes.addLayout(buttons)
        changes.addWidget(self.lines_label)
        column = QVBoxLayout(self)
        column.setContentsMargins(SPACE_M, SPACE_M, SPACE_M, SPACE_M)
        column.setSpacing(SPACE_S)
        column.addWidget(self._changes_area)
        column.addWidget(self.undo_title)
        column.addLayout(self._undo_column)
        self.show_changes(Proposals(), None)

    def show_changes(self, proposals: Proposals, routine: Routine | None) -> None:
        """The routine chosen: its proposed changes, whether the user keeps the usual dose this time, and the
        changes the last sessions brought in."""
        proposal = proposals.of(routine)
        changes = proposal.changes if proposal is not None else ()
        keep = routine is not None and routine.id in proposals.keep
        undoable = proposals.undoable.get(routine.id, ()) if routine is not None else ()
        self.lines_label.setText("\n".join(f"\u2022 {change.text}" for change in changes))
        self._changes_area.setVisible(bool(changes))
        self.keep_action.setEnabled(bool(changes))
        self.keep_action.blockSignals(True)
        self.keep_action.setChecked(keep and bool(changes))
        self.keep_action.blockSignals(False)
        self._show_undoable(undoable)
        self.setVisible(bool(changes) or bool(undoable))

    def _show_undoable(self, undoable: Sequence[Change]) -> None:
        for old in self._undo_widgets:
            self._undo_column.removeWidget(old)
            old.deleteLater()
        self._undo_widgets = []
        self.undo_rows = []
        for change in undoable:
            label = text_label(change.text, scale=SCALE, name="A change from your last sessions")
            button = _button("Undo")
            button.setAccessibleName(f"Undo: {change.text}")
            button.setToolTip("Go back to the dose you had before this change")
            button.clicked.connect(partial(self.undo_requested.emit, change))
            holder = QWidget()
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(label, 1)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self._undo_column.addWidget(holder)
            self._undo_widgets.append(holder)
            self.undo_rows.append((label, button))
        self.undo_title.setVisible(bool(undoable))
