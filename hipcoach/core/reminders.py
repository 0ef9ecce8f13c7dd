"""When an exercise's form and safety reminders are said: in its quiet moments, never over a count.

A reminder said over the beats or the last seconds of a hold is cut or drowns the count, so reminders go only where
nothing else is said: the start of a hold long enough for it (it must end before the hold's halfway mark and its
last three seconds), the halfway mark of a hold (coach), a side switch, the rest before the next set, a minute mark
of cardio, or, when the exercise has none of these, its get-ready.

- minimal: none;
- standard: the safety reminders in the get-ready, before the user moves, and the first form reminder at the first
  quiet moment (the get-ready when there is none);
- coach: the safety reminders in the get-ready, and every form reminder, spread over the quiet moments in order
  (the ones there is no moment for are said in the get-ready).

The choice is made from the routine entry alone, so the plan can size a get-ready, switch or rest for what will be
said in it before the plan exists (``SpokenLeadIn``). docs/speech.md, "Form and safety reminders".
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from hipcoach.core.model import Entry, Kind, Side
from hipcoach.core.verbosity import SPEECH_RATE, Verbosity
from hipcoach.core.wording import hold_text

COUNTDOWN_FROM = 3
"""The last seconds of a hold, rest or get-ready are counted aloud."""
LONG_HOLD = 5
"""A hold shorter than this has no room for a reminder before its countdown."""

# How long a text takes to say, from its length. Fitted to espeak-ng's renders of every cue of the built-in routines
# at 160 words per minute (about 0.057 s per character and 0.37 s per sentence, within 1.4 s), then made an upper
# bound: no such cue takes longer than its estimate; the longest are over-estimated by up to 4 s (bench/bench_speech.py
# prints both; docs/speech.md).
CHARACTERS_PER_WORD = 6.0  # a "word" of the speech rate, spaces and punctuation included
SENTENCE_PAUSE_WORDS = 1.0  # the pause after a full stop, in words
SPEECH_MARGIN = 0.8  # seconds: the voice's leading and trailing silence, and the estimate's error


def spoken_seconds(text: str, words_per_minute: float = SPEECH_RATE) -> float:
    """An upper estimate of how long ``text`` takes to say at ``words_per_minute``."""
    sentences = len(re.findall(r"[.!?](?:\s|$)", text))
    words = len(text) / CHARACTERS_PER_WORD + sentences * SENTENCE_PAUSE_WORDS
    return words * 60.0 / words_per_minute + SPEECH_MARGIN


BEAT_MARGIN = 0.25
"""Seconds added to a beat's few words (``beat_seconds``): espeak-ng's trailing silence, which the voice channel
counts as playing. Fitted to its renders of every rep word of the shipped exercises at the default speed."""

# fmt: off
_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# fmt: on


def _said_number(number: int) -> str:
    if number < 20:
        return _ONES[number]
    if number < 100:
        return _TENS[number // 10] + (f"-{_ONES[number % 10]}" if number % 10 else "")
    return " ".join(_ONES[int(digit)] for digit in str(number))  # longer than said: still an upper bound


def beat_seconds(text: str, words_per_minute: float = SPEECH_RATE) -> float:
    """How long a rep's words ("Forward 7.", "Hold.") take to say: the estimate of ``spoken_seconds`` with each
    number as said ("7" is "seven"), which for two or three words matters more than the long cues' margin."""
    said = re.sub(r"\d+", lambda found: _said_number(int(found.group())), text)
    return spoken_seconds(said, words_per_minute) - SPEECH_MARGIN + BEAT_MARGIN


class Moment(enum.StrEnum):
    GET_READY = "get-ready"
    HOLD = "hold"  # the start of a hold (a stretch)
    HALFWAY = "halfway"  # the middle of a hold (coach only)
    SWITCH = "switch"
    REST = "rest"  # the rest before set ``set_number``
    MINUTE = "minute"  # a minute mark of cardio


@dataclass(frozen=True)
class Slot:
    """One quiet moment of an entry: which kind, in which set, on which side (``minutes`` left for cardio)."""

    moment: Moment
    set_number: int = 0
    side: Side | None = None
    minutes: int = 0


GET_READY = Slot(Moment.GET_READY)


def halfway_text(reminder: str = "") -> str:
    return f"Halfway. {reminder or 'Keep breathing.'}"


def _fits_hold(seconds: int, texts: tuple[str, ...]) -> bool:
    """The hold's first words end before its halfway mark and its countdown, whatever reminder they carry."""
    room = min(seconds - COUNTDOWN_FROM, seconds / 2)
    return seconds >= LONG_HOLD and all(spoken_seconds(f"{hold_text(seconds)} {text}") <= room for text in texts)


def _fits_halfway(seconds: int, texts: tuple[str, ...]) -> bool:
    if seconds % 2:
        return False  # an odd hold has no whole-second halfway mark
    return all(spoken_seconds(halfway_text(text)) <= seconds / 2 - COUNTDOWN_FROM for text in texts)


def quiet_slots(entry: Entry, verbosity: Verbosity, rests: bool) -> list[Slot]:
    """The quiet moments of ``entry`` after its get-ready, in the order the session reaches them (the plan's order:
    each set on each side, a switch between the sides, a rest before the next set when the routine has rests)."""
    exercise, dose = entry.exercise, entry.dose
    form = exercise.cues.form
    sets = dose.sets.value
    slots: list[Slot] = []
    for set_number in range(1, sets + 1):
        for number, side in enumerate(entry.sides):
            if number > 0:
                slots.append(Slot(Moment.SWITCH, set_number, side))
            if exercise.kind is Kind.HOLD and dose.hold_seconds is not None:
                seconds = dose.hold_seconds.value
                if _fits_hold(seconds, form):
                    slots.append(Slot(Moment.HOLD, set_number, side))
                if verbosity is Verbosity.COACH and _fits_halfway(seconds, form):
                    slots.append(Slot(Moment.HALFWAY, set_number, side))
            if exercise.kind is Kind.CARDIO and dose.minutes is not None:
                slots += [Slot(Moment.MINUTE, set_number, minutes=m) for m in range(dose.minutes.value - 1, 0, -1)]
        if set_number < sets and rests:
            slots.append(Slot(Moment.REST, set_number + 1))
    return slots


@lru_cache(maxsize=512)
def schedule(entry: Entry, verbosity: Verbosity, rests: bool) -> Mapping[Slot, tuple[str, ...]]:
    """Which reminders are said at which quiet moment of ``entry`` (the get-ready is ``GET_READY``)."""
    if verbosity is Verbosity.MINIMAL:
        return {}
    cues = entry.exercise.cues
    said: dict[Slot, tuple[str, ...]] = {GET_READY: cues.safety}
    form = cues.form if verbosity is Verbosity.COACH else cues.form[:1]
    slots = quiet_slots(entry, verbosity, rests)
    spare = max(0, len(form) - len(slots))  # more reminders than moments: the first ones go in the get-ready
    said[GET_READY] += form[:spare]
    rest = form[spare:]
    for number, reminder in enumerate(rest):
        slot = slots[number * len(slots) // len(rest)]  # spread: the first at the first moment
        said[slot] = (*said.get(slot, ()), reminder)
    return said


def reminders_at(entry: Entry, verbosity: Verbosity, rests: bool, slot: Slot) -> str:
    """The reminders said at ``slot``, as one text to add to what is said there ("" when none)."""
    return " ".join(schedule(entry, verbosity, rests).get(slot, ()))
