"""Normal joint ranges of motion, and the anatomical angles of a skeleton to check them against.

The ranges are the American Academy of Orthopaedic Surgeons' average values (AAOS, *Joint Motion: Method of
Measuring and Recording*, 1965; reproduced in Greene & Heckman, *The Clinical Measurement of Joint Motion*, AAOS
1994). They are the published table, not numbers chosen to fit our poses: a pose the tests reject is fixed in the
pose. Rotation about a limb's own axis (hip rotation, forearm pronation) is not a degree of freedom of the figure,
so it is not measured.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from hipcoach.core.figure.body import BodySide, Skeleton, Vec, cross, dot, sub, unit


@dataclass(frozen=True)
class Range:
    """A normal range in degrees: ``low`` is the most of the opposite movement (extension, adduction), negative."""

    low: float
    high: float

    def holds(self, value: float, slack: float = 0.0) -> bool:
        return self.low - slack <= value <= self.high + slack


AAOS: Final[Mapping[str, Range]] = {
    # hip: flexion 120, extension 30, abduction 45, adduction 30
    "hip.flexion": Range(-30.0, 120.0),
    "hip.abduction": Range(-30.0, 45.0),
    # knee: flexion 135 (from full extension, 0)
    "knee.flexion": Range(0.0, 135.0),
    # ankle: plantar flexion 50, dorsiflexion 20
    "ankle.plantarflexion": Range(-20.0, 50.0),
    # shoulder: flexion 180, extension 60, abduction 180
    "shoulder.flexion": Range(-60.0, 180.0),
    # elbow: flexion 150
    "elbow.flexion": Range(0.0, 150.0),
    # wrist: flexion 80, extension 70 (the figure's hand bends one way only: the larger of the two)
    "wrist.flexion": Range(0.0, 80.0),
    # thoracolumbar spine: flexion 80, extension 25, lateral bending 35
    "lumbar.flexion": Range(-25.0, 80.0),
    "lumbar.bending": Range(-35.0, 35.0),
    # cervical spine: flexion 45, extension 45
    "neck.flexion": Range(-45.0, 45.0),
}


def _angle(a: Vec, b: Vec) -> float:
    return math.degrees(math.acos(max(-1.0, min(1.0, dot(unit(a), unit(b))))))


def _segment(skeleton: Skeleton, start: str, end: str) -> Vec:
    return unit(sub(skeleton[end], skeleton[start]))


def measure(skeleton: Skeleton, name: str, side: BodySide | None = None) -> float:
    """The anatomical angle ``name`` (a key of :data:`AAOS`, e.g. ``hip.flexion``) of ``side``, in degrees.

    Hip and shoulder angles are measured in the frame of the pelvis and the trunk: flexion is the angle of the limb
    in the sagittal plane from hanging straight down (forwards positive), abduction its angle out of that plane
    (away from the midline positive). Knee, elbow and wrist: the angle between the two segments."""
    s = f"{side}_" if side is not None else ""
    up, front, right = skeleton.up, skeleton.front, skeleton.right
    lateral = right if side is BodySide.RIGHT else (-right[0], -right[1], -right[2])
    if name in ("hip.flexion", "hip.abduction"):
        thigh = _segment(skeleton, f"{s}hip", f"{s}knee")
        if name == "hip.flexion":
            return math.degrees(math.atan2(dot(thigh, front), -dot(thigh, up)))
        return math.degrees(math.asin(max(-1.0, min(1.0, dot(thigh, lateral)))))
    if name == "knee.flexion":
        return _angle(_segment(skeleton, f"{s}hip", f"{s}knee"), _segment(skeleton, f"{s}knee", f"{s}ankle"))
    if name == "ankle.plantarflexion":
        from hipcoach.core.figure.body import FOOT_NEUTRAL  # noqa: PLC0415 - one constant, beside its use

        shank = _segment(skeleton, f"{s}knee", f"{s}ankle")
        foot = _segment(skeleton, f"{s}ankle", f"{s}toe")
        if abs(skeleton.front[2]) < 1e-9:  # side view: signed, so a foot turned past the shank's line counts
            between = math.degrees(math.atan2(dot(cross(shank, foot), right), dot(shank, foot)))
        else:
            between = _angle(shank, foot)
        return FOOT_NEUTRAL - between
    trunk = _segment(skeleton, "lumbar", "shoulders")
    trunk_front = unit(cross(trunk, right))
    if name == "shoulder.flexion":
        arm = _segment(skeleton, f"{s}shoulder", f"{s}elbow")
        return math.degrees(math.atan2(dot(arm, trunk_front), -dot(arm, trunk)))
    if name == "elbow.flexion":
        return _angle(_segment(skeleton, f"{s}shoulder", f"{s}elbow"), _segment(skeleton, f"{s}elbow", f"{s}wrist"))
    if name == "wrist.flexion":
        return _angle(_segment(skeleton, f"{s}elbow", f"{s}wrist"), _segment(skeleton, f"{s}wrist", f"{s}fingers"))
    if name == "lumbar.flexion":
        return math.degrees(math.atan2(dot(trunk, front), dot(trunk, up)))
    if name == "lumbar.bending":
        return math.degrees(math.asin(max(-1.0, min(1.0, dot(trunk, right)))))
    if name == "neck.flexion":
        head = _segment(skeleton, "shoulders", "head_top")
        return math.degrees(math.atan2(dot(head, trunk_front), dot(head, trunk)))
    raise KeyError(name)


SIDED_MEASURES: Final = ("hip.", "knee.", "ankle.", "shoulder.", "elbow.", "wrist.")


BACKWARDS_LIMIT: Final = 10.0
"""Degrees a hinge may seem to bend the wrong way before it counts as bent backwards (a knee that bends forwards is
no normal range at all; a little is allowed for a limb turned out of the picture)."""


def hinge_bend(skeleton: Skeleton, joint: str, side: BodySide) -> float:
    """The signed angle (degrees) by which a knee bends backwards or an elbow forwards: positive the normal way."""
    limb = ("hip", "knee", "ankle") if joint == "knee" else ("shoulder", "elbow", "wrist")
    first = _segment(skeleton, f"{side}_{limb[0]}", f"{side}_{limb[1]}")
    second = _segment(skeleton, f"{side}_{limb[1]}", f"{side}_{limb[2]}")
    sine = dot(cross(first, second), skeleton.right)
    angle = math.degrees(math.asin(max(-1.0, min(1.0, sine))))
    return -angle if joint == "knee" else angle


def out_of_range(skeleton: Skeleton, slack: float = 0.5) -> list[str]:
    """Every angle of ``skeleton`` outside its AAOS range, as "left hip.flexion 131 (normal -30 to 120)", and every
    knee or elbow bent the wrong way."""
    found: list[str] = []
    for hinge_side in BodySide:
        for joint in ("knee", "elbow"):
            bend = hinge_bend(skeleton, joint, hinge_side)
            if bend < -BACKWARDS_LIMIT:
                found.append(f"{hinge_side} {joint} backwards by {-bend:.0f} (normal: none)")
    for name, normal in AAOS.items():
        sides: tuple[BodySide | None, ...] = tuple(BodySide) if name.startswith(SIDED_MEASURES) else (None,)
        for side in sides:
            value = measure(skeleton, name, side)
            if not normal.holds(value, slack):
                where = f"{side} " if side is not None else ""
                found.append(f"{where}{name} {value:.0f} (normal {normal.low:g} to {normal.high:g})")
    return found
