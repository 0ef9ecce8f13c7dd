"""What a session says when it runs an easier or harder version of exercises 1-9 in place of the routine's exercise,
as the progression does (``dose_plan.apply_plan``), against what a physiotherapist expects to hear, written out here:
its own name, the side named on the body (which side to lie on, which leg works) and the words of each half of a
repetition in the order the body moves."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hipcoach.core.content import load_catalogue, with_variants
from hipcoach.core.cue_script import cue_script
from hipcoach.core.cues import Priority, SpokenLeadIn
from hipcoach.core.dose_plan import apply_plan, planned_entries
from hipcoach.core.model import Entry, Routine, Side
from hipcoach.core.plan import PhaseKind, PlanOptions, build_plan
from hipcoach.core.verbosity import Verbosity
from tests.core.test_cue_words import Expected, by_phase, expected_beats

EXPECTED = {
    "hip-rotations-lying": Expected(
        "Hip Rotations Lying Down", "Knee out", "Knee up", "Your left knee bends.", "Your right knee bends."
    ),
    "hip-rotations-band": Expected(
        "Hip Rotations with a Band", "Knee out", "Knee up", "Your left knee bends.", "Your right knee bends."
    ),
    "hip-extensions-small": Expected(
        "Small Hip Extensions", "Leg back", "Leg in", "Your left leg moves.", "Your right leg moves."
    ),
    "hip-extensions-band": Expected(
        "Hip Extensions with a Band", "Leg back", "Leg in", "Your left leg moves.", "Your right leg moves."
    ),
    "heel-slides-out": Expected(
        "Heel Slides Out", "Slide out", "Slide in", "Your left leg moves.", "Your right leg moves."
    ),
    "hip-abductions-band": Expected(
        "Hip Abductions with a Band",
        "Leg out",
        "Leg in",
        "Right hand on the chair. Your left leg moves.",
        "Left hand on the chair. Your right leg moves.",
    ),
    "half-bridge": Expected("Half Bridge", "Lift", "Lower"),
    "single-leg-bridge-hold": Expected(
        "Single-Leg Bridge, Arms Crossed",
        "Lift",
        "Lower",
        "Left foot on the floor, right leg straight.",
        "Right foot on the floor, left leg straight.",
    ),
    "stationary-bike-easy": Expected("Easy Bike, High Seat"),
    "stationary-bike-resistance": Expected("Bike with Resistance"),
    "butterfly-stretch-supported": Expected("Supported Butterfly Stretch"),
    "butterfly-stretch-forward": Expected("Butterfly Stretch, Leaning Forward"),
    "pelvic-tilts-wall": Expected("Pelvic Tilts Against a Wall", "Tilt", "Relax"),
    "pelvic-tilt-bridge": Expected("Pelvic Tilt into a Bridge", "Tilt and lift", "Roll down"),
    "elliptical-easy": Expected("Easy Elliptical"),
    "elliptical-long-strides": Expected("Elliptical, Longer Strides"),
}

CATALOGUE = load_catalogue()
EVERY = with_variants(CATALOGUE)
FIRST_NINE = [exercise for exercise in CATALOGUE.values() if exercise.number <= 9]


def test_the_table_covers_every_version_of_exercises_one_to_nine() -> None:
    versions = {e.id for e in EVERY.values() if e.variant_of is not None and EVERY[e.variant_of].number <= 9}
    assert versions == set(EXPECTED)
    for version_id, words in EXPECTED.items():
        version = EVERY[version_id]
        assert version.name == words.name
        assert bool(words.left) == version.per_side, version_id


@pytest.mark.parametrize("level", ["easier", "harder"])
@pytest.mark.parametrize("verbosity", [Verbosity.STANDARD, Verbosity.COACH])
def test_a_session_of_versions_names_each_side_and_says_its_own_words(level: str, verbosity: Verbosity) -> None:
    written = Routine(
        id="first-nine", name="First nine", description="", entries=tuple(Entry(e, e.dose) for e in FIRST_NINE)
    )
    plan_of_entries = []
    for planned in planned_entries(written):
        link = getattr(CATALOGUE[planned.exercise_id], level)
        if link.id in EXPECTED:  # the bridge and the single-leg bridge are each other's version: not a file
            plan_of_entries.append(replace(planned, variant_id=link.id))
    routine = apply_plan(written, plan_of_entries, EVERY)
    assert all(entry.variant_of is not None for entry in routine.entries)
    plan = build_plan(routine, PlanOptions(speech_floor=SpokenLeadIn(verbosity)))
    per_phase = by_phase(plan, cue_script(plan, verbosity))
    for index, phase in enumerate(plan.phases):
        entry = plan.entry(phase)
        words = EXPECTED[entry.exercise.id]
        said = " ".join(line.cue.text for line in per_phase[index] if line.cue.priority is Priority.TRANSITION)
        if phase.kind is PhaseKind.GET_READY:
            assert said.startswith(f"{words.name}."), said
        if entry.exercise.per_side and phase.side is not None and phase.kind is not PhaseKind.REST:
            phrase = words.left if phase.side is Side.LEFT else words.right
            if phase.kind is PhaseKind.GET_READY:
                assert phrase in said, said
            if phase.kind is PhaseKind.SWITCH_SIDES:
                assert said.startswith(f"Switch sides. {phrase}"), said
        if phase.kind is PhaseKind.REPS:
            beats = [line.cue.text for line in per_phase[index] if line.cue.priority is Priority.BEAT]
            holds = entry.dose.hold_seconds is not None
            assert beats == expected_beats(phase, words, verbosity, holds), (entry.exercise.id, phase.side)
