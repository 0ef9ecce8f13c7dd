"""The app's words and the model's amount rule, in the core (no Qt)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from hipcoach.core.model import Kind, Side, SideKind, Unit
from hipcoach.core.wording import SIDE_PHRASES as SIDE_PHRASES_BY_KIND
from hipcoach.core.wording import (
    amount_text,
    cardio_text,
    entry_side_phrase,
    hold_text,
    moment_text,
    noun,
    plural,
    recorded_side_text,
    side_phrase,
    spoken_amount,
)
from tests.factories import entry, exercise


def test_each_kind_says_what_its_dose_counts() -> None:
    assert [kind.unit for kind in Kind] == [Unit.REPS, Unit.STEPS, Unit.SECONDS, Unit.MINUTES]
    assert [kind.result_unit for kind in Kind] == [Unit.REPS, Unit.STEPS, Unit.SECONDS, Unit.SECONDS]


def test_the_dose_gives_the_amount_of_its_kind() -> None:
    hold = exercise("stretch", kind=Kind.HOLD, hold=30)
    amount = hold.dose.amount(hold.kind)
    assert amount is not None and (amount.value.value, amount.unit) == (30, Unit.SECONDS)
    reps = exercise("bridge", reps=8, hold=3)  # the hold at the top of a rep is not the amount
    amount = reps.dose.amount(reps.kind)
    assert amount is not None and (amount.value.value, amount.unit) == (8, Unit.REPS)
    assert reps.dose.amount(Kind.CARDIO) is None


def test_one_plural_and_the_noun_alone() -> None:
    assert plural(1, "session") == "1 session"
    assert plural(1250, "session") == "1,250 sessions"
    assert noun(1, "row") == "row"
    assert noun(3, "row") == "rows"


def test_the_words_for_a_recorded_side_and_amount() -> None:
    assert [recorded_side_text(side) for side in ("left", "right", None)] == ["Left", "Right", "—"]
    assert amount_text(1, "reps") == "1 rep"
    assert amount_text(545, "seconds") == "9 min 5 s"


def test_a_moment_in_words() -> None:
    assert moment_text(datetime(2026, 3, 3, 8, 15, tzinfo=UTC)) == "Tue 3 Mar 2026, 08:15"


def test_the_coach_says_the_amount_with_the_exercise_s_word_for_a_side() -> None:
    kick = entry(exercise("kick", per_side=True, reps=1, sets=2))
    assert spoken_amount(kick) == "1 rep each side, 2 sets"


# One function per kind of side; the side is always the hip that works. The shipped exercises and their phrases are
# checked one by one in tests/core/test_cue_words.py.
SIDE_PHRASES = {
    SideKind.LEG: ("Your left leg moves.", "Your right leg moves."),
    SideKind.CHAIR: (
        "Right hand on the chair. Your left leg moves.",
        "Left hand on the chair. Your right leg moves.",
    ),
    SideKind.KNEE: ("Your left knee bends.", "Your right knee bends."),
    SideKind.LYING: ("Lie on your right side, left knee on top.", "Lie on your left side, right knee on top."),
    SideKind.FRONT: ("Left leg in front.", "Right leg in front."),
    SideKind.DIRECTION: ("Step to your left.", "Step to your right."),
    SideKind.FOOT: ("Left foot on the floor, right leg straight.", "Right foot on the floor, left leg straight."),
    SideKind.ANKLE: (
        "Right hand on the chair. Hold your left ankle.",
        "Left hand on the chair. Hold your right ankle.",
    ),
    SideKind.CHEST: ("Left knee to your chest.", "Right knee to your chest."),
    SideKind.TOWEL: (
        "Right hand on the chair. Towel round your left ankle.",
        "Left hand on the chair. Towel round your right ankle.",
    ),
    SideKind.CROSSED: ("Left ankle on your right knee.", "Right ankle on your left knee."),
}


@pytest.mark.parametrize("kind", list(SideKind))
def test_each_kind_of_side_is_named_on_the_body(kind: SideKind) -> None:
    made = replace(exercise("side", per_side=True), side_kind=kind)
    assert (side_phrase(made, Side.LEFT), side_phrase(made, Side.RIGHT)) == SIDE_PHRASES[kind]
    assert SIDE_PHRASES_BY_KIND[kind](Side.LEFT) == SIDE_PHRASES[kind][0]


def test_one_side_only_is_said() -> None:
    made = replace(exercise("pigeon", per_side=True), side_kind=SideKind.FRONT)
    assert entry_side_phrase(entry(made, only_side=Side.RIGHT), Side.RIGHT) == "Right leg in front. This side only."
    assert entry_side_phrase(entry(made), Side.RIGHT) == "Right leg in front."


def test_holds_and_cardio_in_the_coach_s_words() -> None:
    assert hold_text(30) == "Hold for 30 seconds."
    assert hold_text(1) == "Hold for 1 second."
    assert cardio_text(600) == "10 minutes at a moderate pace"
