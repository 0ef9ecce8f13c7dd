"""The History page's report and export: asking the period and where to save, writing the PDF or the CSV/JSON file,
and saying in the page's status line what was saved where, or why not.

A base class of :class:`hipcoach.ui.history_view.HistoryView`, so the page keeps one set of attributes and methods
(tests replace ``ask_report_period`` and ``ask_report_path`` on the view); the page sets the attributes declared
here before building.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Final

from PySide6.QtCore import QStandardPaths, Qt, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog, QLabel, QWidget

from hipcoach.core.history import BACKUP_DIR, HistoryError, HistoryStore, SessionRow, exchange
from hipcoach.core.safety.answers import exported_answers
from hipcoach.core.wording import long_day, plural
from hipcoach.ui.report import write_report
from hipcoach.ui.report_tables import REPORT_PERIODS, local_day, period_dates

EXPORT_FILTERS: Final = {
    "csv": "CSV, for a spreadsheet (*.csv)",
    "json": "JSON, to bring into hipcoach on another computer (*.json)",
}

AskSavePath = Callable[[QWidget, str, str, str], tuple[str, str]]
"""Asks where to save: (parent, title, suggested path, filters) → (chosen path or "", chosen filter), the shape of
QFileDialog.getSaveFileName, which is the default. Tests pass their own answer."""


def save_folder(documents: str | None = None) -> Path:
    """Where the save dialogs open: the documents folder, else the home folder. Never the working directory: a
    desktop launcher starts the app in some folder the user never chose, and a dialog given a folder that does not
    exist (a new account without Documents) falls back to exactly that one."""
    if documents is None:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_absolute() and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def _why(exc: OSError | HistoryError) -> str:
    """The reason in words ("No space left on device"), without errno numbers or temporary file names."""
    return (exc.strerror or str(exc)) if isinstance(exc, OSError) else str(exc)


class HistoryFiles(QWidget):
    """The report and export buttons' work, and the status line that tells how it went."""

    # Declared on the page class itself: PySide6 does not deliver a signal declared on the second of two QWidget bases.
    report_written: SignalInstance  # Path of the PDF just written
    export_written: SignalInstance  # Path of the CSV or JSON file just written
    store: HistoryStore
    goal: int
    names: Mapping[str, str]
    status_label: QLabel
    _ask_save_path: AskSavePath
    _today: Callable[[], date]
    _tz: tzinfo | None
    _sessions: list[SessionRow]

    # -- the report ------------------------------------------------------------------------------------------------

    def ask_report_period(self) -> str | None:
        """One of REPORT_PERIODS, or None when the user cancels (tests replace this method)."""
        choice, ok = QInputDialog.getItem(
            self,
            "Report for my physiotherapist",
            "Which weeks should the report cover?",
            list(REPORT_PERIODS),
            1,
            False,
        )
        return choice if ok and choice in REPORT_PERIODS else None

    def ask_report_path(self, suggested: Path) -> Path | None:
        """Where to save the PDF, or None when the user cancels (tests replace this method)."""
        name, _ = self._ask_save_path(self, "Save the report", str(suggested), "PDF files (*.pdf)")
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def make_report(self) -> Path | None:
        choice = self.ask_report_period()
        if choice is None:
            return None
        today = self._today()
        first = local_day(self._sessions[-1], self._tz) if self._sessions else None
        start, end = period_dates(choice, today, first)
        path = self.ask_report_path(save_folder() / f"hipcoach-report-{start.isoformat()}-to-{end.isoformat()}.pdf")
        if path is None:
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            write_report(self.store, path, start, end, self.goal, today=today, names=self.names, tz=self._tz)
        except (OSError, HistoryError) as exc:
            self._say(f"The report could not be saved as {path}: {_why(exc)}.")
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._say(f"Report for {long_day(start)} to {long_day(end)} saved as {path}.")
        self.report_written.emit(path)
        return path

    # -- the export ------------------------------------------------------------------------------------------------

    def ask_export_path(self, suggested: Path) -> tuple[Path, str] | None:
        """Where to save the export and as what ("csv" or "json"), or None when the user cancels. The file's
        ending decides the format; without one, the chosen file type does, and gives the ending."""
        filters = ";;".join(EXPORT_FILTERS.values())
        name, chosen = self._ask_save_path(self, "Export my history", str(suggested), filters)
        if not name:
            return None
        path = Path(name)
        kind = path.suffix.lower().lstrip(".")
        if kind in EXPORT_FILTERS:
            return path, kind
        kind = next((key for key, text in EXPORT_FILTERS.items() if text == chosen), "csv")
        return path.with_name(f"{path.name}.{kind}"), kind

    def make_export(self) -> Path | None:
        """Every session, in the very format of ``hipcoach export`` (the same writers), run like the report: on
        this thread behind a busy cursor, as writing even ten years of sessions takes well under a second."""
        answer = self.ask_export_path(save_folder() / f"hipcoach-history-{self._today().isoformat()}.csv")
        if answer is None:
            return None
        path, kind = answer
        if self._part_of_history(path):
            self._say(f"{path} is part of the history itself. Choose another file to export to.")
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if kind == "json":
                records = self.store.records()
                exchange.write_json(
                    records,
                    path,
                    exported_at=datetime.now(UTC),
                    safety=exported_answers(),
                    choices=self.store.dose_choices(),
                )
                sessions = len(records)
            else:
                self.store.export_csv(path)  # the file exchange.write_csv makes, straight from the database
                sessions = len(self.store.sessions())
        except (OSError, HistoryError) as exc:
            self._say(f"Your history could not be exported to {path}: {_why(exc)}.")
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._say(f"{plural(sessions, 'session')} exported to {path}.")
        self.export_written.emit(path)
        return path

    def _part_of_history(self, path: Path) -> bool:
        """The history file, its journal or damaged copies, or a backup: an export must never replace those."""
        history = self.store.path
        try:
            target, folder = path.resolve(), history.parent.resolve()
        except (OSError, RuntimeError):
            return False
        return (target.parent == folder and target.name.startswith(history.name)) or target.parent == (
            folder / BACKUP_DIR
        )

    def _say(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    def status_text(self) -> str:
        return self.status_label.text()
