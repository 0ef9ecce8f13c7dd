"""The history store: one SQLite file of sessions, exercise results and pauses that must never be lost.

:class:`HistoryStore` is the face the rest of hipcoach uses; its work is done in rooms of its own: writing
(``writes``), reading (``queries``), one transaction per call (``transactions``), backups (``backups``) and the
export formats (``exchange``). Opening, checking and repairing the file is ``opening``, which makes the store.

A store holds one connection and, like it, belongs to the thread that opened it.

Imports the rooms below it in its own package; only ``opening`` and the package's ``__init__`` import it. The
export formats are imported by the methods that use them: the window idles for hours with a store open and never
exports (docs/startup.md, "Memory of the idle window").
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from hipcoach.core.files import fsync_dir
from hipcoach.core.history.backups import list_backups, take_backup
from hipcoach.core.history.connection import SIDE_FILES
from hipcoach.core.history.errors import HistoryReadOnly
from hipcoach.core.history.queries import Queries
from hipcoach.core.history.writes import Writes


class HistoryStore(Writes, Queries):
    """Sessions, exercise results and pauses in one SQLite file. Open with :func:`open_history`.

    ``read_only`` is True for a newer version's file or a read-only folder: reading works, every write raises
    :class:`HistoryReadOnly`. ``notice`` is None, or a sentence to show the user once.
    """

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- backups and deletion -------------------------------------------------------------------------------------

    def backup(self) -> Path:
        """Copy the history to ``backups/`` (0600) and keep the newest :data:`KEEP_BACKUPS` of these copies.

        Backups taken before a migration are kept apart from the rotation: they are the only copy of the old
        schema. Called after each session.
        """
        if self.read_only:
            raise HistoryReadOnly(f"The history is read-only ({self.notice or self.path}); no backup was taken.")
        return take_backup(self._conn, self.path, self._options)

    def backups(self) -> list[Path]:
        return list_backups(self.backup_dir)

    def delete_all_data(self) -> list[Path]:
        """Close the store and delete the history, its side files, moved-aside damaged copies and all backups.

        Works on a read-only store too: the user asked for it, and a newer version's file is theirs to delete.
        The settings are the caller's. Returns what was deleted. The store cannot be used afterwards.
        """
        self.close()
        deleted: list[Path] = []
        folder = self.path.parent
        prefix = self.path.name
        for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
            name = entry.name
            ours = name == prefix or name in {prefix + s for s in SIDE_FILES} or name.startswith(prefix + ".corrupt-")
            if ours and entry.is_file():
                entry.unlink()
                deleted.append(entry)
        if self.backup_dir.is_dir():
            deleted.extend(sorted(self.backup_dir.iterdir()))
            shutil.rmtree(self.backup_dir)
            deleted.append(self.backup_dir)
        if deleted:
            fsync_dir(folder)
        return deleted

    # -- export and import ----------------------------------------------------------------------------------------

    def export_json(self) -> dict[str, object]:
        """Everything, as the versioned envelope ``{"format": "hipcoach-history", "version": 2, "sessions": […]}``."""
        from hipcoach.core.history.exchange import to_json  # noqa: PLC0415 - see the module's docstring
        from hipcoach.core.safety.answers import exported_answers  # noqa: PLC0415 - only an export reads the answers

        return to_json(
            self.records(), exported_at=self._options.now(), safety=exported_answers(), choices=self.dose_choices()
        )

    def export_csv(self, path: Path) -> int:
        """One row per exercise result (a session without results gets one row); returns the number of rows.

        The file is the one :func:`exchange.write_csv` makes of :meth:`records`, made straight from the database
        when its rows are in the form hipcoach writes (always, unless the file was changed by hand)."""
        from hipcoach.core.history.csv_sql import write_csv_from_database  # noqa: PLC0415 - see the module's docstring
        from hipcoach.core.history.exchange import write_csv  # noqa: PLC0415 - likewise

        try:
            count = write_csv_from_database(self._conn, path)
        except sqlite3.Error as exc:
            raise self._problem(exc) from exc
        return write_csv(self.records(), path) if count is None else count

    def import_json(self, data: object) -> int:
        """Merge an export into this history; sessions already here (same uuid) are skipped. Returns how many were
        added. Everything is validated before anything is written, and the whole import is one transaction."""
        from hipcoach.core.history.exchange import from_json, insert_records  # noqa: PLC0415 - see the docstring
        from hipcoach.core.history.exchange_plans import choices_from_json, insert_choices  # noqa: PLC0415 - likewise

        records = from_json(data)
        choices = choices_from_json(data) if isinstance(data, dict) else []
        with self._write() as conn:
            added = insert_records(conn, records)
            insert_choices(conn, choices)
            return added
