"""Getting down to the mat and up again: the words of the two guided moves of a session (Qt-free).

With a sore hip, the trip to the floor and back hurts more than most exercises, so the plan gives each its own
phase (``PhaseKind.GET_DOWN`` before the first exercise on the floor, ``PhaseKind.GET_UP`` after the last) instead of
a few extra seconds of get-ready. The screen shows these steps and the voice says them (``core/cues.py``); they are
ours, written for someone alone with a chair and a mat. Both ways, the stronger leg takes the load: the sore knee
goes down first, and the stronger foot comes forward to stand up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from hipcoach.core.model import Entry, Position
from hipcoach.core.plan import Phase, PhaseKind, Plan


@dataclass(frozen=True)
class FloorMove:
    title: str  # the page's heading during the move
    steps: tuple[str, ...]  # shown numbered, lit one after the other
    spoken: str  # what the voice says at the start (standard and coach)
    short: str  # at minimal verbosity
    poses: tuple[tuple[str, ...], ...] = ()  # per step, the figure's poses (resources/floor-moves.toml) in turn


GET_DOWN: Final = FloorMove(
    title="Down to the mat",
    steps=(
        "Stand next to a steady chair, the mat in front of you, and hold the chair.",
        "Step back with your sore leg and lower that knee to the mat, then the other knee.",
        "Put one hand on the mat, then the other.",
        "Move slowly into the next position; to sit or lie down, sit to one side first.",
    ),
    spoken=(
        "Down to the mat. Hold a chair, lower your sore knee first, then the other. "
        "Hands to the mat, then ease into position."
    ),
    short="Down to the mat. Take your time.",
    poses=(("standing",), ("half-kneeling", "kneeling"), ("hands-and-knees",), ("hands-and-knees",)),
)

INTO_POSITION: Final[Mapping[Position, tuple[str, ...]]] = {
    Position.BACK: ("sitting", "lying-back"),
    Position.SIDE: ("sitting", "lying-side"),
    Position.FRONT: ("lying-front",),
    Position.FLOOR_SITTING: ("sitting",),
    Position.KNEELING: ("kneeling",),
    Position.ALL_FOURS: ("hands-and-knees",),
}
"""The figure on the way down's last step ("Move slowly into the next position"): the position the coming
exercise starts in, after sitting to one side when it is sat or lain in."""

_UP_STEPS: Final = (
    "Move close to the chair and put your hands on its seat.",
    "Bring your stronger leg forward, foot flat on the floor.",
    "Push through that foot and your hands, and stand up slowly.",
)
_UP_SPOKEN: Final = "Hands on the chair, stronger foot forward, push up slowly."
_UP_POSES: Final = (("kneeling",), ("half-kneeling",), ("rising", "standing"))


def _way_up(first_step: str, spoken: str, poses: tuple[str, ...] = ()) -> FloorMove:
    return FloorMove(
        title="Up from the mat",
        steps=(first_step, *_UP_STEPS) if first_step else _UP_STEPS,
        spoken=f"Time to get up. {spoken}{_UP_SPOKEN}",
        short="Up from the mat. Take your time.",
        poses=(poses, *_UP_POSES) if first_step else _UP_POSES,
    )


GET_UP: Final = _way_up(
    "Roll onto your side, then push up onto your hands and knees.",
    "Roll to your side, then to hands and knees. ",
    ("lying-side", "hands-and-knees"),
)
"""The way up from lying on the back, the usual last floor exercise; the others start where the body is."""

WAYS_UP: Final[Mapping[Position, FloorMove]] = {
    Position.BACK: GET_UP,
    Position.SIDE: _way_up(
        "From your side, push up onto your hands and knees.", "Push up onto hands and knees. ", ("hands-and-knees",)
    ),
    Position.FRONT: _way_up(
        "Hands under your shoulders, push back onto your hands and knees.",
        "Push back onto hands and knees. ",
        ("hands-and-knees",),
    ),
    Position.FLOOR_SITTING: _way_up(
        "Turn to one side and come onto your hands and knees.",
        "Turn onto hands and knees. ",
        ("sitting", "hands-and-knees"),
    ),
    Position.KNEELING: _way_up(
        "Bring your legs back under you, onto your hands and knees.",
        "Come onto hands and knees. ",
        ("hands-and-knees",),
    ),
    Position.ALL_FOURS: _way_up("", ""),
}
"""Where the way up starts: the first step is the one from the last floor exercise's position to hands and knees
(rolling to the side after lying face down, as the back's words said, would be a needless extra move)."""


def floor_move(phase: Phase, entry: Entry, body: Position | None = None) -> FloorMove:
    """The words of a GET_DOWN or GET_UP phase; ``entry`` is the phase's, the floor exercise it leads to or ends,
    and ``body`` where the body is when a stop jumped to the way up from another exercise (engine.way_up_from)."""
    if phase.kind is PhaseKind.GET_DOWN:
        return GET_DOWN
    return WAYS_UP.get(body or entry.exercise.position, GET_UP)


def current_step(phase: Phase, entry: Entry, elapsed: float, body: Position | None = None) -> int:
    """0-based step to light ``elapsed`` seconds into the move: the steps share its time evenly, so the light walks
    down the list while the voice and the user go through them."""
    steps = len(floor_move(phase, entry, body).steps)
    if phase.duration <= 0:
        return 0
    return max(0, min(steps - 1, int(elapsed * steps / phase.duration)))


def step_poses(phase: Phase, entry: Entry, body: Position | None = None) -> tuple[tuple[str, ...], ...]:
    """The figure's poses for each step of a GET_DOWN or GET_UP phase, as ``floor_move`` says: the way down's last
    step shows the position the coming exercise starts in (``INTO_POSITION``)."""
    move = floor_move(phase, entry, body)
    if phase.kind is PhaseKind.GET_DOWN:
        into = INTO_POSITION.get(entry.exercise.position, move.poses[-1])
        return (*move.poses[:-1], into)
    return move.poses


def pose_at(phase: Phase, entry: Entry, elapsed: float, body: Position | None = None) -> str:
    """The pose the figure shows ``elapsed`` seconds into a floor move: the one of the step lit then
    (``current_step``), and when the step names several (kneel on one knee, then both), each for an even share of
    the step's time, so the figure goes through what the step says while the step is lit."""
    poses = step_poses(phase, entry, body)
    step = current_step(phase, entry, elapsed, body)
    names = poses[step]
    if phase.duration <= 0:
        return names[0]
    share = phase.duration / len(poses)
    within = (elapsed - step * share) / share
    return names[max(0, min(len(names) - 1, int(within * len(names))))]


def next_pose_change(phase: Phase, entry: Entry, elapsed: float, body: Position | None = None) -> float | None:
    """The first moment after ``elapsed`` at which ``pose_at`` changes in the phase (None: not again), so the
    window arms one timer for it instead of looking every second."""
    poses = step_poses(phase, entry, body)
    share = phase.duration / len(poses) if poses else 0.0
    now = pose_at(phase, entry, elapsed, body)
    for step, names in enumerate(poses):
        for k in range(len(names)):
            moment = (step + k / len(names)) * share
            if moment > elapsed + 1e-9 and pose_at(phase, entry, moment + 1e-6, body) != now:
                return moment
    return None


def body_at(plan: Plan, index: int, elapsed: float) -> Position:
    """Where the body is ``elapsed`` seconds into phase ``index``, for a way up that a stop jumps to: on the way down
    to the mat, kneeling with the hands down; in the rest after a floor exercise and the first half of the next
    one's get-ready, still where that exercise left it (a sharp-pain stop holds the session at that get-ready before
    anyone moved); otherwise in the position of the phase's exercise."""
    phase = plan.phases[index]
    if phase.kind is PhaseKind.GET_DOWN:
        return Position.ALL_FOURS
    between = phase.kind is PhaseKind.REST or (phase.kind is PhaseKind.GET_READY and elapsed < phase.duration / 2)
    if between and phase.set_number == 0 and phase.entry_index > 0:
        before = plan.routine.entries[phase.entry_index - 1].exercise.position
        if before.on_floor:
            return before
    return plan.entry(phase).exercise.position


def way_up_on_stop(plan: Plan, index: int, elapsed: float, *, held: bool) -> int | None:
    """The way up to guide when the user stops at phase ``index``, ``elapsed`` seconds into it: the one ahead while
    they are on the floor, or the one held, not begun, after "Sharp pain" (``held``); none while they are still
    standing (the first step of the way down is taken holding the chair) or already on the way up."""
    phase = plan.phases[index]
    if phase.kind is PhaseKind.GET_UP:
        return index if held else None
    if phase.kind is PhaseKind.GET_DOWN and current_step(phase, plan.entry(phase), elapsed) == 0:
        return None
    return plan.way_up(index)
