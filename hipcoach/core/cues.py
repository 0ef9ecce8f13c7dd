"""What to say, and how important it is, for each engine event.

The same text is the caption on screen and the spoken cue, so someone who mutes the app or cannot hear it well
gets exactly what the voice says. Texts are short enough to be heard once: the name, what to do, how many.

Reps are paced by their beats: the lift of rep n says "n" (the first says "Go"), the hold says "hold", the lowering
says "down". A hold of 3 s or more counts down its last seconds ("2", "1"), as a stretch does; a shorter one is over
before a count could be said. So the start of a rep set has no cue of its own (its first beat speaks at the same
moment); what the set is (how many, which side) was already said during the get-ready or the side switch.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from hipcoach.core.engine import (
    BeatReached,
    Event,
    Paused,
    PhaseStarted,
    Resumed,
    SecondElapsed,
    SessionEnded,
    SideSwitched,
)
from hipcoach.core.floor_moves import floor_move
from hipcoach.core.model import Entry, Side
from hipcoach.core.plan import Beat, BeatKind, Phase, PhaseKind, Plan
from hipcoach.core.results import PauseReason
from hipcoach.core.verbosity import SPEECH_RATE, Verbosity
from hipcoach.core.wording import minutes, side_text, spoken_amount

COUNTDOWN_FROM = 3


PAUSE_TEXT = {
    PauseReason.USER: "Paused.",
    PauseReason.SUSPEND: "Paused. The computer was asleep.",
    PauseReason.SHARP_PAIN: "Stopped. Skip this exercise, or end the session?",
}


class Priority(enum.IntEnum):
    """Higher cuts lower on the single voice channel."""

    REMINDER = 0  # form reminders, minutes left
    BEAT = 1  # rep counts, "hold", "down"
    COUNTDOWN = 2  # the last seconds of a hold, rest or get-ready
    TRANSITION = 3  # a new phase, a side switch, pause, the end


@dataclass(frozen=True)
class Cue:
    text: str
    priority: Priority


def cue_for(event: Event, plan: Plan, verbosity: Verbosity = Verbosity.STANDARD) -> Cue | None:
    if isinstance(event, PhaseStarted):
        return _phase_cue(event.phase, plan, verbosity)
    if isinstance(event, SecondElapsed):
        return _second_cue(plan.phases[event.index], event.remaining, verbosity)
    if isinstance(event, BeatReached):
        return _beat_cue(plan.phases[event.index], event.beat, plan, verbosity)
    if isinstance(event, SideSwitched):
        entry = plan.routine.entries[plan.phases[event.index].entry_index]
        return Cue(_switch_text(entry, event.side, verbosity), Priority.TRANSITION)
    if isinstance(event, Paused):
        return Cue(PAUSE_TEXT[event.reason], Priority.TRANSITION)
    if isinstance(event, Resumed):
        return Cue("Carry on.", Priority.TRANSITION)
    if isinstance(event, SessionEnded):
        if event.summary.completed:
            return Cue("Well done. That is the end of your session.", Priority.TRANSITION)
        return Cue("Session stopped.", Priority.TRANSITION)
    return None


def _phase_cue(phase: Phase, plan: Plan, verbosity: Verbosity) -> Cue | None:
    entry = plan.routine.entries[phase.entry_index]
    kind = phase.kind
    if kind is PhaseKind.GET_READY:
        return Cue(_get_ready_text(phase, entry, verbosity), Priority.TRANSITION)
    if kind is PhaseKind.REST:
        return Cue(_rest_text(phase, entry, verbosity), Priority.TRANSITION)
    if kind.is_floor_move:
        return Cue(_floor_move_text(phase, verbosity), Priority.TRANSITION)
    if kind is PhaseKind.HOLD:
        if verbosity is Verbosity.MINIMAL:
            return Cue("Hold.", Priority.TRANSITION)
        return Cue(f"Hold for {phase.target} seconds.", Priority.TRANSITION)
    if kind is PhaseKind.CARDIO:
        if verbosity is Verbosity.MINIMAL:
            return Cue("Start.", Priority.TRANSITION)
        return Cue(f"Start. {minutes(phase.target)} at an easy, steady pace.", Priority.TRANSITION)
    return None  # REPS: the first beat speaks; SWITCH_SIDES: SideSwitched speaks


def _rest_text(phase: Phase, entry: Entry, verbosity: Verbosity) -> str:
    if verbosity is Verbosity.MINIMAL:
        return "Rest."
    if phase.set_number:
        text = f"Rest. Set {phase.set_number} of {phase.set_count} next."
        if verbosity is Verbosity.COACH and entry.exercise.cues.form:
            text += " " + entry.exercise.cues.form[0]
        return text
    return f"Rest. Next up: {entry.exercise.name}."


def _get_ready_text(phase: Phase, entry: Entry, verbosity: Verbosity) -> str:
    exercise = entry.exercise
    go = " Press Space when you are ready." if phase.wait_for_user else ""
    if verbosity is Verbosity.MINIMAL:
        return f"Get ready.{go}"
    parts = [exercise.cues.start, spoken_amount(entry) + "."]
    if phase.side is not None:
        first = "Only" if len(entry.sides) == 1 else "Start with"
        parts.append(f"{first} your {side_text(entry, phase.side).lower()}.")
    if verbosity is Verbosity.COACH:
        parts.extend(exercise.steps)
    return " ".join(parts) + go


def _floor_move_text(phase: Phase, verbosity: Verbosity) -> str:
    """The way down to the mat or up from it: said at its start, the steps on screen (core/floor_moves.py)."""
    move = floor_move(phase)
    return move.short if verbosity is Verbosity.MINIMAL else move.spoken


def _switch_text(entry: Entry, side: Side, verbosity: Verbosity) -> str:
    if verbosity is Verbosity.MINIMAL:
        return "Switch sides."
    return f"Switch to your {side_text(entry, side).lower()}. {spoken_amount(entry)}."


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


@dataclass(frozen=True)
class SpokenLeadIn:
    """``PlanOptions.speech_floor``: a get-ready, side switch or rest lasts long enough for what is said at its start
    (at coach verbosity, every step of the exercise) to end before its "3, 2, 1", which would otherwise be dropped.

    A value, not a closure, so equal settings give equal PlanOptions.
    """

    verbosity: Verbosity = Verbosity.STANDARD
    words_per_minute: float = SPEECH_RATE

    def __call__(self, phase: Phase, entry: Entry) -> float:
        if phase.kind is PhaseKind.GET_READY:
            text = _get_ready_text(phase, entry, self.verbosity)
        elif phase.kind is PhaseKind.SWITCH_SIDES and phase.side is not None:
            text = _switch_text(entry, phase.side, self.verbosity)
        elif phase.kind is PhaseKind.REST:
            text = _rest_text(phase, entry, self.verbosity)
        elif phase.kind.is_floor_move:
            text = _floor_move_text(phase, self.verbosity)
        else:
            return 0.0
        return spoken_seconds(text, self.words_per_minute) + COUNTDOWN_FROM  # the plan rounds it up


def _second_cue(phase: Phase, remaining: int, verbosity: Verbosity) -> Cue | None:
    if phase.kind is PhaseKind.REPS:
        return None  # the beats speak
    if 0 < remaining <= COUNTDOWN_FROM:
        return Cue(str(remaining), Priority.COUNTDOWN)
    if phase.kind is PhaseKind.CARDIO and remaining % 60 == 0:
        return Cue(f"{minutes(remaining)} left.", Priority.REMINDER)
    if phase.kind is PhaseKind.HOLD and verbosity is not Verbosity.MINIMAL and remaining * 2 == phase.target:
        return Cue("Halfway. Keep breathing.", Priority.REMINDER)
    return None


def _beat_cue(phase: Phase, beat: Beat, plan: Plan, verbosity: Verbosity) -> Cue | None:
    rep = beat.rep
    if beat.kind is BeatKind.UP:
        # the first lift follows "3, 2, 1": a "1" there would sound like the countdown going on
        return Cue("Go." if rep == 1 else str(rep), Priority.BEAT)
    if beat.kind is BeatKind.HOLDING:
        counts = beat.remaining <= COUNTDOWN_FROM and _hold_seconds(phase) >= COUNTDOWN_FROM
        return Cue(str(beat.remaining), Priority.BEAT) if counts else None
    if verbosity is Verbosity.MINIMAL:
        return None
    if beat.kind is BeatKind.HOLD:
        form = plan.routine.entries[phase.entry_index].exercise.cues.form
        if verbosity is Verbosity.COACH and rep == 2 and form:
            return Cue(f"Hold. {form[-1]}", Priority.BEAT)
        return Cue("Hold.", Priority.BEAT)
    return Cue("Down.", Priority.BEAT)


def _hold_seconds(phase: Phase) -> int:
    """The hold at the top of each rep of a REPS phase (all reps hold alike)."""
    return next((beat.remaining for beat in phase.beats if beat.kind is BeatKind.HOLD), 0)
