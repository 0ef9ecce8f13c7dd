"""What an exercise file says about its figure: the view, the props, the keyframes, the joint that works, and the
cadence of a machine; and the mirroring that turns a figure written for one side into the other.

Per-side exercises are written once, for the left side (``WRITTEN_FOR``), and mirrored for the right: mirroring is
exact (a reflection of every joint about the vertical line x = 0), so the two sides can never drift apart.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Final, TypeVar

from hipcoach.core.figure.body import BodySide, Joint, Pose, View


class Prop(enum.StrEnum):
    MAT = "mat"
    CHAIR = "chair"
    WALL = "wall"
    BAND = "band"  # around the thighs, above the knees
    ANKLE_BAND = "ankle-band"  # around the shins, above the ankles (a harder banded walk)
    BIKE = "bike"
    ELLIPTICAL = "elliptical"
    ROWER = "rowing-machine"


WRITTEN_FOR: Final = BodySide.LEFT
"""The side a per-side figure's keyframes are written for; the other side is its mirror."""

START: Final = "start"
TOP: Final = "top"
LIMB_ENDS: Final = ("left_foot", "right_foot", "left_hand", "right_hand")


@dataclass(frozen=True)
class Work:
    """The joint the exercise works and the angle it has in the start and the top pose (``ranges.measure``):
    ``measure`` is a key of ``ranges.AAOS`` such as ``hip.abduction``; ``side`` is None for both sides at once."""

    measure: str
    side: BodySide | None
    start: float
    top: float

    @property
    def joint(self) -> str:
        return self.measure.split(".")[0]


NO_WORK: Final = Work(measure="", side=None, start=0.0, top=0.0)
"""For a figure that shows a position, not an exercise (the way down to the mat): no limb in the accent colour."""


@dataclass(frozen=True)
class Pedals:
    """The path the feet follow on a bike or an elliptical: an ellipse around ``centre`` with radii ``radius``
    (equal radii: a circle). The left foot is at the top of the path at the start of a cycle, the right foot
    opposite it."""

    centre: tuple[float, float]
    radius: tuple[float, float]


@dataclass(frozen=True)
class ExerciseFigure:
    """The figure of one exercise, as its file describes it (docs/routine-format.md, "The figure").

    ``keyframes`` holds at least ``start`` and ``top``; a rep or a stretch goes through ``path`` (keyframe names
    from ``start`` to ``top``, when a straight line in joint angles would not do: the hips of a squat go back
    before they go down); a cardio figure loops ``cycle`` (keyframe names) at ``cadence`` cycles a minute.
    ``pins`` are limb ends ("left_foot", "right_hand") that stay where the start pose puts them while the rest
    moves (the feet of a bridge); on a bike or an elliptical the feet follow ``pedals``. ``place`` is the x of the
    chair, wall or machine. ``per_side`` is True when the keyframes are written for the left side and mirrored for
    the right. ``between`` is True when a session shows the frames between the keyframes of ``path`` (a paced rep
    or step); a stretch shows its keyframes only (held at the top from its first moment), so its frame need not
    hold the way between them."""

    view: View
    props: tuple[Prop, ...]
    keyframes: Mapping[str, Pose] = field(hash=False)  # hashed without it, so an Exercise stays hashable
    work: Work
    per_side: bool = False
    cadence: float | None = None
    cycle: tuple[str, ...] = (START, TOP)
    path: tuple[str, ...] = (START, TOP)
    pins: tuple[str, ...] = ()
    pedals: Pedals | None = None
    place: float = 0.0
    between: bool = True
    mirrored: bool = False

    @property
    def start(self) -> Pose:
        return self.keyframes[START]

    @property
    def top(self) -> Pose:
        return self.keyframes[TOP]

    @property
    def likeness(self) -> str:
        """The keyframe a single still of the exercise shows (the chooser, the summary, the report, the routine
        editor): the start of a movement, but the held pose of a stretch, whose start (standing by a chair, lying
        flat) says nothing of which stretch it is: a quadriceps stretch drawn at its start had a straight leg."""
        return START if self.between else TOP

    def for_side(self, side: BodySide | None) -> ExerciseFigure:
        """The figure as done on ``side``: itself for its own side (or no side), else its exact mirror."""
        if not self.per_side or side is None or (side is not WRITTEN_FOR) == self.mirrored:
            return self
        return _mirror_of(self)


def swap_name(name: str) -> str:
    """``left_knee`` ↔ ``right_knee``; other names unchanged."""
    for side in BodySide:
        prefix = f"{side}_"
        if name.startswith(prefix):
            return f"{side.other}_{name[len(prefix) :]}"
    return name


def mirror_pose(pose: Pose) -> Pose:
    """The reflection of ``pose`` about x = 0: the sides swap, the figure turns round (``facing``), the root and
    the pelvis's direction are reflected, and every angle keeps its value (their signs follow ``facing``)."""
    joints: dict[str, Joint] = {swap_name(name): joint for name, joint in pose.joints.items()}
    return Pose(root=(-pose.root[0], pose.root[1]), tilt=180.0 - pose.tilt, facing=-pose.facing, joints=joints)


def mirror_figure(figure: ExerciseFigure) -> ExerciseFigure:
    work = figure.work
    pedals = figure.pedals
    return replace(
        figure,
        keyframes={name: mirror_pose(pose) for name, pose in figure.keyframes.items()},
        work=replace(work, side=work.side.other if work.side is not None else None),
        pins=tuple(swap_name(pin) for pin in figure.pins),
        pedals=replace(pedals, centre=(-pedals.centre[0], pedals.centre[1])) if pedals is not None else None,
        place=-figure.place,
        mirrored=not figure.mirrored,
    )


T = TypeVar("T")


def per_figure(compute: Callable[[ExerciseFigure], T], most: int = 128) -> Callable[[ExerciseFigure], T]:
    """``compute`` remembered for each figure object: every frame needs the figure's bounds, its props and its
    start pose, which do not change while it moves. Kept by identity (the figure's hash leaves its keyframes out, so
    two different figures may be equal), and forgotten all at once past ``most`` figures."""
    cache: dict[int, tuple[ExerciseFigure, T]] = {}

    def cached(figure: ExerciseFigure) -> T:
        hit = cache.get(id(figure))
        if hit is not None and hit[0] is figure:
            return hit[1]
        if len(cache) > most:
            cache.clear()
        value = compute(figure)
        cache[id(figure)] = (figure, value)
        return value

    return cached


_mirror_of = per_figure(mirror_figure)
"""The mirror of a figure, made once per figure object: so is everything kept per figure (its bounds, its start
pose's skeleton), however often the other side is asked for (a still painted again, a row of the report)."""
