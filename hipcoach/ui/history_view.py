"""The History panel: is the person keeping it up, is the pain easing, and what exactly was done in each session.

The Overview page has, in plain numbers, the run of weeks that met the weekly goal, the longest run, and the minutes
this week and this month; below them the three charts (a year's calendar, sessions per week against the goal, pain
before and after), each with its summary in words and a "Show as table" button. The Sessions page lists the
sessions, newest first; choosing one shows each exercise with its target against what was done, per side, the pain
ratings and the note. Mistakes can be
put right (a pain rating typed wrong, a session recorded by accident), never silently: deleting asks first.

Everything is computed from the store through the Qt-free statistics on each :meth:`HistoryView.refresh`; the panel
keeps no numbers of its own, so it can never disagree with the report or the export. A history opened read-only (a
newer version's file, a read-only folder) is shown in full with the editing controls off and a line saying why; a
store notice (a damaged file replaced by a backup) is shown as a banner.

Per-session counts (done / partly / skipped) are read lazily, only for the rows on screen: the list model asks for
them when a row is painted, so ten years of sessions open as fast as ten.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.history import (
    BACKUP_DIR,
    LATEST_VERSION,
    ExerciseRow,
    HistoryError,
    HistoryLocked,
    HistoryStore,
    SessionRow,
    exchange,
)
from hipcoach.core.history.tally import Counts
from hipcoach.core.stats import (
    DEFAULT_GOAL,
    GOAL_RANGE,
    calendar_start,
    check_goal,
    overview,
    pain_by_week,
    session_days,
    weeks_between,
)
from hipcoach.ui.charts.bars import WeeklyBars
from hipcoach.ui.charts.heatmap import CalendarHeatmap
from hipcoach.ui.charts.pain import PainTrend
from hipcoach.ui.charts.table import TextTableModel
from hipcoach.ui.charts.widgets import ChartPanel
from hipcoach.ui.charts.words import long_day, plural, whole
from hipcoach.ui.report import write_report
from hipcoach.ui.report_tables import (
    COUNTS_HEADER,
    REPORT_PERIODS,
    amount_text,
    attempt_rows,
    counts_short,
    counts_text,
    earlier_attempts_text,
    exercise_name,
    exercise_names,
    local_day,
    minutes_text,
    pain_text,
    period_dates,
    result_text,
    routine_text,
    sharp_pain_text,
    side_text,
    status_counts,
    trial_text,
    when_text,
)
from hipcoach.ui.widgets import ACCENT_WARNING, set_font, text_label

CHART_WEEKS: Final = 12
NOT_RATED: Final = -1  # the pain spin boxes' "Not rated" value
LIST_COUNTS_HEADER: Final = COUNTS_HEADER.replace(" / skipped", " /\nskipped")  # two lines: the list stays narrow
SESSION_HEADERS: Final = ("Date", "Routine", "Minutes", LIST_COUNTS_HEADER, "Pain")
EXERCISE_HEADERS: Final = ("Exercise", "Side", "Target", "Done", "Result")
_ALIGNMENTS: Final = {
    2: Qt.AlignmentFlag.AlignRight,
    3: Qt.AlignmentFlag.AlignHCenter,
    4: Qt.AlignmentFlag.AlignHCenter,
}
NO_SESSION: Final = "Choose a session in the list to see its exercises."
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


LOCKED_RETRY_MS: Final = 2000


class SessionListModel(QAbstractTableModel):
    """The sessions, newest first. The exercise counts come from ``counts`` when a row is first shown."""

    def __init__(self, counts: Callable[[int], Counts], tz: tzinfo | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._counts = counts
        self._tz = tz
        self._sessions: list[SessionRow] = []

    def set_sessions(self, sessions: list[SessionRow]) -> None:
        self.beginResetModel()
        self._sessions = sessions
        self.endResetModel()

    def session_at(self, row: int) -> SessionRow:
        return self._sessions[row]

    def row_of(self, session_id: int) -> int | None:
        return next((row for row, session in enumerate(self._sessions) if session.id == session_id), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self._sessions)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SESSION_HEADERS)

    def text(self, row: int, column: int) -> str:
        session = self._sessions[row]
        if column == 0:
            return when_text(session, self._tz)
        if column == 1:
            return routine_text(session)
        if column == 2:
            return minutes_text(session)
        if column == 3:
            return counts_short(self._counts(session.id))
        return pain_text(session)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._sessions):
            return None
        if not 0 <= index.column() < len(SESSION_HEADERS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(index.row(), index.column())  # the tooltip shows a routine name cut short in full
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in _ALIGNMENTS:
            return int(_ALIGNMENTS[index.column()] | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return SESSION_HEADERS[section] if 0 <= section < len(SESSION_HEADERS) else None
        return str(section + 1)


class SummaryTile(QFrame):
    """One number in large type with its words underneath: "3 weeks" / "in a row meeting your goal"."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = caption
        self.value_label = text_label(scale=2.0, bold=True, wrap=False)
        self.caption_label = text_label(caption, scale=1.0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        # Preferred height: the row gives every tile the height of the tallest, so their frames line up.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_value(self, value: str) -> None:
        self.value_label.setText(value)
        self.setAccessibleName(f"{self.caption}: {value}")


def _pain_spin(name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(NOT_RATED, 10)
    spin.setSpecialValueText("Not rated")
    spin.setAccessibleName(name)
    spin.setToolTip(f"{name}: 0 (no pain) to 10 (worst), or Not rated")
    set_font(spin, 1.2)
    spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("Not rated") + 48)
    return spin


def _table(model: QAbstractTableModel, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    set_font(table, 1.1)
    table.verticalHeader().setDefaultSectionSize(round(table.fontMetrics().height() * 1.6))
    return table


class HistoryView(QWidget):
    goal_changed = Signal(int)  # the user changed the weekly goal here; the window saves it in the settings
    report_written = Signal(object)  # Path of the PDF just written
    export_written = Signal(object)  # Path of the CSV or JSON file just written

    def __init__(
        self,
        store: HistoryStore,
        *,
        goal: int = DEFAULT_GOAL,
        names: Mapping[str, str] | None = None,
        today: Callable[[], date] = date.today,
        tz: tzinfo | None = None,
        ask_save_path: AskSavePath = QFileDialog.getSaveFileName,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._ask_save_path = ask_save_path
        self.goal = check_goal(goal)
        self.names = exercise_names() if names is None else dict(names)
        self._today = today
        self._tz = tz
        self._sessions: list[SessionRow] = []
        self._counts: dict[int, Counts] = {}
        self._current: SessionRow | None = None
        self.editable = not store.read_only
        self._retrying = False
        self._build()
        self.refresh()

    # -- building -------------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = QFrame()
        self.banner.setObjectName("historyNotice")
        self.banner.setStyleSheet(
            f"QFrame#historyNotice {{ border: 2px solid {ACCENT_WARNING.name()}; border-radius: 10px; }}"
        )
        self.banner_label = text_label(scale=1.15, name="History notice")
        banner_layout = QVBoxLayout(self.banner)
        banner_layout.setContentsMargins(16, 10, 16, 10)
        banner_layout.addWidget(self.banner_label)
        self.read_only_label = text_label(scale=1.15, bold=True, name="Read-only history")
        self.status_label = text_label(scale=1.1, name="History status")
        self.status_label.hide()

        # Two pages rather than one crowded screen: the charts need the width to be read at a glance, and so
        # does the list of sessions with its detail.
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        set_font(self.tabs.tabBar(), 1.25, bold=True)
        self.tabs.addTab(self._build_overview(), "Overview")
        self.tabs.addTab(self._build_sessions(), "Sessions")

        root = QVBoxLayout(self)
        root.setContentsMargins(24, 16, 24, 16)
        root.setSpacing(10)
        root.addLayout(self._build_header())
        root.addWidget(self.banner)
        root.addWidget(self.read_only_label)
        root.addWidget(self.status_label)
        root.addWidget(self.tabs, 1)

    def _build_header(self) -> QHBoxLayout:
        title = text_label("History", scale=2.0, bold=True, wrap=False, name="History")
        self.goal_spin = QSpinBox()
        self.goal_spin.setRange(*GOAL_RANGE)
        self.goal_spin.setValue(self.goal)
        self.goal_spin.setSuffix(" sessions a week")
        self.goal_spin.setAccessibleName("Weekly goal")
        self.goal_spin.setToolTip("How many sessions a week you aim for (the article advises three to four)")
        set_font(self.goal_spin, 1.2)
        self.goal_spin.valueChanged.connect(self._goal_spin_changed)
        goal_label = text_label("Weekly goal:", scale=1.2, wrap=False)
        goal_label.setBuddy(self.goal_spin)
        self.report_button = QPushButton("Report for my physiotherapist…")
        self.report_button.setAccessibleName("Report for my physiotherapist")
        self.report_button.setToolTip("Save a PDF of your sessions, goal, exercises and pain for a period you choose")
        set_font(self.report_button, 1.2, bold=True)
        self.report_button.setMinimumHeight(44)
        self.report_button.clicked.connect(self.make_report)
        self.export_button = QPushButton("Export\u2026")
        self.export_button.setAccessibleName("Export my history")
        self.export_button.setToolTip(
            "Save all your sessions as a file: CSV for a spreadsheet, or JSON to bring into hipcoach on another"
            " computer"
        )
        set_font(self.export_button, 1.2)
        self.export_button.setMinimumHeight(44)
        self.export_button.clicked.connect(self.make_export)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(goal_label)
        header.addWidget(self.goal_spin)
        header.addSpacing(24)
        header.addWidget(self.report_button)
        header.addWidget(self.export_button)
        return header

    def _build_overview(self) -> QScrollArea:
        """The numbers and the charts, scrollable so that a small window or a large font never cuts them off."""
        self.tiles = {
            "streak": SummaryTile("in a row meeting your goal"),
            "longest": SummaryTile("longest run meeting it"),
            "week": SummaryTile("minutes this week"),
            "month": SummaryTile("minutes this month"),
        }
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile)
        today = self._today()
        self.heatmap = ChartPanel(CalendarHeatmap([], today))
        self.bars = ChartPanel(WeeklyBars([], self.goal, today))
        self.pain = ChartPanel(PainTrend([], []))
        charts_row = QHBoxLayout()
        charts_row.setSpacing(24)
        charts_row.addWidget(self.bars, 1)
        charts_row.addWidget(self.pain, 1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(14)
        layout.addLayout(tiles)
        layout.addWidget(self.heatmap)
        layout.addLayout(charts_row, 1)
        scroll = QScrollArea()
        scroll.setWidget(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        return scroll

    def _build_sessions(self) -> QSplitter:
        self.session_model = SessionListModel(self._session_counts, self._tz, self)
        self.session_table = _table(self.session_model, "Sessions, newest first")
        header = self.session_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        metrics = self.session_table.fontMetrics()
        # Fixed widths from sample texts: sizing to contents would read every session's counts.
        samples = {0: "Wed 30 Sep 2026, 18:55", 2: "Minutes", 3: "skipped / not reached", 4: "10 → 10"}
        header.setToolTip("Exercises by result: done / partly done / skipped / not reached")
        for index, sample in samples.items():
            header.resizeSection(index, metrics.horizontalAdvance(sample) + 24)
        routine = metrics.horizontalAdvance("Gentle Mobility") + 24
        scroll_bar = self.session_table.verticalScrollBar().sizeHint().width()
        self.session_table.setMinimumWidth(sum(header.sectionSize(i) for i in samples) + routine + scroll_bar + 4)
        self.session_table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        sessions = QSplitter(Qt.Orientation.Horizontal)
        sessions.setChildrenCollapsible(False)
        sessions.addWidget(self.session_table)
        sessions.addWidget(self._build_detail())
        sessions.setStretchFactor(0, 1)
        sessions.setStretchFactor(1, 1)
        return sessions

    def _build_detail(self) -> QWidget:
        self.detail_title = text_label(NO_SESSION, scale=1.3, bold=True, name="Session")
        self.detail_info = text_label(scale=1.1, name="Session details")
        self.exercise_model = TextTableModel(EXERCISE_HEADERS, [], self, numeric=(2, 3))
        self.exercise_table = _table(self.exercise_model, "Exercises of this session: target against done")
        self.exercise_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.exercise_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.exercise_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.pain_before_spin = _pain_spin("Pain before")
        self.pain_after_spin = _pain_spin("Pain after")
        self.save_pain_button = QPushButton("Save pain ratings")
        self.save_pain_button.setToolTip("Correct this session's pain ratings")
        set_font(self.save_pain_button, 1.1)
        self.save_pain_button.clicked.connect(self.save_pain)
        pain_row = QHBoxLayout()
        for text, spin in (("Pain before:", self.pain_before_spin), ("after:", self.pain_after_spin)):
            label = text_label(text, scale=1.2, wrap=False)
            label.setBuddy(spin)
            pain_row.addWidget(label)
            pain_row.addWidget(spin)
        pain_row.addStretch(1)
        pain_row.addWidget(self.save_pain_button)
        self.note_label = text_label(scale=1.1, name="Note")
        self.delete_button = QPushButton("Delete this session…")
        self.delete_button.setAccessibleName("Delete this session")
        self.delete_button.setToolTip("Remove this session and its exercises from your history (asks first)")
        set_font(self.delete_button, 1.1)
        self.delete_button.clicked.connect(self.delete_current)
        detail = QWidget()
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.addWidget(self.detail_title)
        layout.addWidget(self.detail_info)
        layout.addWidget(self.exercise_table, 1)
        layout.addLayout(pain_row)
        layout.addWidget(self.note_label)
        layout.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignLeft)
        return detail

    # -- reading ------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the history again and redraw everything; the chosen session stays chosen if it still exists."""
        chosen = self._current.id if self._current is not None else None
        try:
            self._sessions = self.store.sessions()
        except HistoryLocked:
            self._sessions = []
            self._say("The history is locked by another program. Trying again every few seconds\u2026")
            if not self._retrying:  # never waited for here: the store's connection gives up within 50 ms
                self._retrying = True
                QTimer.singleShot(LOCKED_RETRY_MS, self, self._retry)
        except HistoryError as exc:
            self._sessions = []
            self._say(f"The history could not be read: {exc}")
        else:
            if self.status_text().startswith("The history is locked"):
                self._say("")
        self._counts.clear()
        self.session_model.set_sessions(self._sessions)
        self._show_store_state()
        self._show_overview()
        row = self.session_model.row_of(chosen) if chosen is not None else None
        if row is None:
            self._show_session(None)
        else:
            self.select_row(row)

    def _retry(self) -> None:
        self._retrying = False
        self.refresh()

    def _session_counts(self, session_id: int) -> Counts:
        if session_id not in self._counts:
            try:
                self._counts[session_id] = status_counts(self.store.session_detail(session_id)[1])
            except HistoryError:
                self._counts[session_id] = Counts()
        return self._counts[session_id]

    def _show_store_state(self) -> None:
        notice = self.store.notice
        self.banner_label.setText(notice or "")
        self.banner.setVisible(bool(notice))
        if self.editable:
            self.read_only_label.hide()
        else:
            why = (
                "this history was written by a newer version of hipcoach, and this version must not change it"
                if self.store.version > LATEST_VERSION
                else "the history file or its folder cannot be written"
            )
            self.read_only_label.setText(
                f"Read-only: deleting sessions and correcting pain are turned off, because {why}."
            )
            self.read_only_label.show()

    def _show_overview(self) -> None:
        today = self._today()
        days = session_days(self._sessions, self._tz)
        numbers = overview(days, today, self.goal, CHART_WEEKS)
        self.tiles["streak"].set_value(plural(numbers.current_streak, "week"))
        self.tiles["longest"].set_value(plural(numbers.longest_streak, "week"))
        self.tiles["week"].set_value(whole(numbers.minutes_this_week))
        self.tiles["month"].set_value(whole(numbers.minutes_this_month))
        self.heatmap.set_chart(CalendarHeatmap(numbers.calendar, today))
        self.bars.set_chart(WeeklyBars(numbers.weeks, self.goal, today))
        # Pain changes over months, not weeks: the trend reaches back to the first session of the last twelve
        # months (at least as far back as the bars).
        first = min(numbers.weeks[0].start, max(calendar_start(today), days[0].day if days else today))
        weeks = [week.start for week in weeks_between(days, first, today)]
        self.pain.set_chart(PainTrend(weeks, pain_by_week(days, weeks[0], today)))

    # -- the chosen session ---------------------------------------------------------------------------------------

    def select_row(self, row: int) -> None:
        self.session_table.selectRow(row)
        self.session_table.setCurrentIndex(self.session_model.index(row, 0))

    def select_session(self, session_id: int) -> None:
        row = self.session_model.row_of(session_id)
        if row is None:
            raise LookupError(f"session {session_id} is not in the list")
        self.select_row(row)

    def current_session(self) -> SessionRow | None:
        return self._current

    def _current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:  # noqa: ARG002 - signal
        self._show_session(self.session_model.session_at(current.row()) if current.isValid() else None)

    def _show_session(self, session: SessionRow | None) -> None:
        exercises: list[ExerciseRow] = []
        if session is not None:
            try:
                session, exercises = self.store.session_detail(session.id)
            except HistoryError as exc:
                self._say(f"This session could not be read: {exc}")
                session = None
        self._current = session
        for widget in (self.pain_before_spin, self.pain_after_spin, self.save_pain_button, self.delete_button):
            widget.setEnabled(session is not None and self.editable)
        if session is None:
            self.detail_title.setText(NO_SESSION)
            self.detail_info.setText("")
            self.note_label.setText("")
            self.exercise_model.set_rows(EXERCISE_HEADERS, [], numeric=(2, 3))
            self.pain_before_spin.setValue(NOT_RATED)
            self.pain_after_spin.setValue(NOT_RATED)
            return
        self.detail_title.setText(f"{when_text(session, self._tz)} · {routine_text(session)}")
        info = f"{minutes_text(session)} minutes · {counts_text(status_counts(exercises))} · pain {pain_text(session)}"
        more = (
            trial_text(session),
            earlier_attempts_text(exercises, self.names),
            sharp_pain_text(exercises, self.names),
        )
        self.detail_info.setText("\n".join([info, *(text for text in more if text)]))
        self.note_label.setText(f"Note: {session.note}" if session.note else "No note.")
        self.exercise_model.set_rows(
            EXERCISE_HEADERS,
            [
                (
                    exercise_name(row.exercise_id, self.names),
                    side_text(row.side),
                    amount_text(row.target, row.unit),
                    amount_text(row.actual, row.unit),
                    result_text(row, earlier=earlier),
                )
                for row, earlier in attempt_rows(exercises)
            ],
            numeric=(2, 3),
        )
        self.pain_before_spin.setValue(NOT_RATED if session.pain_before is None else session.pain_before)
        self.pain_after_spin.setValue(NOT_RATED if session.pain_after is None else session.pain_after)

    # -- changes ----------------------------------------------------------------------------------------------------

    def save_pain(self) -> None:
        session = self._current
        if session is None or not self.editable:
            return
        before, after = (
            None if spin.value() == NOT_RATED else spin.value()
            for spin in (self.pain_before_spin, self.pain_after_spin)
        )
        try:
            self.store.set_pain(session.id, before=before, after=after)
        except HistoryError as exc:
            self._say(f"The pain ratings could not be saved: {exc}")
            return
        self._say(f"Pain ratings saved for {when_text(session, self._tz)}.")
        self.refresh()

    def confirm_delete(self, session: SessionRow) -> bool:
        """Ask before deleting (tests replace this method)."""
        answer = QMessageBox.question(
            self,
            "Delete this session?",
            f"Delete the session of {when_text(session, self._tz)} ({session.routine_name})?\n\n"
            "Its exercises, pain ratings and note will be removed from your history. This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete_current(self) -> None:
        session = self._current
        if session is None or not self.editable or not self.confirm_delete(session):
            return
        row = self.session_model.row_of(session.id) or 0
        try:
            self.store.delete_session(session.id)
        except HistoryError as exc:
            self._say(f"The session could not be deleted: {exc}")
            return
        self._current = None
        self._say(f"Deleted the session of {when_text(session, self._tz)}.")
        self.refresh()
        if self.session_model.rowCount():
            self.select_row(min(row, self.session_model.rowCount() - 1))

    def set_goal(self, goal: int) -> None:
        """A new weekly goal (from the settings, or the spin box): streaks, bars and summaries follow."""
        self.goal = check_goal(goal)
        if self.goal_spin.value() != self.goal:
            self.goal_spin.setValue(self.goal)  # comes back through _goal_spin_changed, which does nothing more
        self._show_overview()

    def _goal_spin_changed(self, value: int) -> None:
        if value != self.goal:
            self.set_goal(value)
            self.goal_changed.emit(value)

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
                exchange.write_json(records, path, exported_at=datetime.now(UTC))
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
