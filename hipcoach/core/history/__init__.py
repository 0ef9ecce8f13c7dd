"""The session history: a durable SQLite store, its migrations and its export formats (Qt-free).

It holds the rooms of the history, each one job: ``opening`` (create, check, repair, upgrade, or show read-only:
``open_history()`` is the way in), ``connection`` (pragmas, ``quick_check``, the schema check), ``recovery`` (move a
damaged file aside, restore the newest backup), ``backups`` (write, list, rotate), ``errors`` (the exception types and
the reading of SQLite errors), ``transactions``, ``writes`` and ``queries`` (the rooms of ``HistoryStore``),
``columns`` and ``rows`` (the rows in SQL and in Python), ``exchange`` with ``import_fields`` and ``import_ranges``
(the JSON and CSV formats), ``migrations`` and ``tally`` (what a session amounts to). It may import the standard
library, the leaf modules and the Qt-free core (``paths``, ``files``, ``model``, ``results``), never the engine, the
UI or PySide6. Its modules import each other in one direction (``opening`` on top, ``rows`` and ``errors`` at the
bottom) and never through this file, which only re-exports them. docs/history.md has the schema and what happens to a
damaged, newer or locked database.
"""

from hipcoach.core.history.backups import BACKUP_DIR, KEEP_BACKUPS, list_backups
from hipcoach.core.history.errors import (
    HistoryError,
    HistoryImportError,
    HistoryLocked,
    HistoryMigrationError,
    HistoryReadOnly,
    HistoryUnavailable,
    UnknownSession,
)
from hipcoach.core.history.migrations import LATEST_VERSION, MIGRATIONS, Migration, migrate
from hipcoach.core.history.opening import HISTORY_FILE, history_path, open_history
from hipcoach.core.history.rows import ExerciseRow, PauseRow, SessionRecord, SessionRow, unit_for
from hipcoach.core.history.store import HistoryStore
from hipcoach.core.history.writes import KEEP

__all__ = [
    "BACKUP_DIR",
    "HISTORY_FILE",
    "KEEP",
    "KEEP_BACKUPS",
    "LATEST_VERSION",
    "MIGRATIONS",
    "ExerciseRow",
    "HistoryError",
    "HistoryImportError",
    "HistoryLocked",
    "HistoryMigrationError",
    "HistoryReadOnly",
    "HistoryStore",
    "HistoryUnavailable",
    "Migration",
    "PauseRow",
    "SessionRecord",
    "SessionRow",
    "UnknownSession",
    "history_path",
    "list_backups",
    "migrate",
    "open_history",
    "unit_for",
]
