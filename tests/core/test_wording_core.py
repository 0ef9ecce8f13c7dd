"""The app's words and the model's amount rule, in the core (no Qt)."""

from __future__ import annotations

from datetime import UTC, datetime

from hipcoach.core.model import Kind, Unit
from hipcoach.core.wording import amount_text, moment_text, noun, plural, recorded_side_text, spoken_amount
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
