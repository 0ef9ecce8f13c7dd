"""The [movement] table of the exercise files: every shipped exercise says which step is the movement, and a bad
table is one ContentError naming the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from hipcoach.core import paths
from hipcoach.core.content import ContentError, load_catalogue, load_exercise
from hipcoach.core.model import Kind, Movement

# The step that is the movement itself, as a person reads it: never the posture reminder next to it.
MOVEMENT_WORDS = {
    "hip-abductions": "Raise the outer leg",
    "clamshells": "open the top knee",
    "hip-extensions": "move it back behind you",
    "bridge": "raise your hips",
    "donkey-kick": "raise one leg behind you",
    "leg-swings": "Swing the outer leg",
    "yoga-squat": "Sink slowly down",
    "banded-walk": "Take small steps sideways",
}


def test_every_shipped_exercise_declares_its_movement_step_within_its_steps() -> None:
    for exercise in load_catalogue().values():
        movement = exercise.movement
        count = len(exercise.steps)
        assert 1 <= movement.move_step <= count, exercise.id
        for step in (movement.hold_step, movement.return_step):
            assert step is None or 1 <= step <= count, exercise.id
        if exercise.kind is Kind.HOLD:
            assert movement.hold_step is not None, f"{exercise.id}: a stretch names the step where it is held"


@pytest.mark.parametrize(("exercise_id", "words"), sorted(MOVEMENT_WORDS.items()))
def test_the_movement_step_is_the_movement(exercise_id: str, words: str) -> None:
    exercise = load_catalogue()[exercise_id]
    assert words in exercise.steps[exercise.movement.move_step - 1]


def test_hold_and_return_steps_fall_back_to_the_movement() -> None:
    assert Movement(move_step=2).holding == 2
    assert Movement(move_step=2).returning == 2
    assert Movement(move_step=2, hold_step=4).returning == 4
    assert Movement(move_step=2, hold_step=4, return_step=3).returning == 3


@pytest.fixture
def clamshells_text() -> str:
    text = (paths.resources_dir() / "exercises" / "clamshells.toml").read_text(encoding="utf-8")
    return text.split("[movement.figure]")[0]  # the figure's tables are tested in tests/core/figure/


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if line.startswith(start))


MOVE = "movement.move_step"


@pytest.mark.parametrize(
    ("old", "new", "line_start", "field", "message"),
    [
        pytest.param("move_step = 2", "move_step = 5", "move_step", MOVE, "from 1 to 4 (got 5)", id="range"),
        pytest.param("move_step = 2", 'move_step = "2"', "move_step", MOVE, "without quotes", id="text"),
        pytest.param("move_step = 2", "move = 2", "move =", "movement.move", "did you mean 'move_step'?", id="typo"),
        pytest.param("return_step = 4", "hold_step = 3", "hold_step", "movement.hold_step", "has no hold", id="hold"),
        pytest.param(
            "move_step = 2", "hold_step = 3", "[movement]", MOVE, "is missing from the [movement]", id="no-move"
        ),
    ],
)
def test_a_bad_movement_table_names_the_field_and_line(
    tmp_path: Path, clamshells_text: str, old: str, new: str, line_start: str, field: str, message: str
) -> None:
    assert old in clamshells_text
    text = clamshells_text.replace(old, new, 1)
    path = tmp_path / "clamshells.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_exercise(path)
    (problem,) = [p for p in info.value.problems if p.field == field]
    assert problem.line == line_of(text, line_start)
    assert message in problem.message
    assert str(problem).startswith(f"clamshells.toml, line {problem.line}: ")


def test_an_exercise_without_a_movement_table_is_refused(tmp_path: Path, clamshells_text: str) -> None:
    start = clamshells_text.index("[movement]")
    text = clamshells_text[:start] + clamshells_text[clamshells_text.index("[dose]") :]
    path = tmp_path / "clamshells.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_exercise(path)
    assert info.value.field == "movement"
    assert info.value.message.startswith("the exercise's [movement] table is missing: add a line [movement]")


def test_a_movement_that_is_not_a_table_says_how_to_write_it(tmp_path: Path, clamshells_text: str) -> None:
    text = clamshells_text.replace('side_word = "leg"', 'side_word = "leg"\nmovement = 2', 1)
    start = text.index("[movement]")
    text = text[:start] + text[text.index("[dose]") :]
    path = tmp_path / "clamshells.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_exercise(path)
    assert info.value.field == "movement"
    assert info.value.line == line_of(text, "movement = 2")
    assert "[movement]" in info.value.message
