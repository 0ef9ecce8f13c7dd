"""The body of the exercise figure: its segments, a pose, and forward kinematics.

Why a model and not pictures: the figure must move in step with the engine (lift, hold, lower, pedal), be mirrored
for the other side, and be checked by tests (feet stay on the floor, no knee bends backwards). All of that needs
joint angles and segment lengths, not pixels.

Segment lengths are fractions of the body's height (height = 1.0), from the anthropometric proportions of Drillis
and Contini (1966) as tabulated by D. A. Winter, *Biomechanics and Motor Control of Human Movement* (4th ed.,
Wiley 2009), figure 4.1. The table gives no point between the hips and the shoulders; we put the lumbar joint a third
of the way up (our choice, said in docs/figure.md), so that a pelvic tilt can be seen.

Coordinates: x to the right of the picture, y up (the floor is y = 0), z out of the picture towards the viewer. The
picture plane is the body's sagittal plane in the side view and its frontal plane in the front and top views.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

Vec = tuple[float, float, float]


class View(enum.StrEnum):
    """Where the viewer stands. SIDE: the picture is the sagittal plane (most exercises). FRONT: the frontal plane,
    the figure's belly towards the viewer (sideways movements). TOP: the frontal plane seen from above, for a figure
    lying on its back; the floor is behind the figure."""

    SIDE = "side"
    FRONT = "front"
    TOP = "top"


class BodySide(enum.StrEnum):
    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> BodySide:
        return BodySide.RIGHT if self is BodySide.LEFT else BodySide.LEFT


# Drillis & Contini, in Winter (2009) fig. 4.1, as fractions of height H.
HEAD: Final = 0.130  # vertex to chin (1.000 H - 0.870 H)
NECK: Final = 0.052  # chin to shoulder level (0.870 H - 0.818 H)
SHOULDER_TO_HIP: Final = 0.288  # shoulder level to hip joint (0.818 H - 0.530 H)
PELVIS: Final = SHOULDER_TO_HIP / 3  # our split of the trunk: hip joints to the lumbar joint
TRUNK: Final = SHOULDER_TO_HIP - PELVIS  # lumbar joint to the shoulders
SHOULDER_WIDTH: Final = 0.259
HIP_WIDTH: Final = 0.191  # the outside of the hips
HIP_JOINTS: Final = HIP_WIDTH / 2  # our estimate: each hip joint a quarter of the hip width in from the side
UPPER_ARM: Final = 0.186
FOREARM: Final = 0.146
HAND: Final = 0.108
THIGH: Final = 0.245  # 0.530 H - 0.285 H
SHANK: Final = 0.246  # 0.285 H - 0.039 H
FOOT_LENGTH: Final = 0.152
ANKLE_HEIGHT: Final = 0.039  # the ankle joint above the sole
HEEL_BEHIND_ANKLE: Final = 0.2 * FOOT_LENGTH  # our estimate: the table gives the foot's length, not the split
FOOT: Final = math.hypot(FOOT_LENGTH - HEEL_BEHIND_ANKLE, ANKLE_HEIGHT)  # ankle joint to the tip of the toes
FOOT_NEUTRAL: Final = math.degrees(math.atan2(FOOT_LENGTH - HEEL_BEHIND_ANKLE, ANKLE_HEIGHT))
"""Angle between the shank (pointing down) and the ankle-to-toe line when the ankle is at 0 (foot flat, shank
upright): the toe line runs down to the sole, so a flat foot has its heel and toe on the floor."""

SEGMENT_LENGTHS: Final[Mapping[str, float]] = {
    "pelvis": PELVIS,
    "trunk": TRUNK,
    "neck": NECK,
    "head": HEAD,
    "upper_arm": UPPER_ARM,
    "forearm": FOREARM,
    "hand": HAND,
    "thigh": THIGH,
    "shank": SHANK,
    "foot": FOOT,
}

SIDED_JOINTS: Final = ("hip", "knee", "ankle", "shoulder", "elbow", "wrist")
"""The joints of each side, with the segment each one turns: hip → thigh, knee → shank, ankle → foot, ..."""
CENTRAL_JOINTS: Final = ("lumbar", "neck", "head")
JOINT_SEGMENT: Final[Mapping[str, str]] = {
    "hip": "thigh",
    "knee": "shank",
    "ankle": "foot",
    "shoulder": "upper_arm",
    "elbow": "forearm",
    "wrist": "hand",
    "lumbar": "trunk",
    "neck": "neck",
    "head": "head",
}
JOINT_NAMES: Final = (*CENTRAL_JOINTS, *(f"{side}_{joint}" for side in BodySide for joint in SIDED_JOINTS))

# In the side view, which way a positive angle turns the segment, seen with the figure facing right: + is
# anticlockwise. Hip, shoulder, elbow, wrist: forwards (flexion). Knee: backwards (flexion). Lumbar, neck, head:
# the trunk and head lean forwards (flexion) for positive angles.
_SIDE_SIGN: Final[Mapping[str, int]] = {
    "hip": 1,
    "knee": -1,
    "ankle": 1,
    "shoulder": 1,
    "elbow": 1,
    "wrist": 1,
    "lumbar": -1,
    "neck": -1,
    "head": -1,
}


@dataclass(frozen=True)
class Joint:
    """One joint of a pose: ``angle`` turns the segment in the picture plane relative to its parent (degrees, sign
    as in docs/figure.md); ``lift`` tilts it out of the picture towards the viewer (degrees, absolute, 0 = in the
    picture). A thigh pointing at the viewer (a clamshell seen from the front) has a lift."""

    angle: float = 0.0
    lift: float = 0.0


@dataclass(frozen=True)
class Pose:
    """A root position and orientation plus joint angles.

    ``root`` is the midpoint of the hip joints; ``tilt`` the direction of the pelvis from the hips up towards the
    lumbar joint (degrees anticlockwise from the +x axis: 90 is upright, 180 lying with the head to the left).
    ``facing`` says, in the side view, whether the figure's front is to the right (+1) or left (-1) of its pelvis
    axis; in the front and top views the belly faces the viewer and ``facing`` only records a mirroring. Joints not
    given are at 0 (standing straight, arms hanging, feet flat)."""

    root: tuple[float, float] = (0.0, 0.530)
    tilt: float = 90.0
    facing: int = 1
    joints: Mapping[str, Joint] = field(default_factory=dict, hash=False)  # hashed without it: an Exercise is a key

    def joint(self, name: str) -> Joint:
        return self.joints.get(name, _ZERO)


_ZERO: Final = Joint()


@dataclass(frozen=True)
class Skeleton:
    """Forward kinematics of a pose: every joint's position (``points``) and the body's own axes."""

    points: Mapping[str, Vec]
    up: Vec  # the pelvis's own up (towards the head), for measuring angles
    front: Vec  # where the belly faces
    right: Vec  # the figure's right

    def __getitem__(self, name: str) -> Vec:
        return self.points[name]


BONES: Final[tuple[tuple[str, str, str], ...]] = (
    ("pelvis", "hips", "lumbar"),
    ("trunk", "lumbar", "shoulders"),
    ("neck", "shoulders", "head_base"),
    ("head", "head_base", "head_top"),
    *(
        bone
        for side in BodySide
        for bone in (
            ("thigh", f"{side}_hip", f"{side}_knee"),
            ("shank", f"{side}_knee", f"{side}_ankle"),
            ("foot", f"{side}_ankle", f"{side}_toe"),
            ("upper_arm", f"{side}_shoulder", f"{side}_elbow"),
            ("forearm", f"{side}_elbow", f"{side}_wrist"),
            ("hand", f"{side}_wrist", f"{side}_fingers"),
        )
    ),
)
"""Each segment as (segment name, from point, to point); its length is ``SEGMENT_LENGTHS[segment name]``."""


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def norm(a: Vec) -> float:
    return math.sqrt(dot(a, a))


def unit(a: Vec) -> Vec:
    length = norm(a)
    return scale(a, 1.0 / length) if length > 1e-12 else (0.0, 0.0, 0.0)


def direction(angle: float, lift: float) -> Vec:
    """The unit vector at ``angle`` degrees in the picture plane, tilted ``lift`` degrees towards the viewer."""
    a, lift_rad = math.radians(angle), math.radians(lift)
    return (math.cos(lift_rad) * math.cos(a), math.cos(lift_rad) * math.sin(a), math.sin(lift_rad))


def joint_sign(view: View, joint: str, side: BodySide | None, facing: int) -> int:
    """Which way (+1 anticlockwise) a positive angle of ``joint`` turns its segment in the picture.

    Side view: flexion is positive (knee: bending it), mirrored by ``facing``. Front and top views: a positive
    angle moves a limb away from the body's midline (abduction); the trunk and head lean clockwise when ``facing``
    is +1. So mirroring a pose, in every view, is: swap the sides, flip ``facing``, reflect the root."""
    if view is View.SIDE:
        return _SIDE_SIGN[joint] * facing
    if side is None:
        return -1 * facing
    return 1 if side is BodySide.LEFT else -1


def pelvis_axes(view: View, tilt: float, facing: int) -> tuple[Vec, Vec, Vec]:
    """(up, front, right) of the pelvis: up along ``tilt``; front in the picture for the side view, towards the
    viewer otherwise; right = front x up."""
    up = direction(tilt, 0.0)
    front = direction(tilt - 90.0 * facing, 0.0) if view is View.SIDE else (0.0, 0.0, 1.0)
    return up, front, cross(front, up)


def forward_kinematics(pose: Pose, view: View) -> Skeleton:
    """The position of every joint of ``pose`` seen in ``view``."""
    up, front, right = pelvis_axes(view, pose.tilt, pose.facing)
    hips: Vec = (pose.root[0], pose.root[1], 0.0)
    points: dict[str, Vec] = {"hips": hips}

    def segment(start: str, end: str, joint: str, side: BodySide | None, parent_angle: float) -> float:
        """Place ``end`` from ``start`` by the joint's angle; return the segment's angle in the picture."""
        values = pose.joint(f"{side}_{joint}" if side is not None else joint)
        sign = joint_sign(view, joint, side, pose.facing)
        angle = parent_angle + sign * values.angle
        lift = values.lift
        if joint == "ankle":
            angle, lift = _foot(view, sign, parent_angle, values, points=points, ankle=start)
        points[end] = add(points[start], scale(direction(angle, lift), SEGMENT_LENGTHS[JOINT_SEGMENT[joint]]))
        return angle

    points["lumbar"] = add(hips, scale(up, PELVIS))
    trunk = segment("lumbar", "shoulders", "lumbar", None, pose.tilt)
    neck = segment("shoulders", "head_base", "neck", None, trunk)
    segment("head_base", "head_top", "head", None, neck)
    trunk_up = direction(trunk, pose.joint("lumbar").lift)
    trunk_right = right if view is View.SIDE else unit(cross((0.0, 0.0, 1.0), trunk_up))
    down = pose.tilt + 180.0
    for side in BodySide:
        lateral = right if side is BodySide.RIGHT else scale(right, -1.0)
        arm_lateral = trunk_right if side is BodySide.RIGHT else scale(trunk_right, -1.0)
        points[f"{side}_hip"] = add(hips, scale(lateral, HIP_JOINTS / 2))
        thigh = segment(f"{side}_hip", f"{side}_knee", "hip", side, down)
        shank = segment(f"{side}_knee", f"{side}_ankle", "knee", side, thigh)
        segment(f"{side}_ankle", f"{side}_toe", "ankle", side, shank)
        points[f"{side}_shoulder"] = add(points["shoulders"], scale(arm_lateral, SHOULDER_WIDTH / 2))
        upper = segment(f"{side}_shoulder", f"{side}_elbow", "shoulder", side, trunk + 180.0)
        forearm = segment(f"{side}_elbow", f"{side}_wrist", "elbow", side, upper)
        segment(f"{side}_wrist", f"{side}_fingers", "wrist", side, forearm)
        points[f"{side}_heel"] = _heel(points, side)
    return Skeleton(points=points, up=up, front=front, right=right)


def _foot(
    view: View, sign: int, shank_angle: float, values: Joint, *, points: Mapping[str, Vec], ankle: str
) -> tuple[float, float]:
    """The foot's (angle, lift): in the side view it turns in the picture (0 = flat under an upright shank); in
    the front and top views the foot points at the viewer, so the ankle tilts it out of the picture."""
    side = ankle.split("_", maxsplit=1)[0]
    knee_to_ankle = sub(points[ankle], points[f"{side}_knee"])
    shank_lift = math.degrees(math.asin(max(-1.0, min(1.0, knee_to_ankle[2] / SHANK))))
    if view is View.SIDE:
        return shank_angle + sign * (FOOT_NEUTRAL - values.angle), values.lift
    return shank_angle, shank_lift + FOOT_NEUTRAL - values.angle


def _heel(points: Mapping[str, Vec], side: BodySide) -> Vec:
    """The heel, fixed to the foot: under the ankle when the ankle is at 0."""
    ankle = points[f"{side}_ankle"]
    foot = unit(sub(points[f"{side}_toe"], ankle))
    shank = unit(sub(ankle, points[f"{side}_knee"]))
    across = sub(shank, scale(foot, dot(shank, foot)))
    across = unit(across) if norm(across) > 1e-9 else shank
    neutral = math.radians(FOOT_NEUTRAL)
    heel_direction = add(scale(foot, math.cos(neutral)), scale(across, math.sin(neutral)))
    return add(ankle, scale(heel_direction, ANKLE_HEIGHT))
