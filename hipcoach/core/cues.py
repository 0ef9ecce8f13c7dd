"""What to say, and how important it is, for each engine event.

The same text is the caption on screen and the spoken cue, so someone who mutes the app or cannot hear it well
gets exactly what the voice says. Texts are short enough to be heard once: the name, what to do, how many, which side.

Reps are paced by their beats, each half in the words of its exercise's movement ("Lift" / "Lower"; a squat's
"Down" / "Stand"; the banded walk's "Step" / "Together"): the first half of rep n says its word and n ("Lift 2.";
the first rep only "Lift.", right after "3, 2, 1"), the hold says "Hold.", the second half says its word. The short
hold at the top of a rep is not counted aloud, so the only numbers said while repeating are the rep counts: a hold's
"2, 1" after "Lift 2." was heard as the count going backwards. At minimal verbosity the first half says only the
number (the first "Go."), the rest is silent. The start of a rep set has no cue of its own (its first beat speaks at
the same moment); what the set is (how many, which side) was already said during the get-ready or the side switch.

Form and safety reminders are added to what is said in an exercise's quiet moments (hipcoach.core.reminders).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from hipcoach.core.events import (
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
from hipcoach.core.model import Entry, Movement, Position, Routine, Side
from hipcoach.core.plan import Beat, BeatKind, Phase, PhaseKind, Plan
from hipcoach.core.reminders import (
    CHARACTERS_PER_WORD,
    COUNTDOWN_FROM,
    GET_READY,
    SENTENCE_PAUSE_WORDS,
    SPEECH_MARGIN,
    Moment,
    Slot,
    beat_seconds,
    halfway_text,
    reminders_at,
    spoken_seconds,
)
from hipcoach.core.results import PauseReason
from hipcoach.core.verbosity import SPEECH_RATE, Verbosity
from hipcoach.core.wording import cardio_text, entry_side_phrase, hold_text, minutes, side_phrase, spoken_amount

__all__ = [
    "CHARACTERS_PER_WORD",
    "COUNTDOWN_FROM",
    "PAUSE_TEXT",
    "SENTENCE_PAUSE_WORDS",
    "SPEECH_MARGIN",
    "Cue",
    "Priority",
    "SpokenLeadIn",
    "cue_for",
    "spoken_seconds",
]


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
        return _phase_cue(event.phase, plan, verbosity, event.body)
    if isinstance(event, SecondElapsed):
        return _second_cue(plan.phases[event.index], event.remaining, plan, verbosity)
    if isinstance(event, BeatReached):
        return _beat_cue(plan.phases[event.index], event.beat, plan, verbosity)
    if isinstance(event, SideSwitched):
        phase = plan.phases[event.index]
        entry = plan.routine.entries[phase.entry_index]
        text = _switch_text(phase, entry, event.side, verbosity, _rests(plan.routine))
        return Cue(text, Priority.TRANSITION)
    if isinstance(event, Paused):
        return Cue(PAUSE_TEXT[event.reason], Priority.TRANSITION)
    if isinstance(event, Resumed):
        return Cue("Carry on.", Priority.TRANSITION)
    if isinstance(event, SessionEnded):
        if event.summary.completed:
            return Cue("Well done. That is the end of your session.", Priority.TRANSITION)
        return Cue("Session stopped.", Priority.TRANSITION)
    return None


def cues_for(events: Sequence[Event], plan: Plan, verbosity: Verbosity = Verbosity.STANDARD) -> list[Cue | None]:
    """The cue of each event of one batch (what one command or one tick of the clock produced), in order.

    "Carry on." is not said when the same batch goes on to say something else of its own: a stop, "next" or "back"
    from a pause leaves the pause too, and "Carry on." before "Session stopped." would tell the user the opposite
    of what happens (and be cut off by it after a syllable)."""
    cues = [cue_for(event, plan, verbosity) for event in events]
    for index, event in enumerate(events):
        later = cues[index + 1 :]
        if isinstance(event, Resumed) and any(cue is not None and cue.priority is Priority.TRANSITION for cue in later):
            cues[index] = None
    return cues


def _rests(routine: Routine) -> bool:
    return routine.rest_between_sets > 0


def _with(text: str, reminders: str) -> str:
    return f"{text} {reminders}" if reminders else text


def _phase_cue(phase: Phase, plan: Plan, verbosity: Verbosity, body: Position | None = None) -> Cue | None:
    entry = plan.routine.entries[phase.entry_index]
    kind = phase.kind
    rests = _rests(plan.routine)
    if kind is PhaseKind.GET_READY:
        return Cue(_get_ready_text(phase, entry, verbosity, rests), Priority.TRANSITION)
    if kind is PhaseKind.REST:
        return Cue(_rest_text(phase, entry, verbosity, rests), Priority.TRANSITION)
    if kind.is_floor_move:
        return Cue(_floor_move_text(phase, entry, verbosity, body), Priority.TRANSITION)
    if kind is PhaseKind.HOLD:
        if verbosity is Verbosity.MINIMAL:
            return Cue("Hold.", Priority.TRANSITION)
        said = reminders_at(entry, verbosity, rests, Slot(Moment.HOLD, phase.set_number, phase.side))
        return Cue(_with(hold_text(phase.target), said), Priority.TRANSITION)
    if kind is PhaseKind.CARDIO:
        if verbosity is Verbosity.MINIMAL:
            return Cue("Start.", Priority.TRANSITION)
        return Cue(f"Start. {cardio_text(phase.target)}.", Priority.TRANSITION)
    return None  # REPS: the first beat speaks; SWITCH_SIDES: SideSwitched speaks


def _rest_text(phase: Phase, entry: Entry, verbosity: Verbosity, rests: bool) -> str:
    if verbosity is Verbosity.MINIMAL:
        return "Rest."
    if phase.set_number:
        text = f"Rest. Set {phase.set_number} of {phase.set_count} next."
        if phase.side is not None:  # the next set starts on the first side again
            text += " " + side_phrase(entry.exercise, phase.side)
        return _with(text, reminders_at(entry, verbosity, rests, Slot(Moment.REST, phase.set_number)))
    return f"Rest. Next up: {entry.exercise.name}."


def _get_ready_text(phase: Phase, entry: Entry, verbosity: Verbosity, rests: bool) -> str:
    exercise = entry.exercise
    go = " Press Space when you are ready." if phase.wait_for_user else ""
    side = [entry_side_phrase(entry, phase.side)] if phase.side is not None else []
    if verbosity is Verbosity.MINIMAL:
        return " ".join(["Get ready.", *side]) + go
    # the coach reads every step, the first of which is the starting position: the start text would say it twice
    start = [] if verbosity is Verbosity.COACH else [exercise.cues.start]
    parts = [f"{exercise.name}.", *start, spoken_amount(entry) + ".", *side]
    reminders = reminders_at(entry, verbosity, rests, GET_READY)
    if verbosity is Verbosity.COACH:
        parts.extend(exercise.steps)
    if reminders:
        parts.append(reminders)
    return " ".join(parts) + go


def _floor_move_text(phase: Phase, entry: Entry, verbosity: Verbosity, body: Position | None = None) -> str:
    """The way down to the mat or up from it: said at its start, the steps on screen (core/floor_moves.py)."""
    move = floor_move(phase, entry, body)
    return move.short if verbosity is Verbosity.MINIMAL else move.spoken


def _switch_text(phase: Phase, entry: Entry, side: Side, verbosity: Verbosity, rests: bool) -> str:
    if verbosity is Verbosity.MINIMAL:
        return f"Switch sides. {side_phrase(entry.exercise, side)}"
    text = f"Switch sides. {side_phrase(entry.exercise, side)} {spoken_amount(entry)}."
    return _with(text, reminders_at(entry, verbosity, rests, Slot(Moment.SWITCH, phase.set_number, side)))


@dataclass(frozen=True)
class SpokenLeadIn:
    """``PlanOptions.speech_floor``: a get-ready, side switch or rest lasts long enough for what is said at its start
    (at coach verbosity, every step of the exercise) to end before its "3, 2, 1", which would otherwise be dropped.

    A value, not a closure, so equal settings give equal PlanOptions.
    """

    verbosity: Verbosity = Verbosity.STANDARD
    words_per_minute: float = SPEECH_RATE

    def __call__(self, phase: Phase, entry: Entry, routine: Routine) -> float:
        rests = _rests(routine)
        if phase.kind is PhaseKind.GET_READY:
            text = _get_ready_text(phase, entry, self.verbosity, rests)
        elif phase.kind is PhaseKind.SWITCH_SIDES and phase.side is not None:
            text = _switch_text(phase, entry, phase.side, self.verbosity, rests)
        elif phase.kind is PhaseKind.REST:
            text = _rest_text(phase, entry, self.verbosity, rests)
        elif phase.kind.is_floor_move:
            text = _floor_move_text(phase, entry, self.verbosity)
        else:
            return 0.0
        return spoken_seconds(text, self.words_per_minute) + COUNTDOWN_FROM  # the plan rounds it up


def _second_cue(phase: Phase, remaining: int, plan: Plan, verbosity: Verbosity) -> Cue | None:
    if phase.kind is PhaseKind.REPS:
        return None  # the beats speak
    if 0 < remaining <= COUNTDOWN_FROM:
        return Cue(str(remaining), Priority.COUNTDOWN)
    entry = plan.routine.entries[phase.entry_index]
    rests = _rests(plan.routine)
    if phase.kind is PhaseKind.CARDIO and remaining % 60 == 0:
        said = reminders_at(entry, verbosity, rests, Slot(Moment.MINUTE, phase.set_number, minutes=remaining // 60))
        return Cue(_with(f"{minutes(remaining)} left.", said), Priority.REMINDER)
    if phase.kind is PhaseKind.HOLD and verbosity is not Verbosity.MINIMAL and remaining * 2 == phase.target:
        said = reminders_at(entry, verbosity, rests, Slot(Moment.HALFWAY, phase.set_number, phase.side))
        return Cue(halfway_text(said), Priority.REMINDER)
    return None


def _beat_cue(phase: Phase, beat: Beat, plan: Plan, verbosity: Verbosity) -> Cue | None:
    movement = plan.routine.entries[phase.entry_index].exercise.movement
    for said, text in _said_beats(phase, beat.rep, movement, verbosity):
        if said.kind is beat.kind:
            return Cue(text, Priority.BEAT)
    return None


def _said_beats(phase: Phase, rep: int, movement: Movement, verbosity: Verbosity) -> list[tuple[Beat, str]]:
    """The beats of rep ``rep`` that speak, with their words.

    One voice plays at a time and a new cue cuts the one playing, so a beat speaks only when, as estimated at the
    default speed (``beat_seconds``), the words said before it in the rep have ended and its own end before the
    next rep begins. The count (the first half) always speaks; at a brisk tempo the words after it give way: leg
    swings at one second a beat say "Forward 2." over the whole swing, where "Back." used to cut it."""
    beats = [beat for beat in phase.beats if beat.rep == rep]
    following = [beat.offset for beat in phase.beats if beat.rep == rep + 1]
    rep_ends = following[0] if following else phase.duration
    said: list[tuple[Beat, str]] = []
    for beat in beats:
        text = _beat_text(beat, movement, verbosity)
        if text is None:
            continue
        if beat.kind is not BeatKind.UP:
            if said and said[-1][0].offset + beat_seconds(said[-1][1]) > beat.offset:
                continue
            if beat.offset + beat_seconds(text) > rep_ends:
                continue
        said.append((beat, text))
    return said


def _beat_text(beat: Beat, movement: Movement, verbosity: Verbosity) -> str | None:
    rep = beat.rep
    if beat.kind is BeatKind.UP:
        if verbosity is Verbosity.MINIMAL:
            # the first lift follows "3, 2, 1": a "1" there would sound like the countdown going on
            return "Go." if rep == 1 else f"{rep}."
        return f"{movement.move_word}." if rep == 1 else f"{movement.move_word} {rep}."
    if verbosity is Verbosity.MINIMAL or beat.kind is BeatKind.HOLDING:
        return None  # the hold of a rep is not counted aloud: the only numbers said while repeating are reps
    if beat.kind is BeatKind.HOLD:
        return "Hold."
    return f"{movement.return_word}."
