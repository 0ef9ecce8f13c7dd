"""The moments inside one phase: its second boundaries, beats and counted reps, and which of them comes next.

Apart from the engine so that its walk along the clock and its look ahead (``SessionEngine.upcoming``, which lets
the window start a cue early by the sound output's latency) read one rule.
"""

from __future__ import annotations

import math

from hipcoach.core.events import BeatReached, Event, RepCounted, SecondElapsed
from hipcoach.core.plan import BeatKind, Phase


def next_offset(phase: Phase, next_second: int, next_beat: int) -> float:
    """Seconds into ``phase`` of its next moment: a second boundary, a beat, or its end."""
    target = phase.duration
    if next_second < target:
        target = float(next_second)
    if next_beat < len(phase.beats):
        target = min(target, phase.beats[next_beat].offset)
    return target


def inner_events(
    index: int, phase: Phase, origin: float, *, next_second: int, next_beat: int, elapsed: float
) -> tuple[list[Event], int, int]:
    """Second boundaries, beats and counted reps of phase ``index`` (started at plan time ``origin``) from
    ``next_second`` and ``next_beat`` up to ``elapsed`` into it, in time order; and the next second and beat after
    them."""
    timed: list[tuple[float, int, Event]] = []
    while next_second < phase.duration and next_second <= elapsed + 1e-9:
        remaining = math.ceil(phase.duration - next_second - 1e-9)
        timed.append((float(next_second), 2, SecondElapsed(index, remaining, at=origin + next_second)))
        next_second += 1
    while next_beat < len(phase.beats) and phase.beats[next_beat].offset <= elapsed + 1e-9:
        beat = phase.beats[next_beat]
        at = origin + beat.offset
        if beat.kind is BeatKind.UP and beat.rep > 1:
            timed.append((beat.offset, 0, RepCounted(index, beat.rep - 1, phase.target, at=at)))
        timed.append((beat.offset, 1, BeatReached(index, beat, at=at)))
        next_beat += 1
    timed.sort(key=lambda item: (item[0], item[1]))
    return [event for _, _, event in timed], next_second, next_beat


__all__ = ["inner_events", "next_offset"]
