"""The safety words, from the real content: why an exercise is swapped or left out, the precautions line, the
chooser card's changes, and the advice for a warning sign."""

from __future__ import annotations

from datetime import date

from hipcoach.core import advice, content
from hipcoach.core.plan import build_plan
from hipcoach.core.safety.adapt import adapt_routine
from hipcoach.core.safety.answers import WarningSign
from hipcoach.core.safety.precautions import BY_APPROACH, Approach, Precaution
from hipcoach.core.wording import adaptation_text, precautions_text, routine_card

CATALOGUE = content.load_catalogue()
ROUTINES = {routine.id: routine for routine in content.builtin_routines(CATALOGUE)}


def card_changes(routine_id: str, approach: Approach) -> list[str]:
    adapted = adapt_routine(ROUTINES[routine_id], CATALOGUE, BY_APPROACH[approach])
    changes = routine_card(adapted, build_plan(adapted).total_seconds).changes
    return changes.splitlines()


def test_the_card_says_each_change_and_why_in_plain_words() -> None:
    assert card_changes("gentle-mobility", Approach.BACK) == [
        "Hip Rotations is left out: it bends the hip past 90° and turns the hip inward.",
        "Seated Butterfly Stretch is swapped for Quadriceps Stretch: it bends the hip past 90°.",
        "Knee-to-Chest Stretch is left out: it bends the hip past 90°.",
    ]
    assert card_changes("strength", Approach.BACK) == [
        "Clamshells is swapped for Banded Walk: it takes the leg across the middle of your body."
    ]
    assert card_changes("stretching", Approach.FRONT)[-1] == (
        "Pigeon Pose is left out: it takes the leg behind you with the hip turned out."
    )


def test_a_routine_as_written_has_no_changes() -> None:
    routine = ROUTINES["strength"]
    assert routine_card(routine, build_plan(routine).total_seconds).changes == ""
    front = adapt_routine(routine, CATALOGUE, BY_APPROACH[Approach.FRONT])  # checked, nothing to change
    assert routine_card(front, build_plan(front).total_seconds).changes == ""


def test_every_adaptation_is_one_short_line() -> None:
    for routine in ROUTINES.values():
        for adaptation in adapt_routine(routine, CATALOGUE, frozenset(Precaution)).adaptations:
            line = adaptation_text(adaptation)
            assert "\n" not in line and len(line) <= 130, line


def test_the_precautions_line() -> None:
    assert precautions_text(BY_APPROACH[Approach.BACK], date(2026, 3, 3)) == (
        "Hip precautions after your operation until 3 March: no bending the hip past 90°, "
        "no crossing the leg over the middle of your body, no turning the leg inward."
    )
    assert precautions_text(BY_APPROACH[Approach.FRONT], date(2026, 3, 3)) == (
        "Hip precautions after your operation until 3 March: no taking the leg behind you with the hip turned out."
    )
    assert precautions_text(frozenset(), date(2026, 3, 3)) == ""


def test_every_warning_sign_has_its_question_and_the_advice_says_what_to_do() -> None:
    assert list(advice.WARNING_SIGN_QUESTIONS) == [sign.value for sign in WarningSign]
    words = " ".join(advice.SEE_A_PROFESSIONAL_TEXT)
    assert "doctor or physiotherapist" in words
    assert "today" in words  # how urgently
    assert "Gentle Mobility" in words  # what the app offers meanwhile
    assert ROUTINES["gentle-mobility"].name == "Gentle Mobility"
