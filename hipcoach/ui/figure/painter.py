"""Painting one frame of the exercise figure: vector and anti-aliased, scaled to any rectangle.

``paint_figure`` computes everything from the pose at paint time, so the same call serves a 64-pixel still and a
full-screen figure; what does not change between frames (the bones' sides, the pens, the discs) is made once, as a
moving figure is painted up to 20 times a second. It is two parts, so that the session page can keep the first as a
picture: ``paint_scenery`` (the floor and the props that do not move) and ``paint_body`` (the body and the props
moving with it, and only the segments that reach into the box a frame repaints). The frame (``props.bounds``) is
fixed for the whole movement, so the figure never zooms while it moves. Segments are drawn from the farthest to the
nearest, the far limbs in a softer shade, the limb that works in the accent colour."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPaintEngine, QPainter, QPainterPath, QPen, QPolygonF

from hipcoach.core.figure.body import BONES, BodySide, Pose, Skeleton, Vec, View, forward_kinematics
from hipcoach.core.figure.description import ExerciseFigure, Prop, per_figure
from hipcoach.core.figure.props import MAT_THICKNESS, Bounds, Shape, bounds, moving_shapes, static_shapes
from hipcoach.ui.figure.colours import FigureColours, light_colours
from hipcoach.ui.figure.strokes import capsule


class Style(enum.StrEnum):
    LINE = "line"  # a clean line figure: the app's pictures
    SOLID = "solid"  # a person: outlined limbs, clothes, a face (test footage for a pose detector)


LIMB_WIDTH = 0.05  # of the body's height
TRUNK_WIDTH = 0.085
HEAD_RADIUS = 0.062
BANDS: Final = frozenset({Prop.BAND, Prop.ANKLE_BAND})  # in the accent colour: what the leg works against
_WORKING_SEGMENTS = {  # the whole limb whose joint works: a knee bent in a stretch is seen as that leg's
    "hip": ("thigh", "shank", "foot"),
    "knee": ("thigh", "shank", "foot"),
    "ankle": ("thigh", "shank", "foot"),
    "shoulder": ("upper_arm", "forearm", "hand"),
    "elbow": ("upper_arm", "forearm", "hand"),
    "wrist": ("upper_arm", "forearm", "hand"),
    "lumbar": ("pelvis", "trunk"),
    "neck": ("neck", "head"),
}
_CLOTHES = {
    "pelvis": "trousers",
    "trunk": "shirt",
    "neck": "skin",
    "upper_arm": "shirt",
    "forearm": "skin",
    "hand": "skin",
    "thigh": "trousers",
    "shank": "trousers",
    "foot": "shoes",
}
_SOLID_WIDTH = {
    "pelvis": 0.1,
    "trunk": 0.11,
    "neck": 0.045,
    "upper_arm": 0.05,
    "forearm": 0.042,
    "hand": 0.035,
    "thigh": 0.072,
    "shank": 0.055,
    "foot": 0.04,
}

_CHAIN_STARTS = frozenset({"pelvis", "thigh", "upper_arm"})
"""The segments that begin a chain; every other one starts where the one before it ended, which drew that disc."""

_SIDED_BONES: Final = tuple(
    (name, start, end, BodySide(start.split("_")[0]) if start.split("_")[0] in ("left", "right") else None)
    for name, start, end in BONES
)
"""``BONES`` with the side of each, worked out once rather than at every frame."""


@dataclass(frozen=True)
class _Mapping:
    scale: float
    dx: float
    dy: float

    def point(self, x: float, y: float) -> QPointF:
        return QPointF(self.dx + x * self.scale, self.dy - y * self.scale)


FRAME_MARGIN: Final = 0.02
"""Room between the painted figure and its picture's edge, in body heights (a few pixels at the session page's
size), beyond the limbs' thickness and the head (``LIMB_REACH``, ``HEAD_REACH``)."""


@per_figure
def figure_bounds(figure: ExerciseFigure) -> Bounds:
    """``props.bounds`` of ``figure`` as painted (the limbs' thickness and the head beyond their joints), computed
    once per figure object (a frame is painted many times)."""
    return bounds(figure, FRAME_MARGIN, reach=LIMB_REACH, head=HEAD_REACH)


def paint_figure(
    painter: QPainter,
    rect: QRectF,
    figure: ExerciseFigure,
    pose: Pose,
    *,
    colours: FigureColours | None = None,
    style: Style = Style.LINE,
    frame: Bounds | None = None,
    skeleton: Skeleton | None = None,
) -> None:
    """Paint ``pose`` of ``figure`` (already on its side: ``figure.for_side(side)``) centred in ``rect``.

    ``frame`` is the world rectangle to fit (default: the figure's whole movement, cached per figure); pass the
    same one for two figures painted side by side to draw them at one scale. ``skeleton`` is the pose's
    ``forward_kinematics``, when the caller has already worked it out (the session page does, to tell whether a
    frame is worth painting)."""
    colours = colours or light_colours()
    paint_scenery(painter, rect, figure, colours=colours, frame=frame)
    if skeleton is None:
        skeleton = forward_kinematics(pose, figure.view)
    paint_body(painter, rect, figure, skeleton, colours=colours, style=style, frame=frame)


def paint_scenery(
    painter: QPainter, rect: QRectF, figure: ExerciseFigure, *, colours: FigureColours, frame: Bounds | None = None
) -> None:
    """What stays the same through a movement: the background, the floor and the props that do not move. The
    session page paints it once per size into a picture and copies the part a frame repaints from it."""
    mapping = _fit(rect, frame or figure_bounds(figure))
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if colours.background is not None:
            painter.fillRect(rect, colours.background)
        painter.setClipRect(rect)
        _paint_ground(painter, rect, mapping, figure, colours)
        for shape in _static(figure):
            _paint_shape(painter, mapping, shape, colours)
    finally:
        painter.restore()


def paint_body(
    painter: QPainter,
    rect: QRectF,
    figure: ExerciseFigure,
    skeleton: Skeleton,
    *,
    colours: FigureColours,
    style: Style = Style.LINE,
    frame: Bounds | None = None,
    within: QRectF | None = None,
) -> None:
    """The body and the props moving with it, over the scenery. ``within`` (the line style only) leaves out the
    segments that do not reach into that box: the session page repaints only the box of the limbs that moved, and a
    segment outside it would be clipped away, after costing its Python calls."""
    mapping = _fit(rect, frame or figure_bounds(figure))
    engine = painter.paintEngine()
    raster = engine is not None and engine.type() == QPaintEngine.Type.Raster
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setClipRect(rect)
        if style is Style.SOLID:
            _paint_solid(painter, mapping, figure, skeleton, colours, raster=raster)
        else:
            _paint_lines(painter, mapping, figure, skeleton, colours, raster=raster, within=within)
        for shape in moving_shapes(figure, skeleton):
            _paint_shape(painter, mapping, shape, colours, accent=shape.prop in BANDS)
    finally:
        painter.restore()


@per_figure
def _static(figure: ExerciseFigure) -> tuple[Shape, ...]:
    return static_shapes(figure)


def _fit(rect: QRectF, world: Bounds) -> _Mapping:
    scale = min(rect.width() / world.width, rect.height() / world.height)
    dx = rect.center().x() - (world.x0 + world.width / 2) * scale
    dy = rect.center().y() + (world.y0 + world.height / 2) * scale
    return _Mapping(scale, dx, dy)


def picture_point(rect: QRectF, figure: ExerciseFigure, x: float, y: float, frame: Bounds | None = None) -> QPointF:
    """Where the body point (x, y) lands in a figure painted into ``rect`` (to place a label, or in a test)."""
    return _fit(rect, frame or figure_bounds(figure)).point(x, y)


def picture_scale(rect: QRectF, figure: ExerciseFigure, frame: Bounds | None = None) -> float:
    """Pixels per body height of a figure painted into ``rect``."""
    return _fit(rect, frame or figure_bounds(figure)).scale


def drawn_extent(
    rect: QRectF, figure: ExerciseFigure, skeleton: Skeleton, frame: Bounds | None = None
) -> tuple[tuple[float, ...], QRectF]:
    """Where the joints of ``skeleton`` land in ``rect`` (x, y, x, y, ...), and the box that the body and the props
    moving with it cover there, the limbs' thickness and the head included: what one frame of a movement changes.
    The session page compares the points to paint a frame only when something moved, and repaints only the box."""
    mapping = _fit(rect, frame or figure_bounds(figure))
    scale, dx, dy = mapping.scale, mapping.dx, mapping.dy
    points: list[float] = []
    for x, y, _z in skeleton.points.values():
        points += (dx + x * scale, dy - y * scale)
    xs, ys = points[0::2], points[1::2]
    for shape in moving_shapes(figure, skeleton):
        for x, y in ((shape.x0, shape.y0), (shape.x1, shape.y1)):
            xs.append(dx + x * scale)
            ys.append(dy - y * scale)
    margin = _EXTENT_MARGIN * scale + 3.0
    box = QRectF(min(xs) - margin, min(ys) - margin, max(xs) - min(xs) + 2 * margin, max(ys) - min(ys) + 2 * margin)
    return tuple(points), box


_EXTENT_MARGIN: Final = 1.4 * HEAD_RADIUS  # how far paint reaches past a joint: the head and its nose, the widest
LIMB_REACH: Final = TRUNK_WIDTH / 2  # how far a limb's or the trunk's paint reaches past its line (the line style)
HEAD_REACH: Final = _EXTENT_MARGIN  # and the head's, with its nose, past the line from its base to its top


@per_figure
def working_segments(figure: ExerciseFigure) -> frozenset[tuple[str, BodySide | None]]:
    """The segments drawn in the accent colour: the whole limb of the working joint (both limbs when both work)."""
    work = figure.work
    names = _WORKING_SEGMENTS.get(work.joint, ())
    if work.joint in ("lumbar", "neck"):
        return frozenset((name, None) for name in names)
    sides = (work.side,) if work.side is not None else tuple(BodySide)
    return frozenset((name, side) for name in names for side in sides)


def _bones(skeleton: Skeleton) -> list[tuple[float, str, BodySide | None, Vec, Vec]]:
    """Every segment with its depth (the far ones first) and its side."""
    points = skeleton.points
    found = []
    for name, start, end, side in _SIDED_BONES:
        a, b = points[start], points[end]
        found.append(((a[2] + b[2]) / 2, name, side, a, b))
    found.sort(key=lambda bone: bone[0])
    return found


def _reaches(mapping: _Mapping, a: Vec, b: Vec, reach: float, box: QRectF) -> bool:
    """Whether a segment from ``a`` to ``b``, painted up to ``reach`` pixels past its line, reaches into ``box``."""
    ax, ay = mapping.dx + a[0] * mapping.scale, mapping.dy - a[1] * mapping.scale
    bx, by = mapping.dx + b[0] * mapping.scale, mapping.dy - b[1] * mapping.scale
    return (
        min(ax, bx) - reach < box.right()
        and max(ax, bx) + reach > box.left()
        and min(ay, by) - reach < box.bottom()
        and max(ay, by) + reach > box.top()
    )


def _is_far(view: View, depth: float) -> bool:
    return depth < -0.01 if view is View.SIDE else depth < -0.05


def _paint_lines(
    painter: QPainter,
    mapping: _Mapping,
    figure: ExerciseFigure,
    skeleton: Skeleton,
    colours: FigureColours,
    *,
    raster: bool,
    within: QRectF | None = None,
) -> None:
    working = working_segments(figure)
    width = LIMB_WIDTH * mapping.scale
    reach, head_reach = LIMB_REACH * mapping.scale + 2.0, HEAD_REACH * mapping.scale + 2.0
    for depth, name, side, a, b in _bones(skeleton):
        if within is not None and not _reaches(mapping, a, b, head_reach if name == "head" else reach, within):
            continue
        far = _is_far(figure.view, depth)
        if (name, side) in working:
            colour = colours.accent_far if far else colours.accent
        else:
            colour = colours.far if far else colours.near
        if name == "head":
            _paint_head(painter, mapping, skeleton, colours, colour, solid=False)
            continue
        segment_width = TRUNK_WIDTH * mapping.scale if name in ("pelvis", "trunk") else width
        p, q = mapping.point(a[0], a[1]), mapping.point(b[0], b[1])
        capsule(painter, p, q, segment_width, colour, raster=raster, start=name in _CHAIN_STARTS)
    if figure.view is not View.SIDE:
        _paint_hip_bar(painter, mapping, skeleton, colours.near, TRUNK_WIDTH * mapping.scale * 0.8, raster=raster)


def _paint_hip_bar(
    painter: QPainter, mapping: _Mapping, skeleton: Skeleton, colour: QColor, width: float, *, raster: bool
) -> None:
    """In the front view the hips and shoulders are a bar between the two joints."""
    for left, right in (("left_hip", "right_hip"), ("left_shoulder", "right_shoulder")):
        a, b = skeleton[left], skeleton[right]
        capsule(painter, mapping.point(a[0], a[1]), mapping.point(b[0], b[1]), width, colour, raster=raster)


def _paint_solid(
    painter: QPainter,
    mapping: _Mapping,
    figure: ExerciseFigure,
    skeleton: Skeleton,
    colours: FigureColours,
    *,
    raster: bool,
) -> None:
    working = working_segments(figure)
    outline = max(1.5, 0.008 * mapping.scale)
    bones = _bones(skeleton)
    if figure.view is not View.SIDE:
        _paint_torso(painter, mapping, skeleton, colours, outline)
    for depth, name, side, a, b in bones:
        if name == "head":
            _paint_head(painter, mapping, skeleton, colours, colours.skin, solid=True)
            continue
        if figure.view is not View.SIDE and name in ("pelvis", "trunk"):
            continue
        colour = QColor(getattr(colours, _CLOTHES[name]))
        if (name, side) in working and name != "foot":
            colour = colours.accent
        if _is_far(figure.view, depth):
            colour = colour.darker(135)
        width = _SOLID_WIDTH[name] * mapping.scale
        p, q = mapping.point(a[0], a[1]), mapping.point(b[0], b[1])
        capsule(painter, p, q, width + 2 * outline, colours.outline, raster=raster)
        capsule(painter, p, q, width, colour, raster=raster)


def _paint_torso(
    painter: QPainter, mapping: _Mapping, skeleton: Skeleton, colours: FigureColours, outline: float
) -> None:
    """The front view's trunk: a shirt from the shoulders to the waist and trousers over the hips."""
    ls, rs, lh, rh = (skeleton[n] for n in ("left_shoulder", "right_shoulder", "left_hip", "right_hip"))
    lumbar = skeleton["lumbar"]
    hips = skeleton["hips"]
    waist_l = (lh[0] + lumbar[0] - hips[0], lh[1] + lumbar[1] - hips[1])
    waist_r = (rh[0] + lumbar[0] - hips[0], rh[1] + lumbar[1] - hips[1])
    pen = QPen(colours.outline, outline)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    for points, colour in (
        ((waist_l, waist_r, (rh[0], rh[1]), (lh[0], lh[1])), colours.trousers),
        (((ls[0], ls[1]), (rs[0], rs[1]), waist_r, waist_l), colours.shirt),
    ):
        painter.setBrush(QBrush(colour))
        painter.drawPolygon(QPolygonF([mapping.point(x, y) for x, y in points]))


def _paint_head(
    painter: QPainter, mapping: _Mapping, skeleton: Skeleton, colours: FigureColours, colour: QColor, *, solid: bool
) -> None:
    """A round head; in the solid style with hair at the back and a face: in profile in the side view (an eye and a
    mouth on the side the figure faces), from the front otherwise (two eyes and a smile)."""
    base, top = skeleton["head_base"], skeleton["head_top"]
    cx, cy = (base[0] + top[0]) / 2, (base[1] + top[1]) / 2
    radius = HEAD_RADIUS * mapping.scale
    centre = mapping.point(cx, cy)
    painter.setPen(QPen(colours.outline, max(1.5, 0.008 * mapping.scale)) if solid else Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(colours.skin if solid else colour))
    painter.drawEllipse(centre, radius, radius)
    length = math.hypot(top[0] - base[0], top[1] - base[1]) or 1.0
    ux, uy = (top[0] - base[0]) / length, (top[1] - base[1]) / length  # up the head
    fx, fy, fz = skeleton.front  # where the face looks, in the side view: the body's front
    profile = abs(fz) < 0.5
    if profile:
        # the face turned a quarter from "up the head" towards the front
        side = 1.0 if (fx * uy - fy * ux) < 0 else -1.0
        fx, fy = -uy * side, ux * side
    if not solid:
        if profile:  # a nose, so the way the figure faces (and so which way a leg moves) is never in doubt
            nose = mapping.point(cx + fx * HEAD_RADIUS * 0.95, cy + fy * HEAD_RADIUS * 0.95)
            painter.drawEllipse(nose, radius * 0.32, radius * 0.32)
        return
    box = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
    up_angle = math.degrees(math.atan2(uy, ux))
    hair = QPainterPath()
    hair.moveTo(centre)
    if profile:
        back = math.degrees(math.atan2(-fy, -fx))
        hair.arcTo(box, back - 75, 150)
    else:
        hair.arcTo(box, up_angle - 75, 150)
    hair.closeSubpath()
    painter.setBrush(QBrush(colours.hair))
    painter.drawPath(hair)
    painter.setBrush(QBrush(colours.outline))
    dot = radius * 0.12
    if profile:
        eye = mapping.point(cx + fx * 0.035 + ux * 0.012, cy + fy * 0.035 + uy * 0.012)
        painter.drawEllipse(eye, dot, dot)
        painter.drawLine(
            mapping.point(cx + fx * 0.03 - ux * 0.03, cy + fy * 0.03 - uy * 0.03),
            mapping.point(cx + fx * 0.05 - ux * 0.025, cy + fy * 0.05 - uy * 0.025),
        )
        return
    sx, sy = uy, -ux  # across the face
    for k in (-1, 1):
        eye = mapping.point(cx + k * sx * 0.022 + ux * 0.008, cy + k * sy * 0.022 + uy * 0.008)
        painter.drawEllipse(eye, dot, dot)
    mouth = QPainterPath()
    mouth.moveTo(mapping.point(cx - sx * 0.018 - ux * 0.025, cy - sy * 0.018 - uy * 0.025))
    mouth.quadTo(
        mapping.point(cx - ux * 0.038, cy - uy * 0.038),
        mapping.point(cx + sx * 0.018 - ux * 0.025, cy + sy * 0.018 - uy * 0.025),
    )
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(mouth)


def _paint_ground(
    painter: QPainter, rect: QRectF, mapping: _Mapping, figure: ExerciseFigure, colours: FigureColours
) -> None:
    if figure.view is View.TOP:
        return
    floor = mapping.point(0.0, -MAT_THICKNESS).y() + max(1.0, LIMB_WIDTH * mapping.scale / 2)
    painter.setPen(QPen(colours.floor, max(1.0, 0.006 * mapping.scale)))
    painter.drawLine(QPointF(rect.left(), floor), QPointF(rect.right(), floor))


def _paint_shape(
    painter: QPainter, mapping: _Mapping, shape: Shape, colours: FigureColours, *, accent: bool = False
) -> None:
    colour = colours.accent if accent else colours.prop
    width = max(1.0, 0.018 * mapping.scale)
    painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap, Qt.PenJoinStyle.MiterJoin))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    lift = LIMB_WIDTH * mapping.scale / 2  # the body's joints rest on a surface by the limbs' half thickness
    if shape.kind == "line":
        painter.drawLine(mapping.point(shape.x0, shape.y0), mapping.point(shape.x1, shape.y1))
    elif shape.kind == "circle":
        ry = shape.y1 or shape.x1
        painter.drawEllipse(mapping.point(shape.x0, shape.y0), shape.x1 * mapping.scale, ry * mapping.scale)
    elif shape.prop is Prop.MAT:
        top_left = mapping.point(shape.x0, shape.y1)
        bottom_right = mapping.point(shape.x1, shape.y0)
        box = QRectF(top_left, bottom_right).translated(0, lift)
        painter.fillRect(box.adjusted(0, -2, 0, 2), colours.mat)
    else:
        top_left = mapping.point(shape.x0, shape.y1)
        bottom_right = mapping.point(shape.x1, shape.y0)
        box = QRectF(top_left, bottom_right)
        if shape.solid and shape.prop in (Prop.CHAIR, Prop.BIKE, Prop.ROWER):
            box = box.translated(0, lift)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        painter.drawRect(box)
