"""The pose shown at a moment of a session: a pure function of the exercise's figure, the phase and the seconds into
it, so the figure moves in step with the engine and never by a clock of its own.

The rules (docs/figure.md): a get-ready, a side switch and a rest show the start pose of the coming exercise, on the
coming side; a paced rep eases from start to top over its lift beat, stays at the top through the hold, and eases
back over its lowering beat; a hold (a stretch) shows its top pose, still, from its first moment (the get-ready
before it showed how to start); cardio loops its cycle at the figure's cadence. Pausing freezes the seconds, and
``--time-scale`` scales them, so both apply to the figure for free.
"""

from __future__ import annotations

import bisect
import math
from typing import Final

from hipcoach.core.figure.body import (
    ANKLE_HEIGHT,
    FOOT_NEUTRAL,
    SEGMENT_LENGTHS,
    BodySide,
    Joint,
    Pose,
    Skeleton,
    View,
    forward_kinematics,
    joint_sign,
)
from hipcoach.core.figure.description import START, TOP, WRITTEN_FOR, ExerciseFigure, per_figure
from hipcoach.core.model import Side
from hipcoach.core.plan import Beat, BeatKind, Phase, PhaseKind, Plan

_LIMBS: Final = {"foot": ("hip", "knee", "ankle"), "hand": ("shoulder", "elbow", "wrist")}


def ease(progress: float) -> float:
    """Slow out, slow in (a half cosine): a body starts and stops a movement gently."""
    p = min(1.0, max(0.0, progress))
    return 0.5 - 0.5 * math.cos(math.pi * p)


def interpolate(a: Pose, b: Pose, progress: float) -> Pose:
    """The pose ``progress`` (0..1, already eased) of the way from ``a`` to ``b``, in joint-angle space."""
    t = progress
    names = set(a.joints) | set(b.joints)
    joints = {
        name: Joint(
            a.joint(name).angle + (b.joint(name).angle - a.joint(name).angle) * t,
            a.joint(name).lift + (b.joint(name).lift - a.joint(name).lift) * t,
        )
        for name in names
    }
    root = (a.root[0] + (b.root[0] - a.root[0]) * t, a.root[1] + (b.root[1] - a.root[1]) * t)
    return Pose(root=root, tilt=a.tilt + (b.tilt - a.tilt) * t, facing=a.facing, joints=joints)


def body_side(side: Side | BodySide | None) -> BodySide | None:
    return None if side is None else BodySide(side.value)


def shown(plan: Plan, index: int) -> tuple[int, Side | None]:
    """Which routine entry's figure phase ``index`` shows, and on which side: a rest shows the coming exercise,
    on its first side when the rest does not say."""
    phase = plan.phases[index]
    side = phase.side
    if side is None:
        sides = plan.entry(phase).sides
        side = sides[0] if sides else None
    return phase.entry_index, side


def frame(figure: ExerciseFigure, phase: Phase, seconds: float, side: Side | BodySide | None = None) -> Pose:
    """The pose of ``figure`` at ``seconds`` into ``phase``, on ``side`` (default: the phase's side)."""
    on = figure.for_side(body_side(side if side is not None else phase.side))
    if phase.kind is PhaseKind.REPS:
        return along(on, rep_progress(phase, seconds))
    if phase.kind is PhaseKind.HOLD:
        return along(on, 1.0)
    if phase.kind is PhaseKind.CARDIO:
        return cycle_pose(on, seconds)
    return still(on, START)


def position(figure: ExerciseFigure, phase: Phase, seconds: float) -> float | None:
    """The one number the pose of a moving phase depends on: how far a paced rep is (0 start .. 1 top, eased), or
    how far round its cycle a machine is (0 .. 1); None for a phase whose pose is still. Rep after rep, and turn
    after turn, the same positions come back, so a caller may keep the poses by it (``posed``)."""
    if phase.kind is PhaseKind.REPS:
        return rep_progress(phase, seconds)
    if phase.kind is PhaseKind.CARDIO:
        return _turn(figure, seconds)
    return None


def posed(figure: ExerciseFigure, kind: PhaseKind, where: float) -> Pose:
    """The pose of ``figure`` (on its side) at ``position()`` ``where`` of a phase of ``kind`` (REPS or CARDIO)."""
    return along(figure, where) if kind is PhaseKind.REPS else cycle_at(figure, where)


def still(figure: ExerciseFigure, name: str, side: Side | BodySide | None = None) -> Pose:
    """A keyframe as it is shown (the pins applied); for a cardio figure ``start`` and ``top`` are the cycle at
    its start and half-way through, so a still of a bike shows the pedals where a moving one passes."""
    on = figure.for_side(body_side(side))
    if on.cadence is not None and name in (START, TOP):
        return cycle_pose(on, 0.0 if name == START else 30.0 / on.cadence)
    return _pinned(on, on.keyframes[name], None)


def is_moving(figure: ExerciseFigure, phase: Phase, seconds: float) -> bool:
    """Whether the pose changes at ``seconds`` into ``phase``: the window runs its frame timer only then."""
    return next_motion(figure, phase, seconds) == seconds


def next_motion(figure: ExerciseFigure, phase: Phase, seconds: float) -> float | None:
    """The first moment, at or after ``seconds`` into ``phase``, at which the figure moves; None if it stays still
    for the rest of the phase (the window can sleep until the next beat or phase)."""
    if seconds >= phase.duration:
        return None
    if phase.kind is PhaseKind.CARDIO:
        return seconds if figure.cadence is not None else None
    if phase.kind is not PhaseKind.REPS or not phase.beats:
        return None
    starts, ends = _moving_spans(phase)
    at = bisect.bisect_right(ends, seconds)  # the first movement that has not ended by now
    return max(seconds, starts[at]) if at < len(ends) else None


def rep_progress(phase: Phase, seconds: float) -> float:
    """How far (0 start, 1 top, eased) a paced rep is at ``seconds`` into its REPS phase, from its beats."""
    if not phase.beats or phase.rep_seconds <= 0:
        return 0.0
    at = bisect.bisect_right(_offsets(phase), seconds) - 1
    if at < 0:
        return 0.0
    beat = phase.beats[at]
    following = phase.beats[at + 1].offset if at + 1 < len(phase.beats) else phase.duration
    if beat.kind is BeatKind.UP:
        return ease((seconds - beat.offset) / max(1e-9, _top_at(phase.beats, at) - beat.offset))
    if beat.kind is BeatKind.DOWN:
        return 1.0 - ease((seconds - beat.offset) / max(1e-9, following - beat.offset))
    return 1.0


def _top_at(beats: tuple[Beat, ...], up_index: int) -> float:
    """When the lift that starts at beat ``up_index`` reaches the top: at the rep's hold, else its lowering."""
    for beat in beats[up_index + 1 :]:
        if beat.kind in (BeatKind.HOLD, BeatKind.DOWN):
            return beat.offset
    return beats[up_index].offset


_offsets_memo: dict[int, tuple[Phase, tuple[float, ...]]] = {}


def _offsets(phase: Phase) -> tuple[float, ...]:
    """The offsets of a phase's beats, in order: worked out once per phase object (kept by identity), as the
    session page asks for the position at every frame and a long set has hundreds of beats."""
    hit = _offsets_memo.get(id(phase))
    if hit is not None and hit[0] is phase:
        return hit[1]
    if len(_offsets_memo) > 64:
        _offsets_memo.clear()
    offsets = tuple(beat.offset for beat in phase.beats)
    _offsets_memo[id(phase)] = (phase, offsets)
    return offsets


_spans_memo: dict[int, tuple[Phase, tuple[float, ...], tuple[float, ...]]] = {}


def _moving_spans(phase: Phase) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The start and end seconds of every lift and lowering of a REPS phase, in order. Worked out once per phase
    object (kept by identity, like ``per_figure``): the session page asks at every frame."""
    hit = _spans_memo.get(id(phase))
    if hit is not None and hit[0] is phase:
        return hit[1], hit[2]
    if len(_spans_memo) > 64:
        _spans_memo.clear()
    spans = _spans_of(phase)
    starts, ends = tuple(start for start, _ in spans), tuple(end for _, end in spans)
    _spans_memo[id(phase)] = (phase, starts, ends)
    return starts, ends


def _spans_of(phase: Phase) -> list[tuple[float, float]]:
    spans: list[tuple[float, float]] = []
    beats = phase.beats
    for i, beat in enumerate(beats):
        if beat.kind is BeatKind.UP:
            spans.append((beat.offset, _top_at(beats, i)))
        elif beat.kind is BeatKind.DOWN:
            spans.append((beat.offset, beats[i + 1].offset if i + 1 < len(beats) else phase.duration))
    return [(start, end) for start, end in spans if end > start]


def cycle_pose(figure: ExerciseFigure, seconds: float) -> Pose:
    """The cardio cycle at ``seconds``: the keyframes of ``figure.cycle`` in a loop, eased between each two, at
    ``figure.cadence`` cycles a minute; on pedals the feet follow the pedals' path exactly."""
    return cycle_at(figure, _turn(figure, seconds))


def _turn(figure: ExerciseFigure, seconds: float) -> float:
    return (seconds * (figure.cadence or 0.0) / 60.0) % 1.0


def cycle_at(figure: ExerciseFigure, turn: float) -> Pose:
    """The cardio cycle ``turn`` (0..1) of the way round."""
    names = figure.cycle
    position = turn * len(names)
    k = min(int(position), len(names) - 1)
    pose = interpolate(figure.keyframes[names[k]], figure.keyframes[names[(k + 1) % len(names)]], ease(position - k))
    return _pinned(figure, pose, turn)


def pedal_point(figure: ExerciseFigure, side: BodySide, turn: float) -> tuple[float, float]:
    """Where a pedal (the sole under the ankle) is, ``turn`` (0..1) of the way through a cycle; the lead foot (the
    left, or the right when mirrored) starts at the top, the other opposite, and the pedals turn forwards."""
    assert figure.pedals is not None
    lead = WRITTEN_FOR if not figure.mirrored else WRITTEN_FOR.other
    facing = figure.start.facing
    theta = math.pi / 2 - 2.0 * math.pi * turn + (0.0 if side is lead else math.pi)
    cx, cy = figure.pedals.centre
    rx, ry = figure.pedals.radius
    return (cx + facing * rx * math.cos(theta), cy + ry * math.sin(theta))


def along(figure: ExerciseFigure, progress: float) -> Pose:
    """The pose ``progress`` (0 start .. 1 top, already eased) of the way along the figure's path of keyframes."""
    path = figure.path
    if progress <= 0.0:
        return _pinned(figure, figure.keyframes[path[0]], None)
    if progress >= 1.0:
        return _pinned(figure, figure.keyframes[path[-1]], None)
    position = progress * (len(path) - 1)
    k = min(int(position), len(path) - 2)
    pose = interpolate(figure.keyframes[path[k]], figure.keyframes[path[k + 1]], position - k)
    return _pinned(figure, pose, None)


def _pinned(figure: ExerciseFigure, pose: Pose, turn: float | None) -> Pose:
    """``pose`` with each pinned limb end put back where the start pose has it (or on its pedal)."""
    view = figure.view
    reference = _reference(figure)
    for pin in figure.pins:
        side_name, end = pin.split("_", 1)
        side = BodySide(side_name)
        root, mid, tip = _LIMBS[end]
        target = reference[f"{side}_{tip}"]
        pose = _reach(pose, view, side, (root, mid, tip), (target[0], target[1]), reference=reference)
    if figure.pedals is not None and turn is not None:
        for side in BodySide:
            x, y = pedal_point(figure, side, turn)
            pose = _reach(pose, view, side, _LIMBS["foot"], (x, y + ANKLE_HEIGHT), reference=reference)
    return pose


@per_figure
def _reference(figure: ExerciseFigure) -> Skeleton:
    """The start pose's skeleton, where pinned limbs stay: worked out once per figure, as every frame needs it."""
    return forward_kinematics(figure.start, figure.view)


def _wrap(angle: float) -> float:
    return (angle + 180.0) % 360.0 - 180.0


def _reach(
    pose: Pose,
    view: View,
    side: BodySide,
    limb: tuple[str, str, str],
    target: tuple[float, float],
    *,
    reference: Skeleton,
) -> Pose:
    """``pose`` with the two segments of ``limb`` turned in the picture plane so its end is at ``target``, bent
    the way it already bends, and the last segment (foot, hand) kept at its angle in the start pose."""
    root, mid, tip = limb
    skeleton = forward_kinematics(pose, view)
    hx, hy, _ = skeleton[f"{side}_{root}"]
    kx, ky, _ = skeleton[f"{side}_{mid}"]
    a = SEGMENT_LENGTHS["thigh" if root == "hip" else "upper_arm"]
    b = SEGMENT_LENGTHS["shank" if root == "hip" else "forearm"]
    dx, dy = target[0] - hx, target[1] - hy
    reach = min(a + b - 1e-9, max(abs(a - b) + 1e-9, math.hypot(dx, dy)))
    base = math.atan2(dy, dx)
    bend = math.acos(max(-1.0, min(1.0, (a * a + reach * reach - b * b) / (2 * a * reach))))
    ex, ey, _ = skeleton[f"{side}_{tip}"]
    bending = (kx - hx) * (ey - ky) - (ky - hy) * (ex - kx)  # which way the hinge bends now: keep it
    if abs(bending) < 1e-9:  # straight: bend it the natural way (a knee backwards, an elbow forwards)
        bending = skeleton.right[2] * (-1.0 if root == "hip" else 1.0)
    first = base + bend
    knee = (hx + a * math.cos(first), hy + a * math.sin(first))
    if ((knee[0] - hx) * (target[1] - knee[1]) - (knee[1] - hy) * (target[0] - knee[0])) * bending < 0:
        first = base - bend
        knee = (hx + a * math.cos(first), hy + a * math.sin(first))
    second = math.atan2(target[1] - knee[1], target[0] - knee[0])
    first_deg, second_deg = math.degrees(first), math.degrees(second)
    if root == "hip":
        parent = pose.tilt + 180.0
    else:
        shoulders, lumbar = skeleton["shoulders"], skeleton["lumbar"]
        parent = math.degrees(math.atan2(shoulders[1] - lumbar[1], shoulders[0] - lumbar[0])) + 180.0
    facing = pose.facing
    joints = dict(pose.joints)
    joints[f"{side}_{root}"] = Joint(_wrap(first_deg - parent) / joint_sign(view, root, side, facing), 0.0)
    joints[f"{side}_{mid}"] = Joint(_wrap(second_deg - first_deg) / joint_sign(view, mid, side, facing), 0.0)
    end_start = reference[f"{side}_{tip}"]
    end_tip = reference[f"{side}_{'toe' if tip == 'ankle' else 'fingers'}"]
    kept = math.degrees(math.atan2(end_tip[1] - end_start[1], end_tip[0] - end_start[0]))
    turn = _wrap(kept - second_deg) / joint_sign(view, tip, side, facing)
    old = pose.joint(f"{side}_{tip}")
    joints[f"{side}_{tip}"] = Joint(FOOT_NEUTRAL - turn if tip == "ankle" else turn, old.lift)
    return Pose(root=pose.root, tilt=pose.tilt, facing=facing, joints=joints)
