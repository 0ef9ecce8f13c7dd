"""The session history: a durable SQLite store, its migrations and its export formats (Qt-free).

``open_history()`` is the way in; see docs/history.md for the schema and for what happens to a damaged, newer or
locked database. Like the rest of the core it imports only the standard library, the core and the leaf modules.
"""

from hipcoach.core.history.migrations import LATEST_VERSION, MIGRATIONS, Migration, migrate
from hipcoach.core.history.rows import (
    ExerciseRow,
    HistoryError,
    HistoryImportError,
    HistoryLocked,
    HistoryMigrationError,
    HistoryReadOnly,
    HistoryUnavailable,
    PauseRow,
    SessionRecord,
    SessionRow,
    UnknownSession,
    unit_for,
)
from hipcoach.core.history.store import (
    BACKUP_DIR,
    HISTORY_FILE,
    KEEP,
    KEEP_BACKUPS,
    HistoryStore,
    history_path,
    list_backups,
    open_history,
)

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
