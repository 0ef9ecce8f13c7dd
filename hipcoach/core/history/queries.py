"""Reading the history: the sessions, one session with its results, its pauses, the one left running, and all of
it at once for the exports and the report.

Every list comes in one order (sessions newest first, results in routine order, each exercise's attempts in order,
left before right), so no screen sorts on its own. A read never takes the write lock.

Imports the rows, columns and transactions of its own package.
"""

from __future__ import annotations

from datetime import date, datetime, time

from hipcoach.core.dose_plan import DoseChoice, PastSession, PlannedEntry
from hipcoach.core.history.columns import (
    EXERCISE_COLUMNS,
    EXERCISE_ORDER,
    SESSION_COLUMNS,
    exercise_row,
    pause_row,
    precaution_words,
    session_row,
)
from hipcoach.core.history.errors import UnknownSession
from hipcoach.core.history.plans import (
    known_feeling,
    parse_plan,
    plan_parser,
    read_dose_choices,
    read_past_sessions,
)
from hipcoach.core.history.rows import (
    ExerciseRow,
    FeelingRow,
    PauseRow,
    SessionRecord,
    SessionRow,
    parse_utc,
    utc_text,
)
from hipcoach.core.history.transactions import StoreCore


class Queries(StoreCore):
    """The reading room of :class:`HistoryStore`."""

    def sessions(self, since: date | None = None) -> list[SessionRow]:
        """Sessions newest first; ``since`` is a local date (sessions started on or after its local midnight)."""
        if since is None:
            rows = self._query(f"SELECT {SESSION_COLUMNS} FROM sessions ORDER BY started_at DESC, id DESC")
        else:
            start = datetime.combine(since, time()).astimezone()  # local midnight, aware
            rows = self._query(
                f"SELECT {SESSION_COLUMNS} FROM sessions WHERE started_at >= ? ORDER BY started_at DESC, id DESC",
                (utc_text(start),),
            )
        return [session_row(row) for row in rows]

    def session(self, session_id: int) -> SessionRow:
        rows = self._query(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise UnknownSession(f"There is no session with id {session_id} in the history.")
        return session_row(rows[0])

    def session_detail(self, session_id: int) -> tuple[SessionRow, list[ExerciseRow]]:
        """The session and its results in routine order, each exercise's attempts in order, left before right."""
        session = self.session(session_id)
        rows = self._query(
            f"SELECT {EXERCISE_COLUMNS} FROM exercise_results WHERE session_id = ? ORDER BY {EXERCISE_ORDER}",
            (session_id,),
        )
        return session, [exercise_row(row) for row in rows]

    def pauses(self, session_id: int) -> list[PauseRow]:
        rows = self._query(
            "SELECT started_at, seconds, reason FROM pauses WHERE session_id = ? ORDER BY started_at, id",
            (session_id,),
        )
        return [pause_row(row) for row in rows]

    def unfinished_session(self) -> SessionRow | None:
        """The newest session still marked running: it was interrupted (crash, kill, power cut) and can be resumed
        from the first exercise not recorded."""
        rows = self._query(
            f"SELECT {SESSION_COLUMNS} FROM sessions WHERE status = 'running' ORDER BY started_at DESC, id DESC LIMIT 1"
        )
        return session_row(rows[0]) if rows else None

    def routine_file(self, session_id: int) -> str | None:
        """The file the session's routine was read from, or None (recorded before it was kept, or imported).

        Not part of :class:`SessionRow` nor of the export: it is a path on this computer, not part of the record."""
        rows = self._query("SELECT routine_file FROM sessions WHERE id = ?", (session_id,))
        return None if not rows or rows[0]["routine_file"] is None else str(rows[0]["routine_file"])

    def session_precautions(self, session_id: int) -> tuple[str, ...]:
        """The words of the hip precautions the session's routine was adapted to (``Precaution`` values), sorted;
        empty for a session done without any, or recorded before they were kept."""
        rows = self._query("SELECT precautions FROM sessions WHERE id = ?", (session_id,))
        return precaution_words(rows[0]["precautions"]) if rows else ()

    def precautions_by_session(self) -> dict[int, tuple[str, ...]]:
        """Every session done under hip precautions, with their words: the report marks them."""
        rows = self._query("SELECT id, precautions FROM sessions WHERE precautions IS NOT NULL")
        words = {int(row["id"]): precaution_words(row["precautions"]) for row in rows}
        return {session_id: found for session_id, found in words.items() if found}

    def session_plan(self, session_id: int) -> tuple[PlannedEntry, ...] | None:
        """The plan the session ran (the version and dose of each entry), or None: recorded before plans were kept,
        imported without one, or a stored text that is not a plan (edited by hand)."""
        rows = self._query("SELECT plan FROM sessions WHERE id = ?", (session_id,))
        return parse_plan(rows[0]["plan"]) if rows else None

    def past_sessions(self) -> list[PastSession]:
        """Finished sessions (completed or stopped), oldest first, trial runs included (``trial``), each entry with
        its plan, the status of its last attempt, sharp pain (in any attempt) and feeling: what the progression
        reads. A few queries for the whole history, not one per session."""
        return read_past_sessions(self._query)

    def dose_choices(self) -> list[DoseChoice]:
        """The user's dose choices, oldest first."""
        return read_dose_choices(self._query)

    def records(self) -> list[SessionRecord]:
        """Every session with its results, pauses, hip precautions, plan and feelings, oldest first (five queries,
        grouped here)."""
        rows = self._query(f"SELECT {SESSION_COLUMNS}, plan FROM sessions ORDER BY started_at, id")
        sessions = [session_row(row) for row in rows]
        parse = plan_parser()
        plans = [parse(row["plan"]) for row in rows]
        feelings: dict[int, list[FeelingRow]] = {}
        for row in self._query(
            "SELECT session_id, entry_index, feeling, answered_at FROM feelings ORDER BY session_id, entry_index"
        ):
            feeling = known_feeling(row[2])
            if feeling is not None:
                feelings.setdefault(row[0], []).append(FeelingRow(row[1], feeling, parse_utc(row[3])))
        exercises: dict[int, list[ExerciseRow]] = {}
        for row in self._query(
            f"SELECT {EXERCISE_COLUMNS}, session_id FROM exercise_results ORDER BY session_id, {EXERCISE_ORDER}"
        ):
            exercises.setdefault(row["session_id"], []).append(exercise_row(row))
        pauses: dict[int, list[PauseRow]] = {}
        for row in self._query("SELECT session_id, started_at, seconds, reason FROM pauses ORDER BY started_at, id"):
            pauses.setdefault(row["session_id"], []).append(pause_row(row))
        precautions = self.precautions_by_session()
        return [
            SessionRecord(
                session,
                tuple(exercises.get(session.id, ())),
                tuple(pauses.get(session.id, ())),
                precautions.get(session.id, ()),
                plan,
                tuple(feelings.get(session.id, ())),
            )
            for session, plan in zip(sessions, plans, strict=True)
        ]
