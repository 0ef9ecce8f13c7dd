"""The ``[movement.figure]`` table of an exercise file: the view, the props and the keyframes of its figure.

A module of its own so that the figure's keys (docs/routine-format.md, "The figure") are checked in one place with
the package's reader: a missing pose, an angle out of its normal range, an unknown prop or view is reported with
the file, the line and the field, like every other mistake in the file. Each keyframe is checked as it is shown (its
pinned limbs put in place) against the AAOS normal ranges (``core/figure/ranges.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Final

from hipcoach.core.content.errors import Where
from hipcoach.core.figure.body import JOINT_NAMES, BodySide, Joint, Pose, View, forward_kinematics
from hipcoach.core.figure.description import LIMB_ENDS, START, TOP, WRITTEN_FOR, ExerciseFigure, Pedals, Prop, Work
from hipcoach.core.figure.ranges import AAOS, SIDED_MEASURES, measure, out_of_range
from hipcoach.core.model import Exercise, Kind

if TYPE_CHECKING:
    from hipcoach.core.content.reader import Reader

FIGURE_REQUIRED: Final = True
"""Whether an exercise file must have a [movement.figure] table (True once every shipped file has one)."""

FIGURE_FIELDS: Final = ("view", "props", "works", "cadence", "cycle", "path", "pins", "pedals", "place", "pose")
POSE_FIELDS: Final = ("root", "tilt", "facing", *JOINT_NAMES)
WORKS_FIELDS: Final = ("measure", "side", "start", "top")
PEDALS_FIELDS: Final = ("centre", "radius")
ANGLE_LIMIT: Final = 180.0
LIFT_LIMIT: Final = 85.0
PLACE_LIMIT: Final = 2.0
WORKS_SLACK: Final = 5.0
"""Degrees by which the start and top poses may differ from the angles ``works`` states."""
CADENCE_LIMITS: Final = (1.0, 200.0)


def read_figure(reader: Reader, raw: object, exercise: Exercise) -> ExerciseFigure:
    """The figure of ``exercise`` from its ``[movement.figure]`` table; every problem is noted on ``reader``."""
    where: Where = ("movement", "figure")
    table = reader.table(raw, where)
    reader.check_keys(table, where, FIGURE_FIELDS)
    view = View(reader.field(table, where, "view", partial(reader.choice, options=[v.value for v in View])))
    no_props: tuple[Prop, ...] = ()
    props = reader.optional(table, where, "props", partial(_props, reader), no_props)
    per_side = exercise.per_side
    works = reader.field(table, where, "works", partial(_works, reader, per_side=per_side))
    cardio = exercise.kind is Kind.CARDIO
    if cardio:
        cadence: float | None = reader.field(table, where, "cadence", partial(_number, reader, limits=CADENCE_LIMITS))
    else:
        if "cadence" in table:
            raise reader.error((*where, "cadence"), "applies only to a cardio exercise (a machine)")
        cadence = None
    pins: tuple[str, ...] = reader.optional(table, where, "pins", partial(_names, reader, options=LIMB_ENDS), ())
    if pins and view is not View.SIDE:
        raise reader.error((*where, "pins"), 'can only be used with view = "side"')
    pedals = reader.optional(table, where, "pedals", partial(_pedals, reader), None)
    place = reader.optional(table, where, "place", partial(_number, reader, limits=(-PLACE_LIMIT, PLACE_LIMIT)), 0.0)
    poses = reader.table(reader.require(table, where, "pose"), (*where, "pose"))
    for name in (START, TOP):
        if name not in poses:
            error = reader.problem(
                (*where, "pose"), f"the {name} pose is missing: add a table [movement.figure.pose.{name}]"
            )
            error.field = f"movement.figure.pose.{name}"
            raise error
    keyframes = {
        str(name): reader.attempt(partial(_pose, reader, value, (*where, "pose", str(name))), Pose())
        for name, value in poses.items()
    }
    cycle: tuple[str, ...] = (START, TOP)
    if "cycle" in table:
        cycle = _names(reader, table["cycle"], (*where, "cycle"), options=tuple(keyframes))
    path: tuple[str, ...] = (START, TOP)
    if "path" in table:
        path = _names(reader, table["path"], (*where, "path"), options=tuple(keyframes))
        if len(path) < 2 or path[0] != START or path[-1] != TOP:
            raise reader.error((*where, "path"), 'must go from "start" to "top", like ["start", "low", "top"]')
    figure = ExerciseFigure(
        view=view,
        props=props,
        keyframes=keyframes,
        work=works,
        per_side=per_side,
        cadence=cadence,
        cycle=cycle,
        path=path,
        pins=pins,
        pedals=pedals,
        place=place,
        between=exercise.kind is not Kind.HOLD,
    )
    if not reader.problems:
        _check_shown(reader, figure, where)
    return figure


def _check_shown(reader: Reader, figure: ExerciseFigure, where: Where) -> None:
    """Each keyframe as shown within the normal ranges, and the working joint at the angles ``works`` states."""
    from hipcoach.core.figure.motion import still  # noqa: PLC0415 - the plan is loaded only for a figure

    shown = {name: still(figure, name) for name in figure.keyframes}
    for name, pose in shown.items():
        for problem in out_of_range(forward_kinematics(pose, figure.view)):
            reader.problems.append(
                reader.problem((*where, "pose", name), f"the {name} pose bends {problem} beyond its normal range")
            )
    work = figure.work
    for name, stated in ((START, work.start), (TOP, work.top)):
        got = measure(forward_kinematics(shown[name], figure.view), work.measure, measured_side(work))
        if abs(got - stated) > WORKS_SLACK:
            predicate = f"says {stated:g} degrees, but the {name} pose has {round(got)}"
            reader.problems.append(reader.error((*where, "works", name), predicate))


def measured_side(work: Work) -> BodySide | None:
    """The side a sided angle is measured on: the working side, the left when both sides work alike."""
    if work.side is None and work.measure.startswith(SIDED_MEASURES):
        return BodySide.LEFT
    return work.side


def _props(reader: Reader, raw: object, where: Where) -> tuple[Prop, ...]:
    return tuple(Prop(name) for name in _names(reader, raw, where, options=tuple(p.value for p in Prop)))


def _names(reader: Reader, raw: object, where: Where, options: tuple[str, ...]) -> tuple[str, ...]:
    if not isinstance(raw, list):
        raise reader.error(where, f'must be a list like ["{options[0]}"] (got a single value)')
    names = tuple(reader.choice(item, (*where, i), options) for i, item in enumerate(raw))
    if len(set(names)) != len(names):
        raise reader.error(where, "lists a name twice")
    return names


def _number(reader: Reader, raw: object, where: Where, limits: tuple[float, float]) -> float:
    low, high = limits
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not low <= raw <= high:
        from hipcoach.core.content.reader import show  # noqa: PLC0415 - beside its one use

        raise reader.error(where, f"must be a number from {low:g} to {high:g} (got {show(raw)})")
    return float(raw)


def _pair(reader: Reader, raw: object, where: Where, limits: tuple[float, float]) -> tuple[float, float]:
    if not isinstance(raw, list) or len(raw) != 2:
        raise reader.error(where, "must be two numbers like [0.1, 0.5]")
    first = _number(reader, raw[0], (*where, 0), limits)
    second = _number(reader, raw[1], (*where, 1), limits)
    return first, second


def _works(reader: Reader, raw: object, where: Where, *, per_side: bool) -> Work:
    table = reader.table(raw, where)
    reader.check_keys(table, where, WORKS_FIELDS)
    name = reader.field(table, where, "measure", partial(reader.choice, options=tuple(AAOS)))
    sides = (WRITTEN_FOR.value,) if per_side else ("both", "left", "right")
    side_name = reader.optional(table, where, "side", partial(reader.choice, options=sides), sides[0])
    side = None if side_name == "both" else BodySide(side_name)
    angle = partial(_number, reader, limits=(-ANGLE_LIMIT, ANGLE_LIMIT))
    return Work(
        measure=name,
        side=side,
        start=reader.field(table, where, "start", angle),
        top=reader.field(table, where, "top", angle),
    )


def _pedals(reader: Reader, raw: object, where: Where) -> Pedals:
    table = reader.table(raw, where)
    reader.check_keys(table, where, PEDALS_FIELDS)
    centre = reader.field(table, where, "centre", partial(_pair, reader, limits=(-PLACE_LIMIT, PLACE_LIMIT)))
    radius = reader.field(table, where, "radius", partial(_pair, reader, limits=(0.01, 0.5)))
    return Pedals(centre=centre, radius=radius)


def _pose(reader: Reader, raw: object, where: Where) -> Pose:
    """A keyframe: every view reads the same keys (what they mean in each view is in docs/figure.md)."""
    table = reader.table(raw, where)
    reader.check_keys(table, where, POSE_FIELDS)
    root = reader.field(table, where, "root", partial(_pair, reader, limits=(-PLACE_LIMIT, PLACE_LIMIT)))
    tilt = reader.optional(table, where, "tilt", partial(_number, reader, limits=(-360.0, 360.0)), 90.0)
    facing_raw = reader.optional(table, where, "facing", partial(_number, reader, limits=(-1.0, 1.0)), 1.0)
    if facing_raw not in (-1.0, 1.0):
        raise reader.error((*where, "facing"), f"must be 1 or -1 (got {facing_raw:g})")
    joints: dict[str, Joint] = {}
    for name in JOINT_NAMES:
        if name in table:
            joints[name] = reader.attempt(partial(_joint, reader, table[name], (*where, name)), Joint())
    return Pose(root=root, tilt=tilt, facing=int(facing_raw), joints=joints)


def _joint(reader: Reader, raw: object, where: Where) -> Joint:
    """A joint: its angle in degrees, or [angle, lift] when the segment also tilts towards the viewer."""
    angle = partial(_number, reader, limits=(-ANGLE_LIMIT, ANGLE_LIMIT))
    if isinstance(raw, list):
        if len(raw) != 2:
            raise reader.error(where, "must be an angle, or two numbers [angle, lift]")
        return Joint(angle(raw[0], (*where, 0)), _number(reader, raw[1], (*where, 1), (-LIFT_LIMIT, LIFT_LIMIT)))
    return Joint(angle(raw, where))


def figure_missing(reader: Reader) -> None:
    """Note that the file has no figure, when every exercise must have one."""
    if FIGURE_REQUIRED:
        error = reader.problem(
            ("movement",), "the exercise's figure is missing: add a table [movement.figure] at the end of the file"
        )
        error.field = "movement.figure"
        reader.problems.append(error)


def attach_figure(reader: Reader, table: Mapping[str, object], exercise: Exercise) -> ExerciseFigure | None:
    if "figure" not in table:
        figure_missing(reader)
        return None
    return reader.attempt(partial(read_figure, reader, table["figure"], exercise), None)
