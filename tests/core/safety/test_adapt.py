"""The routines after the safety questions: which exercises each precaution keeps, swaps and leaves out, for every
built-in routine and a user's routine, read from the real content files."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from hipcoach.core import content
from hipcoach.core.model import Area, Demands, Entry, Exercise, Movement, Position, Routine
from hipcoach.core.safety.adapt import GENTLE_ROUTINE_ID, adapt_routine, broken_by, offer
from hipcoach.core.safety.answers import OperatedHip, Operation, SafetyAnswers, WarningSign
from hipcoach.core.safety.precautions import BY_APPROACH, PRECAUTION_WEEKS, Approach, Precaution
from tests.factories import entry as factory_entry
from tests.factories import exercise, routine

OPERATED_ON = date(2026, 1, 10)
TODAY = date(2026, 2, 1)

USER_ROUTINE = """\
name = "My evening"
description = "Rower, squat and the two floor stretches I like."

[[exercise]]
id = "rowing-machine"

[[exercise]]
id = "yoga-squat"
reps = 5

[[exercise]]
id = "pigeon-pose"
only_side = "right"

[[exercise]]
id = "knee-to-chest"
"""


def operated(approach: Approach, *, signs: frozenset[WarningSign] = frozenset(), lifted: bool = False) -> SafetyAnswers:
    return SafetyAnswers(True, Operation(OperatedHip.RIGHT, approach, OPERATED_ON, lifted), signs, OPERATED_ON)


def changes(adapted: Routine) -> list[str]:
    """The changes in the table's words: "pigeon-pose out", "butterfly-stretch -> quadriceps-stretch"."""
    return [
        f"{a.exercise.id} -> {a.replacement.id}" if a.replacement else f"{a.exercise.id} out"
        for a in adapted.adaptations
    ]


BACK = {  # posterior: no bend past 90°, no crossing the middle, no turning in
    "gentle-mobility": ["hip-rotations out", "butterfly-stretch -> quadriceps-stretch", "knee-to-chest out"],
    "strength": ["clamshells -> banded-walk"],
    "strength-long": ["yoga-squat out", "clamshells out"],
    "stretching": ["butterfly-stretch out", "knee-to-chest out", "pigeon-pose out"],
    "full": [
        "stationary-bike out",
        "yoga-squat out",
        "hip-rotations out",
        "butterfly-stretch out",
        "clamshells out",
        "knee-to-chest out",
        "pigeon-pose out",
    ],
    "my-evening": [
        "rowing-machine -> leg-swings",
        "yoga-squat -> bridge",
        "pigeon-pose -> quadriceps-stretch",
        "knee-to-chest out",
    ],
}
FRONT = {  # anterior: no extension past neutral while turned out
    "gentle-mobility": [],
    "strength": [],
    "strength-long": [],
    "stretching": ["pigeon-pose out"],
    "full": ["pigeon-pose out"],
    "my-evening": ["pigeon-pose -> butterfly-stretch"],  # the mat it has, and easier than kneeling
}
TABLE = {Approach.BACK: BACK, Approach.FRONT: FRONT, Approach.UNKNOWN: BACK}


@pytest.fixture(scope="module")
def user_routine(tmp_path_factory: pytest.TempPathFactory, catalogue: dict[str, Exercise]) -> Routine:
    path = tmp_path_factory.mktemp("routines") / "my-evening.toml"
    path.write_text(USER_ROUTINE, encoding="utf-8")
    return content.load_routine(path, catalogue)


@pytest.mark.parametrize("routine_id", list(BACK))
@pytest.mark.parametrize("approach", list(Approach))
def test_what_each_approach_keeps_swaps_and_leaves_out(
    approach: Approach,
    routine_id: str,
    catalogue: dict[str, Exercise],
    builtins: list[Routine],
    user_routine: Routine,
) -> None:
    every = [*builtins, user_routine]
    assert {r.id for r in builtins} == set(BACK) - {"my-evening"}  # a new built-in routine needs its row
    given = next(r for r in every if r.id == routine_id)
    adapted = next(r for r in offer(every, catalogue, operated(approach), TODAY).routines if r.id == routine_id)
    assert changes(adapted) == TABLE[approach][routine_id]
    precautions = BY_APPROACH[approach]
    assert adapted.precautions == precautions
    for entry in adapted.entries:  # what is left breaks nothing, and appears once
        assert broken_by(entry.exercise, precautions) == ()
    ids = [entry.exercise.id for entry in adapted.entries]
    assert len(ids) == len(set(ids))
    kept = [e.exercise.id for i, e in enumerate(given.entries) if i not in {a.entry_index for a in adapted.adaptations}]
    assert [i for i in ids if i in kept] == kept  # the kept ones, in their order


def test_a_stand_in_takes_its_own_dose_and_the_entrys_side(
    catalogue: dict[str, Exercise], user_routine: Routine
) -> None:
    adapted = adapt_routine(user_routine, catalogue, BY_APPROACH[Approach.BACK])
    swapped = next(e for e in adapted.entries if e.exercise.id == "quadriceps-stretch")
    assert swapped.dose == catalogue["quadriceps-stretch"].dose
    assert swapped.sides == (user_routine.entries[2].only_side,)
    bridge = next(e for e in adapted.entries if e.exercise.id == "bridge")  # for the squat, given 5 reps
    assert bridge.dose == catalogue["bridge"].dose
    kept = adapt_routine(user_routine, catalogue, BY_APPROACH[Approach.FRONT]).entries[1]
    assert kept.exercise.id == "yoga-squat"
    assert kept.dose.reps is not None and kept.dose.reps.value == 5  # a kept entry keeps the routine's dose


def test_a_swap_never_asks_for_a_machine_the_routine_does_not_use(catalogue: dict[str, Exercise]) -> None:
    bike_then_swings = Routine("r", "R", "", (content_entry(catalogue, "stationary-bike"),))
    adapted = adapt_routine(bike_then_swings, catalogue, BY_APPROACH[Approach.BACK])
    assert changes(adapted) == ["stationary-bike -> leg-swings"]  # not the elliptical: few own one


def content_entry(catalogue: dict[str, Exercise], exercise_id: str) -> Entry:
    found = catalogue[exercise_id]
    return Entry(found, found.dose)


def test_the_precautions_end_after_twelve_weeks(catalogue: dict[str, Exercise], builtins: list[Routine]) -> None:
    ends = OPERATED_ON + timedelta(weeks=PRECAUTION_WEEKS)
    day_before = offer(builtins, catalogue, operated(Approach.BACK), ends - timedelta(days=1))
    assert day_before.precautions == BY_APPROACH[Approach.BACK]
    assert day_before.precautions_until == ends
    assert any(r.adaptations for r in day_before.routines)
    on_the_day = offer(builtins, catalogue, operated(Approach.BACK), ends)
    assert on_the_day.precautions == frozenset()
    assert on_the_day.precautions_until is None
    assert on_the_day.routines == tuple(builtins)


def test_lifted_precautions_change_nothing(catalogue: dict[str, Exercise], builtins: list[Routine]) -> None:
    lifted = offer(builtins, catalogue, operated(Approach.UNKNOWN, lifted=True), TODAY)
    assert lifted.routines == tuple(builtins)
    assert lifted.precautions == frozenset()


def test_never_answered_offers_the_very_same_routines(catalogue: dict[str, Exercise], builtins: list[Routine]) -> None:
    given = offer(builtins, catalogue, SafetyAnswers(), TODAY)
    assert all(a is b for a, b in zip(given.routines, builtins, strict=True))
    assert (given.precautions, given.precautions_until, given.see_a_professional) == (frozenset(), None, False)


def test_answered_with_no_operation_and_no_signs_changes_nothing(
    catalogue: dict[str, Exercise], builtins: list[Routine]
) -> None:
    assert offer(builtins, catalogue, SafetyAnswers(answered=True), TODAY).routines == tuple(builtins)


@pytest.mark.parametrize("sign", list(WarningSign))
def test_a_warning_sign_offers_only_the_gentle_routine(
    sign: WarningSign, catalogue: dict[str, Exercise], builtins: list[Routine], user_routine: Routine
) -> None:
    no_operation = SafetyAnswers(answered=True, warning_signs=frozenset({sign}))
    given = offer([*builtins, user_routine], catalogue, no_operation, TODAY)
    assert given.see_a_professional
    assert [r.id for r in given.routines] == [GENTLE_ROUTINE_ID]
    assert given.routines[0].adaptations == ()


def test_a_warning_sign_after_an_operation_offers_the_gentle_routine_adapted(
    catalogue: dict[str, Exercise], builtins: list[Routine]
) -> None:
    given = offer(builtins, catalogue, operated(Approach.BACK, signs=frozenset({WarningSign.FEVER})), TODAY)
    assert [r.id for r in given.routines] == [GENTLE_ROUTINE_ID]
    assert changes(given.routines[0]) == BACK[GENTLE_ROUTINE_ID]


def test_a_routine_with_nothing_left_is_not_offered_but_named(catalogue: dict[str, Exercise]) -> None:
    # Every area of the catalogue has a safe exercise, so only an exercise with no area (built in code) can empty
    # a routine; the rule is for the day one can.
    nothing_left = routine(factory_entry(exercise("made-up")))
    given = offer([nothing_left], catalogue, operated(Approach.BACK), TODAY)
    assert given.routines == ()
    assert [r.id for r in given.left_out] == [nothing_left.id]
    assert changes(given.left_out[0]) == ["made-up out"]


@pytest.mark.parametrize(
    ("exercise_id", "broken"),
    [
        ("pigeon-pose", (Precaution.DEEP_BEND, Precaution.EXTENSION_TURNED_OUT)),
        ("clamshells", (Precaution.CROSSING,)),
        ("hip-rotations", (Precaution.DEEP_BEND, Precaution.TURNING_IN)),
        ("bridge", ()),
        ("quadriceps-stretch", ()),
    ],
)
def test_broken_by_names_each_precaution_in_a_stable_order(
    exercise_id: str, broken: tuple[Precaution, ...], catalogue: dict[str, Exercise]
) -> None:
    assert broken_by(catalogue[exercise_id], frozenset(Precaution)) == broken


def test_an_exercise_that_declares_nothing_is_taken_to_break_everything() -> None:
    undeclared = exercise()
    assert undeclared.movement.demands is None
    assert broken_by(undeclared, frozenset(Precaution)) == tuple(Precaution)
    adapted = adapt_routine(routine(), {}, frozenset({Precaution.CROSSING}))
    assert adapted.precautions == {Precaution.CROSSING}


def test_no_precautions_return_the_routine_itself(catalogue: dict[str, Exercise], builtins: list[Routine]) -> None:
    assert all(adapt_routine(r, catalogue, frozenset()) is r for r in builtins)


def test_the_user_routine_file_is_read_from_disk(user_routine: Routine) -> None:
    assert Path(user_routine.source).name == "my-evening.toml"


def test_a_swap_may_bring_in_an_exercise_done_lying_face_down() -> None:
    """Lying face down (the donkey kick's easier version) is a position a swap can rank like any other."""
    kick = replace(
        exercise("kick", position=Position.ALL_FOURS, per_side=True),
        area=Area.BUTTOCK,
        movement=Movement(demands=Demands(hip_bend=100, kneels=True, floor=True)),
    )
    lift = replace(
        exercise("lift", position=Position.FRONT, per_side=True),
        area=Area.BUTTOCK,
        movement=Movement(demands=Demands(hip_bend=0, extends=True, floor=True)),
    )
    adapted = adapt_routine(routine(factory_entry(kick)), {"lift": lift}, frozenset({Precaution.DEEP_BEND}))
    assert [entry.exercise.id for entry in adapted.entries] == ["lift"]
