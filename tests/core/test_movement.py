"""The [movement] table of the exercise files: every shipped exercise says which step is the movement, and a bad
table is one ContentError naming the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from hipcoach.core import paths
from hipcoach.core.content import ContentError, load_catalogue, load_exercise, with_variants
from hipcoach.core.model import Kind, Movement, SideKind

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
DEMANDS = "movement.demands"


@pytest.mark.parametrize(
    ("old", "new", "line_start", "field", "message"),
    [
        pytest.param("move_step = 2", "move_step = 5", "move_step", MOVE, "from 1 to 4 (got 5)", id="range"),
        pytest.param("move_step = 2", 'move_step = "2"', "move_step", MOVE, "without quotes", id="text"),
        pytest.param("move_step = 2", "move_stp = 2", "move_stp", "movement.move_stp", "mean 'move_step'?", id="typo"),
        pytest.param("return_step = 4", "hold_step = 3", "hold_step", "movement.hold_step", "has no hold", id="hold"),
        pytest.param(
            "move_step = 2", "hold_step = 3", "[movement]", MOVE, "is missing from the [movement]", id="no-move"
        ),
        pytest.param(
            'move_word = "Open"',
            'move_word = "Open the top knee as far as it goes"',
            "move_word",
            "movement.move_word",
            "one or two short words",
            id="long-word",
        ),
        pytest.param('move_word = "Open"', "move_word = 1", "move_word", "movement.move_word", "text", id="number"),
        pytest.param('side_kind = "lying"', 'side_kind = "lie"', "side_kind", "side_kind", "'lie'", id="side-kind"),
        pytest.param("hip_bend = 50", "hip_bend = 150", "demands", DEMANDS + ".hip_bend", "from 0 to 120", id="bend"),
        pytest.param("hip_bend = 50", 'hip_bend = "50"', "demands", DEMANDS + ".hip_bend", "quotes", id="bend-text"),
        pytest.param("hip_bend = 50, ", "", "demands", DEMANDS + ".hip_bend", "hip_bend is missing", id="no-bend"),
        pytest.param("floor = true", "floor = 1", "demands", DEMANDS + ".floor", "true or false", id="flag"),
        pytest.param("turns_out", "turn_out", "demands", DEMANDS + ".turn_out", "mean 'turns_out'?", id="flag-typo"),
        pytest.param("demands = {", "demands = 4 #", "demands", DEMANDS, "like { hip_bend = 60", id="not-table"),
        pytest.param("demands = {", "# demands = {", "[movement]", DEMANDS, "demands is missing", id="no-demands"),
        pytest.param('area = "outer-hip"', 'area = "outer"', "area", "area", "did you mean 'outer-hip'?", id="area"),
        pytest.param(
            'form = ["Heels',
            'safety = ["A", "B", "C"]\nform = ["Heels',
            "safety",
            "cues.safety",
            "from 0 to 2 items",
            id="safety",
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


def test_an_exercise_without_an_area_is_refused(tmp_path: Path, clamshells_text: str) -> None:
    path = tmp_path / "clamshells.toml"
    path.write_text(clamshells_text.replace('area = "outer-hip"\n', ""), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_exercise(path)
    (problem,) = [p for p in info.value.problems if p.field == "area"]
    assert str(problem) == "clamshells.toml: the exercise's area is missing"


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


# --- the words of each half, the side and the reminders ------------------------------------------------------------


def test_every_shipped_exercise_file_declares_its_words_side_and_a_form_reminder() -> None:
    """The loader has defaults for a file that leaves them out ("Up" / "Down", "Your left leg moves."); a shipped
    exercise must never fall back on them."""
    import tomllib  # noqa: PLC0415 - only this test reads the raw files

    for exercise in with_variants(load_catalogue()).values():
        folder = paths.resources_dir() / "exercises" / ("variants" if exercise.variant_of else "")
        path = folder / f"{exercise.id}.toml"
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        paced = exercise.kind in (Kind.REPS, Kind.STEPS)
        assert ("move_word" in raw["movement"]) == paced, exercise.id
        assert ("return_word" in raw["movement"]) == paced, exercise.id
        assert ("side_kind" in raw) == exercise.per_side, exercise.id
        assert exercise.cues.form, f"{exercise.id}: at least one form reminder, said at standard verbosity"
        assert not exercise.cues.start.startswith(exercise.name), "the voice says the name before the start text"


def test_a_stretch_has_no_rep_words_and_a_two_sided_exercise_no_side_kind(tmp_path: Path) -> None:
    resources = paths.resources_dir() / "exercises"
    pigeon = (resources / "pigeon-pose.toml").read_text(encoding="utf-8")
    pigeon = pigeon.replace("hold_step = 4", 'hold_step = 4\nmove_word = "Lean"', 1)
    (tmp_path / "pigeon-pose.toml").write_text(pigeon, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_exercise(tmp_path / "pigeon-pose.toml")
    assert "a hold exercise has no repetitions" in info.value.message
    bridge = (resources / "bridge.toml").read_text(encoding="utf-8")
    bridge = bridge.replace("per_side = false", 'per_side = false\nside_kind = "leg"', 1)
    (tmp_path / "bridge.toml").write_text(bridge, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_exercise(tmp_path / "bridge.toml")
    assert info.value.field == "side_kind"
    assert "not done one side at a time" in info.value.message


def test_a_file_without_words_or_side_kind_gets_the_plain_ones(tmp_path: Path) -> None:
    text = (paths.resources_dir() / "exercises" / "clamshells.toml").read_text(encoding="utf-8")  # figure and all
    text = text.replace('move_word = "Open"\n', "").replace('return_word = "Close"\n', "")
    text = text.replace('side_kind = "lying"\n', "")
    path = tmp_path / "clamshells.toml"
    path.write_text(text, encoding="utf-8")
    exercise = load_exercise(path)
    assert (exercise.movement.move_word, exercise.movement.return_word) == ("Up", "Down")
    assert exercise.side_kind is SideKind.LEG
