"""What the user answered to the safety questions, kept as ``safety.json`` in the data folder: health answers are
personal data, so they live (private, 0600 in 0700) beside the history, are exported with it and deleted with it,
not with the preferences.

Read and written through hipcoach.core.settings_file, so a damaged file follows the one settings policy: never
raising, a bad key takes its default with a warning naming the file and the key. No file means "never answered":
every routine is offered as it is, exactly as before the questions existed (an unattended run never asks).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from hipcoach.core import paths
from hipcoach.core.safety.precautions import Approach, Precaution, precautions_end, precautions_for

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


def load_answers() -> tuple[SafetyAnswers, list[str]]:
    """The saved answers, never raising: each problem becomes a message naming the file and the key."""
    raise NotImplementedError  # the safety-core branch writes this (settings_file policy)


def save_answers(answers: SafetyAnswers) -> None:
    """Write the answers atomically, private; raises OSError (disk full, read-only folder) for the caller."""
    raise NotImplementedError  # the safety-core branch writes this


def delete_answers() -> list[Path]:
    """ "Delete all my data", the safety part. Returns what was removed."""
    raise NotImplementedError  # the safety-core branch writes this
