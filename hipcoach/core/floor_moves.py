"""Getting down to the mat and up again: the words of the two guided moves of a session (Qt-free).

With a sore hip, the trip to the floor and back hurts more than most exercises, so the plan gives each its own
phase (``PhaseKind.GET_DOWN`` before the first exercise on the floor, ``PhaseKind.GET_UP`` after the last) instead of
a few extra seconds of get-ready. The screen shows these steps and the voice says them (``core/cues.py``); they are
ours, written for someone alone with a chair and a mat. Both ways, the stronger leg takes the load: the sore knee
goes down first, and the stronger foot comes forward to stand up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from hipcoach.core.plan import Phase, PhaseKind, Plan


@dataclass(frozen=True)
class FloorMove:
    title: str  # the page's heading during the move
    steps: tuple[str, ...]  # shown numbered, lit one after the other
    spoken: str  # what the voice says at the start (standard and coach)
    short: str  # at minimal verbosity


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
)

GET_UP: Final = FloorMove(
    title="Up from the mat",
    steps=(
        "Roll onto your side, then push up onto your hands and knees.",
        "Move close to the chair and put your hands on its seat.",
        "Bring your stronger leg forward, foot flat on the floor.",
        "Push through that foot and your hands, and stand up slowly.",
    ),
    spoken=(
        "Time to get up. Roll to your side, then to hands and knees. Hands on the chair, "
        "stronger foot forward, push up slowly."
    ),
    short="Up from the mat. Take your time.",
)

FLOOR_MOVES: Final = {PhaseKind.GET_DOWN: GET_DOWN, PhaseKind.GET_UP: GET_UP}


def floor_move(phase: Phase) -> FloorMove:
    """The words of a GET_DOWN or GET_UP phase."""
    return FLOOR_MOVES[phase.kind]


def current_step(phase: Phase, elapsed: float) -> int:
    """0-based step to light ``elapsed`` seconds into the move: the steps share its time evenly, so the light walks
    down the list while the voice and the user go through them."""
    steps = len(floor_move(phase).steps)
    if phase.duration <= 0:
        return 0
    return max(0, min(steps - 1, int(elapsed * steps / phase.duration)))


def way_up_on_stop(plan: Plan, index: int, elapsed: float, *, held: bool) -> int | None:
    """The way up to guide when the user stops at phase ``index``, ``elapsed`` seconds into it: the one ahead while
    they are on the floor, or the one held, not begun, after "Sharp pain" (``held``); none while they are still
    standing (the first step of the way down is taken holding the chair) or already on the way up."""
    phase = plan.phases[index]
    if phase.kind is PhaseKind.GET_UP:
        return index if held else None
    if phase.kind is PhaseKind.GET_DOWN and current_step(phase, elapsed) == 0:
        return None
    return plan.way_up(index)
