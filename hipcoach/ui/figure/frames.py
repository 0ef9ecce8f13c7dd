"""The session page's frames, kept by their position in the movement (docs/figure.md, "Work done once per frame, and
once per movement").

Frames fall on one grid of the phase, so every rep after the first asks for the same positions as the first: the
pose there, where its joints land and the box it covers are worked out once per position, the box a frame repaints
once per pair of positions (the one on screen, the one coming), and the pixels of a position's box (the scenery and
the body, painted whole) once, into a picture that every later frame at that position copies with one call instead
of painting the body again. Everything is kept for one figure, in one rectangle, at one pixel ratio and palette;
anything else clears it (a change of exercise or side, a resize, a change of theme). The pictures use at most
``PICTURE_BYTES``; past that, frames are painted as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QPainter, QPixmap

from hipcoach.ui.figure.painter import paint_body

if TYPE_CHECKING:
    from hipcoach.core.figure.body import Pose, Skeleton
    from hipcoach.core.figure.description import ExerciseFigure
    from hipcoach.core.plan import PhaseKind
    from hipcoach.ui.figure.colours import FigureColours

Key = tuple["PhaseKind", int]
"""A position in a movement: the kind of phase and how far along it is, in ``POSITION_STEPS``."""

PICTURE_BYTES: Final = 32 * 1024 * 1024
"""The most the pictures of one figure may take (32 MiB). The pictures of a rep of clamshells took 3.5 to 3.7 MiB
with the window at its default size (bench/bench_figure.py, part 4); at full screen on a 1920x1080 screen the
figure has about three times the pixels, so about 12 MiB."""

MOST_POSITIONS: Final = 2048
"""At most this many positions are kept (a movement has at most ``POSITION_STEPS`` + 1 of each kind)."""


@dataclass
class Drawn:
    """One position of the movement as drawn in the figure's rectangle: the pose and its skeleton, where its joints
    land (x, y, x, y, ...) and the box the body covers there; and, once painted, the picture of that box."""

    pose: Pose
    skeleton: Skeleton
    rect: QRectF
    points: tuple[float, ...]
    box: QRectF
    names: tuple[str, ...]  # the joints, in the order of ``points``
    picture: QPixmap | None = field(default=None, compare=False)
    at: QRect = field(default_factory=QRect, compare=False)  # where the picture goes in the widget


class FrameCache:
    """The drawn positions, the repainted boxes and the pictures of one figure in one rectangle."""

    def __init__(self) -> None:
        self._for: tuple[object, ...] | None = None
        self._drawn: dict[Key, Drawn] = {}
        self._boxes: dict[tuple[Key, Key], QRectF | None] = {}
        self.picture_bytes = 0
        self.pictures_copied = 0  # frames painted by copying a picture (a test and the benchmark count them)

    def use(self, key: tuple[object, ...]) -> None:
        """Keep what is kept only while ``key`` (the figure, the rectangle, the pixel ratio, the palette) holds."""
        if key != self._for:
            self.clear()
            self._for = key

    def clear(self) -> None:
        self._drawn.clear()
        self._boxes.clear()
        self.picture_bytes = 0

    def drawn(self, key: Key) -> Drawn | None:
        return self._drawn.get(key)

    def keep(self, key: Key, drawn: Drawn) -> Drawn:
        if len(self._drawn) >= MOST_POSITIONS:
            self.clear()
        self._drawn[key] = drawn
        return drawn

    def box(self, before: Key, after: Key) -> tuple[bool, QRectF | None]:
        """(known, the box a frame from ``before`` to ``after`` repaints; None: nothing moved a device pixel)."""
        pair = (before, after)
        return (True, self._boxes[pair]) if pair in self._boxes else (False, None)

    def keep_box(self, before: Key, after: Key, box: QRectF | None) -> None:
        if len(self._boxes) >= 4 * MOST_POSITIONS:
            self._boxes.clear()
        self._boxes[(before, after)] = box

    def paint(
        self,
        painter: QPainter,
        drawn: Drawn,
        figure: ExerciseFigure,
        *,
        scenery: QPixmap,
        colours: FigureColours,
        bounds: QRect,
    ) -> bool:
        """Copy ``drawn``'s picture into ``painter`` (painting it first, within the budget); False when there is no
        room for it, and the caller paints the body itself."""
        if drawn.picture is None and not self._picture(drawn, figure, scenery, colours, bounds):
            return False
        assert drawn.picture is not None
        painter.drawPixmap(QPointF(drawn.at.topLeft()), drawn.picture)
        self.pictures_copied += 1
        return True

    def _picture(
        self, drawn: Drawn, figure: ExerciseFigure, scenery: QPixmap, colours: FigureColours, bounds: QRect
    ) -> bool:
        """Paint the scenery and the whole body over ``drawn``'s box (within ``bounds``, the widget) into a picture,
        at whole-pixel offsets, so that it holds exactly the pixels a whole repaint gives there."""
        at = drawn.box.toAlignedRect().intersected(bounds)
        if at.isEmpty():
            return False
        ratio = scenery.devicePixelRatio()
        size = (round(at.width() * ratio), round(at.height() * ratio))
        cost = size[0] * size[1] * 4
        if self.picture_bytes + cost > PICTURE_BYTES:
            return False
        picture = QPixmap(*size)
        picture.setDevicePixelRatio(ratio)
        painter = QPainter(picture)
        try:
            painter.translate(-at.x(), -at.y())
            painter.drawPixmap(QPointF(0, 0), scenery)
            paint_body(painter, drawn.rect, figure, drawn.skeleton, colours=colours)
        finally:
            painter.end()
        drawn.picture, drawn.at = picture, at
        self.picture_bytes += cost
        return True
