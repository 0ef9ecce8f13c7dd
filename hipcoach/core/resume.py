"""Resuming a session that a crash, a kill or a power cut interrupted (Qt-free).

The history already holds what is needed: such a session is still marked ``running``, and every exercise finished
before the interruption was committed as it ended. So the session can go on from the exercise that was in
progress, the first entry of its routine with no recorded result. Entries recorded as skipped or partial are not
done again: the user ended them on purpose ("Next", "Sharp pain"); only the exercise without a result was cut off.

A session done under hip precautions (docs/safety.md) is resumed with the routine adapted to the precautions its
row recorded, not to today's answers: the same plan, even if the answers changed or the precautions ended since,
so the recorded exercises still match their entries.

A session whose row keeps its plan (schema version 6: an adapted dose, an easier or harder version, a sore-day
session) is resumed running that plan (``dose_plan.apply_plan`` over the catalogue and its versions), so the rest of
it is the session that was started. A plan naming an exercise this version does not know (written by a newer
hipcoach) leaves the routine as written, and the offer says so (``ResumePoint.notice``).

Only the newest session is offered, and only for :data:`MAX_AGE`: after a newer session, or the next day, "carry
on where you left off" no longer means anything. Sessions that are not offered, or that the user declines, are
closed as ``stopped`` (:func:`close_interrupted`) with the time they had really lasted up to their last record.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Final

from hipcoach.core.content import ContentError, with_variants
from hipcoach.core.dose_plan import apply_plan, planned_entries
from hipcoach.core.history import ExerciseRow, HistoryStore, SessionRow, unit_for
from hipcoach.core.model import Exercise, Routine, Side
from hipcoach.core.plan import Plan, build_plan
from hipcoach.core.results import ExerciseResult, SideResult, Status
from hipcoach.core.safety.adapt import adapt_routine
from hipcoach.core.safety.precautions import Precaution

MAX_AGE: Final = timedelta(hours=12)
PROGRESS_EVERY: Final = 15.0
"""Seconds of a running session between two notes of how long it has lasted (``HistoryStore.note_progress``): at
most this much of a session killed mid-exercise is missing from its time."""

Loader = Callable[[Path], Routine]
"""Reads a routine file (``content.load_routine`` with the catalogue); raises ContentError or OSError."""


@dataclass(frozen=True)
class ResumePoint:
    """Where an interrupted session can go on: ``entry_index`` into ``routine.entries``; ``done`` holds the attempts
    already recorded, for the engine's end-of-session summary; ``earlier_seconds`` (real, active) what the session had
    lasted, which the summary adds to the time of the rest as the recorder adds it to the stored session."""

    session: SessionRow
    routine: Routine
    entry_index: int
    done: tuple[ExerciseResult, ...]
    earlier_seconds: tuple[float, float] = (0.0, 0.0)
    notice: str | None = None  # said with the offer: the stored plan could not be rebuilt

    @property
    def exercise_name(self) -> str:
        return self.routine.entries[self.entry_index].exercise.name


def resume_entry(exercises: Sequence[ExerciseRow], routine: Routine) -> int | None:
    """The first entry without a recorded result, or None when there is nothing to resume: every entry has a result,
    or the results do not fit the routine any more (its file was edited since)."""
    entries = routine.entries
    recorded: set[int] = set()
    for row in exercises:
        if row.entry_index >= len(entries) or entries[row.entry_index].exercise.id != row.exercise_id:
            return None
        recorded.add(row.entry_index)
    for index in range(len(entries)):
        if index not in recorded:
            return index
    return None


def results_from_rows(exercises: Sequence[ExerciseRow]) -> tuple[ExerciseResult, ...]:
    """The engine's attempts rebuilt from stored rows (one row per side), by entry and then attempt, so the last
    attempt of each entry comes last and stays its result. Not-reached rows are not attempts: none is made."""
    by_attempt: dict[tuple[int, int], list[ExerciseRow]] = {}
    for row in exercises:
        if row.status != Status.NOT_REACHED:
            by_attempt.setdefault((row.entry_index, row.attempt), []).append(row)
    results: list[ExerciseResult] = []
    for key in sorted(by_attempt):
        rows = by_attempt[key]
        sides = tuple(
            SideResult(
                side=row.side,
                target=row.target,
                actual=row.actual,
                sets_target=row.sets_target,
                sets_done=row.sets_done,
            )
            for row in rows
        )
        first = rows[0]
        results.append(ExerciseResult(first.entry_index, first.exercise_id, first.status, sides, first.sharp_pain))
    return tuple(results)


def find_resumable(
    store: HistoryStore,
    routines: Sequence[Routine],
    now: datetime,
    load: Loader | None = None,
    exercises: Mapping[str, Exercise] | None = None,
) -> ResumePoint | None:
    """The interrupted session to offer at start, if there is one worth offering (see the module's docstring).

    ``routines`` are the routines as written; ``load`` reads a routine file: a session started from a file outside
    the routines folder (``--start ~/Desktop/mine.toml``) is found again through the file its row keeps.
    ``exercises`` is the catalogue, to adapt the routine to the precautions the session was done under; without it
    such a session is not offered (its plan cannot be rebuilt)."""
    session = store.unfinished_session()
    if session is None or now - session.started_at > MAX_AGE:
        return None
    newest = store.sessions(since=session.started_at.astimezone().date())
    if not newest or newest[0].id != session.id:
        return None
    notices: list[str] = []
    routine = _as_done(store, session, routines, load=load, exercises=exercises, notices=notices)
    if routine is None:
        return None
    _, rows = store.session_detail(session.id)
    entry_index = resume_entry(rows, routine)
    if entry_index is None:
        return None
    earlier = time_so_far(store, session.id)
    notice = notices[0] if notices else None
    return ResumePoint(session, routine, entry_index, results_from_rows(rows), earlier, notice)


def _as_done(
    store: HistoryStore,
    session: SessionRow,
    routines: Sequence[Routine],
    *,
    load: Loader | None,
    exercises: Mapping[str, Exercise] | None,
    notices: list[str] | None = None,
) -> Routine | None:
    """The routine the session ran: its routine as written, adapted to the precautions its row recorded, running
    the plan its row recorded; None when that cannot be known (no catalogue, a precaution this version does not
    know). A plan that cannot be rebuilt leaves the routine as written, with a sentence in ``notices``."""
    routine = _adapted_as_done(store, session, routines, load=load, exercises=exercises)
    plan = store.session_plan(session.id)
    if routine is None or plan is None:
        return routine
    if plan == planned_entries(routine):
        return replace(routine, sore_day=session.sore_day)
    try:
        return replace(apply_plan(routine, plan, _with_versions(exercises)), sore_day=session.sore_day)
    except KeyError:  # a version or an exercise from a newer hipcoach
        if notices is not None:
            notices.append(PLAN_NOT_REBUILT)
        return routine


PLAN_NOT_REBUILT: Final = (
    "This session used a version of an exercise that this copy of hipcoach does not have, so it carries on as the "
    "routine is written."
)


def _with_versions(exercises: Mapping[str, Exercise] | None) -> Mapping[str, Exercise]:
    """The catalogue and the versions of its exercises (what a plan may run); the catalogue alone when the versions
    cannot be read (then a plan naming one is not rebuilt, and the offer says so)."""
    if not exercises:
        return {}
    try:
        return with_variants(exercises)
    except (ContentError, OSError):
        return exercises


def _adapted_as_done(
    store: HistoryStore,
    session: SessionRow,
    routines: Sequence[Routine],
    *,
    load: Loader | None,
    exercises: Mapping[str, Exercise] | None,
) -> Routine | None:
    """The session's routine as written, adapted to the precautions its row recorded."""
    routine = _routine_of(store.routine_file(session.id), session.routine_id, routines, load)
    if routine is None:
        return None
    try:
        recorded = frozenset(Precaution(word) for word in store.session_precautions(session.id))
    except ValueError:  # recorded by a newer hipcoach
        return None
    if routine.precautions == recorded:
        return routine  # as written with none, or already adapted to the same ones
    if routine.precautions:  # adapted to other precautions: back to the file as written
        if load is None or not routine.source:
            return None
        try:
            routine = load(Path(routine.source))
        except (ContentError, OSError):
            return None
    if not recorded:
        return routine
    return None if exercises is None else adapt_routine(routine, exercises, recorded)


def _routine_of(file: str | None, routine_id: str, routines: Sequence[Routine], load: Loader | None) -> Routine | None:
    """The routine the session was started from: the same file first (a loaded routine, or read again), then by id
    (sessions recorded before the file was kept, or a file moved into the routines folder since)."""
    if file is not None:
        same = next((item for item in routines if item.source and os.path.abspath(item.source) == file), None)
        if same is not None:
            return same
        if load is not None:
            try:
                return load(Path(file))
            except (ContentError, OSError):
                pass  # gone or broken since: try the id
    return next((item for item in routines if item.id == routine_id), None)


def time_so_far(store: HistoryStore, session_id: int) -> tuple[float, float]:
    """(real seconds, active plan seconds) an interrupted session had lasted up to the last moment known.

    The moment of the interruption itself is unknown; the last moment known to be exercise is the later of its last
    recorded exercise and the time the recorder last noted while it ran (``note_progress``, at least every
    ``PROGRESS_EVERY`` seconds): a kill in the first exercise, before any result, no longer leaves 0 seconds.
    """
    session, exercises = store.session_detail(session_id)
    last = max((row.recorded_at for row in exercises), default=session.started_at)
    noted = session.real_seconds if session.status == "running" and session.real_seconds is not None else 0.0
    real = max(0.0, (last - session.started_at).total_seconds(), noted)
    paused = sum(pause.seconds for pause in store.pauses(session_id))
    return real, max(0.0, real - paused) * session.time_scale


def close_interrupted(
    store: HistoryStore,
    *,
    keep: int | None,
    now: datetime,
    routines: Sequence[Routine] = (),
    exercises: Mapping[str, Exercise] | None = None,
) -> list[int]:
    """Mark every session still running, except ``keep`` (the one being recorded), as stopped. Returns their ids.

    ``now`` bounds the end time: a clock set back since must not give a session a negative length. When the
    session's routine is among ``routines`` and still fits what was recorded, the exercises it never reached are
    recorded as such, as a stop in the window records them.
    """
    closed: list[int] = []
    for session in store.sessions():
        if session.status != "running" or session.id == keep:
            continue
        real, active = time_so_far(store, session.id)
        ended = min(session.started_at + timedelta(seconds=real), max(now, session.started_at))
        _record_not_reached(store, session, routines, exercises, ended)
        store.end_session(session.id, "stopped", ended, real, active)
        closed.append(session.id)
    return closed


def _record_not_reached(
    store: HistoryStore,
    session: SessionRow,
    routines: Sequence[Routine],
    exercises: Mapping[str, Exercise] | None,
    when: datetime,
) -> None:
    routine = _as_done(store, session, routines, load=None, exercises=exercises)
    if routine is None:
        return
    _, rows = store.session_detail(session.id)
    if resume_entry(rows, routine) is None:
        return  # every entry has a result, or the routine was edited since: nothing can be said of the rest
    recorded = {row.entry_index for row in rows}
    plan = build_plan(routine)  # the targets: what the session would have asked
    for index, entry in enumerate(routine.entries):
        if index in recorded:
            continue
        sides = tuple(SideResult(side, _target(plan, index, side), 0, entry.dose.sets.value, 0) for side in entry.sides)
        result = ExerciseResult(index, entry.exercise.id, Status.NOT_REACHED, sides)
        store.record_exercise(session.id, result, unit_for(entry.exercise.kind), recorded_at=when)


def _target(plan: Plan, entry_index: int, side: Side | None) -> int:
    """What one side of an entry asks over all its sets (the engine's target for it)."""
    return sum(
        phase.target
        for phase in plan.phases
        if phase.entry_index == entry_index and phase.kind.is_work and phase.side == side
    )
