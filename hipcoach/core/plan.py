"""Expanding a routine into a flat list of timed phases.

The plan is computed once, before the session starts, and never changes while it runs: the engine only walks it.
Keeping all durations here makes the estimate shown in the chooser and the time the session really takes the same
number by construction (a test checks it for every built-in routine).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from hipcoach.core.model import Entry, Kind, Position, Routine, Side


class PhaseKind(enum.StrEnum):
    GET_READY = "get-ready"
    REPS = "reps"  # paced reps or steps, one set on one side
    HOLD = "hold"  # one timed hold (a stretch), one set on one side
    CARDIO = "cardio"  # one long timed block
    SWITCH_SIDES = "switch-sides"
    REST = "rest"
    GET_DOWN = "get-down"  # guided down to the mat, before the get-ready of the first exercise on the floor
    GET_UP = "get-up"  # guided up from the mat, right after the work of the last exercise on the floor

    @property
    def is_work(self) -> bool:
        return self in (PhaseKind.REPS, PhaseKind.HOLD, PhaseKind.CARDIO)

    @property
    def is_floor_move(self) -> bool:
        """Getting down to the mat or up again: timed and guided like any phase, but no part of an exercise, so
        it is never counted, recorded or ended as one (the engine keeps it out of every result)."""
        return self in (PhaseKind.GET_DOWN, PhaseKind.GET_UP)


class Longer(enum.StrEnum):
    """Why a get-ready (or a side switch or rest) lasts longer than its setting, so the screen can say so."""

    POSITION = "position"  # a new position on the same level, or into the exercise's one after getting down
    SPEECH = "speech"  # what is said at its start needs the time before the countdown


class BeatKind(enum.StrEnum):
    UP = "up"
    HOLD = "hold"
    HOLDING = "holding"  # each further whole second of the hold, so the hold counts down like a stretch
    DOWN = "down"


@dataclass(frozen=True)
class Beat:
    """A moment inside a REPS phase: the start of the lift, the hold at the top (and each second of it), or the
    lowering of rep ``rep``."""

    offset: float  # seconds from the start of the phase
    kind: BeatKind
    rep: int  # 1-based
    remaining: int = 0  # HOLD and HOLDING: whole seconds of the hold still to go, this one included


@dataclass(frozen=True)
class Phase:
    kind: PhaseKind
    duration: float  # seconds
    entry_index: int  # which routine entry this phase belongs to
    side: Side | None = None
    set_number: int = 0  # 1-based for work phases and the rests between sets, 0 otherwise
    set_count: int = 0
    target: int = 0  # reps or steps for REPS, seconds for HOLD and CARDIO
    rep_seconds: float = 0.0  # length of one rep (REPS only); rep n is counted at n * rep_seconds
    beats: tuple[Beat, ...] = ()
    wait_for_user: bool = False  # "wait for me": the get-ready starts only when the user says so
    longer_for: tuple[Longer, ...] = ()  # why it is longer than the setting (get-ready: position, floor, speech)


SpeechFloor = Callable[[Phase, Entry, Routine], float]
"""The least seconds a get-ready or side switch must last for the cue said at its start to end before its countdown
(``hipcoach.core.cues.SpokenLeadIn``); the plan cannot build cue texts itself, since the cues are made from the plan.
It is given the routine too: whether it rests between sets decides where an exercise's reminder is said."""


@dataclass(frozen=True)
class PlanOptions:
    """The user's timing settings. Defaults are ours (the article gives none) and documented in docs/timing.md."""

    get_ready_seconds: int = 5
    position_change_seconds: int = 10  # extra time to move between positions on the same level
    floor_move_seconds: int = 30  # the guided phase down to the mat, or up from it (at least)
    switch_sides_seconds: int = 5
    roll_over_seconds: int = 10  # switching sides when lying on the side or on all fours takes longer
    wait_for_me: bool = False
    # When set, a get-ready, side switch or rest lasts at least this many (whole) seconds, so the countdown is
    # never lost under a long spoken cue. The chooser's estimate and the session use the same options, so they
    # stay equal.
    speech_floor: SpeechFloor | None = None


@dataclass(frozen=True)
class Plan:
    routine: Routine
    phases: tuple[Phase, ...]

    @property
    def total_seconds(self) -> float:
        return math.fsum(phase.duration for phase in self.phases)

    def entry(self, phase: Phase) -> Entry:
        return self.routine.entries[phase.entry_index]

    def first_phase(self, entry_index: int) -> int:
        """Index of the first phase of an entry's block (its rest, if any, or its get-ready)."""
        for index, phase in enumerate(self.phases):
            if phase.entry_index == entry_index:
                return index
        raise IndexError(entry_index)

    def get_ready_phase(self, entry_index: int) -> int:
        """Where "next" and "back" land: the get-ready of an entry, skipping the rest in front of it."""
        for index in range(self.first_phase(entry_index), len(self.phases)):
            if self.phases[index].kind is PhaseKind.GET_READY:
                return index
        raise IndexError(entry_index)

    def is_last_of_entry(self, index: int) -> bool:
        """Whether leaving phase ``index`` ends its exercise: the last phase of its entry's block, not counting the
        trip up from the mat that follows the work (the exercise is over before it). A floor move ends nothing."""
        if self.phases[index].kind.is_floor_move:
            return False
        if index + 1 >= len(self.phases):
            return True
        following = self.phases[index + 1]
        return following.entry_index != self.phases[index].entry_index or following.kind is PhaseKind.GET_UP

    def start_phase(self, entry_index: int) -> int:
        """Where a session started (or resumed) at an entry begins: the way down to the mat in front of it, if it
        has one (someone back at the computer is standing), else its get-ready."""
        get_ready = self.get_ready_phase(entry_index)
        if get_ready > 0 and self.phases[get_ready - 1].kind is PhaseKind.GET_DOWN:
            return get_ready - 1
        return get_ready

    def after_exercise(self, entry_index: int) -> int | None:
        """Where "next" goes once an exercise is ended early: up from the mat first if the work was the last on the
        floor, else the next exercise's start, or None at the end of the routine."""
        last = max(index for index, phase in enumerate(self.phases) if phase.entry_index == entry_index)
        if self.phases[last].kind is PhaseKind.GET_UP:
            return last
        if entry_index + 1 < len(self.routine.entries):
            return self.start_phase(entry_index + 1)
        return None

    def way_up(self, index: int) -> int | None:
        """The way up from the mat for someone at phase ``index``, when they are down there (from the way down
        to the work of the last exercise on the floor): the session guides them up before it ends. None when they
        are standing, or already on the way up."""
        for later in range(index + 1, len(self.phases)):
            kind = self.phases[later].kind
            if kind is PhaseKind.GET_UP:
                return later
            if kind is PhaseKind.GET_DOWN:
                return None
        return None

    def seconds_before(self, index: int) -> float:
        return math.fsum(phase.duration for phase in self.phases[:index])

    def next_work(self, index: int) -> Phase | None:
        """The next work phase after ``index``, for the "next up" line."""
        for phase in self.phases[index + 1 :]:
            if phase.kind.is_work:
                return phase
        return None


def estimate_seconds(routine: Routine, options: PlanOptions | None = None) -> float:
    return build_plan(routine, options).total_seconds


def build_plan(routine: Routine, options: PlanOptions | None = None) -> Plan:
    opts = options or PlanOptions()
    phases: list[Phase] = []
    entries = routine.entries
    before = Position.STANDING  # a session starts standing, and ends so
    for index, entry in enumerate(entries):
        if index > 0 and routine.rest_between_exercises > 0:
            rest = Phase(PhaseKind.REST, float(routine.rest_between_exercises), index)
            phases.append(_long_enough_to_say(rest, entry, routine, opts))
        position = entry.exercise.position
        if position.on_floor and not before.on_floor:
            phases.append(_long_enough_to_say(_floor_move(PhaseKind.GET_DOWN, index, opts), entry, routine, opts))
            before = Position.KNEELING  # where the way down ends
        move = _transition(before, position)
        get_ready = Phase(
            PhaseKind.GET_READY,
            float(opts.get_ready_seconds + _transition_seconds(move, opts)),
            index,
            side=entry.sides[0],
            wait_for_user=opts.wait_for_me,
            longer_for=(move,) if move is not None and _transition_seconds(move, opts) > 0 else (),
        )
        phases.append(_long_enough_to_say(get_ready, entry, routine, opts))
        phases.extend(_work_phases(index, entry, routine, opts))
        following = entries[index + 1].exercise.position if index + 1 < len(entries) else Position.STANDING
        before = position
        if position.on_floor and not following.on_floor:
            phases.append(_long_enough_to_say(_floor_move(PhaseKind.GET_UP, index, opts), entry, routine, opts))
            before = Position.STANDING
    return Plan(routine=routine, phases=tuple(phases))


def _floor_move(kind: PhaseKind, index: int, opts: PlanOptions) -> Phase:
    """The guided way down to the mat or up from it, in the block of the floor exercise it leads into or follows."""
    return Phase(kind, float(opts.floor_move_seconds), index)


def _long_enough_to_say(phase: Phase, entry: Entry, routine: Routine, opts: PlanOptions) -> Phase:
    if opts.speech_floor is None:
        return phase
    floor = float(math.ceil(opts.speech_floor(phase, entry, routine)))
    if floor <= phase.duration:
        return phase
    return replace(phase, duration=floor, longer_for=(*phase.longer_for, Longer.SPEECH))


def _transition(before: Position, position: Position) -> Longer | None:
    """A change of position on one level; the trips to and from the floor have phases of their own."""
    return None if before is position else Longer.POSITION


def _transition_seconds(move: Longer | None, opts: PlanOptions) -> int:
    return 0 if move is None else opts.position_change_seconds


def _work_phases(index: int, entry: Entry, routine: Routine, opts: PlanOptions) -> list[Phase]:
    """One set on each side, then the next set: alternating keeps both hips warm and the rest between sets fair."""
    phases: list[Phase] = []
    sets = entry.dose.sets.value
    sides = entry.sides
    for set_number in range(1, sets + 1):
        for side_number, side in enumerate(sides):
            if side_number > 0:
                switch = Phase(
                    PhaseKind.SWITCH_SIDES,
                    float(_switch_seconds(entry, opts)),
                    index,
                    side=side,
                    set_number=set_number,
                    set_count=sets,
                )
                phases.append(_long_enough_to_say(switch, entry, routine, opts))
            phases.append(_work_phase(index, entry, side, set_number, sets))
        if set_number < sets and routine.rest_between_sets > 0:
            rest = Phase(
                PhaseKind.REST,
                float(routine.rest_between_sets),
                index,
                side=sides[0],
                set_number=set_number + 1,
                set_count=sets,
            )
            phases.append(_long_enough_to_say(rest, entry, routine, opts))
    return phases


def _switch_seconds(entry: Entry, opts: PlanOptions) -> int:
    if entry.exercise.position in (Position.SIDE, Position.ALL_FOURS, Position.KNEELING):
        return opts.roll_over_seconds
    return opts.switch_sides_seconds


def _work_phase(index: int, entry: Entry, side: Side | None, set_number: int, sets: int) -> Phase:
    dose = entry.dose
    kind = entry.exercise.kind
    amount = dose.amount(kind)
    assert amount is not None  # the loader requires each kind's amount
    target = amount.target
    if not kind.paced:
        timed = PhaseKind.CARDIO if kind is Kind.CARDIO else PhaseKind.HOLD
        return Phase(timed, float(target), index, side, set_number, sets, target=target)
    count = target
    top_hold = dose.top_hold(kind)
    hold = float(top_hold.value) if top_hold is not None else 0.0
    up, down = dose.tempo.up, dose.tempo.down
    rep_seconds = up + hold + down
    beats: list[Beat] = []
    for rep in range(1, count + 1):
        start = (rep - 1) * rep_seconds
        beats.append(Beat(start, BeatKind.UP, rep))
        if hold > 0:
            seconds = int(hold)
            beats.append(Beat(start + up, BeatKind.HOLD, rep, remaining=seconds))
            beats += [Beat(start + up + k, BeatKind.HOLDING, rep, remaining=seconds - k) for k in range(1, seconds)]
        beats.append(Beat(start + up + hold, BeatKind.DOWN, rep))
    return Phase(
        PhaseKind.REPS,
        count * rep_seconds,
        index,
        side,
        set_number,
        sets,
        target=count,
        rep_seconds=rep_seconds,
        beats=tuple(beats),
    )
