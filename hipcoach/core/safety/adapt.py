"""The routines adapted to the precautions in effect, and the routines offered after the safety questions.

An entry whose exercise breaks a precaution is swapped for a catalogue exercise that works the same area and breaks
none, or left out when there is none; the adapted routine keeps its id and name and carries ``adaptations`` (which
and why) and ``precautions`` (what it was adapted to), so the chooser, the session, the history and resume all see
the same plan. A warning sign offers only the gentle routine (itself adapted). docs/safety.md has the rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from hipcoach.core.model import Exercise, Routine
from hipcoach.core.safety.answers import SafetyAnswers
from hipcoach.core.safety.precautions import Precaution

GENTLE_ROUTINE_ID = "gentle-mobility"


def broken_by(exercise: Exercise, precautions: frozenset[Precaution]) -> tuple[Precaution, ...]:
    """The precautions in ``precautions`` that ``exercise``'s declared demands break, in a stable order."""
    raise NotImplementedError  # the safety-core branch writes this


def adapt_routine(routine: Routine, exercises: Mapping[str, Exercise], precautions: frozenset[Precaution]) -> Routine:
    """``routine`` with each entry that breaks one of ``precautions`` swapped or left out. With no precautions the
    routine itself is returned, unchanged."""
    raise NotImplementedError  # the safety-core branch writes this


@dataclass(frozen=True)
class Offer:
    """What the chooser offers: ``routines`` (adapted), and why it is limited."""

    routines: tuple[Routine, ...]
    precautions: frozenset[Precaution]
    precautions_until: date | None  # the day they stop applying by themselves; None without an operation
    see_a_professional: bool  # a warning sign: the advice is shown, only the gentle routine is offered


def offer(routines: Sequence[Routine], exercises: Mapping[str, Exercise], answers: SafetyAnswers, today: date) -> Offer:
    """The routines to offer given ``answers`` on ``today``. Never answered: every routine as it is."""
    raise NotImplementedError  # the safety-core branch writes this
