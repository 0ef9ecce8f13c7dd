"""The whole cue script of every built-in routine, at every verbosity, against what a physiotherapist expects to
hear, written out here and not read from the exercise files: the words of each half of a repetition in the order
the body moves, the side named on the body, the form and safety reminders, the cardio pace, one name per exercise.

The script is the real engine run over the real plan (hipcoach.core.cue_script), with the spoken lead-in the window
uses, so what is checked is what a session says.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import pytest

from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.cue_script import ScriptLine, cue_script
from hipcoach.core.cues import COUNTDOWN_FROM, Priority, SpokenLeadIn, spoken_seconds
from hipcoach.core.model import Kind, Side
from hipcoach.core.plan import Phase, PhaseKind, Plan, PlanOptions, build_plan
from hipcoach.core.verbosity import Verbosity
from hipcoach.core.wording import side_phrase


@dataclass(frozen=True)
class Expected:
    name: str
    first: str = ""  # the word said as the first half of a rep begins
    second: str = ""  # the word said as it comes back
    left: str = ""  # the side phrase when the left hip works
    right: str = ""
    form: tuple[str, ...] = ()
    safety: tuple[str, ...] = field(default=())
    counts_only: bool = False  # a beat of one second: "Forward 2." takes both halves, and the second is quiet


EXPECTED = {
    "hip-rotations": Expected(
        "Hip Rotations",
        "Knee out",
        "Knee up",
        "Your left knee bends.",
        "Your right knee bends.",
        ("Sit tall; don't slump.", "Breathe out as the knee sinks."),
        ("Let the knee sink only as far as is comfortable.",),
    ),
    "hip-extensions": Expected(
        "Hip Extensions",
        "Leg back",
        "Leg in",
        "Your left leg moves.",
        "Your right leg moves.",
        ("Take the leg back, not up high.", "Keep your back still; don't arch it.", "Stand tall on the other leg."),
    ),
    "hip-abductions": Expected(
        "Hip Abductions",
        "Leg out",
        "Leg in",
        "Right hand on the chair. Your left leg moves.",
        "Left hand on the chair. Your right leg moves.",
        ("Don't lean away from the moving leg.", "Toes point forward.", "Breathe out as you lift."),
    ),
    "bridge": Expected(
        "Bridge",
        "Lift",
        "Lower",
        form=(
            "Breathe out as you lift.",
            "Squeeze your buttocks as you lift.",
            "Lift only until your body is in a line.",
        ),
    ),
    "single-leg-bridge": Expected(
        "Single-Leg Glute Bridge",
        "Lift",
        "Lower",
        "Left foot on the floor, right leg straight.",
        "Right foot on the floor, left leg straight.",
        ("Keep your hips level.", "Push through the heel on the floor.", "Breathe out as you lift."),
    ),
    "stationary-bike": Expected(
        "Stationary Bike", form=("You should still be able to talk.", "Keep a smooth, even rhythm.")
    ),
    "elliptical": Expected(
        "Elliptical Machine", form=("Stand tall and keep a light grip.", "You should still be able to talk.")
    ),
    "rowing-machine": Expected("Rowing Machine", form=("Legs first, then arms.", "Keep your back straight.")),
    "butterfly-stretch": Expected(
        "Seated Butterfly Stretch",
        form=("Keep your back straight.", "Breathe slowly."),
        safety=("Press gently; no bouncing.",),
    ),
    "pelvic-tilts": Expected(
        "Pelvic Tilts",
        "Tilt",
        "Relax",
        form=("A small, gentle movement.", "Breathe out as you tilt.", "Keep breathing while you hold."),
    ),
    "clamshells": Expected(
        "Clamshells",
        "Open",
        "Close",
        "Lie on your right side, left knee on top.",
        "Lie on your left side, right knee on top.",
        ("Heels stay together.", "Don't let your hips roll back.", "Breathe out as the knee opens."),
    ),
    "banded-walk": Expected(
        "Banded Walk",
        "Step",
        "Together",
        "Step to your left.",
        "Step to your right.",
        ("Small steps; keep the band tight.", "Toes point forward."),
        counts_only=True,
    ),
    "quadriceps-stretch": Expected(
        "Quadriceps Stretch",
        left="Right hand on the chair. Hold your left ankle.",
        right="Left hand on the chair. Hold your right ankle.",
        form=("Keep your knees together.", "Stand tall; don't lean forward."),
        safety=("A gentle pull, never pain.",),
    ),
    "knee-to-chest": Expected(
        "Knee-to-Chest Stretch",
        left="Left knee to your chest.",
        right="Right knee to your chest.",
        form=("Let your head and shoulders rest on the floor.", "Breathe slowly."),
        safety=("Pull gently; stop if it hurts.",),
    ),
    "donkey-kick": Expected(
        "Donkey Kick",
        "Lift",
        "Lower",
        "Your left leg moves.",
        "Your right leg moves.",
        ("Keep your back flat.", "Lift only as high as your back stays still.", "Breathe out as you lift."),
    ),
    "leg-swings": Expected(
        "Leg Swings",
        "Forward",
        "Back",
        "Right hand on the chair. Your left leg moves.",
        "Left hand on the chair. Your right leg moves.",
        ("Easy, relaxed swings.", "Keep your body upright."),
        counts_only=True,
    ),
    "yoga-squat": Expected(
        "Yoga Squat",
        "Down",
        "Stand",
        form=("Heels stay down.", "Keep your chest up.", "Breathe out as you stand."),
        safety=("Only as low as is comfortable.",),
    ),
    "pigeon-pose": Expected(
        "Pigeon Pose",
        left="Left leg in front.",
        right="Right leg in front.",
        form=("Breathe slowly and let the hip relax.", "Keep your hips level."),
        safety=("Ease in slowly; stop if the hip pinches.",),
    ),
}
SIDE = {Side.LEFT: "left", Side.RIGHT: "right"}

CATALOGUE = load_catalogue()
ROUTINES = {routine.id: routine for routine in builtin_routines(CATALOGUE)}
CASES = [(routine_id, verbosity) for routine_id in ROUTINES for verbosity in Verbosity]


def plan_of(routine_id: str, verbosity: Verbosity) -> Plan:
    return build_plan(ROUTINES[routine_id], PlanOptions(speech_floor=SpokenLeadIn(verbosity)))


def by_phase(plan: Plan, script: list[ScriptLine]) -> list[list[ScriptLine]]:
    """The script's lines under the phase each is due in (the closing "Well done" under the last)."""
    starts = [plan.seconds_before(index) for index in range(len(plan.phases))]
    lines: list[list[ScriptLine]] = [[] for _ in plan.phases]
    for line in script:
        lines[max(0, bisect.bisect_right(starts, line.at + 1e-9) - 1)].append(line)
    return lines


def exercise_text(plan: Plan, per_phase: list[list[ScriptLine]], entry_index: int) -> list[ScriptLine]:
    """Every line said from an exercise's get-ready to its last phase (the rest before it says only what is next)."""
    return [
        line
        for index, phase in enumerate(plan.phases)
        if phase.entry_index == entry_index and not (phase.kind is PhaseKind.REST and not phase.set_number)
        for line in per_phase[index]
    ]


def expected_beats(phase: Phase, words: Expected, verbosity: Verbosity, holds: bool) -> list[str]:
    said: list[str] = []
    for rep in range(1, phase.target + 1):
        if verbosity is Verbosity.MINIMAL:
            said.append("Go." if rep == 1 else f"{rep}.")
            continue
        said.append(f"{words.first}." if rep == 1 else f"{words.first} {rep}.")
        if words.counts_only:
            continue
        if holds:
            said.append("Hold.")
        said.append(f"{words.second}.")
    return said


def test_the_table_covers_every_shipped_exercise() -> None:
    assert set(EXPECTED) == set(CATALOGUE)
    for exercise_id, exercise in CATALOGUE.items():
        words = EXPECTED[exercise_id]
        assert exercise.name == words.name  # one name, on screen, in the voice, in the history and the report
        assert bool(words.left) == exercise.per_side, exercise_id
        assert bool(words.first) == (exercise.kind in (Kind.REPS, Kind.STEPS)), exercise_id


def test_a_hold_never_says_a_leg_moves() -> None:
    """Nothing moves while a stretch is held: its side is named by what the hand holds or where the knee is."""
    for exercise_id, exercise in CATALOGUE.items():
        if exercise.kind is Kind.HOLD and exercise.per_side:
            for side in Side:
                said = side_phrase(exercise, side)
                assert not re.search(r"\b(moves|bends)\b", said), (exercise_id, said)
                assert side.value in said.lower(), (exercise_id, said)


@pytest.mark.parametrize(("routine_id", "verbosity"), CASES)
def test_each_rep_says_its_movement_words_in_the_order_the_body_moves(routine_id: str, verbosity: Verbosity) -> None:
    """A squat goes down and stands up, hip rotations take the knee out and up, leg swings go forward and back; the
    only numbers said while repeating are the rep counts ("Down. 2. Hold. 2. 1." counted backwards)."""
    plan = plan_of(routine_id, verbosity)
    per_phase = by_phase(plan, cue_script(plan, verbosity))
    for index, phase in enumerate(plan.phases):
        if phase.kind is not PhaseKind.REPS:
            continue
        entry = plan.entry(phase)
        words = EXPECTED[entry.exercise.id]
        beats = [line.cue.text for line in per_phase[index] if line.cue.priority is Priority.BEAT]
        holds = entry.dose.hold_seconds is not None and entry.exercise.kind is Kind.REPS
        assert beats == expected_beats(phase, words, verbosity, holds), (entry.exercise.id, phase.side)
        assert not [line for line in per_phase[index] if line.cue.priority is Priority.COUNTDOWN]


@pytest.mark.parametrize(("routine_id", "verbosity"), CASES)
def test_every_per_side_exercise_names_its_side_on_the_body(routine_id: str, verbosity: Verbosity) -> None:
    plan = plan_of(routine_id, verbosity)
    per_phase = by_phase(plan, cue_script(plan, verbosity))
    for index, phase in enumerate(plan.phases):
        entry = plan.entry(phase)
        words = EXPECTED[entry.exercise.id]
        said = " ".join(line.cue.text for line in per_phase[index] if line.cue.priority is Priority.TRANSITION)
        if phase.kind is PhaseKind.GET_READY:
            assert said.startswith("Get ready." if verbosity is Verbosity.MINIMAL else f"{words.name}."), said
        if not entry.exercise.per_side or phase.side is None:
            continue
        phrase = words.left if phase.side is Side.LEFT else words.right
        if phase.kind is PhaseKind.GET_READY:
            assert phrase in said, said
        if phase.kind is PhaseKind.SWITCH_SIDES:
            assert said.startswith(f"Switch sides. {phrase}"), said
        if phase.kind is PhaseKind.REST and verbosity is not Verbosity.MINIMAL:
            assert phrase in said, said  # the next set starts on the first side again
        for wrong in ("left direction", "right direction", "Start with your", "Left side", "Right side"):
            assert wrong not in said, said


@pytest.mark.parametrize(("routine_id", "verbosity"), CASES)
def test_form_and_safety_reminders_are_said_where_the_verbosity_says(routine_id: str, verbosity: Verbosity) -> None:
    plan = plan_of(routine_id, verbosity)
    script = cue_script(plan, verbosity)
    per_phase = by_phase(plan, script)
    for entry_index, entry in enumerate(plan.routine.entries):
        words = EXPECTED[entry.exercise.id]
        lines = exercise_text(plan, per_phase, entry_index)
        spoken = " ".join(line.cue.text for line in lines)
        form_said = [reminder for reminder in words.form if reminder in spoken]
        safety_said = [reminder for reminder in words.safety if reminder in spoken]
        where = (entry.exercise.id, verbosity)
        if verbosity is Verbosity.MINIMAL:
            assert (form_said, safety_said) == ([], []), where
            continue
        assert safety_said == list(words.safety), where  # every safety reminder, at standard and coach
        if verbosity is Verbosity.STANDARD:
            assert len(form_said) >= 1, where
            assert sum(spoken.count(reminder) for reminder in words.form) == 1, where  # once
        else:
            assert form_said == list(words.form), where  # all of them
        for line in lines:  # never over a beat or a count
            if any(reminder in line.cue.text for reminder in (*words.form, *words.safety)):
                assert line.cue.priority in (Priority.TRANSITION, Priority.REMINDER), (where, line.cue.text)


@pytest.mark.parametrize(("routine_id", "verbosity"), CASES)
def test_a_hold_that_carries_a_reminder_ends_it_before_its_halfway_mark_and_countdown(
    routine_id: str, verbosity: Verbosity
) -> None:
    plan = plan_of(routine_id, verbosity)
    per_phase = by_phase(plan, cue_script(plan, verbosity))
    for index, phase in enumerate(plan.phases):
        if phase.kind is not PhaseKind.HOLD or verbosity is Verbosity.MINIMAL:
            continue
        first = per_phase[index][0]
        assert first.cue.text.startswith(f"Hold for {phase.target} seconds.")
        assert spoken_seconds(first.cue.text) <= min(phase.target - COUNTDOWN_FROM, phase.target / 2)
        halfway = [line.cue.text for line in per_phase[index] if line.cue.text.startswith("Halfway.")]
        assert len(halfway) == (1 if phase.target % 2 == 0 else 0)


@pytest.mark.parametrize(("routine_id", "verbosity"), CASES)
def test_cardio_is_paced_as_the_article_says_and_counts_the_minutes_left(routine_id: str, verbosity: Verbosity) -> None:
    plan = plan_of(routine_id, verbosity)
    per_phase = by_phase(plan, cue_script(plan, verbosity))
    for index, phase in enumerate(plan.phases):
        if phase.kind is not PhaseKind.CARDIO:
            continue
        texts = [line.cue.text for line in per_phase[index]]
        minutes = phase.target // 60
        start = "Start." if verbosity is Verbosity.MINIMAL else f"Start. {minutes} minutes at a moderate pace."
        assert texts[0] == start
        left = [text for text in texts if re.match(r"\d+ minutes? left\.", text)]
        assert len(left) == minutes - 1
        assert not any("easy" in text for text in texts)
