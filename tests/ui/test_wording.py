"""The words and numbers on screen, and which step is highlighted: plain functions, no window needed."""

from __future__ import annotations

import dataclasses

import pytest

from hipcoach.core.model import Exercise, Kind, Movement, Side
from hipcoach.core.plan import Beat, BeatKind, Phase, PhaseKind
from hipcoach.core.wording import dose_text, entry_text, format_clock, minutes_text, side_text
from hipcoach.ui.step_list import current_step
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


def test_a_dose_of_one_reads_as_one() -> None:
    """A routine may ask for one of anything; "1 reps" and "1 minutes" read as mistakes on the screen."""
    assert dose_text(entry(exercise("k", reps=1))) == "1 rep"
    assert dose_text(entry(exercise("s", kind=Kind.HOLD, hold=1))) == "Hold 1 second"
    assert dose_text(entry(exercise("b", kind=Kind.CARDIO, minutes=1))) == "1 minute"


def with_steps(ex: Exercise, count: int) -> Exercise:
    return dataclasses.replace(ex, steps=tuple(f"Step {n}." for n in range(1, count + 1)))


def phase(kind: PhaseKind) -> Phase:
    return Phase(kind, 10.0, 0)


def beat(kind: BeatKind) -> Beat:
    return Beat(0.0, kind, 1)


# position, brace, lift, "pause then lower": the file says step 3 is the movement and step 4 the hold
FOUR = dataclasses.replace(with_steps(exercise("bridge", hold=3), 4), movement=Movement(move_step=3, hold_step=4))


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
        (PhaseKind.CARDIO, None, 2),  # the movement step: the pace
    ],
)
def test_highlighted_step_of_a_four_step_exercise(kind: PhaseKind, beat_kind: BeatKind | None, index: int) -> None:
    assert current_step(phase(kind), beat(beat_kind) if beat_kind else None, FOUR) == index


def test_every_second_of_a_hold_inside_a_rep_lights_the_hold_step() -> None:
    assert current_step(phase(PhaseKind.REPS), beat(BeatKind.HOLDING), FOUR) == 3


def test_without_a_hold_step_the_lowering_lights_the_return_step_or_the_movement() -> None:
    kick = dataclasses.replace(with_steps(exercise("kick"), 4), movement=Movement(move_step=3, return_step=4))
    assert current_step(phase(PhaseKind.REPS), beat(BeatKind.UP), kick) == 2
    assert current_step(phase(PhaseKind.REPS), beat(BeatKind.DOWN), kick) == 3
    swing = dataclasses.replace(with_steps(exercise("swing"), 3), movement=Movement(move_step=2))
    assert current_step(phase(PhaseKind.REPS), beat(BeatKind.DOWN), swing) == 1


def test_paced_steps_stay_on_the_stepping_step() -> None:
    walk = dataclasses.replace(with_steps(exercise("walk", kind=Kind.STEPS), 4), movement=Movement(move_step=3))
    assert current_step(phase(PhaseKind.REPS), beat(BeatKind.UP), walk) == 2
    assert current_step(phase(PhaseKind.REPS), beat(BeatKind.DOWN), walk) == 2


@pytest.mark.parametrize(("count", "lit"), [(1, 0), (2, 1), (3, 2)])
def test_a_step_number_past_the_last_step_lights_the_last(count: int, lit: int) -> None:
    ex = dataclasses.replace(with_steps(exercise("short"), count), movement=Movement(move_step=3))
    assert current_step(phase(PhaseKind.REPS), beat(BeatKind.UP), ex) == lit
    assert current_step(phase(PhaseKind.GET_READY), None, ex) == 0


def test_no_steps_no_highlight() -> None:
    assert current_step(phase(PhaseKind.HOLD), None, with_steps(exercise("none"), 0)) is None


def test_entry_text_names_the_sides_a_routine_chose_and_the_hold() -> None:
    kick = dataclasses.replace(exercise("kick", per_side=True, sets=2, reps=10, hold=4), side_word="leg")
    assert entry_text(entry(kick)) == "10 reps each leg · 4-second hold · 2 sets"
    assert entry_text(entry(kick, only_side=Side.RIGHT)) == "10 reps · 4-second hold · 2 sets · Right leg only"
    right_first = entry_text(entry(kick, first_side=Side.RIGHT))
    assert right_first == "10 reps each leg · 4-second hold · 2 sets · Right leg first"
    assert entry_text(entry(exercise("s", kind=Kind.HOLD, hold=30))) == "Hold 30 seconds"
