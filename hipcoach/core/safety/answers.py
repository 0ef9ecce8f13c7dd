"""What the user answered to the safety questions, kept as ``safety.json`` in the data folder: health answers are
personal data, so they live (private, 0600 in 0700) beside the history, are exported with it and deleted with it,
not with the preferences.

Read and written through hipcoach.core.settings_file, so a damaged file follows the one settings policy: never
raising, a bad key takes its default with a warning naming the file and the key. No file means "never answered":
every routine is offered as it is, exactly as before the questions existed (an unattended run never asks).

The file is flat (one key per answer) so that each damaged answer is named on its own. Where a damaged answer
leaves an operation half known, the missing part takes the careful value: an unknown approach (both sets of
precautions), both hips, and the day the answers were saved as the operation's date (docs/safety.md).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from hipcoach.core import paths
from hipcoach.core.safety.precautions import Approach, Precaution, precautions_end, precautions_for
from hipcoach.core.settings_file import Field, SettingsFile, choice, choices, day, flag, optional_choice, plain

ANSWERS_FILE: Final = "safety.json"


class OperatedHip(enum.StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class WarningSign(enum.StrEnum):
    """A sign that calls for a professional before any home exercise; the values are the words the file stores."""

    FALL = "fall"  # a recent fall or injury to the hip
    FRACTURE = "fracture"  # a possible broken bone
    NO_WEIGHT = "no-weight"  # cannot put weight on the leg
    FEVER = "fever"  # fever or feeling unwell with the hip pain
    NIGHT_PAIN = "night-pain"  # pain at night or at rest that does not ease
    NUMBNESS = "numbness"  # numbness, tingling or weakness in the leg


@dataclass(frozen=True)
class Operation:
    """A hip operation in the last months: which hip, the surgeon's approach, the date, and whether the surgeon has
    lifted the precautions."""

    hip: OperatedHip
    approach: Approach
    on: date
    lifted: bool = False

    def precautions(self, today: date) -> frozenset[Precaution]:
        return precautions_for(self.approach, self.on, self.lifted, today)

    @property
    def precautions_end(self) -> date:
        return precautions_end(self.on)


@dataclass(frozen=True)
class SafetyAnswers:
    """``answered`` is False until the user has saved the questions once (skipping keeps it False and the questions
    stay in Settings → Safety); ``operation`` is None for "no operation"."""

    answered: bool = False
    operation: Operation | None = None
    warning_signs: frozenset[WarningSign] = frozenset()
    answered_on: date | None = None

    def precautions(self, today: date) -> frozenset[Precaution]:
        return frozenset() if self.operation is None else self.operation.precautions(today)

    @property
    def see_a_professional(self) -> bool:
        """A warning sign was ticked: the advice is shown and only the gentle routine is offered."""
        return bool(self.warning_signs)


def answers_path() -> Path:
    return paths.data_dir() / ANSWERS_FILE


@dataclass(frozen=True)
class _Stored:
    """The file's keys, flat, so a warning names the one answer that is damaged."""

    answered: bool = False
    answered_on: date | None = None
    operated_hip: OperatedHip | None = None  # null: no operation
    approach: Approach = Approach.UNKNOWN
    operated_on: date | None = None
    precautions_lifted: bool = False
    warning_signs: frozenset[WarningSign] = frozenset()


def _operated_hip(value: object, default: OperatedHip | None) -> tuple[OperatedHip | None, str | None]:
    """A damaged hip still means an operation: both hips, so its precautions are not dropped by a typing slip."""
    hip, wrong = optional_choice(OperatedHip)(value, default)
    return (hip, None) if wrong is None else (OperatedHip.BOTH, wrong)


_FILE: Final = SettingsFile(
    _Stored,
    [
        Field("answered", False, flag),
        Field("answered_on", None, day),
        Field("operated_hip", None, _operated_hip),
        Field("approach", Approach.UNKNOWN, choice(Approach)),
        Field("operated_on", None, day),
        Field("precautions_lifted", False, flag),
        Field("warning_signs", frozenset(), choices(WarningSign)),
    ],
)


def _answers(stored: _Stored, today: date) -> SafetyAnswers:
    operation = None
    if stored.operated_hip is not None:
        on = stored.operated_on or stored.answered_on or today
        operation = Operation(stored.operated_hip, stored.approach, on, stored.precautions_lifted)
    return SafetyAnswers(stored.answered, operation, stored.warning_signs, stored.answered_on)


def _stored(answers: SafetyAnswers) -> _Stored:
    operation = answers.operation
    if operation is None:
        return _Stored(answers.answered, answers.answered_on, warning_signs=answers.warning_signs)
    return _Stored(
        answers.answered,
        answers.answered_on,
        operation.hip,
        operation.approach,
        operation.on,
        operation.lifted,
        answers.warning_signs,
    )


def load_answers(today: date | None = None) -> tuple[SafetyAnswers, list[str]]:
    """The saved answers, never raising: each problem becomes a message naming the file and the key. ``today``
    dates an operation whose date was lost, when the file does not say when it was saved either."""
    path = answers_path()
    stored, warnings = _FILE.load(path)
    lost = stored.operated_hip is not None and stored.operated_on is None
    if lost and not any("'operated_on'" in warning for warning in warnings):
        warnings.append(f"{path}: 'operated_on' is missing; the precautions count from the day the answers were saved")
    return _answers(stored, today or date.today()), warnings


def save_answers(answers: SafetyAnswers) -> None:
    """Write the answers atomically, private; raises OSError (disk full, read-only folder) for the caller."""
    _FILE.save(answers_path(), _stored(answers))


def delete_answers() -> list[Path]:
    """ "Delete all my data", the safety part. Returns what was removed."""
    path = answers_path()
    if path.is_file() or path.is_symlink():
        path.unlink()
        return [path]
    return []


def exported_answers() -> dict[str, object] | None:
    """The saved answers for the history's JSON export ("safety"), as the file stores them; None when there is no
    file, so an export made before the questions were answered is the same as before they existed."""
    if not answers_path().is_file():
        return None
    return answers_json(load_answers()[0])


def answers_json(answers: SafetyAnswers) -> dict[str, object]:
    """The answers as the file stores them."""
    stored = _stored(answers)
    return {field.name: plain(getattr(stored, field.name)) for field in _FILE.fields}
