"""Realistic history for tests, screenshots and benchmarks: ``seed_history(store, days=…, start=…, seed=…)``.

The sessions look like a real person's: the built-in routines (gentle mobility and strength most often), three to
four sessions a week at irregular times, most exercises done, some partly done or skipped (more often on one side,
as with a painful hip), now and then a session stopped early or paused, pain ratings before and after that ease
over the months, and a few notes. Targets come from the routines' own plans, exactly what the engine would record.

Everything goes in through the public store API in one ``import_json`` transaction, so ten years of daily
sessions (for the benchmarks) take seconds rather than the minutes that one fsynced commit per exercise would.
The same ``seed`` gives the same history.
"""

from __future__ import annotations

import dataclasses
import random
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.dose_plan import PlannedEntry, planned_entries
from hipcoach.core.history import (
    ExerciseRow,
    HistoryStore,
    PauseRow,
    SessionRecord,
    SessionRow,
    open_history,
    unit_for,
)
from hipcoach.core.history.exchange import to_json
from hipcoach.core.model import Routine
from hipcoach.core.plan import build_plan
from hipcoach.core.results import ExerciseResult, SideResult, Status

ROUTINE_WEIGHTS = {"gentle-mobility": 3, "strength": 3, "stretching": 2, "full": 2}
NOTES = (
    "Right hip stiff this morning, better after the bike.",
    "Felt a pinch in the clamshells, went easier on the right.",
    "Good day. Walked to the shops afterwards.",
    "Slept badly, kept it gentle.",
    "Physio said to add the band next week.",
    "Sharp pain on the single-leg bridge, skipped it.",
    "Less pain on the stairs this week.",
)


@dataclass(frozen=True)
class _Side:
    side: str | None
    target: int
    sets: int


@dataclass(frozen=True)
class _Entry:
    index: int
    exercise_id: str
    unit: str
    sides: tuple[_Side, ...]


@dataclass(frozen=True)
class _Routine:
    id: str
    name: str
    seconds: float
    entries: tuple[_Entry, ...]
    plan: tuple[PlannedEntry, ...]  # what the recorder keeps with every session since schema version 6


def _shape(routine: Routine) -> _Routine:
    """What a session of ``routine`` asks for, per exercise and side, from its plan (as the engine counts it)."""
    plan = build_plan(routine)
    targets: defaultdict[tuple[int, str | None], int] = defaultdict(int)
    for phase in plan.phases:
        if phase.kind.is_work:
            targets[phase.entry_index, None if phase.side is None else phase.side.value] += phase.target
    entries = tuple(
        _Entry(
            index=index,
            exercise_id=entry.exercise.id,
            unit=unit_for(entry.exercise.kind),
            sides=tuple(
                _Side(side, targets[index, side], entry.dose.sets.value)
                for side in (None if s is None else s.value for s in entry.sides)
            ),
        )
        for index, entry in enumerate(routine.entries)
    )
    return _Routine(routine.id, routine.name, plan.total_seconds, entries, planned_entries(routine))


def _status(sides: list[tuple[int, int]]) -> str:
    """The engine's rule: all sides reached their target, none did anything, or something in between."""
    if all(actual >= target for target, actual in sides):
        return "completed"
    if all(actual == 0 for _, actual in sides):
        return "skipped"
    return "partial"


def _exercises(rng: random.Random, routine: _Routine, started: datetime, stop_at: int | None) -> list[ExerciseRow]:
    rows: list[ExerciseRow] = []
    step = routine.seconds / max(1, len(routine.entries))
    for entry in routine.entries:
        roll = rng.random()
        stopped = stop_at is not None and entry.index >= stop_at
        results: list[tuple[_Side, int, int]] = []  # side, actual, sets done
        weak = rng.choice(entry.sides)  # the side that gives up first
        for side in entry.sides:
            if stopped or roll < 0.05:
                actual, sets_done = 0, 0
            elif roll < 0.15 and side is weak:
                actual = round(side.target * rng.uniform(0.4, 0.9))
                sets_done = max(1, round(side.sets * actual / max(1, side.target)))
            else:
                actual, sets_done = side.target, side.sets
            results.append((side, actual, sets_done))
        status = _status([(side.target, actual) for side, actual, _ in results])
        recorded = started + timedelta(seconds=step * (entry.index + 1))
        rows.extend(
            ExerciseRow(
                entry_index=entry.index,
                exercise_id=entry.exercise_id,
                side=side.side,
                target=side.target,
                actual=actual,
                unit=entry.unit,
                sets_target=side.sets,
                sets_done=sets_done,
                status=status,
                recorded_at=recorded,
            )
            for side, actual, sets_done in results
        )
    return rows


def _pain(rng: random.Random, progress: float) -> tuple[int | None, int | None]:
    """Around 6-7 at first, around 3 by the end; after a session usually a point or two lower than before."""
    before = min(10, max(0, round(6.8 - 3.6 * progress + rng.gauss(0, 1.0))))
    after = max(0, before - rng.choice((0, 1, 1, 2, 2, 3)))
    return (before if rng.random() < 0.85 else None), (after if rng.random() < 0.8 else None)


def _session(rng: random.Random, routine: _Routine, day: date, progress: float, tz: tzinfo | None) -> SessionRecord:
    clock = time(rng.choice((7, 8, 8, 9, 10, 12, 17, 18, 18, 19, 20)), rng.randrange(0, 60, 5))
    started = datetime.combine(day, clock, tzinfo=tz) if tz is not None else datetime.combine(day, clock).astimezone()
    stop_at = rng.randrange(1, len(routine.entries)) if len(routine.entries) > 1 and rng.random() < 0.07 else None
    exercises = _exercises(rng, routine, started, stop_at)
    share = 1.0 if stop_at is None else stop_at / len(routine.entries)
    active = round(routine.seconds * share * rng.uniform(0.95, 1.05))
    pauses: list[PauseRow] = []
    if rng.random() < 0.2:
        pauses.append(PauseRow(started + timedelta(seconds=active / 2), float(rng.randrange(20, 240)), "user"))
    real = active + sum(pause.seconds for pause in pauses)
    before, after = _pain(rng, progress)
    session = SessionRow(
        id=0,
        uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        routine_id=routine.id,
        routine_name=routine.name,
        started_at=started.astimezone(UTC),
        ended_at=(started + timedelta(seconds=real)).astimezone(UTC),
        status="completed" if stop_at is None else "stopped",
        time_scale=1.0,
        real_seconds=float(real),
        active_seconds=float(active),
        pain_before=before,
        pain_after=after if stop_at is None or rng.random() < 0.5 else None,
        note=rng.choice(NOTES) if rng.random() < 0.08 else None,
    )
    return SessionRecord(session, tuple(exercises), tuple(pauses), plan=routine.plan)


def seed_history(
    store: HistoryStore,
    *,
    days: int,
    start: date,
    seed: int,
    sessions_per_week: float = 3.5,
    tz: tzinfo | None = None,
    plans: bool = True,
) -> int:
    """Add sessions on the ``days`` days from ``start`` (about ``sessions_per_week`` a week, 7 = every day), in
    ``tz`` (default: the computer's zone), each with the plan of its routine as written (as the recorder keeps it),
    or, with ``plans`` False, none (as recorded before schema version 6). Returns how many sessions were added."""
    if days < 0 or not 0 < sessions_per_week <= 7:
        raise ValueError("days must be at least 0 and sessions_per_week from just above 0 to 7")
    rng = random.Random(seed)
    routines = [_shape(routine) for routine in builtin_routines(load_catalogue())]
    weights = [ROUTINE_WEIGHTS.get(routine.id, 1) for routine in routines]
    records = []
    for offset in range(days):
        if rng.random() >= sessions_per_week / 7:
            continue
        routine = rng.choices(routines, weights)[0]
        records.append(_session(rng, routine, start + timedelta(days=offset), offset / max(1, days - 1), tz))
    if not plans:
        records = [dataclasses.replace(record, plan=None) for record in records]
    return store.import_json(to_json(records, exported_at=datetime.now(UTC)))


def seed_finished_sessions(
    routine: Routine,
    pains: Sequence[int],
    *,
    plans: Sequence[tuple[PlannedEntry, ...]] | None = None,
    amount: int = 10,
) -> None:
    """Finished sessions of ``routine`` in the default history, one a day up to yesterday, each running its plan
    (``plans``, else the routine as written), every exercise done (``amount`` a side), with ``pains[i]`` before and
    after: the histories the progression and the window's proposals are tested on."""
    start = datetime.now(UTC) - timedelta(days=len(pains) + 1)
    with open_history() as store:
        for day, pain in enumerate(pains):
            began = start + timedelta(days=day)
            plan = plans[day] if plans is not None else planned_entries(routine)
            session = store.start_session(routine.id, routine.name, 1.0, began, plan=plan)
            for index, entry in enumerate(routine.entries):
                sides = tuple(SideResult(side, amount, amount, 1, 1) for side in entry.sides)
                done = ExerciseResult(index, entry.exercise.id, Status.COMPLETED, sides)
                store.record_exercise(session, done, unit_for(entry.exercise.kind), recorded_at=began)
            store.set_pain(session, before=pain, after=pain)
            store.end_session(session, "completed", began + timedelta(minutes=20), 1200.0, 1200.0)
