"""Writing the history: a session's start, each exercise, each pause, its end, the pain ratings, and deletion.

Each call is one committed transaction (``transactions``), so a kill or a power cut loses at most the exercise in
progress. Recording never replaces or deletes a row: an exercise done again is a new attempt after the ones
already there. Every value is checked here, before the transaction, so a wrong one never reaches the file.

Imports the rows, columns, tally and transactions of its own package.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Final, Literal

from hipcoach.core.dose_plan import DoseChoice, Feeling, PlannedEntry
from hipcoach.core.history.columns import INSERT_EXERCISE, INSERT_PAUSE, exercise_values, precautions_text
from hipcoach.core.history.plans import checked_choice, checked_feeling, entry_text, plan_text
from hipcoach.core.history.rows import END_STATUSES, PAIN_RANGE, UNITS, SessionStatus, Unit, parse_utc, utc_text
from hipcoach.core.history.tally import rows_of
from hipcoach.core.history.transactions import StoreCore
from hipcoach.core.results import ExerciseResult


class _Keep(enum.Enum):
    KEEP = "keep"


KEEP: Final = _Keep.KEEP
"""Default of :meth:`HistoryStore.set_pain` arguments: leave the value as it is (None clears it)."""


class Writes(StoreCore):
    """The writing room of :class:`HistoryStore`."""

    def start_session(
        self,
        routine_id: str,
        routine_name: str,
        time_scale: float,
        started_at: datetime,
        routine_file: str | None = None,
        *,
        precautions: Collection[str] = (),
        plan: Sequence[PlannedEntry] = (),
        sore_day: bool = False,
    ) -> int:
        """Record a session as running; returns its id. ``started_at`` must be timezone-aware. ``routine_file`` is
        the file the routine was read from, kept so that an interruption can be resumed from any folder;
        ``precautions`` the hip precautions its routine was adapted to (their words), kept for resume and the
        report; ``plan`` the version and dose of each entry (``dose_plan.planned_entries``) and ``sore_day`` the
        sore-day mark, kept for resume, the progression, the history and the report."""
        if not time_scale > 0:
            raise ValueError(f"time_scale must be greater than 0, not {time_scale}")
        if not isinstance(sore_day, bool):
            raise TypeError(f"sore_day must be True or False, not {sore_day!r}")
        import uuid  # noqa: PLC0415 - with the first session: the idle window keeps it out (docs/startup.md)

        started = utc_text(started_at, "started_at")
        plan_json = plan_text(plan)
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO sessions (uuid, routine_id, routine_name, started_at, status, time_scale, routine_file, "
                "precautions, plan, sore_day) VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?)",
                (
                    str(uuid.uuid4()),
                    routine_id,
                    routine_name,
                    started,
                    float(time_scale),
                    routine_file or None,
                    precautions_text(precautions),
                    plan_json,
                    int(sore_day),
                ),
            )
            session_id = cursor.lastrowid
        assert session_id is not None
        return session_id

    def record_exercise(
        self, session_id: int, result: ExerciseResult, unit: Unit | str, *, recorded_at: datetime | None = None
    ) -> int:
        """Record every side of one attempt at one exercise in one committed transaction; returns its number.

        An exercise done again in the same session (the user went "back") is a new attempt, numbered after the
        ones already recorded: nothing recorded is ever replaced or deleted here.
        """
        if unit not in UNITS:
            raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
        when = utc_text(recorded_at if recorded_at is not None else self._options.now(), "recorded_at")
        with self._write() as conn:
            self._require_session(conn, session_id)
            (attempt,) = conn.execute(
                "SELECT coalesce(max(attempt), 0) + 1 FROM exercise_results WHERE session_id = ? AND entry_index = ?",
                (session_id, result.entry_index),
            ).fetchone()
            rows = [
                (session_id, *exercise_values(row))
                for row in rows_of(result, Unit(unit), parse_utc(when), int(attempt))
            ]
            conn.executemany(INSERT_EXERCISE, rows)
        return int(attempt)

    def record_pause(self, session_id: int, started_at: datetime, seconds: float, reason: str) -> None:
        if seconds < 0:
            raise ValueError(f"a pause cannot last {seconds} seconds")
        if not reason:
            raise ValueError("a pause needs a reason (engine.PauseReason)")
        started = utc_text(started_at, "started_at")
        with self._write() as conn:
            self._require_session(conn, session_id)
            conn.execute(INSERT_PAUSE, (session_id, started, float(seconds), str(reason)))

    def note_progress(self, session_id: int, real_seconds: float) -> None:
        """How long a running session has lasted so far (wall-clock seconds), kept in its ``real_seconds`` until it
        ends: after a crash it is the last moment known to be exercise, where the last result may be long before
        (or none yet, in the first exercise). A session that has ended is left as it is."""
        if real_seconds < 0:
            raise ValueError("session durations cannot be negative")
        with self._write() as conn:
            self._require_session(conn, session_id)
            conn.execute(
                "UPDATE sessions SET real_seconds = ? WHERE id = ? AND status = 'running'",
                (float(real_seconds), session_id),
            )

    def end_session(
        self,
        session_id: int,
        status: SessionStatus | str,
        ended_at: datetime,
        real_seconds: float,
        active_seconds: float,
    ) -> None:
        if status not in END_STATUSES:
            raise ValueError(f"a session ends {' or '.join(END_STATUSES)}, not {status!r}")
        if real_seconds < 0 or active_seconds < 0:
            raise ValueError("session durations cannot be negative")
        ended = utc_text(ended_at, "ended_at")
        with self._write() as conn:
            self._require_session(conn, session_id)
            conn.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, real_seconds = ?, active_seconds = ? WHERE id = ?",
                (SessionStatus(status), ended, float(real_seconds), float(active_seconds), session_id),
            )

    def set_pain(
        self,
        session_id: int,
        before: int | Literal[_Keep.KEEP] | None = KEEP,
        after: int | Literal[_Keep.KEEP] | None = KEEP,
        note: str | Literal[_Keep.KEEP] | None = KEEP,
    ) -> None:
        """Set or correct the pain ratings (0-10) and the note. Leave an argument out to keep its value; pass None
        to clear it."""
        changes: list[tuple[str, object]] = []
        for name, value in (("pain_before", before), ("pain_after", after)):
            if value is KEEP:
                continue
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise TypeError(f"{name} must be a whole number or None, not {value!r}")
            low, high = PAIN_RANGE
            if value is not None and not low <= value <= high:
                raise ValueError(f"{name} must be from {low} to {high}, not {value}")
            changes.append((name, value))
        if note is not KEEP:
            changes.append(("note", note))
        if not changes:
            return
        assignments = ", ".join(f"{name} = ?" for name, _ in changes)
        with self._write() as conn:
            self._require_session(conn, session_id)
            conn.execute(
                f"UPDATE sessions SET {assignments} WHERE id = ?", [value for _, value in changes] + [session_id]
            )

    def set_feeling(self, session_id: int, entry_index: int, feeling: Feeling | None) -> None:
        """Keep the answer to "How did that feel?" for one entry of a session (one per entry: a new answer replaces
        the old one); None clears it."""
        if isinstance(entry_index, bool) or not isinstance(entry_index, int) or entry_index < 0:
            raise ValueError(f"entry_index must be a whole number from 0, not {entry_index!r}")
        answer = checked_feeling(feeling)
        now = utc_text(self._options.now(), "answered_at")
        with self._write() as conn:
            self._require_session(conn, session_id)
            if answer is None:
                conn.execute("DELETE FROM feelings WHERE session_id = ? AND entry_index = ?", (session_id, entry_index))
            else:
                conn.execute(
                    "INSERT INTO feelings (session_id, entry_index, feeling, answered_at) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (session_id, entry_index) DO UPDATE SET feeling = excluded.feeling, "
                    "answered_at = excluded.answered_at",
                    (session_id, entry_index, answer.value, now),
                )

    def record_choice(self, choice: DoseChoice) -> None:
        """Keep a choice the user made about one exercise's dose (the progression starts from it)."""
        checked = checked_choice(choice)
        made = utc_text(checked.made_at, "made_at")
        with self._write() as conn:
            conn.execute(
                "INSERT INTO dose_choices (made_at, exercise_id, kind, plan, routine_id) VALUES (?, ?, ?, ?, ?)",
                (made, checked.exercise_id, checked.kind.value, entry_text(checked.plan), checked.routine_id),
            )

    def delete_session(self, session_id: int) -> None:
        """Delete a session with its results and pauses (ON DELETE CASCADE)."""
        with self._write() as conn:
            self._require_session(conn, session_id)
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
