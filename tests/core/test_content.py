"""Content loading: the shipped catalogue and routines, and one clear ContentError for every kind of bad file."""

from __future__ import annotations

import difflib
import itertools
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hipcoach.core import content, paths
from hipcoach.core.content import (
    ContentError,
    builtin_routines,
    find_routine,
    load_catalogue,
    load_exercise,
    load_routine,
    user_routines,
)
from hipcoach.core.model import DoseValue, Equipment, Exercise, Kind, Position, Side
from tests.core import article_fingerprint
from tests.core.article_fingerprint import ARTICLE

# id -> (article number, kind, position, per side)
EXPECTED: dict[str, tuple[int, Kind, Position, bool]] = {
    "hip-rotations": (1, Kind.REPS, Position.FLOOR_SITTING, True),
    "hip-extensions": (2, Kind.REPS, Position.STANDING, True),
    "hip-abductions": (3, Kind.REPS, Position.STANDING, True),
    "bridge": (4, Kind.REPS, Position.BACK, False),
    "single-leg-bridge": (5, Kind.REPS, Position.BACK, True),
    "stationary-bike": (6, Kind.CARDIO, Position.MACHINE, False),
    "butterfly-stretch": (7, Kind.HOLD, Position.FLOOR_SITTING, False),
    "pelvic-tilts": (8, Kind.REPS, Position.BACK, False),
    "elliptical": (9, Kind.CARDIO, Position.MACHINE, False),
    "rowing-machine": (10, Kind.CARDIO, Position.MACHINE, False),
    "clamshells": (11, Kind.REPS, Position.SIDE, True),
    "banded-walk": (12, Kind.STEPS, Position.STANDING, True),
    "quadriceps-stretch": (13, Kind.HOLD, Position.STANDING, True),
    "knee-to-chest": (14, Kind.HOLD, Position.BACK, True),
    "donkey-kick": (16, Kind.REPS, Position.ALL_FOURS, True),
    "yoga-squat": (17, Kind.REPS, Position.STANDING, False),
    "leg-swings": (18, Kind.REPS, Position.STANDING, True),
    "pigeon-pose": (19, Kind.HOLD, Position.KNEELING, True),
}

# Numbers the article states: (exercise, dose field, value, low, high); value None means "any value in the range".
ARTICLE_DOSES = [
    ("hip-rotations", "reps", None, 8, 10),
    ("hip-extensions", "reps", None, 10, 12),
    ("hip-abductions", "reps", None, 10, 12),
    ("bridge", "reps", None, 10, 15),
    ("single-leg-bridge", "reps", 10, 6, 10),  # the article's one number is the top of the range
    ("stationary-bike", "minutes", None, 10, 15),
    ("butterfly-stretch", "hold_seconds", None, 20, 30),
    ("pelvic-tilts", "reps", None, 10, 15),
    ("elliptical", "minutes", None, 5, 10),
    ("rowing-machine", "minutes", None, 5, 10),
    ("clamshells", "reps", None, 10, 12),
    ("banded-walk", "steps", 10, 6, 10),
    ("quadriceps-stretch", "hold_seconds", None, 20, 30),
    ("knee-to-chest", "hold_seconds", None, 15, 20),
    ("donkey-kick", "reps", None, 10, 12),
    ("leg-swings", "reps", None, 10, 12),
]

REQUIRED = {Kind.REPS: "reps", Kind.STEPS: "steps", Kind.HOLD: "hold_seconds", Kind.CARDIO: "minutes"}
DOSE_FIELDS = ("reps", "steps", "hold_seconds", "minutes", "sets")


def write(directory: Path, name: str, text: str | bytes) -> Path:
    path = directory / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def dose_value(exercise: Exercise, name: str) -> DoseValue | None:
    values: dict[str, DoseValue | None] = {
        "reps": exercise.dose.reps,
        "steps": exercise.dose.steps,
        "hold_seconds": exercise.dose.hold_seconds,
        "minutes": exercise.dose.minutes,
        "sets": exercise.dose.sets,
    }
    return values[name]


# --------------------------------------------------------------------------------------------------------------
# The shipped catalogue


def test_catalogue_has_the_articles_eighteen_exercises_in_order(catalogue: dict[str, Exercise]) -> None:
    assert list(catalogue) == list(EXPECTED)
    assert [e.number for e in catalogue.values()] == [n for n in range(1, 20) if n != 15]


@pytest.mark.parametrize("exercise_id", list(EXPECTED))
def test_exercise_kind_position_and_sides(catalogue: dict[str, Exercise], exercise_id: str) -> None:
    number, kind, position, per_side = EXPECTED[exercise_id]
    exercise = catalogue[exercise_id]
    assert (exercise.number, exercise.kind, exercise.position, exercise.per_side) == (
        number,
        kind,
        position,
        per_side,
    )


def test_each_kind_has_its_required_dose_and_nothing_foreign(catalogue: dict[str, Exercise]) -> None:
    for exercise in catalogue.values():
        required = REQUIRED[exercise.kind]
        assert dose_value(exercise, required) is not None, exercise.id
        assert exercise.dose.sets.value >= 1
        for other in ("reps", "steps", "minutes"):
            if other != required:
                assert dose_value(exercise, other) is None, (exercise.id, other)
        if exercise.kind is Kind.CARDIO:
            assert exercise.dose.hold_seconds is None
            assert set(exercise.equipment) <= {Equipment.BIKE, Equipment.ELLIPTICAL, Equipment.ROWER}
            assert exercise.position is Position.MACHINE


def test_dose_values_are_consistent_and_provenance_is_honest(catalogue: dict[str, Exercise]) -> None:
    for exercise in catalogue.values():
        for name in DOSE_FIELDS:
            value = dose_value(exercise, name)
            if value is None:
                continue
            if value.low is not None:
                assert value.low <= value.value, (exercise.id, name)
            if value.high is not None:
                assert value.value <= value.high, (exercise.id, name)
            # Every number has a range for the progression to move in (docs/progression.md): the article's where
            # it gives one, ours (marked with the number) where it does not.
            if not (exercise.kind is Kind.CARDIO and name == "sets"):  # a machine is one block: never a set more
                assert value.low is not None and value.high is not None, (exercise.id, name)
        # The article never gives sets or a tempo.
        assert exercise.dose.sets.ours, exercise.id
        assert exercise.dose.tempo_ours, exercise.id


@pytest.mark.parametrize(("exercise_id", "field", "value", "low", "high"), ARTICLE_DOSES)
def test_article_numbers_are_kept(
    catalogue: dict[str, Exercise], exercise_id: str, field: str, value: int | None, low: int | None, high: int | None
) -> None:
    dose = dose_value(catalogue[exercise_id], field)
    assert dose is not None
    assert not dose.ours
    assert (dose.low, dose.high) == (low, high)
    if value is not None:
        assert dose.value == value


def test_numbers_the_article_does_not_give_are_marked_ours(catalogue: dict[str, Exercise]) -> None:
    assert catalogue["yoga-squat"].dose.reps == DoseValue(5, low=3, high=10, ours=True)
    pigeon = catalogue["pigeon-pose"].dose.hold_seconds
    assert pigeon is not None and pigeon.ours
    for exercise_id in ("hip-rotations", "hip-extensions", "hip-abductions", "bridge", "pelvic-tilts", "yoga-squat"):
        hold = catalogue[exercise_id].dose.hold_seconds  # "hold for a few seconds"
        assert hold is not None and hold.ours and hold.value == 3, exercise_id
    swings = catalogue["leg-swings"]
    assert (swings.dose.tempo.up, swings.dose.tempo.down, swings.side_word) == (1.0, 1.0, "leg")


def test_equipment_and_side_words(catalogue: dict[str, Exercise]) -> None:
    assert catalogue["stationary-bike"].equipment == (Equipment.BIKE,)
    assert catalogue["elliptical"].equipment == (Equipment.ELLIPTICAL,)
    assert catalogue["rowing-machine"].equipment == (Equipment.ROWER,)
    assert catalogue["banded-walk"].equipment == (Equipment.BAND,)
    assert catalogue["banded-walk"].side_word == "direction"
    assert catalogue["bridge"].side_word == "side"


def test_texts_are_short_enough_to_hear_once(catalogue: dict[str, Exercise]) -> None:
    for exercise in content.with_variants(catalogue).values():  # the versions are heard the same way
        assert 3 <= len(exercise.steps) <= 5, exercise.id
        assert all(len(step) <= 90 for step in exercise.steps), exercise.id
        assert len(exercise.cues.start) <= 90, exercise.id
        assert exercise.cues.start.endswith("."), exercise.id
        assert 1 <= len(exercise.cues.form) <= 3, exercise.id
        assert all(len(cue) <= 60 for cue in exercise.cues.form), exercise.id
        assert "\n" not in exercise.benefit


def our_texts(catalogue: dict[str, Exercise]) -> list[tuple[str, str]]:
    """Every text of the exercises and of their versions, and the reasons of the links between them."""
    every = content.with_variants(catalogue).values()
    texts = [
        (exercise.id, text)
        for exercise in every
        for text in (*exercise.steps, exercise.cues.start, *exercise.cues.form, exercise.benefit)
    ]
    links = [link for exercise in every for link in (exercise.easier, exercise.harder) if link is not None]
    return texts + [(link.id, link.reason) for link in links]


def test_texts_are_our_own_words(catalogue: dict[str, Exercise]) -> None:
    """No step, cue or benefit shares six words in a row with the article: checked against the article's
    fingerprint, so the test runs without the article. Where the article is beside the checkout, the fingerprint
    must match it, and no text may even be a close paraphrase of one of its sentences."""
    fingerprint = article_fingerprint.stored()
    assert len(fingerprint) > 1000
    for exercise_id, text in our_texts(catalogue):
        assert not article_fingerprint.runs(text) & fingerprint, (exercise_id, text)
    if not ARTICLE.is_file():
        return
    article = ARTICLE.read_text(encoding="utf-8")
    assert article_fingerprint.runs(article) == fingerprint, "run: python -m tests.core.article_fingerprint"
    sentences = [re.sub(r"^\s*\d+\.\s*", "", line).strip().lower() for line in article.splitlines()]
    sentences = [s.split(":", 1)[-1].strip() for s in sentences if len(s) > 15]
    for exercise_id, text in our_texts(catalogue):
        closest = max(difflib.SequenceMatcher(None, text.lower(), s).ratio() for s in sentences)
        assert closest < 0.8, (exercise_id, text)


def test_the_fingerprint_catches_a_copied_sentence() -> None:
    """The check above can fail: six words in a row of the article are caught, five are not."""
    fingerprint = article_fingerprint.stored()
    assert article_fingerprint.runs("Then stand behind a sturdy chair, holding on.") & fingerprint
    assert not article_fingerprint.runs("Stand behind a sturdy chair and hold its back.") & fingerprint


# --------------------------------------------------------------------------------------------------------------
# Built-in routines


def test_builtin_routines_load_in_a_stable_order(catalogue: dict[str, Exercise]) -> None:
    routines = builtin_routines(catalogue)
    assert [r.id for r in routines][:5] == ["gentle-mobility", "strength", "strength-long", "stretching", "full"]
    for routine in routines:
        assert routine.entries, routine.id
        assert routine.equipment, routine.id
        assert routine.name and routine.description
        assert Path(routine.source).stem == routine.id


def test_builtin_routine_contents(catalogue: dict[str, Exercise]) -> None:
    routines = {r.id: r for r in builtin_routines(catalogue)}
    full = routines["full"]
    assert full.entries[0].exercise.id == "stationary-bike"
    assert full.entries[0].dose.minutes == DoseValue(10, low=10, high=15)
    assert Equipment.BIKE in full.equipment
    assert {e.exercise.kind for e in full.entries} == set(Kind)
    strength = routines["strength"]
    assert Equipment.BAND not in strength.equipment  # the standard one needs a chair and a mat
    assert Equipment.BAND in routines["strength-long"].equipment
    for routine_id in ("strength", "strength-long"):
        assert all(e.exercise.kind in (Kind.REPS, Kind.STEPS) for e in routines[routine_id].entries)
    stretching = routines["stretching"]
    assert all(e.exercise.kind is Kind.HOLD for e in stretching.entries[1:])  # after the warm-up
    assert Equipment.BIKE not in routines["gentle-mobility"].equipment


def test_builtin_routines_go_down_to_the_floor_only_once(catalogue: dict[str, Exercise]) -> None:
    for routine in builtin_routines(catalogue):
        floor = [e.exercise.position.on_floor for e in routine.entries]
        ups_and_downs = sum(1 for before, after in itertools.pairwise(floor) if before != after)
        assert ups_and_downs <= 1, (routine.id, [e.exercise.id for e in routine.entries])


def test_every_exercise_appears_in_some_builtin_routine_except_spare_machines(catalogue: dict[str, Exercise]) -> None:
    used = {e.exercise.id for r in builtin_routines(catalogue) for e in r.entries}
    assert set(catalogue) - used == {"elliptical", "rowing-machine"}


# --------------------------------------------------------------------------------------------------------------
# Overrides, user routines, find_routine

USER_ROUTINE = """\
name = "Painful right hip"
description = "Fewer clamshells on the right."

[[exercise]]
id = "clamshells"
reps = 6
sets = 1
only_side = "right"

[[exercise]]
id = "knee-to-chest"
hold_seconds = 15
first_side = "right"

[[exercise]]
id = "stationary-bike"
minutes = 12
"""


def test_overrides_replace_the_value_and_keep_provenance(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    routine = load_routine(write(tmp_path, "painful-hip.toml", USER_ROUTINE), catalogue)
    assert routine.id == "painful-hip"
    assert (routine.rest_between_sets, routine.rest_between_exercises) == (20, 10)
    clams, knee, bike = routine.entries
    assert clams.dose.reps == DoseValue(6, low=10, high=12)
    assert clams.dose.sets == DoseValue(1, low=1, high=3, ours=True)
    assert clams.dose.tempo == catalogue["clamshells"].dose.tempo
    assert clams.sides == (Side.RIGHT,)
    assert knee.dose.hold_seconds == DoseValue(15, low=15, high=20)
    assert knee.sides == (Side.RIGHT, Side.LEFT)
    assert bike.dose.minutes == DoseValue(12, low=10, high=15)
    assert bike.sides == (None,)
    assert routine.equipment == (Equipment.MAT, Equipment.BIKE)


def test_only_side_wins_over_first_side(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    text = 'name = "x"\n[[exercise]]\nid = "clamshells"\nfirst_side = "right"\nonly_side = "left"\n'
    (entry,) = load_routine(write(tmp_path, "x.toml", text), catalogue).entries
    assert entry.sides == (Side.LEFT,)


def test_user_routines_skip_bad_files_and_report_them(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    write(tmp_path, "good.toml", USER_ROUTINE)
    write(tmp_path, "bad.toml", 'name = "Bad"\n[[exercise]]\nid = "brige"\n')
    write(tmp_path, "strength.toml", 'name = "My strength"\n[[exercise]]\nid = "bridge"\n')
    write(tmp_path, "notes.txt", "not a routine")
    routines, errors = user_routines(catalogue, tmp_path)
    assert [r.id for r in routines] == ["good"]
    messages = sorted(str(e) for e in errors)
    assert messages == [
        "bad.toml, line 3: 'brige' is not an exercise hipcoach knows; did you mean 'bridge'?",
        "strength.toml: a built-in routine is already called 'strength'; rename this file",
    ]


def test_user_routines_default_folder_may_be_missing(catalogue: dict[str, Exercise]) -> None:
    assert user_routines(catalogue) == ([], [])


def test_find_routine_by_id_user_id_and_path(
    tmp_path: Path, hipcoach_data_dir: Path, catalogue: dict[str, Exercise]
) -> None:
    assert find_routine("strength", catalogue).id == "strength"
    user_dir = paths.user_routines_dir()
    user_dir.mkdir(parents=True)
    write(user_dir, "mine.toml", USER_ROUTINE)
    assert find_routine("mine", catalogue).name == "Painful right hip"
    elsewhere = write(tmp_path, "elsewhere.toml", USER_ROUTINE)
    assert find_routine(str(elsewhere), catalogue).id == "elsewhere"


def test_pin_keeps_an_entry_out_of_the_progression(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    text = 'name = "Pinned"\n[[exercise]]\nid = "bridge"\nreps = 10\npin = true\n[[exercise]]\nid = "clamshells"\n'
    pinned, free = load_routine(write(tmp_path, "pinned.toml", text), catalogue).entries
    assert (pinned.pinned, free.pinned) == (True, False)
    assert pinned.dose.reps is not None and pinned.dose.reps.value == 10
    write(tmp_path, "bad-pin.toml", 'name = "Bad"\n[[exercise]]\nid = "bridge"\npin = "yes"\n')
    with pytest.raises(ContentError) as info:
        load_routine(tmp_path / "bad-pin.toml", catalogue)
    assert (info.value.line, info.value.field) == (4, "pin")


def test_find_routine_unknown_names_close_match(catalogue: dict[str, Exercise]) -> None:
    with pytest.raises(ContentError) as info:
        find_routine("strenght", catalogue)
    assert str(info.value) == "strenght: no routine has this id, and there is no such file; did you mean 'strength'?"


def test_find_routine_reports_a_broken_user_routine(catalogue: dict[str, Exercise]) -> None:
    user_dir = paths.user_routines_dir()
    user_dir.mkdir(parents=True)
    write(user_dir, "mine.toml", 'name = "Mine"\n[[exercise]]\nid = "bridge"\nreps = 0\n')
    with pytest.raises(ContentError) as info:
        find_routine("mine", catalogue)
    assert (info.value.line, info.value.field) == (4, "reps")


def test_find_routine_missing_file(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    with pytest.raises(ContentError, match=r"^gone\.toml: the file does not exist$"):
        find_routine(str(tmp_path / "gone.toml"), catalogue)


DOCS = Path(__file__).resolve().parents[2] / "docs" / "routine-format.md"


def test_documented_example_routine_loads(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    example = re.search(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert example is not None
    routine = load_routine(write(tmp_path, "painful-right-hip.toml", example.group(1)), catalogue)
    assert routine.rest_between_sets == 30
    clams = [e for e in routine.entries if e.exercise.id == "clamshells"]
    assert [(e.sides, e.dose.reps) for e in clams] == [
        ((Side.RIGHT,), DoseValue(6, low=10, high=12)),
        ((Side.LEFT,), DoseValue(10, low=10, high=12)),
    ]


def test_documented_exercise_table_matches_the_catalogue(catalogue: dict[str, Exercise]) -> None:
    table = DOCS.read_text(encoding="utf-8").split("## Exercise files")[0]  # not the tables of versions below it
    rows = re.findall(r"^\| (\d+) +\| `([a-z-]+)` ", table, flags=re.MULTILINE)
    assert [(int(number), exercise_id) for number, exercise_id in rows] == [
        (e.number, e.id) for e in catalogue.values()
    ]


def test_documented_builtin_routines_match(catalogue: dict[str, Exercise]) -> None:
    text = DOCS.read_text(encoding="utf-8")
    for routine in builtin_routines(catalogue):
        row = re.search(rf"^\| `{routine.id}` +\| ([^|]+)\|", text, flags=re.MULTILINE)
        assert row is not None, routine.id
        documented = row.group(1).split("(")[0].strip()
        assert documented == ", ".join(e.exercise.id for e in routine.entries)


# --------------------------------------------------------------------------------------------------------------
# Bad routine files: one message with file, line and field

BAD_ROUTINES = [
    pytest.param(
        'name = "x"\n\n[[exercise]]\nid = "bridge"\nreps = 10000\n',
        5,
        "reps",
        "must be a whole number from 1 to 100 (got 10000)",
        id="absurd-reps",
    ),
    pytest.param(
        'name = "x"\n[[exercise]]\nid = "bridge"\n[[exercise]]\nid = "clamshells"\nrep = 5\n',
        6,
        "rep",
        "'rep' is not a field hipcoach knows; did you mean 'reps'?",
        id="misspelled-field",
    ),
    pytest.param(
        'name = "x"\nrest_between_set = 5\n[[exercise]]\nid = "bridge"\n',
        2,
        "rest_between_set",
        "did you mean 'rest_between_sets'?",
        id="misspelled-top-level",
    ),
    pytest.param(
        'name = "x"\n[[exercise]]\nid = "brige"\n',
        3,
        "id",
        "'brige' is not an exercise hipcoach knows; did you mean 'bridge'?",
        id="id",
    ),
    pytest.param(
        'name = "x"\n[[exercise]]\nid = "bridge"\nsets = "2"\n',
        4,
        "sets",
        'must be a whole number from 1 to 10 (got the text "2"); write numbers without quotes',
        id="string-for-number",
    ),
    pytest.param(
        'name = "x"\n[[exercise]]\nid = "bridge"\nsets = true\n', 4, "sets", "(got true)", id="bool-is-not-int"
    ),
    pytest.param('name = "x"\n[[exercise]]\nid = "bridge"\nreps = 2.5\n', 4, "reps", "(got 2.5)", id="float-for-int"),
    pytest.param('name = "x"\n[[exercise]]\nid = "bridge"\nreps = 0\n', 4, "reps", "(got 0)", id="zero"),
    pytest.param('name = "x"\n[[exercise]]\nid = "bridge"\nsets = -1\n', 4, "sets", "(got -1)", id="negative"),
    pytest.param(
        'name = "x"\n[[exercise]]\nid = "bridge"\nsets = 11\n', 4, "sets", "from 1 to 10 (got 11)", id="too-many-sets"
    ),
    pytest.param(
        'name = "x"\n[[exercise]]\nid = "bridge"\nhold_seconds = 301\n', 4, "hold_seconds", "1 to 300", id="hold"
    ),
    pytest.param(
        'name = "x"\n[[exercise]]\nid = "stationary-bike"\nminutes = 121\n', 4, "minutes", "1 to 120", id="minutes"
    ),
    pytest.param(
        'name = "x"\n[[exercise]]\nid = "banded-walk"\nsteps = 101\n', 4, "steps", "1 to 100 (got 101)", id="steps"
    ),
    pytest.param(
        'name = "x"\nrest_between_exercises = 601\n[[exercise]]\nid = "bridge"\n',
        2,
        "rest_between_exercises",
        "from 0 to 600 (got 601)",
        id="rest",
    ),
    pytest.param(
        'name = "x"\n[[exercise]]\nid = "bridge"\nminutes = 10\n',
        4,
        "minutes",
        "does not apply to 'bridge'",
        id="minutes-on-bridge",
    ),
    pytest.param(
        'name = "x"\n[[exercise]]\nid = "clamshells"\nhold_seconds = 5\n',
        4,
        "hold_seconds",
        "does not apply to 'clamshells'",
        id="hold-without-hold",
    ),
    pytest.param(
        'name = "x"\n[[exercise]]\nid = "bridge"\nfirst_side = "left"\n',
        4,
        "first_side",
        "first_side does not apply to 'bridge': it is not done one side at a time",
        id="side-on-both-sides-exercise",
    ),
    pytest.param(
        'name = "x"\n[[exercise]]\nid = "clamshells"\nonly_side = "rigth"\n',
        4,
        "only_side",
        "only_side cannot be 'rigth'; did you mean 'right'?",
        id="bad-side",
    ),
    pytest.param('name = "x"\n[[exercise]]\nreps = 3\n', 2, "id", "exercise 1 has no id", id="missing-id"),
    pytest.param(
        'description = "x"\n[[exercise]]\nid = "bridge"\n',
        None,
        "name",
        "the routine's name is missing",
        id="missing-name",
    ),
    pytest.param('name = "x"\n', None, "exercise", "the routine has no exercises", id="empty-routine"),
    pytest.param('name = "x"\nexercise = []\n', None, "exercise", "no exercises", id="empty-exercise-list"),
    pytest.param(
        'name = "x"\n[exercise]\nid = "bridge"\n', 2, "exercise", "with double brackets", id="single-brackets"
    ),
    pytest.param(
        'name = "x"\nexercise = ["bridge"]\n',
        2,
        "exercise",
        "exercise 1 must be an [[exercise]] table",
        id="list-of-strings",
    ),
    pytest.param(
        'id = "other"\nname = "x"\n[[exercise]]\nid = "bridge"\n',
        1,
        "id",
        "must equal the file name 'mine'",
        id="id-not-stem",
    ),
    pytest.param('name = 3\n[[exercise]]\nid = "bridge"\n', 1, "name", "must be text in quotes (got 3)", id="name"),
    pytest.param('name = "  "\n[[exercise]]\nid = "bridge"\n', 1, "name", "must not be empty", id="blank-name"),
    pytest.param(
        'name = "x"\ndescription = """\nreps = 1\n[[exercise]]\n"""\n[[exercise]]\nid = "bridge"\nreps = 0\n',
        8,
        "reps",
        "(got 0)",
        id="line-after-multiline-string",
    ),
    pytest.param(
        'name = "x"\n\n[[exercise]]\nid = "bridge"\n# [[exercise]] in a comment\n[[exercise]]\nid = "clamshells"\n'
        '\n[[ exercise ]]  # third\nid = "bridge"\nsets = 0\n',
        11,
        "sets",
        "(got 0)",
        id="third-entry",
    ),
]


@pytest.mark.parametrize(("text", "line", "field", "message"), BAD_ROUTINES)
def test_bad_routine_gives_one_clear_error(
    tmp_path: Path, catalogue: dict[str, Exercise], text: str, line: int | None, field: str, message: str
) -> None:
    path = write(tmp_path, "mine.toml", text)
    with pytest.raises(ContentError) as info:
        load_routine(path, catalogue)
    error = info.value
    assert (error.path, error.line, error.field) == (path, line, field)
    assert message in error.message
    where = f", line {line}" if line is not None else ""
    assert str(error) == f"mine.toml{where}: {error.message}"
    assert error.problems == (error,) or len(error.problems) == 1
    assert not error.message.startswith(("must", "is ", "does", "unknown", "cannot")), "a message needs a subject"


def test_error_message_format(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    path = write(tmp_path, "my-routine.toml", 'name = "x"\n\n# mine\n\n\n[[exercise]]\nreps = 10000\nid = "bridge"\n')
    with pytest.raises(ContentError) as info:
        load_routine(path, catalogue)
    assert str(info.value) == "my-routine.toml, line 7: reps must be a whole number from 1 to 100 (got 10000)"


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        pytest.param('name = "x\n[[exercise]]\n', 1, "missing its closing quote", id="unclosed-string"),
        pytest.param('name = "x"\n[[exercise]]\nid = \n', 3, "text goes in double quotes", id="missing-value"),
        pytest.param(
            'name = "x"\n[[exercise]]\nid = "bridge"\nreps = [1,\n', 5, "at the end of the file", id="end-of-doc"
        ),
        pytest.param('name = "x"\nname = "y"\n', 2, "written twice", id="duplicate-key"),
    ],
)
def test_invalid_toml_names_the_line(
    tmp_path: Path, catalogue: dict[str, Exercise], text: str, line: int, fragment: str
) -> None:
    with pytest.raises(ContentError) as info:
        load_routine(write(tmp_path, "mine.toml", text), catalogue)
    assert info.value.line == line
    assert fragment in info.value.message
    assert str(info.value).startswith(f"mine.toml, line {line}: this line is not valid TOML")


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "the file is not text", id="binary"),
        pytest.param('name = "Caf\u00e9"\n'.encode("latin-1"), "not UTF-8 text: save it as UTF-8", id="latin-1"),
        pytest.param(b"", "the file is empty", id="empty"),
        pytest.param(b"  \n# only a comment\n", "the routine's name is missing", id="only-comment"),
        pytest.param(b"x = " + b"[" * 5000, "nests keys or brackets too deeply", id="deep-nesting"),
        pytest.param(b"name = " + b"1" * 5000, "not valid TOML: a number is far too long", id="huge-integer"),
    ],
)
def test_unreadable_content(tmp_path: Path, catalogue: dict[str, Exercise], data: bytes, fragment: str) -> None:
    with pytest.raises(ContentError) as info:
        load_routine(write(tmp_path, "mine.toml", data), catalogue)
    assert fragment in info.value.message
    assert str(info.value).startswith("mine.toml")


def test_byte_order_mark_is_accepted(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    data = b"\xef\xbb\xbf" + USER_ROUTINE.encode("utf-8")
    assert load_routine(write(tmp_path, "bom.toml", data), catalogue).name == "Painful right hip"


def test_huge_file_is_refused_before_parsing(
    tmp_path: Path, catalogue: dict[str, Exercise], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "huge.toml", USER_ROUTINE + "# " + "x" * content.MAX_FILE_BYTES + "\n")

    def parse_must_not_run(text: str) -> None:
        raise AssertionError("parsed a huge file")

    monkeypatch.setattr(tomllib, "loads", parse_must_not_run)
    with pytest.raises(ContentError, match=r"^huge\.toml: the file is too large \(\d+ KB; the limit is 256 KB\)$"):
        load_routine(path, catalogue)


def test_missing_file_and_directory(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    with pytest.raises(ContentError, match=r"^nope\.toml: the file does not exist$"):
        load_routine(tmp_path / "nope.toml", catalogue)
    (tmp_path / "folder.toml").mkdir()
    with pytest.raises(ContentError, match=r"^folder\.toml: this is a folder, not a file$"):
        load_routine(tmp_path / "folder.toml", catalogue)


# --------------------------------------------------------------------------------------------------------------
# Bad exercise files


@pytest.fixture
def bridge_text() -> str:
    return (paths.resources_dir() / "exercises" / "bridge.toml").read_text(encoding="utf-8")


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if line.startswith(start))


@pytest.mark.parametrize(
    ("old", "new", "line_start", "field", "message"),
    [
        pytest.param(
            'position = "back"',
            'position = "bak"',
            "position",
            "position",
            "position cannot be 'bak'; did you mean 'back'?",
            id="pos",
        ),
        pytest.param(
            'kind = "reps"', 'kind = "hold"', "reps =", "dose.reps", "dose.reps does not apply to a hold", id="kind"
        ),
        pytest.param(
            "per_side = false", "per_side = 0", "per_side", "per_side", "per_side must be true or false", id="bool"
        ),
        pytest.param('id = "bridge"', 'id = "brige"', "id =", "id", "id must equal the file name 'bridge'", id="id"),
        pytest.param('id = "bridge"', 'id = "Bridge"', "id =", "id", "must be lowercase words", id="id-case"),
        pytest.param(
            '["mat"]',
            '["matt"]',
            "equipment",
            "equipment",
            "item 1 of equipment cannot be 'matt'; did you mean 'mat'?",
            id="equipment",
        ),
        pytest.param(
            "reps = {",
            "rep = {",
            "rep =",
            "dose.rep",
            "'rep' is not a field hipcoach knows; did you mean 'reps'?",
            id="dose-typo",
        ),
        pytest.param(
            "value = 12, low",
            "value = 16, low",
            "reps =",
            "dose.reps.value",
            "dose.reps.value must not be above",
            id="high",
        ),
        pytest.param(
            "up = 2,",
            "up = 0,",
            "tempo =",
            "dose.tempo.up",
            "dose.tempo.up must be a number of seconds from 0.5 to 10 (got 0)",
            id="tempo",
        ),
        pytest.param(
            "start = ",
            "strat = ",
            "strat =",
            "cues.strat",
            "'strat' is not a field hipcoach knows; did you mean 'start'?",
            id="cues",
        ),
        pytest.param(
            '"Squeeze your buttocks as you lift."',
            "3",
            "form =",
            "cues.form",
            "item 2 of cues.form must be text in quotes",
            id="form",
        ),
    ],
)
def test_bad_exercise_file(
    tmp_path: Path, bridge_text: str, old: str, new: str, line_start: str, field: str, message: str
) -> None:
    assert old in bridge_text
    text = bridge_text.replace(old, new, 1)
    path = write(tmp_path, "bridge.toml", text)
    with pytest.raises(ContentError) as info:
        load_exercise(path)
    (problem,) = [problem for problem in info.value.problems if message in problem.message]
    assert problem.field == field
    assert problem.line == line_of(text, line_start)
    assert f"bridge.toml, line {problem.line}: {problem.message}" in str(info.value).splitlines()


def test_exercise_missing_required_dose(tmp_path: Path, bridge_text: str) -> None:
    text = re.sub(r"^reps = .*\n", "", bridge_text, flags=re.MULTILINE)
    with pytest.raises(ContentError) as info:
        load_exercise(write(tmp_path, "bridge.toml", text))
    assert (info.value.field, info.value.line) == ("dose.reps", line_of(text, "[dose]"))
    assert info.value.message == "reps is missing from the [dose] table"


def test_duplicate_article_numbers_are_refused(tmp_path: Path, bridge_text: str) -> None:
    write(tmp_path, "bridge.toml", bridge_text)
    write(tmp_path, "bridge-two.toml", bridge_text.replace('id = "bridge"', 'id = "bridge-two"'))
    with pytest.raises(ContentError, match=r"^bridge(-two)?\.toml: number 4 is also used by 'bridge"):
        load_catalogue(tmp_path)


def test_empty_catalogue_folder(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"no \.toml files"):
        load_catalogue(tmp_path)


# --------------------------------------------------------------------------------------------------------------
# Whatever the bytes, only ContentError


def _only_content_errors(path: Path, data: bytes, catalogue: dict[str, Exercise], exercise: bool = False) -> None:
    path.write_bytes(data)
    try:
        if exercise:
            load_exercise(path)
        else:
            load_routine(path, catalogue)
    except ContentError as error:
        assert str(error).startswith(path.name), str(error)


def test_truncated_routines_raise_only_content_errors(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    data = (paths.resources_dir() / "routines" / "full.toml").read_bytes()
    path = tmp_path / "full.toml"
    for end in range(len(data) + 1):
        _only_content_errors(path, data[:end], catalogue)


def test_truncated_exercise_raises_only_content_errors(tmp_path: Path) -> None:
    data = (paths.resources_dir() / "exercises" / "hip-rotations.toml").read_bytes()
    path = tmp_path / "hip-rotations.toml"
    for end in range(len(data) + 1):
        _only_content_errors(path, data[:end], {}, exercise=True)


# Bytes that break TOML and the format in the ways a hand edit does: brackets, quotes, comments, escapes, odd bytes.
MUTATION_BYTES = b"[]{}=\"'#.,\n -_0123456789abcdefxyz\\\t\xff\x00"


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    """A shipped exercise or a user routine with one to five bytes changed or runs of bytes cut out."""
    exercise = (paths.resources_dir() / "exercises" / "banded-walk.toml").read_bytes()
    source = bytearray(draw(st.sampled_from([USER_ROUTINE.encode("utf-8"), exercise])))
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(source) - 1))
        if draw(st.booleans()):
            source[at] = draw(st.sampled_from(MUTATION_BYTES))
        else:
            del source[at : at + draw(st.integers(1, 19))]
    return bytes(source)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=200), mutated_files()))
def test_random_bytes_and_mutations_raise_only_content_errors(
    tmp_path: Path, catalogue: dict[str, Exercise], data: bytes
) -> None:
    # tmp_path is shared by the examples on purpose: each one overwrites the same two files before loading them.
    _only_content_errors(tmp_path / "routine.toml", data, catalogue)
    _only_content_errors(tmp_path / "banded-walk.toml", data, catalogue, exercise=True)


# --------------------------------------------------------------------------------------------------------------
# Every problem at once, each a sentence with its subject


def test_every_problem_of_a_routine_is_listed_in_file_order(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    text = (
        'rest_between_exercises = "ten"\n'
        "[[exercise]]\n"
        'id = "brige"\n'
        "[[exercise]]\n"
        'id = "clamshells"\n'
        "reps = 0\n"
        'only_side = "middle"\n'
        "[[exercise]]\n"
        "sets = 2\n"
    )
    with pytest.raises(ContentError) as info:
        load_routine(write(tmp_path, "mine.toml", text), catalogue)
    assert [(problem.line, problem.field) for problem in info.value.problems] == [
        (None, "name"),
        (1, "rest_between_exercises"),
        (3, "id"),
        (6, "reps"),
        (7, "only_side"),
        (8, "id"),
    ]
    assert str(info.value).splitlines() == [
        'mine.toml: the routine\'s name is missing: add a line like name = "Evening stretch" at the top',
        'mine.toml, line 1: rest_between_exercises must be a whole number from 0 to 600 (got the text "ten");'
        " write numbers without quotes",
        "mine.toml, line 3: 'brige' is not an exercise hipcoach knows; did you mean 'bridge'?",
        "mine.toml, line 6: reps must be a whole number from 1 to 100 (got 0)",
        "mine.toml, line 7: only_side cannot be 'middle'; expected one of: left, right",
        'mine.toml, line 8: exercise 3 has no id: add a line like id = "bridge" under [[exercise]]',
    ]


def test_every_problem_of_an_exercise_file_is_listed(tmp_path: Path, bridge_text: str) -> None:
    text = bridge_text.replace('position = "back"', 'position = "bak"').replace("per_side = false", "per_side = 0")
    with pytest.raises(ContentError) as info:
        load_exercise(write(tmp_path, "bridge.toml", text))
    assert [problem.field for problem in info.value.problems] == ["position", "per_side"]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("side", "did you mean 'only_side' or 'first_side'?"),
        ("hold", "did you mean 'hold_seconds'?"),
        ("repetitions", "did you mean 'reps'?"),
        ("rep", "did you mean 'reps'?"),
    ],
)
def test_a_field_probably_meant_as_another_suggests_it(
    tmp_path: Path, catalogue: dict[str, Exercise], written: str, meant: str
) -> None:
    text = f'name = "x"\n[[exercise]]\nid = "clamshells"\n{written} = 1\n'
    with pytest.raises(ContentError) as info:
        load_routine(write(tmp_path, "mine.toml", text), catalogue)
    assert info.value.message == f"'{written}' is not a field hipcoach knows; {meant}"


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        pytest.param('name = "x\n', "a text is missing its closing quote before the end of the line", id="quote"),
        pytest.param("name = x\n", "the value after '=' is not written correctly: text goes", id="bare"),
        pytest.param('name "x"\n', "a line must look like 'name = value'", id="no-equals"),
        pytest.param("[[exercise]\n", "an [[exercise]] line is missing its closing ']]'", id="bracket"),
        pytest.param('name = "x"\nname = "y"\n', "a field or table is written twice; keep only one", id="twice"),
        pytest.param('name = "x" reps = 3\n', "something follows the value on its line", id="two-on-a-line"),
    ],
)
def test_toml_syntax_errors_are_said_in_plain_words(
    tmp_path: Path, catalogue: dict[str, Exercise], text: str, plain: str
) -> None:
    with pytest.raises(ContentError) as info:
        load_routine(write(tmp_path, "mine.toml", text), catalogue)
    assert plain in info.value.message
    assert "Invalid" not in info.value.message and "Expected" not in info.value.message
