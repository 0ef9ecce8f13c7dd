"""The history subcommands: ``history``, ``export`` and ``import``.

Kept apart from the dispatch so that opening the window never loads the database code before its first paint.
"""

from __future__ import annotations

import argparse
import datetime
import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from hipcoach.cli import output
from hipcoach.core import safe_read
from hipcoach.core.dose_plan import DoseChoice
from hipcoach.core.history import (
    BACKUP_DIR,
    HistoryError,
    HistoryImportError,
    HistoryReadOnly,
    HistoryStore,
    SessionRecord,
    exchange,
    history_path,
    list_backups,
    open_history,
    tally,
)
from hipcoach.core.history.import_ranges import MAX_IMPORT_BYTES
from hipcoach.core.wording import EXERCISING_HEADER, noun, sortable_moment
from hipcoach.options import EXIT_ERROR, EXIT_INVALID, EXIT_OK

_T = TypeVar("_T")


def run(args: argparse.Namespace) -> int:
    if args.command == "history":
        return _history(as_json=args.json)
    if args.command == "export":
        return _export(args.format, args.output, force=args.force)
    return _import(args.file)


def existing_history() -> HistoryStore | None:
    """The history, or None when there is none yet: listing or exporting nothing should not create files.

    A missing history with backups is opened, so that the store restores the newest backup and says so.
    """
    path = history_path()
    if not path.exists() and not list_backups(path.parent / BACKUP_DIR):
        return None
    store = open_history(path)
    if store.notice is not None:
        output.say(f"note: {store.notice}")
    return store


def _history(*, as_json: bool) -> int:
    records = _saved_records()
    if records is None:
        return EXIT_ERROR
    if as_json:
        output.json([session_json(record) for record in records])
        return EXIT_OK
    if not records:
        print("No sessions yet.")
        return EXIT_OK
    rows = []
    for record in records:
        session = record.session
        counts = exercise_counts(record)
        rows.append(
            [
                sortable_moment(session.started_at),
                session.routine_name or session.routine_id,
                _status_text(
                    session.status,
                    trial=session.trial,
                    adapted=bool(record.precautions),
                    sharp_pain=any(row.sharp_pain for row in record.exercises),
                    sore_day=session.sore_day,
                ),
                "-" if session.active_seconds is None else str(round(session.active_minutes)),
                str(counts["completed"]),
                str(counts["partial"]),
                str(counts["skipped"]),
                str(counts["not_reached"]),
                _pain_change(session.pain_before, session.pain_after),
            ]
        )
    header = ["Date", "Routine", "Status", EXERCISING_HEADER, "Done", "Partial", "Skipped", "Not reached", "Pain"]
    output.table(header, rows, right_aligned={3, 4, 5, 6, 7})
    return EXIT_OK


def _status_text(status: str, *, trial: bool, adapted: bool, sharp_pain: bool = False, sore_day: bool = False) -> str:
    """ "completed", "completed (trial)", "completed (adapted)": a session done under hip precautions is marked, and
    one with an exercise stopped for sharp pain ("stopped (sharp pain)"), and a sore-day session ("completed (sore
    day)"), as the summary and the History say."""
    shown_marks = (("trial", trial), ("sore day", sore_day), ("adapted", adapted), ("sharp pain", sharp_pain))
    marks = [word for word, shown in shown_marks if shown]
    return f"{status} ({', '.join(marks)})" if marks else status


def _saved_records() -> list[SessionRecord] | None:
    """Every session in the history, with the hip precautions of each (none when there is no history yet); None,
    once the user has been told why, when it cannot be read."""
    saved = _saved_export()
    return None if saved is None else saved[0]


def _saved_export() -> tuple[list[SessionRecord], list[DoseChoice]] | None:
    """Every session and the user's dose choices (both empty when there is no history yet); None, once the user has
    been told why, when the history cannot be read."""
    nothing: tuple[list[SessionRecord], list[DoseChoice]] = ([], [])
    return read_saved(lambda store: (store.records(), store.dose_choices()), nothing)


def read_saved(read: Callable[[HistoryStore], _T], empty: _T) -> _T | None:
    """What ``read`` takes from the saved history, ``empty`` when there is none yet (the commands never create
    one); None, once the user has been told why, when it cannot be read."""
    try:
        store = existing_history()
        if store is None:
            return empty
        with store:
            return read(store)
    except HistoryError as exc:
        output.say(str(exc))
        return None


def exercise_counts(record: SessionRecord) -> dict[str, int]:
    """Exercises (not sides) by the result of their last attempt, and the earlier attempts (the one counting of
    every screen and file, :func:`hipcoach.core.history.tally.counts`)."""
    return tally.counts(record.exercises).as_dict()


def session_json(record: SessionRecord) -> dict[str, object]:
    """One session of ``history --json``, with the hip precautions it was adapted to (docs/safety.md)."""
    session = record.session
    return {
        "id": session.id,
        "uuid": session.uuid,
        "started_at": session.started_at.isoformat(timespec="seconds"),
        "ended_at": None if session.ended_at is None else session.ended_at.isoformat(timespec="seconds"),
        "routine_id": session.routine_id,
        "routine_name": session.routine_name,
        "status": session.status,
        "time_scale": session.time_scale,
        "trial": session.trial,
        "sore_day": session.sore_day,
        "real_seconds": session.real_seconds,
        "active_seconds": session.active_seconds,
        "exercises": exercise_counts(record),
        "pain_before": session.pain_before,
        "pain_after": session.pain_after,
        "note": session.note,
        "precautions": list(record.precautions),
    }


def _pain_change(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return ""
    shown = ["-" if value is None else str(value) for value in (before, after)]
    return f"{shown[0]} \N{RIGHTWARDS ARROW} {shown[1]}"


def _export(kind: str, target: str, *, force: bool) -> int:
    path = Path(target).expanduser()
    refusal = _export_refusal(path, force=force)
    if refusal is not None:
        output.say(f"export: {refusal}")
        return EXIT_INVALID
    try:
        if kind == "csv":
            exported = _export_csv(path)
            if exported is None:
                return EXIT_ERROR
            rows, sessions = exported
            written = f"{rows} {noun(rows, 'row')}"
        else:
            saved = _saved_export()
            if saved is None:
                return EXIT_ERROR
            records, choices = saved
            from hipcoach.core.safety.answers import exported_answers  # noqa: PLC0415 - only the JSON export needs it

            now = datetime.datetime.now(datetime.UTC)
            exchange.write_json(records, path, exported_at=now, safety=exported_answers(), choices=choices)
            written, sessions = "JSON", len(records)
    except OSError as exc:
        output.say(f"export: {path} could not be written ({exc.strerror or exc})")
        return EXIT_ERROR
    print(f"{path}: {written}, {sessions} {noun(sessions, 'session')}")
    return EXIT_OK


def _export_csv(path: Path) -> tuple[int, int] | None:
    """(rows, sessions) written, straight from the database (``HistoryStore.export_csv``: the same file as
    ``exchange.write_csv`` of every record, several times faster); None once the user has been told why not."""
    try:
        store = existing_history()
        if store is None:
            return exchange.write_csv([], path), 0
        with store:
            return store.export_csv(path), len(store.sessions())
    except HistoryError as exc:
        output.say(str(exc))
        return None


def _export_refusal(path: Path, *, force: bool) -> str | None:
    """Why ``path`` must not be written, or None. Existing files are kept unless --force: an export named like an
    earlier one must not silently replace it. The history itself (and its folder) is never a target."""
    try:
        if path.is_dir():
            return f"{path} is a folder; give a file name"
        if not path.parent.is_dir():
            return f"the folder {path.parent} does not exist"
        if path.exists():
            if output.same_file(path, history_path()) or _inside_data_backups(path):
                return f"{path} is part of the history itself; choose another file"
            if not force:
                return f"{path} already exists; choose another name, or pass --force to replace it"
    except OSError as exc:
        return f"cannot use {path} ({exc.strerror or exc})"
    return None


def _inside_data_backups(path: Path) -> bool:
    try:
        return path.resolve().parent == (history_path().parent / BACKUP_DIR).resolve()
    except (OSError, RuntimeError):
        return False


def _import(file_text: str) -> int:
    path = Path(file_text).expanduser()
    data, problem = _read_export(path)
    if problem is not None:
        output.say(f"import: {path} {problem}")
        return EXIT_INVALID
    try:
        store = open_history()
    except HistoryError as exc:
        output.say(f"import: {path} was not imported: {exc}")
        return EXIT_ERROR
    with store:
        if store.notice is not None:
            output.say(f"note: {store.notice}")
        if store.read_only:
            output.say(
                f"import: {path} was not imported: the history {store.path} is read-only, so nothing can be added"
            )
            return EXIT_INVALID
        try:
            added = store.import_json(data)
        except HistoryImportError as exc:
            output.say(f"import: {path}: {exc}")
            return EXIT_INVALID
        except HistoryReadOnly as exc:
            output.say(f"import: {path} was not imported: {exc}")
            return EXIT_INVALID
        except HistoryError as exc:
            output.say(f"import: {path} was not imported: {exc}")
            return EXIT_ERROR
    total = len(data["sessions"]) if isinstance(data, dict) and isinstance(data.get("sessions"), list) else 0
    already = total - added
    print(f"{path}: added {added} {noun(added, 'session')} ({already} already in the history)")
    return EXIT_OK


def _read_export(path: Path) -> tuple[object, str | None]:
    """The parsed file, or why it is not one: only a regular file, capped in size and nesting before json reads it."""
    try:
        raw = safe_read.read_bytes(path, MAX_IMPORT_BYTES)
    except FileNotFoundError:
        return None, "could not be read (there is no such file)"
    except safe_read.UnreadableFile as exc:
        return None, f"could not be read: {exc.reason}"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "is not a hipcoach JSON export (it is not UTF-8 text)"
    depth = safe_read.json_depth(text)
    if depth > safe_read.MAX_JSON_DEPTH:
        limit = safe_read.MAX_JSON_DEPTH
        return None, f"is not a hipcoach JSON export (it nests {depth} levels deep; an export has 5, the limit {limit})"
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, f"is not a hipcoach JSON export (not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno})"
    except (ValueError, RecursionError):  # a number of thousands of digits
        return None, "is not a hipcoach JSON export (it holds a number far too long to read)"
