"""The words and numbers on screen, and which step is highlighted: plain functions, no window needed."""

from __future__ import annotations

import dataclasses

import pytest

from hipcoach.core.model import Exercise, Kind, Side
from hipcoach.core.plan import Beat, BeatKind, Phase, PhaseKind
from hipcoach.ui.session_view import current_step
from hipcoach.ui.wording import dose_text, format_clock, minutes_text, side_text
from tests.factories import entry, exercise


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00"), (9.4, "0:09"), (59.6, "1:00"), (600, "10:00"), (4503, "75:03"), (-3, "0:00")]
)
def test_format_clock(seconds: float, text: str) -> None:
    assert format_clock(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"), [(10, "About 1 minute"), (89, "About 1 minute"), (673, "About 11 minutes")]
)
def test_minutes_text(seconds: float, text: str) -> None:
    assert minutes_text(seconds) == text


def test_dose_and_side_texts_use_the_exercise_word_for_a_side() -> None:
    kick = dataclasses.replace(exercise("kick", per_side=True, sets=2, reps=10), side_word="leg")
    assert dose_text(entry(kick)) == "10 reps each leg · 2 sets"
    assert dose_text(entry(kick, only_side=Side.RIGHT)) == "10 reps · 2 sets"
    assert side_text(entry(kick), Side.LEFT) == "Left leg"
    assert dose_text(entry(exercise("s", kind=Kind.HOLD, hold=30))) == "Hold 30 seconds"
    assert dose_text(entry(exercise("b", kind=Kind.CARDIO, minutes=12))) == "12 minutes"
    assert dose_text(entry(exercise("w", kind=Kind.STEPS, reps=20, per_side=True))) == "20 steps each side"


def with_steps(ex: Exercise, count: int) -> Exercise:
    return dataclasses.replace(ex, steps=tuple(f"Step {n}." for n in range(1, count + 1)))


def phase(kind: PhaseKind) -> Phase:
    return Phase(kind, 10.0, 0)


def beat(kind: BeatKind) -> Beat:
    return Beat(0.0, kind, 1)


FOUR = with_steps(exercise("bridge"), 4)  # position, brace, lift, "pause then lower"


@pytest.mark.parametrize(
    ("kind", "beat_kind", "index"),
    [
        (PhaseKind.GET_READY, None, 0),
        (PhaseKind.SWITCH_SIDES, None, 0),
        (PhaseKind.REST, None, 0),
        (PhaseKind.REPS, BeatKind.UP, 2),
        (PhaseKind.REPS, BeatKind.HOLD, 3),
        (PhaseKind.REPS, BeatKind.DOWN, 3),
        (PhaseKind.HOLD, None, 3),
        (PhaseKind.CARDIO, None, 1),
    ],
)
def test_highlighted_step_of_a_four_step_exercise(kind: PhaseKind, beat_kind: BeatKind | None, index: int) -> None:
    assert current_step(phase(kind), beat(beat_kind) if beat_kind else None, FOUR) == index


def test_paced_steps_stay_on_the_stepping_step() -> None:
    walk = with_steps(exercise("walk", kind=Kind.STEPS), 4)
    assert current_step(phase(PhaseKind.REPS), beat(BeatKind.UP), walk) == 2
    assert current_step(phase(PhaseKind.REPS), beat(BeatKind.DOWN), walk) == 2


@pytest.mark.parametrize(("count", "up", "down"), [(1, 0, 0), (2, 1, 1), (3, 1, 2)])
def test_short_exercises_fall_back_to_steps_that_exist(count: int, up: int, down: int) -> None:
    ex = with_steps(exercise("short"), count)
    assert current_step(phase(PhaseKind.REPS), beat(BeatKind.UP), ex) == up
    assert current_step(phase(PhaseKind.REPS), beat(BeatKind.DOWN), ex) == down
    assert current_step(phase(PhaseKind.GET_READY), None, ex) == 0


def test_no_steps_no_highlight() -> None:
    assert current_step(phase(PhaseKind.HOLD), None, with_steps(exercise("none"), 0)) is None
