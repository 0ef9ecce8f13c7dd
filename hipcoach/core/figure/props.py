"""The shapes of the props (mat, chair, wall, band, machines), in body units like the skeleton.

The machines are built around the body at its start pose (the saddle under the hips, the handlebar at the hands,
the crank at the pedals' centre), so they fit the figure whatever its keyframes; the rower's seat slides with the
hips. The painter draws these shapes; the tests check that no joint is inside one that is ``solid``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final

from hipcoach.core.figure.body import Skeleton, View, forward_kinematics
from hipcoach.core.figure.description import ExerciseFigure, Prop

MAT_THICKNESS: Final = 0.012
SEAT_HEIGHT: Final = 0.25  # a dining chair's seat, about the height of the back of the knee (0.285 H less a shoe)
SEAT_DEPTH: Final = 0.24
CHAIR_BACK: Final = 0.52  # the top of the chair's back above the floor
SITTING: Final = 0.1  # hips at most this far above the seat, over it, in the start pose: the figure sits on the chair


@dataclass(frozen=True)
class Shape:
    """A box (x0, y0)-(x1, y1), a line from (x0, y0) to (x1, y1) or a circle around (x0, y0) of radius x1.

    ``solid``: the body may touch it but not be inside it (a chair's seat, a wall)."""

    kind: str  # "box", "line", "circle"
    x0: float
    y0: float
    x1: float
    y1: float
    solid: bool = False
    prop: Prop = Prop.MAT

    def contains(self, x: float, y: float, margin: float = 0.0) -> bool:
        """True when (x, y) is inside a solid box by more than ``margin``."""
        if self.kind != "box" or not self.solid:
            return False
        return self.x0 + margin < x < self.x1 - margin and self.y0 + margin < y < self.y1 - margin


def static_shapes(figure: ExerciseFigure) -> tuple[Shape, ...]:
    """The props that do not move, in the figure's own coordinates (mirrored with it)."""
    start = forward_kinematics(figure.start, figure.view)
    shapes: list[Shape] = []
    for prop in figure.props:
        shapes.extend(_shapes(prop, figure, start))
    return tuple(shapes)


def moving_shapes(figure: ExerciseFigure, skeleton: Skeleton) -> tuple[Shape, ...]:
    """The parts of the props that move with the body in this frame: the band, the rower's seat and handle, the
    pedals and handles of the machines."""
    shapes: list[Shape] = []
    if Prop.BAND in figure.props:
        left, right = _above_knee(skeleton, "left"), _above_knee(skeleton, "right")
        shapes.append(Shape("line", left[0], left[1], right[0], right[1], prop=Prop.BAND))
    if Prop.ANKLE_BAND in figure.props:
        left, right = _above_ankle(skeleton, "left"), _above_ankle(skeleton, "right")
        shapes.append(Shape("line", left[0], left[1], right[0], right[1], prop=Prop.ANKLE_BAND))
    if Prop.ROWER in figure.props:
        hips = skeleton["hips"]
        shapes.append(Shape("box", hips[0] - 0.07, 0.16, hips[0] + 0.07, hips[1] - 0.04, solid=True, prop=Prop.ROWER))
        grip = _between(skeleton["left_wrist"], skeleton["left_fingers"], 0.4)
        front = figure.place
        shapes.append(Shape("line", front, 0.2, grip[0], grip[1], prop=Prop.ROWER))
        shapes.append(Shape("line", grip[0], grip[1] - 0.03, grip[0], grip[1] + 0.03, prop=Prop.ROWER))
    if figure.pedals is not None:
        cx, cy = figure.pedals.centre
        for side in ("left", "right"):
            ankle = skeleton[f"{side}_ankle"]
            sole = (ankle[0], ankle[1] - 0.039)
            if Prop.BIKE in figure.props:  # the crank from the axle to the pedal
                shapes.append(Shape("line", cx, cy, sole[0], sole[1], prop=Prop.BIKE))
            shapes.append(Shape("line", sole[0] - 0.035, sole[1], sole[0] + 0.035, sole[1], prop=figure.props[0]))
        if Prop.ELLIPTICAL in figure.props:
            for side in ("left", "right"):
                hand = skeleton[f"{side}_wrist"]
                ankle = skeleton[f"{side}_ankle"]
                # the handle swings on a pivot halfway up the post; the foot's rail runs to the post's foot
                shapes.append(Shape("line", figure.place, 0.5, hand[0], hand[1], prop=Prop.ELLIPTICAL))
                shapes.append(Shape("line", ankle[0], ankle[1] - 0.039, figure.place, 0.1, prop=Prop.ELLIPTICAL))
    return tuple(shapes)


def _between(a: tuple[float, float, float], b: tuple[float, float, float], t: float) -> tuple[float, float]:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _above_knee(skeleton: Skeleton, side: str) -> tuple[float, float]:
    return _between(skeleton[f"{side}_hip"], skeleton[f"{side}_knee"], 0.8)


def _above_ankle(skeleton: Skeleton, side: str) -> tuple[float, float]:
    return _between(skeleton[f"{side}_knee"], skeleton[f"{side}_ankle"], 0.85)


def _shapes(prop: Prop, figure: ExerciseFigure, start: Skeleton) -> list[Shape]:
    x = figure.place
    hips = start["hips"]
    facing = figure.start.facing
    if prop is Prop.MAT:
        return [Shape("box", -0.6, -MAT_THICKNESS, 0.6, 0.0, prop=prop)]
    if prop is Prop.WALL:
        away = 1.0 if x >= hips[0] else -1.0
        return [Shape("box", min(x, x + away * 0.05), 0.0, max(x, x + away * 0.05), 1.15, solid=True, prop=prop)]
    if prop is Prop.CHAIR:
        return _chair(x, start, figure.view)
    if prop is Prop.BIKE:
        assert figure.pedals is not None
        cx, cy = figure.pedals.centre
        saddle_y = hips[1] - 0.045
        bar = start["left_wrist"] if figure.start.facing > 0 else start["right_wrist"]
        return [
            Shape("box", hips[0] - 0.07, saddle_y - 0.025, hips[0] + 0.07, saddle_y, solid=True, prop=prop),
            Shape("line", hips[0], saddle_y - 0.025, cx, cy, prop=prop),
            Shape("line", cx, cy, bar[0], bar[1] - 0.03, prop=prop),
            Shape("line", bar[0] - 0.04 * facing, bar[1], bar[0] + 0.02 * facing, bar[1] - 0.02, prop=prop),
            Shape("circle", cx + facing * 0.24, 0.16, 0.13, 0.0, prop=prop),
            Shape("line", cx + facing * 0.24, 0.16, cx, cy, prop=prop),
            Shape("line", hips[0] - facing * 0.15, 0.0, cx + facing * 0.35, 0.0, prop=prop),
            Shape("line", cx, cy, cx, 0.0, prop=prop),
            Shape("circle", cx, cy, 0.03, 0.0, prop=prop),
        ]
    if prop is Prop.ELLIPTICAL:
        assert figure.pedals is not None
        cx, cy = figure.pedals.centre
        return [
            Shape("line", cx - facing * 0.3, 0.0, x + facing * 0.08, 0.0, prop=prop),
            Shape("line", x, 0.0, x, 0.85, prop=prop),
            Shape("line", x, 0.85, x - facing * 0.08, 0.9, prop=prop),
            Shape("circle", cx - facing * 0.22, 0.1, 0.09, 0.0, prop=prop),
            Shape("line", cx - facing * 0.22, 0.1, cx - facing * 0.22, 0.0, prop=prop),
        ]
    if prop is Prop.ROWER:
        feet = start["left_heel"]
        return [
            Shape("line", feet[0] - facing * 0.05, 0.14, feet[0] - facing * 0.95, 0.14, prop=prop),
            Shape("line", feet[0] - facing * 0.95, 0.0, feet[0] - facing * 0.95, 0.14, prop=prop),
            Shape("line", feet[0] + facing * 0.02, 0.0, feet[0] + facing * 0.02, 0.2, prop=prop),
            Shape("line", feet[0] + facing * 0.06, 0.02, feet[0] - facing * 0.03, 0.2, prop=prop),
            Shape("circle", x, 0.2, 0.1, 0.0, prop=prop),
            Shape("line", x, 0.0, feet[0], 0.0, prop=prop),
        ]
    return []  # a band moves with the legs: moving_shapes


def _chair(x: float, start: Skeleton, view: View) -> list[Shape]:
    """A chair: its seat, legs and back. In the side view a chair at the body's own x stands beside it (in depth),
    so it is drawn behind the figure and nothing can be inside it; its back is on the side of the hands. Otherwise
    the chair stands in front of or behind the body, its back towards the body."""
    half = SEAT_DEPTH / 2
    body_x = start["hips"][0]
    beside = view is View.SIDE and abs(body_x - x) < half + 0.05
    solid = not beside
    seat = Shape("box", x - half, SEAT_HEIGHT - 0.025, x + half, SEAT_HEIGHT, solid=solid, prop=Prop.CHAIR)
    legs = [
        Shape("line", x - half + 0.01, 0.0, x - half + 0.01, SEAT_HEIGHT - 0.025, prop=Prop.CHAIR),
        Shape("line", x + half - 0.01, 0.0, x + half - 0.01, SEAT_HEIGHT - 0.025, prop=Prop.CHAIR),
    ]
    if view is not View.SIDE:
        back = Shape("box", x - half, SEAT_HEIGHT, x + half, CHAIR_BACK, solid=True, prop=Prop.CHAIR)
        return [back, seat, *legs]
    if start["hips"][1] < SEAT_HEIGHT + SITTING and abs(body_x - x) < half:
        # Sitting on it (a sit-to-stand): the back is behind the body, away from the knees.
        knees = (start["left_knee"][0] + start["right_knee"][0]) / 2
        back_x = x - half if knees > body_x else x + half
        back = Shape("box", back_x - 0.012, SEAT_HEIGHT, back_x + 0.012, CHAIR_BACK, solid=True, prop=Prop.CHAIR)
        return [replace(seat, solid=True), back, *legs]
    if beside:
        hands = (start["left_wrist"][0] + start["right_wrist"][0]) / 2
        back_x = x - half if hands < x else x + half
    else:
        back_x = x - half if body_x < x else x + half
    back = Shape("box", back_x - 0.012, SEAT_HEIGHT, back_x + 0.012, CHAIR_BACK, solid=solid, prop=Prop.CHAIR)
    return [seat, back, *legs]


@dataclass(frozen=True)
class Bounds:
    """The part of the figure's world a picture shows: every pose it takes and every prop, with a margin."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


FRAME_STEPS: Final = 8
"""Frames sampled between each two keyframes of a movement (start to top, or round a machine's cycle) for its
bounds: a limb between two keyframes may reach past both (the donkey kick's foot swings out behind while the thigh
goes back and the knee bends). The joints turn at most about 20 degrees from one sample to the next, so a limb end
can reach at most a few thousandths of the body's height past the samples: far less than the margin."""


def bounds(figure: ExerciseFigure, margin: float = 0.06, *, reach: float = 0.0, head: float = 0.0) -> Bounds:
    """A frame that holds the figure through its whole movement, so the picture never zooms while it moves: every
    keyframe, every frame a session shows between them (``between``: a paced rep's path; a machine's cycle), the
    floor and the props. ``reach`` is how far the paint reaches past a joint (half a limb's thickness), ``head``
    how far past the middle of the head (its radius, and a nose), and ``margin`` the room left beyond them."""
    from hipcoach.core.figure.motion import along, cycle_at, still  # noqa: PLC0415 - motion imports this module

    poses = [still(figure, name) for name in figure.keyframes]
    if figure.cadence:
        steps = FRAME_STEPS * len(figure.cycle)
        poses += [cycle_at(figure, k / steps) for k in range(steps)]
    elif figure.between:
        steps = FRAME_STEPS * (len(figure.path) - 1)
        poses += [along(figure, k / steps) for k in range(1, steps)]
    xs: list[float] = []
    ys: list[float] = [-MAT_THICKNESS - reach]  # the floor, under a limb lying on it
    for pose in poses:
        skeleton = forward_kinematics(pose, figure.view)
        joints = skeleton.points.values()
        xs += (min(p[0] for p in joints) - reach, max(p[0] for p in joints) + reach)
        ys += (min(p[1] for p in joints) - reach, max(p[1] for p in joints) + reach)
        base, top = skeleton["head_base"], skeleton["head_top"]
        cx, cy = (base[0] + top[0]) / 2, (base[1] + top[1]) / 2
        xs += (cx - head, cx + head)
        ys += (cy - head, cy + head)
        for shape in moving_shapes(figure, skeleton):
            xs += [shape.x0, shape.x1]
            ys += [shape.y0, shape.y1]
    for shape in static_shapes(figure):
        if shape.kind == "circle":
            xs += [shape.x0 - shape.x1, shape.x0 + shape.x1]
            ys += [shape.y0 - (shape.y1 or shape.x1), shape.y0 + (shape.y1 or shape.x1)]
        elif shape.prop is not Prop.MAT:
            xs += [shape.x0, shape.x1]
            ys += [shape.y0, shape.y1]
    return Bounds(min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin)
