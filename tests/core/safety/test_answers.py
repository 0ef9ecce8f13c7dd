"""The safety answers against a real file in the per-test data folder: round trip, privacy, and each damaged key
taking its (careful) default with a warning that names the file and the key."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from hipcoach.core import paths
from hipcoach.core.safety.answers import (
    OperatedHip,
    Operation,
    SafetyAnswers,
    WarningSign,
    answers_json,
    answers_path,
    delete_answers,
    load_answers,
    save_answers,
)
from hipcoach.core.safety.precautions import Approach, Precaution

TODAY = date(2026, 2, 1)
OPERATED = SafetyAnswers(
    answered=True,
    operation=Operation(OperatedHip.LEFT, Approach.BACK, date(2026, 1, 10)),
    warning_signs=frozenset({WarningSign.NIGHT_PAIN, WarningSign.FALL}),
    answered_on=date(2026, 1, 20),
)


def write_raw(value: object) -> Path:
    path = answers_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def test_the_answers_live_in_the_data_folder_beside_the_history(hipcoach_data_dir: Path) -> None:
    assert answers_path() == paths.data_dir() / "safety.json"
    assert answers_path().parent == hipcoach_data_dir


def test_no_file_means_never_answered_without_a_warning() -> None:
    assert load_answers(TODAY) == (SafetyAnswers(), [])
    assert not answers_path().exists()


@pytest.mark.parametrize(
    "answers",
    [
        OPERATED,
        SafetyAnswers(answered=True, answered_on=date(2026, 1, 20)),
        SafetyAnswers(answered=True, operation=Operation(OperatedHip.BOTH, Approach.FRONT, date(2025, 12, 1), True)),
    ],
    ids=["operated", "nothing", "lifted"],
)
def test_round_trip(answers: SafetyAnswers) -> None:
    save_answers(answers)
    assert load_answers(TODAY) == (answers, [])


@pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX matter")
def test_the_file_is_private_like_the_history() -> None:
    save_answers(OPERATED)
    assert stat.S_IMODE(answers_path().stat().st_mode) == 0o600
    assert stat.S_IMODE(answers_path().parent.stat().st_mode) == 0o700


def test_the_file_is_readable_json_with_one_key_per_answer() -> None:
    save_answers(OPERATED)
    stored = json.loads(answers_path().read_text(encoding="utf-8"))
    assert stored == {
        "answered": True,
        "answered_on": "2026-01-20",
        "operated_hip": "left",
        "approach": "back",
        "operated_on": "2026-01-10",
        "precautions_lifted": False,
        "warning_signs": ["fall", "night-pain"],
    }
    assert answers_json(OPERATED) == stored


GOOD = answers_json(OPERATED)


@pytest.mark.parametrize(
    ("key", "bad", "expected"),
    [
        ("answered", "yes", SafetyAnswers(False, OPERATED.operation, OPERATED.warning_signs, OPERATED.answered_on)),
        ("answered_on", "20 January", SafetyAnswers(True, OPERATED.operation, OPERATED.warning_signs, None)),
        # The careful values: both hips, both sets of precautions, the precautions still in effect.
        (
            "operated_hip",
            "middle",
            SafetyAnswers(
                True,
                Operation(OperatedHip.BOTH, Approach.BACK, date(2026, 1, 10)),
                OPERATED.warning_signs,
                OPERATED.answered_on,
            ),
        ),
        (
            "approach",
            "sideways",
            SafetyAnswers(
                True,
                Operation(OperatedHip.LEFT, Approach.UNKNOWN, date(2026, 1, 10)),
                OPERATED.warning_signs,
                OPERATED.answered_on,
            ),
        ),
        (
            "operated_on",
            "2026-13-45",
            SafetyAnswers(
                True,
                Operation(OperatedHip.LEFT, Approach.BACK, date(2026, 1, 20)),
                OPERATED.warning_signs,
                OPERATED.answered_on,
            ),
        ),
        ("precautions_lifted", 1, OPERATED),
        ("warning_signs", "fall", SafetyAnswers(True, OPERATED.operation, frozenset(), OPERATED.answered_on)),
        (
            "warning_signs",
            ["fall", "dizzy", 3],
            SafetyAnswers(True, OPERATED.operation, frozenset({WarningSign.FALL}), OPERATED.answered_on),
        ),
    ],
)
def test_a_damaged_key_takes_its_default_with_a_warning_naming_file_and_key(
    key: str, bad: object, expected: SafetyAnswers
) -> None:
    path = write_raw({**GOOD, key: bad})
    answers, warnings = load_answers(TODAY)
    assert answers == expected
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{path}: '{key}' ")


def test_a_damaged_hip_still_means_an_operation_and_its_precautions() -> None:
    path = write_raw({**GOOD, "operated_hip": "middle"})
    answers, warnings = load_answers(TODAY)
    assert answers.precautions(TODAY) == OPERATED.precautions(TODAY)
    assert warnings == [
        f'{path}: \'operated_hip\' must be one of "left", "right", "both" or null (got "middle"); using "both"'
    ]


def test_a_missing_operation_date_counts_from_the_day_of_the_answers_and_says_so() -> None:
    path = write_raw({key: value for key, value in GOOD.items() if key != "operated_on"})
    answers, warnings = load_answers(TODAY)
    assert answers.operation is not None
    assert answers.operation.on == date(2026, 1, 20)
    assert answers.precautions(TODAY)  # still in effect: the careful reading
    assert warnings == [f"{path}: 'operated_on' is missing; the precautions count from the day the answers were saved"]


@pytest.mark.parametrize("content", ["", "{", "[]", "\x00\x01"])
def test_an_unreadable_file_gives_never_answered_with_one_warning(content: str) -> None:
    path = answers_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    answers, warnings = load_answers(TODAY)
    assert answers == SafetyAnswers()
    assert len(warnings) == 1
    assert warnings[0].startswith(str(path))


def test_delete_removes_the_file_and_only_it() -> None:
    save_answers(OPERATED)
    keep = paths.data_dir() / "history.sqlite3"
    keep.write_text("not ours", encoding="utf-8")
    assert delete_answers() == [answers_path()]
    assert not answers_path().exists()
    assert keep.exists()
    assert delete_answers() == []


def test_precautions_follow_the_answers() -> None:
    assert OPERATED.precautions(TODAY) == {Precaution.DEEP_BEND, Precaution.CROSSING, Precaution.TURNING_IN}
    assert OPERATED.see_a_professional
    assert SafetyAnswers(answered=True).precautions(TODAY) == frozenset()
