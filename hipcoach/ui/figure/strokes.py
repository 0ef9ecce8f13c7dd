"""Thick lines with round ends, drawn cheaply enough for a full-screen figure 20 times a second.

A round-capped pen as wide as a full-screen limb costs Qt's raster engine about ten times as much as a flat line and
two discs; on a raster device the discs are copied from small pictures drawn once per size, colour and quarter-pixel
position. A PDF (or any other device) gets real ellipses, so it stays vector.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen


def capsule(
    painter: QPainter, p: QPointF, q: QPointF, width: float, colour: QColor, *, raster: bool, start: bool = True
) -> None:
    """A thick line with round ends. Drawn as a flat line and discs: a round-capped pen of this width costs the
    raster engine about ten times as much, and a full-screen frame must stay within a couple of milliseconds.
    ``start`` False leaves out the disc at ``p`` where the segment before it in the chain has drawn one."""
    painter.setPen(_flat_pen(colour, width))
    painter.drawLine(p, q)
    radius = width / 2
    if start:
        _disc(painter, p, radius, colour, raster=raster)
    _disc(painter, q, radius, colour, raster=raster)


_pens: dict[tuple[int, float], QPen] = {}


def _flat_pen(colour: QColor, width: float) -> QPen:
    """A flat-capped pen, made once per colour and width: a frame uses the same few dozens of times."""
    key = (colour.rgba(), width)
    pen = _pens.get(key)
    if pen is None:
        if len(_pens) > 256:
            _pens.clear()
        pen = _pens[key] = QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
    return pen


_discs: dict[tuple[int, int, int, int], QImage] = {}
_STEPS = 4  # a disc's position is kept to a quarter of a pixel, so it meets its line without a visible step


def _disc(painter: QPainter, centre: QPointF, radius: float, colour: QColor, *, raster: bool) -> None:
    """A filled disc. On a raster device it is copied from a picture drawn once per size, colour and quarter-pixel
    position: turning an ellipse into a path is most of what a joint costs, dozens of times a frame. A PDF (or any
    other device) gets a real ellipse."""
    if radius < 2 or not raster:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        painter.drawEllipse(centre, radius, radius)
        return
    left, top = centre.x() - radius - 1, centre.y() - radius - 1
    x, y = math.floor(left), math.floor(top)
    fx, fy = round((left - x) * _STEPS), round((top - y) * _STEPS)
    size = math.ceil(2 * radius) + 3
    key = (size, colour.rgba(), fx, fy)
    sprite = _discs.get(key)
    if sprite is None:
        if len(_discs) > 512:
            _discs.clear()
        sprite = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        sprite.fill(Qt.GlobalColor.transparent)
        drawing = QPainter(sprite)
        drawing.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        drawing.setPen(Qt.PenStyle.NoPen)
        drawing.setBrush(QBrush(colour))
        drawing.drawEllipse(QPointF(radius + 1 + fx / _STEPS, radius + 1 + fy / _STEPS), radius, radius)
        drawing.end()
        _discs[key] = sprite
    painter.drawImage(QPointF(x, y), sprite)
