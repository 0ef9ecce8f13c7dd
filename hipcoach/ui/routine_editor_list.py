"""The routine editor's list of exercises: a row per entry (number, name and version, dose in words, a small still)
that can be dragged to a new place.

The model never moves a row itself: a drop only asks for the move (``move_requested``), the page turns it into an
undo step and shows the new draft, so a drag is undone like any other change. ``dropMimeData`` answers True for a
drop it asked for; the view then offers to remove the dragged rows, which this model has no way to do
(``removeRows`` stays Qt's, refusing), so nothing is lost or doubled.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from hipcoach.core.figure.description import ExerciseFigure
from hipcoach.core.model import Entry, Exercise, Level
from hipcoach.core.routine_edit.draft import DraftEntry, done_exercise, dose_of
from hipcoach.core.wording import entry_text
from hipcoach.ui.design import BODY, SPACE_XS
from hipcoach.ui.figure.colours import colours_for
from hipcoach.ui.figure.stills import paint_stills
from hipcoach.ui.widgets import set_font

ROW_MIME: Final = "application/x-hipcoach-entry-row"
UNKNOWN: Final = "hipcoach does not know this exercise: remove it"
LEVEL_WORDS: Final = {Level.EASIER: "Easier", Level.BASE: "As in the article", Level.HARDER: "Harder"}
STILL_SIZE: Final = QSize(96, 64)
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Row:
    """What one row shows: "3. Bridge: Half bridge" over "10 reps · 2 sets"."""

    title: str
    dose: str
    figure: ExerciseFigure | None


def row_of(number: int, entry: DraftEntry, exercises: Mapping[str, Exercise]) -> Row:
    """The row of ``entry``, numbered as the session counts: its name, the version it runs, its dose in the words
    the chooser uses (``entry_text``), and the still of what it runs."""
    base = exercises.get(entry.exercise_id)
    try:
        done = done_exercise(entry, exercises)
    except KeyError:
        return Row(f"{number}. {entry.exercise_id}", UNKNOWN, None)
    title = f"{number}. {base.name if base is not None else done.name}"
    if entry.level is not Level.BASE:
        title += f", {LEVEL_WORDS[entry.level].lower()}: {done.name}"
    shown = Entry(exercise=done, dose=dose_of(entry, done), first_side=entry.first_side, only_side=entry.only_side)
    return Row(title, entry_text(shown), done.movement.figure)


def still_pixmap(figure: ExerciseFigure | None, palette: QPalette, size: QSize = STILL_SIZE) -> QPixmap:
    """A small still of ``figure`` (its start, or a stretch as held; transparent without one, so every row's text
    starts at the same place)."""
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    if figure is not None:
        painter = QPainter(pixmap)
        try:
            paint_stills(painter, QRectF(0, 0, size.width(), size.height()), figure, None, colours=colours_for(palette))
        finally:
            painter.end()
    return pixmap


class EntryListModel(QAbstractListModel):
    move_requested = Signal(int, int)  # from row, to the place before row (len: the end)

    def __init__(self, palette: QPalette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._palette = palette
        self._rows: list[Row] = []
        self._stills: dict[int, QPixmap] = {}  # by id of the figure: a change of dose repaints no still

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{row.title}\n{row.dose}" if row.dose else row.title
        if role == Qt.ItemDataRole.DecorationRole:
            key = id(row.figure)
            if key not in self._stills:
                self._stills[key] = still_pixmap(row.figure, self._palette)
            return self._stills[key]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled  # between rows, never onto one

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        data.setData(ROW_MIME, QByteArray(str(rows[0] if rows else -1).encode("ascii")))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:  # noqa: ARG002 - Qt's signature
        if action != Qt.DropAction.MoveAction or not data.hasFormat(ROW_MIME):
            return False
        try:
            source = int(bytes(data.data(ROW_MIME).data()).decode("ascii"))
        except ValueError:
            return False
        if not 0 <= source < len(self._rows):
            return False
        if row < 0:  # dropped onto a row (before it) or below the last one (the end)
            row = parent.row() if parent.isValid() else len(self._rows)
        self.move_requested.emit(source, row)
        return True


def entry_view(model: EntryListModel) -> QListView:
    """The list, large, dragging rows between rows (a line shows where the row will go)."""
    view = QListView()
    view.setModel(model)
    view.setAccessibleName("Exercises in this routine")
    set_font(view, BODY)
    view.setIconSize(STILL_SIZE)
    view.setSpacing(SPACE_XS)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setDragEnabled(True)
    view.setAcceptDrops(True)
    view.setDropIndicatorShown(True)
    view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
    view.setDefaultDropAction(Qt.DropAction.MoveAction)
    view.setDragDropOverwriteMode(False)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setWordWrap(True)
    return view


def moved_to(source: int, before: int) -> int:
    """Where a row dragged from ``source`` to the place before row ``before`` ends up."""
    return before - 1 if before > source else before
