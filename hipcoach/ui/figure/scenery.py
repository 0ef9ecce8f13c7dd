"""The pictures of a figure's still parts (the window's colour, the floor, the props that do not move), kept for the
figure on the session page and the one that comes next.

A frame copies the part it repaints from its figure's picture instead of painting the still parts again. The next
figure's picture is painted a moment after a change of phase, while nothing else happens (``SessionFigure``'s
warm-up), so the first frame of the next exercise is a copy too: painted there, at the change of phase, it was a few
milliseconds of the GUI thread on top of the page's own work (docs/speech.md, "GUI stalls").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from PySide6.QtGui import QPainter, QPixmap

from hipcoach.ui.figure.painter import paint_scenery

if TYPE_CHECKING:
    from PySide6.QtCore import QRectF
    from PySide6.QtWidgets import QWidget

    from hipcoach.core.figure.description import ExerciseFigure
    from hipcoach.ui.figure.colours import FigureColours

KEPT: Final = 2
"""The figure shown and the next one: a picture is the widget's size (a few MiB at full screen)."""


class SceneryPictures:
    def __init__(self) -> None:
        self._pictures: dict[tuple[object, ...], QPixmap] = {}  # the one asked for last is last

    def __len__(self) -> int:
        return len(self._pictures)

    def picture(self, widget: QWidget, figure: ExerciseFigure, colours: FigureColours, rect: QRectF) -> QPixmap:
        """The still parts of ``figure`` fitted to ``rect`` in ``widget`` as it is now (size, pixel ratio,
        palette), painted once and kept while they stay the same."""
        ratio = widget.devicePixelRatioF()
        key = (id(figure), widget.width(), widget.height(), ratio, rect.getRect(), widget.palette().cacheKey())
        picture = self._pictures.pop(key, None)
        if picture is None:
            picture = QPixmap(round(widget.width() * ratio), round(widget.height() * ratio))
            picture.setDevicePixelRatio(ratio)
            picture.fill(widget.palette().window().color())
            painter = QPainter(picture)
            try:
                paint_scenery(painter, rect, figure, colours=colours)
            finally:
                painter.end()
        self._pictures[key] = picture
        while len(self._pictures) > KEPT:
            del self._pictures[next(iter(self._pictures))]
        return picture
