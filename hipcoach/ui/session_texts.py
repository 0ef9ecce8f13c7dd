"""Every text of the session page, from the controller's public state and the words of :mod:`hipcoach.core.wording`.

Qt-free, so the page's words can be checked without a window, and kept apart from the widgets that show them. The big
number counts reps, and during the hold at the top of a rep it counts the hold's seconds down, as it does for a
stretch; the counters line under it still says which rep it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from hipcoach.core.engine import PauseReason
from hipcoach.core.floor_moves import floor_move
from hipcoach.core.model import Entry, Exercise, Routine
from hipcoach.core.plan import Beat, BeatKind, Longer, Phase, PhaseKind
from hipcoach.core.session_state import State
from hipcoach.core.wording import cardio_text, dose_text, entry_side_phrase, format_clock, unit_noun

WAIT_MESSAGE: Final = "Press Space or Enter when you are ready"
PAUSED_MESSAGE: Final = "Paused. Press Space to carry on."
SUSPEND_MESSAGE: Final = "Paused: the computer was asleep. Press Space to carry on."
PAIN_BEFORE_QUESTION: Final = "How is your pain right now?  0 (none) \u2026 10 (worst)"
PAIN_BEFORE_WAIT: Final = "Answer the pain question to start (X skips it)"

HOLD_BEATS: Final = (BeatKind.HOLD, BeatKind.HOLDING)
_LONGER_WORDS: Final = {
    Longer.POSITION: "to change position",
    Longer.SPEECH: "to hear the instructions",
}
_PHASE_NAMES: Final = {
    PhaseKind.GET_READY: "Get ready",
    PhaseKind.REPS: "Reps",
    PhaseKind.HOLD: "Hold",
    PhaseKind.CARDIO: "Cardio",
    PhaseKind.SWITCH_SIDES: "Switch sides",
    PhaseKind.REST: "Rest",
    PhaseKind.GET_DOWN: "Get down",
    PhaseKind.GET_UP: "Get up",
}
FLOOR_MOVE_COUNTERS: Final = "Take your time. Space pauses."


@dataclass(frozen=True)
class Countdown:
    """The big number, the sample its size is fitted to, its name for a screen reader, and the line under it."""

    text: str
    sample: str
    name: str
    unit: str


def heading(phase: Phase, entry: Entry) -> tuple[str, str]:
    """The page's title and position line: the exercise, or the way down to the mat or up from it."""
    if phase.kind.is_floor_move:
        return floor_move(phase, entry).title, "Chair and mat"
    return entry.exercise.name, entry.exercise.position.label


def phase_name(phase: Phase, entry: Entry) -> str:
    """The pill's word: "Get ready", "Reps" ("Steps" for paced steps), "Hold", ..."""
    if phase.kind is PhaseKind.REPS:
        return _counted(entry, 2)
    return _PHASE_NAMES[phase.kind]


def _counted(entry: Entry, count: int = 1) -> str:
    """What a paced phase counts, from the model's rule: "Rep", "Steps"."""
    return unit_noun(entry.exercise.kind.unit, count).capitalize()


def longer_text(phase: Phase) -> str:
    """Why a get-ready is longer than the setting: " · more time to get down to the floor", or nothing."""
    if phase.kind is not PhaseKind.GET_READY or not phase.longer_for:
        return ""
    return " \u00b7 more time " + " and ".join(_LONGER_WORDS[reason] for reason in phase.longer_for)


def countdown(phase: Phase, entry: Entry, beat: Beat | None, remaining: float) -> Countdown:
    """The big number: the rep (or the hold's seconds at its top), the minutes of cardio, else the seconds left."""
    seconds = max(0, math.ceil(remaining - 1e-6))
    if phase.kind is PhaseKind.REPS and beat is not None and beat.kind in HOLD_BEATS:
        unit = "Hold: second left" if beat.remaining == 1 else "Hold: seconds left"
        return Countdown(str(beat.remaining), "88", "Seconds left to hold", unit)
    if phase.kind is PhaseKind.REPS:
        name = _counted(entry)
        # no unit: the counters line below says "Rep 4 of 10"
        return Countdown(str(beat.rep if beat is not None else 1), "88", name, "")
    if phase.kind is PhaseKind.CARDIO:
        return Countdown(format_clock(seconds), "88:88", "Time left", "minutes left")
    unit = "second left" if seconds == 1 else "seconds left"
    return Countdown(str(seconds), "88", "Seconds left", unit + longer_text(phase))


def counters_text(phase: Phase, entry: Entry, beat: Beat | None) -> str:
    """Where the user is in this exercise: "Rep 4 of 10 · Set 1 of 2" (the side has a line of its own)."""
    parts: list[str] = []
    kind = phase.kind
    if kind is PhaseKind.GET_READY:
        parts.append(dose_text(entry))
    elif kind is PhaseKind.REPS:
        parts.append(f"{_counted(entry)} {beat.rep if beat is not None else 1} of {phase.target}")
    elif kind is PhaseKind.HOLD:
        parts.append(f"Hold {phase.target} seconds")
    elif kind is PhaseKind.CARDIO:
        parts.append(cardio_text(phase.target))
    elif kind is PhaseKind.REST:
        parts.append(f"Set {phase.set_number} of {phase.set_count} next" if phase.set_number else "Relax")
    elif kind.is_floor_move:
        parts.append(FLOOR_MOVE_COUNTERS)
    if (kind.is_work or kind is PhaseKind.SWITCH_SIDES) and phase.set_count > 1:
        parts.append(f"Set {phase.set_number} of {phase.set_count}")
    return " · ".join(part for part in parts if part)


def side_line(phase: Phase, entry: Entry) -> str:
    """Which side, named on the body as the voice names it ("Lie on your right side, left knee on top."), from the
    get-ready to the last set; empty for an exercise done on both sides at once and for the rest before the next."""
    if phase.side is None:
        return ""
    return entry_side_phrase(entry, phase.side)


def reminders_text(exercise: Exercise) -> str:
    """The exercise's safety and form reminders, one a line, safety first: on screen for the whole exercise, whatever
    the voice says of them."""
    lines = [f"\u26a0 {text}" for text in exercise.cues.safety] + [f"\u2022 {text}" for text in exercise.cues.form]
    return "\n".join(lines)


def status_text(state: State, pause_reason: PauseReason | None, *, asking_pain: bool) -> str:
    """What the session waits for, if anything: the pain question, the user, or the end of a pause."""
    if state is State.WAITING:
        return PAIN_BEFORE_WAIT if asking_pain else WAIT_MESSAGE
    if state is State.PAUSED:
        return SUSPEND_MESSAGE if pause_reason is PauseReason.SUSPEND else PAUSED_MESSAGE
    return ""


def next_text(routine: Routine, phase: Phase, *, ending: bool = False) -> str:
    """The "next up" line; ``ending``: the session was stopped and only the way up from the mat is left."""
    if ending:
        return "Next: the end of the session."
    if (phase.kind is PhaseKind.REST and not phase.set_number) or phase.kind is PhaseKind.GET_DOWN:
        return f"Next: {routine.entries[phase.entry_index].exercise.name}"
    following = phase.entry_index + 1
    if following < len(routine.entries):
        return f"Next: {routine.entries[following].exercise.name}"
    if phase.kind is PhaseKind.GET_UP:
        return "Next: the end of the session."
    return "Next: the end. This is the last exercise."


def stopped_entry(phase: Phase) -> int:
    """The entry stopped by "Sharp pain", from the phase the session holds at while the user chooses: the way up
    belongs to the stopped exercise, any other phase (the next one's way down or get-ready) to the one after it."""
    return phase.entry_index if phase.kind is PhaseKind.GET_UP else phase.entry_index - 1


SORE_DAY_MARK = "sore-day session: short and gentle"


def progress_text(
    phase: Phase, routine: Routine, time_scale: float, *, ending: bool = False, entry_index: int | None = None
) -> str:
    """ "Exercise 2 of 6", that it is a sore-day session, and that a trial run is not counted; "Session stopped" on
    the way up after a stop.
    ``entry_index``: the exercise the screen is about when it is not the phase's (the one stopped for sharp pain,
    while the session already holds at the next), so the bar never names an exercise the page does not show."""
    trial = "" if time_scale == 1 else f"  ·  trial run, {time_scale:g} times faster: not counted"
    if routine.sore_day:
        trial = f"  ·  {SORE_DAY_MARK}{trial}"
    if ending:
        return f"Session stopped{trial}"
    shown = phase.entry_index if entry_index is None else entry_index
    return f"Exercise {shown + 1} of {len(routine.entries)}{trial}"
