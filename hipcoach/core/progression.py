"""The pain-guided progression: from the past sessions and the user's choices, the dose reached and the next step.

Rules a user can read (docs/progression.md): each past session gives each exercise a traffic light from the pain
ratings, the sharp-pain mark and the "How did that feel?" answer; two green sessions in a row at the same dose, with
everything done, step it up, a red one steps it down, anything else keeps it. Nothing is stored: the dose reached is
read back from the plans the past sessions ran and the choices the user made, so the same history always gives the
same proposal, and a declined proposal is simply a session that ran the old dose.

Deterministic and Qt-free: no clock is read (the caller passes ``today``), no file is touched.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Final

from hipcoach.core.dose_plan import (
    Change,
    Direction,
    DoseChoice,
    DoseNumbers,
    Feeling,
    PastEntry,
    PastSession,
    PlannedEntry,
    Proposal,
    apply_plan,
    planned_entries,
)
from hipcoach.core.dose_steps import describe, fits, step_down, step_up
from hipcoach.core.model import Entry, Equipment, Exercise, Level, Routine, Side, Unit
from hipcoach.core.results import Status
from hipcoach.core.safety.adapt import broken_by

GREEN_PAIN: Final = 3  # pain after a session at or below this is green…
GREEN_RISE: Final = 2  # …and so is pain no more than this many points above the pain before it
RED_PAIN: Final = 5  # pain after a session above this is red (4-5 is amber)
AWAY_DAYS: Final = 21  # three weeks or more without an exercise: one step back, and its earlier run no longer counts
CARDIO_DAYS: Final = 7  # a machine's minutes go up at most once a week
SORER_BY: Final = 2  # today's pain before is "clearly higher" at this many points above the usual…
SORER_AT_LEAST: Final = 3  # …and at least this (0 → 2 is not a sore day)
USUAL_OF: Final = 5  # "usual" is the median of the last five ratings before a session…
USUAL_NEEDS: Final = 3  # …and needs at least three of them


class Light(enum.Enum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True)
class _Reading:
    """One past session's light for one exercise, and what the reason line says of it."""

    light: Light
    why: str
    pain_after: int | None
    too_easy: bool
    day: date


@dataclass(frozen=True)
class _Event:
    """A moment the dose of an exercise was set: a session ran it (``reading`` is then its light, None when it
    says nothing about the dose: not reached) or the user chose it (``reading`` None, ``chosen`` True)."""

    at: datetime
    plan: PlannedEntry
    reading: _Reading | None
    chosen: bool = False


@dataclass(frozen=True)
class _Place:
    """An entry in its routine, with the exercises its versions come from: what every rule needs to hand."""

    routine: Routine
    entry: Entry
    index: int
    exercises: Mapping[str, Exercise]


_Key = tuple[str, Side | None]  # the routine's exercise and the one side a routine trains, if any


def propose(
    routine: Routine,
    exercises: Mapping[str, Exercise],
    past: Sequence[PastSession],
    choices: Sequence[DoseChoice],
    *,
    adapt: bool = True,
    today: date | None = None,
) -> Proposal:
    """The dose ``routine`` has reached and what the next session should change, one ``Change`` per changed entry.

    ``exercises``: the 18 and their versions (``with_variants``); ``past`` oldest first, trial sessions included
    (they never count); ``today`` lets the rule for weeks away apply (None: it does not). With ``adapt`` False
    nothing changes and the dose reached stays."""
    timelines = _timelines(routine.id, past, choices)
    current: list[PlannedEntry] = []
    proposed: list[PlannedEntry] = []
    changes: list[Change] = []
    for index, entry in enumerate(routine.entries):
        now = _current(routine, entry, exercises, timelines.get(_key_of(entry), ()))
        current.append(now)
        change = None
        if adapt and not entry.pinned:
            place = _Place(routine, entry, index, exercises)
            change = _next(place, now, timelines.get(_key_of(entry), ()), today)
        proposed.append(change.after if change is not None else now)
        if change is not None:
            changes.append(change)
    return Proposal(
        current=apply_plan(routine, current, exercises),
        proposed=apply_plan(routine, proposed, exercises),
        changes=tuple(changes),
    )


def last_changes(
    routine: Routine, exercises: Mapping[str, Exercise], past: Sequence[PastSession], choices: Sequence[DoseChoice]
) -> tuple[Change, ...]:
    """The changes the most recent session of each of ``routine``'s exercises brought in, for "Undo": ``before`` is
    the plan to go back to (the window records ``DoseChoice(kind=SET, plan=change.before)``). A change the user has
    already answered with a choice is not offered again."""
    timelines = _timelines(routine.id, past, choices)
    changes: list[Change] = []
    for index, entry in enumerate(routine.entries):
        events = timelines.get(_key_of(entry), ())
        if entry.pinned or len(events) < 2 or events[-1].chosen:
            continue
        before, after = _with_sides(events[-2].plan, entry), _with_sides(events[-1].plan, entry)
        if _same_dose(before, after) or not _known(before, exercises) or not _known(after, exercises):
            continue
        direction = _direction(before, after, exercises)
        text = f"{_summary(before, after, exercises, entry)} — changed at your last session"
        changes.append(Change(index, before, after, direction, text))
    return tuple(changes)


def clearly_sorer(pain_before_today: int, past: Sequence[PastSession]) -> bool:
    """Today's pain before the session is clearly higher than usual: at least ``SORER_BY`` points above the median
    of the last ``USUAL_OF`` ratings before a session (trial runs left out; at least ``USUAL_NEEDS`` of them), and
    at least ``SORER_AT_LEAST``. The median, so that one bad day in the last five does not move "usual"."""
    import statistics  # noqa: PLC0415 - with fractions and decimal: not for the idle window (docs/startup.md)

    ratings = [s.pain_before for s in past if not s.trial and s.pain_before is not None][-USUAL_OF:]
    if len(ratings) < USUAL_NEEDS:
        return False
    return pain_before_today >= SORER_AT_LEAST and pain_before_today >= statistics.median(ratings) + SORER_BY


# --- reading the history -------------------------------------------------------------------------------------------


def _key_of(entry: Entry) -> _Key:
    return entry.routine_exercise_id, entry.only_side


def _timelines(
    routine_id: str, past: Sequence[PastSession], choices: Sequence[DoseChoice]
) -> dict[_Key, tuple[_Event, ...]]:
    """Every moment each exercise's dose was set in routine ``routine_id``, oldest first: the dose is the routine's
    (docs/progression.md, "Per routine"). Trial runs and sore-day sessions are left out (they do not move the dose),
    and so are entries without a plan (recorded before plans were kept) or pinned. Every session still counts for
    "the pain at the start of the next session", whichever routine it ran."""
    counted = [s for s in past if not s.trial]
    events: dict[_Key, list[_Event]] = {}
    for position, session in enumerate(counted):
        if session.sore_day or session.routine_id != routine_id:
            continue
        following = next((s.pain_before for s in counted[position + 1 :] if s.pain_before is not None), None)
        for past_entry in session.entries:
            plan = past_entry.plan
            if plan is None or plan.pinned:
                continue
            reading = _read(session, past_entry, following)
            events.setdefault((plan.exercise_id, plan.only_side), []).append(_Event(session.started_at, plan, reading))
    for choice in choices:
        if choice.routine_id is not None and choice.routine_id != routine_id:
            continue
        key = (choice.exercise_id, choice.plan.only_side)
        events.setdefault(key, []).append(_Event(choice.made_at, choice.plan, None, chosen=True))
    # A stable sort by time: a choice made at the moment a session started comes after it (it was made on its plan).
    return {key: tuple(sorted(found, key=lambda e: (e.at, e.chosen))) for key, found in events.items()}


def _read(session: PastSession, entry: PastEntry, next_pain_before: int | None) -> _Reading | None:
    """The traffic light of one exercise in one session (docs/progression.md, "The traffic light")."""
    if entry.status is Status.NOT_REACHED:
        return None
    day = session.started_at.date()
    after, before = session.pain_after, session.pain_before
    too_easy = entry.feeling is Feeling.TOO_EASY

    def reading(light: Light, why: str) -> _Reading:
        return _Reading(light, why, after, too_easy, day)

    if entry.sharp_pain:
        return reading(Light.RED, "you stopped it for sharp pain last time")
    if entry.feeling is Feeling.TOO_HARD:
        return reading(Light.RED, "you said it was too hard last time")
    if after is not None and after > RED_PAIN:
        return reading(Light.RED, f"pain after your last session was {after}")
    if entry.status is not Status.COMPLETED:
        return reading(Light.AMBER, "not all of it was done")
    if after is None:
        return reading(Light.AMBER, "no pain rating after the session")
    if not (after <= GREEN_PAIN or (before is not None and after <= before + GREEN_RISE)):
        return reading(Light.AMBER, f"pain after was {after}")
    if before is not None and next_pain_before is not None and next_pain_before > before:
        return reading(Light.AMBER, "pain was higher at the start of the next session")
    return reading(Light.GREEN, "")


def _current(
    routine: Routine, entry: Entry, exercises: Mapping[str, Exercise], events: Sequence[_Event]
) -> PlannedEntry:
    """The plan this entry runs now: the latest the history set, with the routine's sides; the routine's own when
    there is none, the entry is pinned, or the version reached is one this routine cannot run (its precautions, its
    equipment, or an exercise this hipcoach does not know)."""
    own = planned_entries(replace(routine, entries=(entry,)))[0]
    if entry.pinned or not events:
        return own
    latest = _with_sides(events[-1].plan, entry)
    if not _known(latest, exercises) or _level(latest, exercises) is None:
        return own
    done = exercises[latest.done_id]
    if latest.variant_id is not None and not may_run(done, routine):
        return own
    return latest if fits(done, latest.dose) else own


def _with_sides(plan: PlannedEntry, entry: Entry) -> PlannedEntry:
    return replace(
        plan,
        exercise_id=entry.routine_exercise_id,
        first_side=entry.first_side,
        only_side=entry.only_side,
        pinned=entry.pinned,
    )


def _run(events: Sequence[_Event], now: PlannedEntry) -> list[_Event]:
    """The sessions that ran ``now``'s dose since it was set, newest first: a choice, another dose or three weeks
    between two sessions ends the run."""
    run: list[_Event] = []
    for event in reversed(events):
        if event.chosen or not _same_dose(event.plan, now):
            break
        if event.reading is None:
            continue
        if run and run[-1].reading is not None and (run[-1].reading.day - event.reading.day).days >= AWAY_DAYS:
            break
        run.append(event)
    return run


# --- deciding ------------------------------------------------------------------------------------------------------


def _next(place: _Place, now: PlannedEntry, events: Sequence[_Event], today: date | None) -> Change | None:
    """The one step the history asks for, or None to keep the dose."""
    sessions = [e.reading for e in events if e.reading is not None]
    answered = bool(events) and events[-1].chosen  # a choice made since: the user has set the dose themselves
    if today is not None and sessions and not answered and (today - sessions[-1].day).days >= AWAY_DAYS:
        weeks = (today - sessions[-1].day).days // 7
        return _down(place, now, f"first time in {weeks} weeks, so one step back")
    readings = [e.reading for e in _run(events, now) if e.reading is not None]
    if not readings:
        return None
    newest = readings[0]
    if newest.light is Light.RED:
        return _down(place, now, newest.why)
    if newest.light is not Light.GREEN:
        return None
    done = place.exercises[now.done_id]
    if newest.too_easy:
        why = f"you said it was too easy and pain stayed at {_pain(readings[:1])} or below"
        greens = readings[:1]
    elif len(readings) >= 2 and readings[1].light is Light.GREEN:
        greens = readings[:2]
        why = f"your last two sessions were complete and pain stayed at {_pain(greens)} or below"
    else:
        return None
    if done.kind.unit is Unit.MINUTES:  # a machine: a minute more a week at most
        since = today if today is not None else newest.day
        if (since - readings[-1].day).days < CARDIO_DAYS:
            return None
        why = f"a week of sessions at {now.dose.minutes} minutes with pain at {_pain(readings)} or below"
    return _up(place, now, why)


def _pain(readings: Sequence[_Reading]) -> int:
    return max(r.pain_after for r in readings if r.pain_after is not None)


def _up(place: _Place, now: PlannedEntry, why: str) -> Change | None:
    step = step_up(place.exercises[now.done_id], now.dose)
    if step is not None:
        return _change(place, now, replace(now, dose=step.dose), Direction.UP, why)
    level = _level(now, place.exercises)
    target = {Level.EASIER: Level.BASE, Level.BASE: Level.HARDER}.get(level) if level is not None else None
    return _switch(place, now, target, Direction.HARDER, f"top of the range, {why}")


def _down(place: _Place, now: PlannedEntry, why: str) -> Change | None:
    step = step_down(place.exercises[now.done_id], now.dose)
    if step is not None:
        return _change(place, now, replace(now, dose=step.dose), Direction.DOWN, why)
    level = _level(now, place.exercises)
    target = {Level.HARDER: Level.BASE, Level.BASE: Level.EASIER}.get(level) if level is not None else None
    return _switch(place, now, target, Direction.EASIER, why)


def _switch(place: _Place, now: PlannedEntry, level: Level | None, direction: Direction, why: str) -> Change | None:
    """To another version, at its own starting dose (the routine's own dose for the routine's exercise); None when
    there is none this routine may run."""
    base = place.exercises.get(now.exercise_id)
    if level is None or base is None:
        return None
    if level is Level.BASE:
        own = planned_entries(replace(place.routine, entries=(place.entry,)))[0]
        after = own if own.variant_id is None else replace(own, variant_id=None, dose=DoseNumbers.of(base.dose))
    else:
        link = base.harder if level is Level.HARDER else base.easier
        version = place.exercises.get(link.id) if link is not None else None
        if version is None or not may_run(version, place.routine) or _elsewhere(version, place):
            return None
        after = replace(now, variant_id=version.id, dose=DoseNumbers.of(version.dose))
    return _change(place, now, after, direction, why)


def _change(place: _Place, before: PlannedEntry, after: PlannedEntry, direction: Direction, why: str) -> Change:
    text = f"{_summary(before, after, place.exercises, place.entry)} — {why}"
    return Change(place.index, before, after, direction, text)


# --- small helpers -------------------------------------------------------------------------------------------------


# What a version may only use when the routine already does: not every home has a band or a machine. A chair, a mat
# or a towel every home has, so a version may ask for one (the easier quadriceps stretch's towel).
OWN_EQUIPMENT: Final = frozenset({Equipment.BAND, Equipment.BIKE, Equipment.ELLIPTICAL, Equipment.ROWER})


def may_run(version: Exercise, routine: Routine) -> bool:
    """A version ``routine`` may run: no precaution of the routine broken, no band or machine the routine lacks
    (the progression and the sore-day version both ask here)."""
    needs = set(version.equipment) & OWN_EQUIPMENT
    return not broken_by(version, routine.precautions) and needs <= set(routine.equipment)


def _elsewhere(version: Exercise, place: _Place) -> bool:
    """The routine already runs ``version`` as another entry (Strength (long) has the bridge and the single-leg
    bridge, its harder version): offering it would do the same exercise twice."""
    others = (entry for index, entry in enumerate(place.routine.entries) if index != place.index)
    return any(version.id in (entry.exercise.id, entry.routine_exercise_id) for entry in others)


def _known(plan: PlannedEntry, exercises: Mapping[str, Exercise]) -> bool:
    return plan.exercise_id in exercises and plan.done_id in exercises


def _level(plan: PlannedEntry, exercises: Mapping[str, Exercise]) -> Level | None:
    """Which version of the routine's exercise ``plan`` runs; None for an id that is no version of it."""
    if plan.variant_id is None:
        return Level.BASE
    base = exercises.get(plan.exercise_id)
    if base is None:
        return None
    if base.easier is not None and base.easier.id == plan.variant_id:
        return Level.EASIER
    if base.harder is not None and base.harder.id == plan.variant_id:
        return Level.HARDER
    return None


def _same_dose(one: PlannedEntry, other: PlannedEntry) -> bool:
    return one.variant_id == other.variant_id and one.dose == other.dose


_RANK: Final = {Level.EASIER: 0, Level.BASE: 1, Level.HARDER: 2}


def _direction(before: PlannedEntry, after: PlannedEntry, exercises: Mapping[str, Exercise]) -> Direction:
    old, new = _level(before, exercises), _level(after, exercises)
    if before.variant_id != after.variant_id and old is not None and new is not None:
        return Direction.HARDER if _RANK[new] > _RANK[old] else Direction.EASIER
    numbers = [(getattr(before.dose, n), getattr(after.dose, n)) for n in ("reps", "steps", "minutes", "hold_seconds")]
    numbers.append((before.dose.sets, after.dose.sets))
    changed = [(a, b) for a, b in numbers if a is not None and b is not None and a != b]
    return Direction.UP if changed and changed[0][1] > changed[0][0] else Direction.DOWN


def _summary(before: PlannedEntry, after: PlannedEntry, exercises: Mapping[str, Exercise], entry: Entry) -> str:
    """ "Bridge: 12 → 13 reps", "Bridge → Single-leg bridge"; "(right)" for a routine that trains one side."""
    name = exercises[before.done_id].name
    side = f" ({entry.only_side.value})" if entry.only_side is not None else ""
    if before.variant_id != after.variant_id:
        return f"{name}{side} → {exercises[after.done_id].name}"
    return f"{name}{side}: {describe(exercises[after.done_id], before.dose, after.dose)}"
