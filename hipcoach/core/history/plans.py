"""The plan a session ran, the answers to "How did that feel?" and the dose choices, as the history stores them
(schema version 6), and the past sessions the progression reads (``dose_plan.PastSession``).

Why a room of its own: the writes, the queries and the exchange formats all turn a plan into its stored JSON text
and back, and must agree, and a plan edited by hand (or cut short by a full disk) must never cost the rest of the
history: a text that does not parse reads as "no plan", as for a session recorded before plans were kept.

Imports the rows and columns of its own package and the Qt-free ``dose_plan``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, Final

from hipcoach.core.dose_plan import ChoiceKind, DoseChoice, Feeling, PastEntry, PastSession, PlannedEntry
from hipcoach.core.history.columns import SESSION_COLUMNS, known, session_row
from hipcoach.core.history.rows import SessionStatus, parse_utc
from hipcoach.core.results import Status

Query = Callable[[str, Sequence[Any]], list[sqlite3.Row]]

_FEELING: Final = {member.value: member for member in Feeling}
_STATUS: Final = {member.value: member for member in Status}


def plan_text(plan: Sequence[PlannedEntry]) -> str | None:
    """The stored form of a session's plan: the JSON list of its entries, NULL for none."""
    for entry in plan:
        if not isinstance(entry, PlannedEntry):
            raise TypeError(f"a plan holds PlannedEntry values, not {entry!r}")
    return json.dumps([entry.to_json() for entry in plan], separators=(",", ":")) if plan else None


def parse_plan(stored: object) -> tuple[PlannedEntry, ...] | None:
    """The plan of a stored ``plan`` value; None for NULL and for a text that is not a plan (edited by hand)."""
    if not isinstance(stored, str):
        return None
    try:
        raw = json.loads(stored)
        if not isinstance(raw, list) or not raw:
            return None
        return tuple(PlannedEntry.from_json(item) for item in raw)
    except (ValueError, RecursionError):  # json.JSONDecodeError is a ValueError
        return None


def plan_parser() -> Callable[[object], tuple[PlannedEntry, ...] | None]:
    """:func:`parse_plan` parsing each distinct text once: a plan runs unchanged for weeks, and ten years of
    sessions are read at once by the progression and the exports."""
    parsed: dict[object, tuple[PlannedEntry, ...] | None] = {}

    def parse(stored: object) -> tuple[PlannedEntry, ...] | None:
        if stored not in parsed:
            parsed[stored] = parse_plan(stored)
        return parsed[stored]

    return parse


def known_feeling(stored: object) -> Feeling | None:
    """The answer stored as ``stored``; None for a newer version's answer (only a file shown read-only has one)."""
    return _FEELING.get(stored) if isinstance(stored, str) else None


def entry_text(entry: PlannedEntry) -> str:
    return json.dumps(entry.to_json(), separators=(",", ":"))


def parse_entry(stored: object) -> PlannedEntry | None:
    if not isinstance(stored, str):
        return None
    try:
        return PlannedEntry.from_json(json.loads(stored))
    except (ValueError, RecursionError):
        return None


def checked_feeling(feeling: object) -> Feeling | None:
    """``feeling`` as a :class:`Feeling` (None clears the answer); anything else is refused before the file."""
    if feeling is None:
        return None
    if isinstance(feeling, Feeling):
        return feeling
    if isinstance(feeling, str) and feeling in _FEELING:
        return _FEELING[feeling]
    words = ", ".join(member.value for member in Feeling)
    raise ValueError(f"a feeling must be one of {words} or None, not {feeling!r}")


def checked_choice(choice: object) -> DoseChoice:
    if not isinstance(choice, DoseChoice):
        raise TypeError(f"record_choice takes a DoseChoice, not {choice!r}")
    if not isinstance(choice.kind, ChoiceKind):
        raise ValueError(f"a choice's kind must be one of {', '.join(ChoiceKind)}, not {choice.kind!r}")
    if not isinstance(choice.plan, PlannedEntry):
        raise TypeError(f"a choice's plan must be a PlannedEntry, not {choice.plan!r}")
    if not choice.exercise_id:
        raise ValueError("a choice needs the exercise it is about")
    return choice


def read_dose_choices(query: Query) -> list[DoseChoice]:
    """The user's dose choices, oldest first; a row whose plan or kind does not parse (edited by hand) is left out,
    as it cannot say where a dose starts from."""
    choices: list[DoseChoice] = []
    kinds = {member.value: member for member in ChoiceKind}
    for row in query("SELECT made_at, exercise_id, kind, plan, routine_id FROM dose_choices ORDER BY made_at, id", ()):
        plan = parse_entry(row["plan"])
        kind = kinds.get(row["kind"])
        if plan is None or kind is None:
            continue
        choices.append(DoseChoice(parse_utc(row["made_at"]), row["exercise_id"], kind, plan, row["routine_id"]))
    return choices


# The last attempt of each entry of each session: SQLite takes the bare columns of a group from the row holding its
# max(), and walks the unique index in (session, entry, attempt) order, so this is one pass with no sort. Whether any
# attempt ended with "Sharp pain" is a query of its own (one aggregate per query keeps the bare columns defined).
# Ten years take a few queries this way, not one per session.
_LAST_ATTEMPTS: Final = """
    SELECT session_id, entry_index, exercise_id, status, max(attempt)
    FROM exercise_results GROUP BY session_id, entry_index
"""
_SHARP_PAIN: Final = "SELECT DISTINCT session_id, entry_index FROM exercise_results WHERE sharp_pain = 1"


def read_past_sessions(query: Query) -> list[PastSession]:
    """Every finished session (completed or stopped), oldest first, with each entry's plan, last result, sharp
    pain and feeling (``HistoryStore.past_sessions``)."""
    sessions = query(
        f"SELECT {SESSION_COLUMNS}, plan FROM sessions WHERE status != 'running' ORDER BY started_at, id", ()
    )
    results: dict[int, dict[int, tuple[str, Status]]] = {}
    for row in query(_LAST_ATTEMPTS, ()):  # every side of an attempt holds the exercise's status
        results.setdefault(row[0], {})[row[1]] = (row[2], known(_STATUS, row[3]))
    sharp = {(row[0], row[1]) for row in query(_SHARP_PAIN, ())}
    feelings: dict[int, dict[int, Feeling]] = {}
    for row in query("SELECT session_id, entry_index, feeling FROM feelings", ()):
        feeling = known_feeling(row[2])
        if feeling is not None:
            feelings.setdefault(row[0], {})[row[1]] = feeling
    past: list[PastSession] = []
    parse = plan_parser()
    for row in sessions:
        session = session_row(row)
        plan = parse(row["plan"]) or ()
        done = results.get(session.id, {})
        answers = feelings.get(session.id, {})
        entries: list[PastEntry] = []
        for index in sorted(set(range(len(plan))) | set(done)):
            planned = plan[index] if index < len(plan) else None
            exercise_id, status = done.get(index, ("", Status.NOT_REACHED))
            entries.append(
                PastEntry(
                    entry_index=index,
                    exercise_id=planned.exercise_id if planned is not None else exercise_id,
                    plan=planned,
                    status=status,
                    sharp_pain=(session.id, index) in sharp,
                    feeling=answers.get(index),
                )
            )
        past.append(
            PastSession(
                started_at=session.started_at,
                routine_id=session.routine_id,
                trial=session.trial,
                sore_day=session.sore_day,
                completed=session.status == SessionStatus.COMPLETED,
                pain_before=session.pain_before,
                pain_after=session.pain_after,
                entries=tuple(entries),
            )
        )
    return past
