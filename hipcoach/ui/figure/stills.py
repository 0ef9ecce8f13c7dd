"""Stills of the exercise figure: painted into any rectangle (the report) or shown as a widget (the chooser's
routine details, the Exercises page, "Reduce motion" on the session page).

Two poses side by side share one scale (the frame of the whole movement), so the start and the top of a movement
can be compared at a glance. The widget follows the window's palette, so it is right in a light and a dark theme.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from hipcoach.core.figure.body import BodySide
from hipcoach.core.figure.description import START, ExerciseFigure
from hipcoach.core.figure.motion import still
from hipcoach.ui.figure.colours import FigureColours, colours_for
from hipcoach.ui.figure.painter import figure_bounds, paint_figure

GAP = 0.06  # between two stills, of the width of one


def stills_aspect(figure: ExerciseFigure, count: int = 1) -> float:
    """Width over height of ``count`` stills of ``figure`` side by side."""
    frame = figure_bounds(figure)
    return (count + GAP * (count - 1)) * frame.width / max(1e-9, frame.height)


def paint_stills(
    painter: QPainter,
    rect: QRectF,
    figure: ExerciseFigure,
    side: BodySide | None,
    poses: Sequence[str] = (START,),
    *,
    colours: FigureColours | None = None,
) -> None:
    """``poses`` (keyframe names) of ``figure`` on ``side``, side by side in ``rect`` at one scale."""
    on = figure.for_side(side)
    count = max(1, len(poses))
    width = rect.width() / (count + GAP * (count - 1))
    for k, name in enumerate(poses):
        box = QRectF(rect.left() + k * width * (1 + GAP), rect.top(), width, rect.height())
        paint_figure(painter, box, on, still(on, name), colours=colours, frame=figure_bounds(on))


class FigureStill(QWidget):
    """One exercise's figure at rest: its start pose, or several poses side by side. Empty without a figure."""

    def __init__(
        self,
        figure: ExerciseFigure | None = None,
        side: BodySide | None = None,
        poses: Sequence[str] = (START,),
        *,
        name: str = "",
        height: int = 120,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._figure = figure
        self._side = side
        self._on = figure.for_side(side) if figure is not None else None  # mirrored once, not at every paint
        self._poses = tuple(poses)
        self._height = height
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
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
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        if self._figure is None:
            return QSize(0, 0)
        aspect = stills_aspect(self._figure, len(self._poses))
        return QSize(round(self._height * aspect), self._height)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

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
