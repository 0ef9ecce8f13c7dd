"""Stills of the exercise figure: painted into any rectangle (the report) or shown as a widget (the chooser's
routine details, the Exercises page, "Reduce motion" on the session page).

Two poses side by side share one scale (the frame of the whole movement), so the start and the top of a movement
can be compared at a glance. The widget follows the window's palette, so it is right in a light and a dark theme.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from hipcoach.core.figure.body import BodySide
from hipcoach.core.figure.description import ExerciseFigure
from hipcoach.core.figure.motion import body_side, still
from hipcoach.core.model import Entry
from hipcoach.ui.figure.colours import FigureColours, colours_for
from hipcoach.ui.figure.painter import figure_bounds, paint_figure

GAP = 0.06  # between two stills, of the width of one
NUMBER_SIZE = 1.3  # BODY of the type scale (ui/design.py), which this package may not import; a test holds them equal


def stills_aspect(figure: ExerciseFigure, count: int = 1) -> float:
    """Width over height of ``count`` stills of ``figure`` side by side."""
    frame = figure_bounds(figure)
    return (count + GAP * (count - 1)) * frame.width / max(1e-9, frame.height)


def paint_stills(
    painter: QPainter,
    rect: QRectF,
    figure: ExerciseFigure,
    side: BodySide | None,
    poses: Sequence[str] | None = None,
    *,
    colours: FigureColours | None = None,
) -> None:
    """``poses`` (keyframe names) of ``figure`` on ``side``, side by side in ``rect`` at one scale; by default the
    one pose that says which exercise it is (``ExerciseFigure.likeness``)."""
    on = figure.for_side(side)
    poses = poses if poses is not None else (figure.likeness,)
    count = max(1, len(poses))
    width = rect.width() / (count + GAP * (count - 1))
    for k, name in enumerate(poses):
        box = QRectF(rect.left() + k * width * (1 + GAP), rect.top(), width, rect.height())
        paint_figure(painter, box, on, still(on, name), colours=colours, frame=figure_bounds(on))


class FigureStill(QWidget):
    """One exercise's figure at rest: by default its likeness (its start, or a stretch as
    held), or several poses side by side. Empty without a figure."""

    def __init__(
        self,
        figure: ExerciseFigure | None = None,
        side: BodySide | None = None,
        poses: Sequence[str] | None = None,
        *,
        name: str = "",
        height: int = 120,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._figure = figure
        self._side = side
        self._on = figure.for_side(side) if figure is not None else None  # mirrored once, not at every paint
        self._poses = tuple(poses) if poses is not None else (figure.likeness,) if figure is not None else ()
        self._default_poses = poses is None
        self._height = height
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)  # narrower than its picture, it keeps the picture's shape, smaller
        self.setSizePolicy(policy)
        self.setAccessibleName(f"Picture of {name}" if name else "Picture of the exercise")

    def figure(self) -> ExerciseFigure | None:
        return self._figure

    def poses(self) -> tuple[str, ...]:
        return self._poses

    def set_figure(self, figure: ExerciseFigure | None, side: BodySide | None = None) -> None:
        if (figure, side) == (self._figure, self._side):
            return
        self._figure, self._side = figure, side
        self._on = figure.for_side(side) if figure is not None else None
        if self._default_poses:
            self._poses = (figure.likeness,) if figure is not None else ()
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        if self._figure is None:
            return QSize(0, 0)
        aspect = stills_aspect(self._figure, len(self._poses))
        return QSize(round(self._height * aspect), self._height)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0) if self._figure is None else QSize(80, 40)

    def hasHeightForWidth(self) -> bool:
        return self._figure is not None

    def heightForWidth(self, width: int) -> int:
        if self._figure is None:
            return 0
        return min(self._height, round(width / stills_aspect(self._figure, len(self._poses))))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002 - Qt's signature
        if self._on is None:
            return
        painter = QPainter(self)
        try:
            paint_stills(
                painter,
                QRectF(self.contentsRect()),
                self._on,
                None,
                self._poses,
                colours=colours_for(self.palette()),
            )
        finally:
            painter.end()


class FigureStrip(QWidget):
    """A still of each exercise of a routine, numbered as the routine's list is, in as many rows as the width
    needs (the chooser's routine details). One widget paints them all: a routine of twelve costs one paint."""

    CELL_WIDTH = 128
    CELL_HEIGHT = 80
    NUMBER_WIDTH = 34

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cells: list[tuple[int, ExerciseFigure]] = []  # (number in the routine, figure on the side shown)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName("Pictures of the exercises")

    def set_entries(self, entries: Sequence[Entry]) -> None:
        """The routine's entries (none: empty); an exercise without a figure keeps its number and has no still."""
        cells: list[tuple[int, ExerciseFigure]] = []
        for number, entry in enumerate(entries, start=1):
            figure = entry.exercise.movement.figure
            if figure is not None:
                sides = entry.sides
                cells.append((number, figure.for_side(body_side(sides[0]) if sides else None)))
        self._cells = cells
        self.setToolTip("\n".join(f"{number}. {entries[number - 1].exercise.name}" for number, _ in cells))
        self.updateGeometry()
        self.update()

    def count(self) -> int:
        """How many stills are shown."""
        return len(self._cells)

    def poses(self) -> list[tuple[ExerciseFigure, str]]:
        """Each still as the figure on its side and the keyframe shown (a test checks what is drawn)."""
        return [(figure, figure.likeness) for _, figure in self._cells]

    def _columns(self, width: int) -> int:
        return max(1, width // self.CELL_WIDTH)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if not self._cells:
            return 0
        rows = -(-len(self._cells) // self._columns(width))
        return rows * self.CELL_HEIGHT

    def sizeHint(self) -> QSize:
        return QSize(self.CELL_WIDTH * 4, self.heightForWidth(self.CELL_WIDTH * 4))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002 - Qt's signature
        if not self._cells:
            return
        painter = QPainter(self)
        try:
            colours = colours_for(self.palette())
            columns = self._columns(self.width())
            font = painter.font()
            font.setPointSizeF(max(8.0, font.pointSizeF()) * NUMBER_SIZE)  # as big as the routine's list beside it
            font.setBold(True)
            painter.setFont(font)
            for k, (number, figure) in enumerate(self._cells):
                x = (k % columns) * self.CELL_WIDTH
                y = (k // columns) * self.CELL_HEIGHT
                painter.setPen(colours.near)
                painter.drawText(QRectF(x, y + 4, self.NUMBER_WIDTH, 24), Qt.AlignmentFlag.AlignLeft, f"{number}.")
                box = QRectF(
                    x + self.NUMBER_WIDTH, y + 4, self.CELL_WIDTH - self.NUMBER_WIDTH - 8, self.CELL_HEIGHT - 8
                )
                paint_stills(painter, box, figure, None, colours=colours)
        finally:
            painter.end()
