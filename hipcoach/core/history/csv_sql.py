"""The CSV export made straight from the database: the file :func:`exchange.write_csv` makes of every record, byte for
byte, without a row object per result.

Why: ten years are some 50,000 results. Building an :class:`ExerciseRow` (two datetimes) and a list of 25 fields for
each took over a second; making each result's text in SQL but joining it to its session in Python row by row still
took about 0.55 s of processor time. Here SQLite makes each result's twelve fields as one text with one ``printf``
(from the unique index, already in routine order, with no join), each session's own fields are written once by
:mod:`csv` (so floats and text come out exactly as the rows write them), and Python joins a session's results with
one ``str.join``: nothing in Python runs once per result but the fetch of its text.

Only for a history whose result rows are in the form hipcoach writes (:func:`write_csv_from_database` checks); a file
changed by hand goes through the rows (``HistoryStore.export_csv``).

Imports the files module and the rows, columns and exchange of its own package.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Final

from hipcoach.core.dose_plan import PlannedEntry
from hipcoach.core.files import atomic_writer
from hipcoach.core.history.columns import precaution_words
from hipcoach.core.history.exchange import CSV_COLUMNS
from hipcoach.core.history.exchange_plans import dose_text
from hipcoach.core.history.plans import known_feeling, plan_parser
from hipcoach.core.history.rows import EXERCISE_STATUSES, SIDES, UNITS, parse_utc, utc_text

STORED_TIME: Final = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]+00:00"
"""The form :func:`utc_text` stores (``2026-03-29T08:15:00+00:00``), as an SQLite GLOB pattern."""

_PLAIN_EXERCISES: Final = (
    "SELECT NOT EXISTS (SELECT 1 FROM exercise_results WHERE NOT recorded_at GLOB ? "
    "OR typeof(entry_index) != 'integer' OR typeof(target) != 'integer' OR typeof(actual) != 'integer' "
    "OR typeof(sets_target) != 'integer' OR typeof(sets_done) != 'integer' OR typeof(sharp_pain) != 'integer' "
    "OR sharp_pain NOT IN (0, 1) OR typeof(attempt) != 'integer' "
    f"OR status NOT IN ({', '.join(repr(v) for v in EXERCISE_STATUSES)}) "
    f"OR unit NOT IN ({', '.join(repr(v) for v in UNITS)}) "
    f"OR (side IS NOT NULL AND side NOT IN ({', '.join(repr(v) for v in SIDES)})))"
)
"""Every number an integer (``%d`` writes it as :mod:`csv` would), every time in the stored form, every status,
unit and side one this version writes."""

_IDS: Final = "SELECT DISTINCT exercise_id FROM exercise_results"
"""The exercise ids, a few dozen in ten years: each must be a text :mod:`csv` writes without quotes. A routine's
ids are lower-case letters, digits and dashes; only an import of a file written by hand can bring another."""
_QUOTED: Final = frozenset(',"\r\n')

_RESULTS: Final = (
    "SELECT session_id, printf('%d,%s,%s,%d,%d,%s,%d,%d,%s,%s,%d,%d', entry_index, exercise_id, coalesce(side, ''), "
    "target, actual, unit, sets_target, sets_done, status, recorded_at, sharp_pain, attempt) "
    "FROM exercise_results INDEXED BY exercise_results_slot "
    "ORDER BY session_id, entry_index, attempt, coalesce(side, '')"
)
"""Each result's twelve CSV fields as one text, in the order of every list of results (``EXERCISE_ORDER``). The
unique index holds exactly that order, so SQLite walks it without sorting."""

_SESSIONS: Final = (
    "SELECT id, uuid, started_at, started_at GLOB :time, coalesce(ended_at, ''), "
    "ended_at IS NULL OR ended_at GLOB :time, routine_id, routine_name, status, time_scale, "
    "coalesce(real_seconds, ''), coalesce(active_seconds, ''), coalesce(pain_before, ''), coalesce(pain_after, ''), "
    "coalesce(note, ''), precautions, sore_day, plan FROM sessions ORDER BY started_at, id"
)
_FEELINGS: Final = "SELECT session_id, entry_index, feeling FROM feelings"
_NO_RESULT: Final = "," * 11
"""The twelve empty exercise fields of a session without results."""


def _plain_cursor(conn: sqlite3.Connection) -> sqlite3.Cursor:
    """A cursor giving tuples: the store's connection makes an ``sqlite3.Row`` of every row, which costs as much as
    SQLite's own work on 50,000 results."""
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor


class _Lines:
    """One CSV line per distinct tuple of values, made by :mod:`csv` (so it quotes exactly as the rows' writer)
    and kept: the last columns of a session repeat for weeks (the same mark, versions, doses and answers)."""

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._write = csv.writer(self._buffer).writerow
        self._made: dict[tuple[object, ...], str] = {}

    def __call__(self, values: tuple[object, ...]) -> str:
        line = self._made.get(values)
        if line is None:
            self._buffer.seek(0)
            self._buffer.truncate()
            self._write(values)
            line = self._made[values] = self._buffer.getvalue()
        return line


def _sessions(conn: sqlite3.Connection) -> list[tuple[int, str, str, dict[int, str] | None]]:
    """Each session's id, its twelve first fields with the comma after them, its last fields (``trial``,
    ``precautions``, ``sore_day`` and the three entry columns, empty) with the comma before them and the end of the
    line, and, for a session with a plan or answers, those last fields per entry; oldest first. :mod:`csv` writes
    the first fields of every session as rows into one buffer, and the lengths it returns cut the buffer back into
    sessions (a note may hold a line break, so the text cannot be split on lines)."""
    buffer = io.StringIO()
    write = csv.writer(buffer).writerow
    line = _Lines()
    parse = plan_parser()
    answers: dict[int, dict[int, str]] = {}
    for session_id, entry_index, feeling in _plain_cursor(conn).execute(_FEELINGS):
        if known_feeling(feeling) is not None:
            answers.setdefault(session_id, {})[entry_index] = feeling
    plain_tails: dict[tuple[object, ...], str] = {}
    entry_tails: dict[tuple[object, ...], dict[int, str] | None] = {}
    ids: list[int] = []
    heads: list[int] = []
    tails: list[tuple[str, dict[int, str] | None]] = []
    for row in _plain_cursor(conn).execute(_SESSIONS, {"time": STORED_TIME}):
        session_id, uuid, started, started_plain, ended, ended_plain, *rest, precautions, sore_day, plan_text = row
        if not started_plain:
            started = utc_text(parse_utc(started))
        if not ended_plain:
            ended = utc_text(parse_utc(ended))
        ids.append(session_id)
        heads.append(write((uuid, started, ended, *rest)))
        key = (row[9], precautions, sore_day)  # the same for most sessions: their words are made once
        tail = plain_tails.get(key)
        if tail is None:
            common = (int(row[9] != 1), " ".join(precaution_words(precautions)), int(sore_day == 1))
            tail = plain_tails[key] = "," + line((*common, "", "", ""))
        feelings = answers.get(session_id)
        # Most sessions of a routine ran the same plan and have no answers: their last fields are made once.
        entry_key = (key, plan_text, None if feelings is None else tuple(sorted(feelings.items())))
        if entry_key in entry_tails:
            per_entry = entry_tails[entry_key]
        else:
            plan = () if plan_text is None else parse(plan_text) or ()
            per_entry = None
            if plan or feelings:
                common = (int(row[9] != 1), " ".join(precaution_words(precautions)), int(sore_day == 1))
                feelings = feelings or {}
                per_entry = {
                    index: "," + line((*common, *_entry_fields(plan, feelings, index)))
                    for index in set(range(len(plan))) | set(feelings)
                }
            entry_tails[entry_key] = per_entry
        tails.append((tail, per_entry))
    text = buffer.getvalue()
    sessions: list[tuple[int, str, str, dict[int, str] | None]] = []
    start = 0
    for session_id, head, (tail, per_entry) in zip(ids, heads, tails, strict=True):
        end = start + head
        sessions.append((session_id, text[start : end - 2] + ",", tail, per_entry))  # rows end in \r\n
        start = end
    return sessions


def _entry_fields(plan: tuple[PlannedEntry, ...], feelings: dict[int, str], index: int) -> tuple[str, str, str]:
    """The version, the planned dose and the answer of one entry, as ``exchange_plans.entry_columns`` gives them."""
    planned = plan[index] if index < len(plan) else None
    version = "" if planned is None or planned.variant_id is None else planned.variant_id
    return version, dose_text(planned), feelings.get(index, "")


def write_csv_from_database(conn: sqlite3.Connection, path: Path) -> int | None:
    """:func:`exchange.write_csv` of every session, and the number of rows; None, with nothing written, when a result
    row is not in the form hipcoach writes (the caller then writes the file from the rows)."""
    if not conn.execute(_PLAIN_EXERCISES, (STORED_TIME,)).fetchone()[0]:
        return None
    if any(not isinstance(text, str) or _QUOTED.intersection(text) for (text,) in _plain_cursor(conn).execute(_IDS)):
        return None
    header = io.StringIO()
    csv.writer(header).writerow(CSV_COLUMNS)
    results = {
        session_id: [text for _, text in rows]
        for session_id, rows in groupby(_plain_cursor(conn).execute(_RESULTS), itemgetter(0))
    }
    parts = [header.getvalue()]
    count = 0
    for session_id, head, tail, per_entry in _sessions(conn):
        texts = results.get(session_id) or [_NO_RESULT]
        count += len(texts)
        if per_entry is None or texts[0] is _NO_RESULT:
            parts.append(head + (tail + head).join(texts) + tail)
        else:  # each result's text starts with its entry_index
            parts.extend(head + text + per_entry.get(int(text[: text.index(",")]), tail) for text in texts)
    with atomic_writer(path, newline="") as handle:
        handle.write("".join(parts))
    return count
