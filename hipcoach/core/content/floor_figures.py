"""The figure's poses on the way down to the mat and up from it, read from ``resources/floor-moves.toml``.

Written as content, like the exercises' keyframes, and checked as they are (the normal ranges, above the floor), so
the poses the steps of a floor move name can be drawn and corrected without touching code; which step shows which
pose is said beside the steps' words (``core/floor_moves.py``). Each pose becomes a figure of its own, as its view
and props may differ (lying on the side is seen from the front, as the clamshells are); every figure carries the
other poses as keyframes too (never shown), so that its frame (``props.bounds``) holds them all and the body keeps
one size from step to step.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Final

from hipcoach.core import paths
from hipcoach.core.content.errors import Where
from hipcoach.core.content.figure import PLACE_LIMIT, POSE_FIELDS, _number, _pose, _props
from hipcoach.core.content.reader import Reader, open_document
from hipcoach.core.figure.body import Pose, View, forward_kinematics
from hipcoach.core.figure.description import NO_WORK, START, TOP, ExerciseFigure, Prop
from hipcoach.core.figure.ranges import out_of_range

FLOOR_MOVES_FILE: Final = "floor-moves.toml"
POSE_EXTRA_FIELDS: Final = ("view", "props", "place")
"""What a floor-move pose says besides an exercise keyframe's keys: the figure's view, props and chair's place."""
_Read = tuple[View, tuple[Prop, ...], float, Pose]  # a pose as the file says it: view, props, chair's place, pose
FLOOR_SLACK: Final = 0.005  # of the body's height: a joint this far under the floor line is a mistake


def floor_moves_path() -> Path:
    return paths.resources_dir() / FLOOR_MOVES_FILE


@functools.cache
def floor_figures() -> Mapping[str, ExerciseFigure]:
    """The shipped poses, read once (a broken file is a packaging bug: ContentError)."""
    return load_floor_figures(floor_moves_path())


def load_floor_figures(path: Path) -> dict[str, ExerciseFigure]:
    """Each pose of the file at ``path`` as a figure whose start and top are that pose; every problem of the file
    is raised at once as a ContentError naming its line and field."""
    reader, document = open_document(path, "floor moves file")
    reader.check_keys(document, (), ("pose",))
    poses = reader.table(reader.require(document, (), "pose"), ("pose",))
    read: dict[str, _Read] = {}
    nothing: _Read = (View.SIDE, (), 0.0, Pose())
    for name, raw in poses.items():
        where: Where = ("pose", str(name))
        if name in (START, TOP):
            reader.problems.append(reader.error(where, f'is a name kept for exercises: call it other than "{name}"'))
            continue
        read[str(name)] = reader.attempt(partial(_floor_pose, reader, raw, where), nothing)
    reader.finish()
    figures = {name: _figure(name, read) for name in read}
    for name, figure in figures.items():
        _check(reader, figure, ("pose", name))
    reader.finish()
    return figures


def _floor_pose(reader: Reader, raw: object, where: Where) -> _Read:
    table = reader.table(raw, where)
    reader.check_keys(table, where, (*POSE_EXTRA_FIELDS, *POSE_FIELDS))
    views = [v.value for v in View if v is not View.TOP]  # the floor line is behind a figure seen from above
    view = View(reader.optional(table, where, "view", partial(reader.choice, options=views), View.SIDE.value))
    props: tuple[Prop, ...] = reader.optional(table, where, "props", partial(_props, reader), ())
    place = reader.optional(table, where, "place", partial(_number, reader, limits=(-PLACE_LIMIT, PLACE_LIMIT)), 0.0)
    body = {key: value for key, value in table.items() if key not in POSE_EXTRA_FIELDS}
    return view, props, place, _pose(reader, body, where)


def _figure(name: str, read: Mapping[str, _Read]) -> ExerciseFigure:
    view, props, place, pose = read[name]
    return ExerciseFigure(
        view=view,
        props=props,
        keyframes={**{other: entry[3] for other, entry in read.items()}, START: pose, TOP: pose},
        work=NO_WORK,
        place=place,
        between=False,
    )


def _check(reader: Reader, figure: ExerciseFigure, where: Where) -> None:
    """The pose within the normal ranges and above the floor, as an exercise's keyframes are."""
    name = where[-1]
    skeleton = forward_kinematics(figure.start, figure.view)
    for problem in out_of_range(skeleton):
        reader.problems.append(reader.problem(where, f"the {name} pose bends {problem} beyond its normal range"))
    below = [joint for joint, point in skeleton.points.items() if point[1] < -FLOOR_SLACK]
    if below:
        joints = ", ".join(joint.replace("_", " ") for joint in below)
        reader.problems.append(reader.problem(where, f"the {name} pose puts the {joints} under the floor"))
