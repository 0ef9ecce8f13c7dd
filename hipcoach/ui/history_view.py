"""The History panel: is the person keeping it up, is the pain easing, and what exactly was done in each session.

The page composes its parts: the Overview tab (numbers and charts, :mod:`hipcoach.ui.history_overview`), the Sessions
tab (the list, :mod:`hipcoach.ui.history_list`, and here the chosen session's exercises with its target against what was
done, per side, the pain ratings and the note), and the report and export (:mod:`hipcoach.ui.history_files`). Mistakes
can be put right (a pain rating typed wrong, a session recorded by accident), never silently: deleting asks first.

Everything is computed from the store through the Qt-free statistics on each :meth:`HistoryView.refresh`; the panel
keeps no numbers of its own, so it can never disagree with the report or the export. A history opened read-only (a
newer version's file, a read-only folder) is shown in full with the editing controls off and a line saying why; a
store notice (a damaged file replaced by a backup) is shown as a banner.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, tzinfo
from typing import Final

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.history import LATEST_VERSION, ExerciseRow, HistoryError, HistoryLocked, HistoryStore, SessionRow
from hipcoach.core.history.tally import Counts
from hipcoach.core.stats import DEFAULT_GOAL, GOAL_RANGE, check_goal
from hipcoach.core.wording import amount_text, recorded_side_text
from hipcoach.ui.charts.table import TextTableModel
from hipcoach.ui.design import BODY, CAPTION, PAGE_MARGINS, SPACE_L, SPACE_M, SPACE_XL, TITLE
from hipcoach.ui.history_exercises import ExerciseTable, laid_out
from hipcoach.ui.history_files import AskSavePath, HistoryFiles
from hipcoach.ui.history_list import SessionListModel, SessionsSplitter, SessionTable, row_height
from hipcoach.ui.history_overview import HistoryOverview
from hipcoach.ui.plan_words import SORE_DAY_NOTE, SessionPlans
from hipcoach.ui.report_tables import (
    attempt_rows,
    counts_text,
    earlier_attempts_text,
    exercise_name,
    exercise_names,
    exercising_words,
    pain_text,
    result_text,
    routine_text,
    sharp_pain_text,
    status_counts,
    trial_text,
    when_text,
)
from hipcoach.ui.screen_fit import only_the_shown_tab_counts, scrolling
from hipcoach.ui.widgets import ACCENT_WARNING, set_font, text_label

NOT_RATED: Final = -1  # the pain spin boxes' "Not rated" value
EXERCISE_HEADERS: Final = ("Exercise", "Side", "Target", "Done", "Result")
NO_SESSION: Final = "Choose a session in the list to see its exercises."

LOCKED_RETRY_MS: Final = 2000


def _pain_spin(name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(NOT_RATED, 10)
    spin.setSpecialValueText("Not rated")
    spin.setAccessibleName(name)
    spin.setToolTip(f"{name}: 0 (no pain) to 10 (worst), or Not rated")
    set_font(spin, BODY)
    spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("Not rated") + 48)
    return spin


def _table(model: QAbstractTableModel, name: str, table: QTableView | None = None) -> QTableView:
    table = table or QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # arrows move between cells; Tab leaves the table, or it is a keyboard trap
    table.setWordWrap(False)
    table.verticalHeader().hide()
    set_font(table, CAPTION)
    table.verticalHeader().setDefaultSectionSize(row_height(table))
    return table


class HistoryView(HistoryOverview, HistoryFiles):
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
        self._plans = SessionPlans()
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
        self.banner_label = text_label(scale=CAPTION, name="History notice")
        banner_layout = QVBoxLayout(self.banner)
        banner_layout.setContentsMargins(SPACE_L, SPACE_M, SPACE_L, SPACE_M)
        banner_layout.addWidget(self.banner_label)
        self.read_only_label = text_label(scale=CAPTION, bold=True, name="Read-only history")
        self.status_label = text_label(scale=CAPTION, name="History status")
        self.status_label.hide()

        # Two pages rather than one crowded screen: the charts need the width to be read at a glance, and so
        # does the list of sessions with its detail.
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        set_font(self.tabs.tabBar(), BODY, bold=True)
        self.tabs.addTab(self._build_overview(), "Overview")
        self.tabs.addTab(self._build_sessions(), "Sessions")
        only_the_shown_tab_counts(self.tabs)  # the list of sessions held the Overview too tall for 864x486

        root = QVBoxLayout(self)
        root.setContentsMargins(*PAGE_MARGINS)
        root.setSpacing(SPACE_M)
        root.addLayout(self._build_header())
        for line in (self.banner, self.read_only_label, self.status_label):
            root.addWidget(line)
        root.addWidget(self.tabs, 1)

    def _build_header(self) -> QBoxLayout:
        title = text_label("History", scale=TITLE, bold=True, wrap=False, name="History")
        self.goal_spin = QSpinBox()
        self.goal_spin.setRange(*GOAL_RANGE)
        self.goal_spin.setValue(self.goal)
        self.goal_spin.setSuffix(" sessions a week")
        self.goal_spin.setAccessibleName("Weekly goal")
        self.goal_spin.setToolTip("How many sessions a week you aim for (the article advises three to four)")
        set_font(self.goal_spin, BODY)
        self.goal_spin.valueChanged.connect(self._goal_spin_changed)
        goal_label = text_label("Weekly goal:", scale=BODY, wrap=False)
        goal_label.setBuddy(self.goal_spin)
        self.report_button = QPushButton("Report for my physiotherapist…")
        self.report_button.setAccessibleName("Report for my physiotherapist")
        self.report_button.setToolTip("Save a PDF of your sessions, goal, exercises and pain for a period you choose")
        set_font(self.report_button, BODY, bold=True)
        self.report_button.setMinimumHeight(44)
        self.report_button.clicked.connect(self.make_report)
        self.export_button = QPushButton("Export\u2026")
        self.export_button.setAccessibleName("Export my history")
        self.export_button.setToolTip(
            "Save all your sessions as a file: CSV for a spreadsheet, or JSON to bring into hipcoach on another"
            " computer"
        )
        set_font(self.export_button, BODY)
        self.export_button.setMinimumHeight(44)
        self.export_button.clicked.connect(self.make_export)
        first, second = QHBoxLayout(), QHBoxLayout()
        first.addWidget(title)
        first.addStretch(1)
        first.addWidget(goal_label)
        first.addWidget(self.goal_spin)
        second.addStretch(1)
        second.addWidget(self.report_button)
        second.addWidget(self.export_button)
        self.header = header = QBoxLayout(QBoxLayout.Direction.LeftToRight)  # two rows on a narrow page (reflow)
        header.setSpacing(SPACE_XL)
        header.addLayout(first, 1)
        header.addLayout(second)
        return header

    def _build_sessions(self) -> SessionsSplitter:
        self.session_model = SessionListModel(self._session_counts, self._tz, self)
        self.session_table = table = SessionTable()
        _table(self.session_model, "Sessions, newest first", table)
        table.horizontalHeader().setToolTip("Exercises by result: done / partly done / skipped / not reached")
        self.session_model.modelReset.connect(table.fit_columns)
        table.fit_columns()
        self.session_table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        detail = self._build_detail()
        self.sessions_splitter = SessionsSplitter(table, detail, self._detail_width)
        return self.sessions_splitter

    def _detail_width(self) -> int:
        """The width the chosen session's detail asks for beside the list: a usual row with the longest result on
        one line, and its lines below the table (the pain ratings)."""
        detail = self.exercise_table.parentWidget()
        held = detail.minimumSizeHint().width() if detail is not None else 0
        return max(self.exercise_table.wanted_width() + SPACE_M, held)

    def _build_detail(self) -> QWidget:
        self.detail_title = text_label(NO_SESSION, scale=BODY, bold=True, name="Session")
        self.detail_info = text_label(scale=CAPTION, name="Session details")
        self.exercise_model = TextTableModel(EXERCISE_HEADERS, [], self, numeric=(2, 3))
        # each column as wide as its words, the result taking what is left: a wide name column left a blank
        # strip between the names and their numbers, and cut names short on a narrow page
        self.exercise_table = ExerciseTable()
        _table(self.exercise_model, "Exercises of this session: target against done", self.exercise_table)
        self.exercise_table.setup()
        self.exercise_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.pain_before_spin = _pain_spin("Pain before")
        self.pain_after_spin = _pain_spin("Pain after")
        self.save_pain_button = QPushButton("Save pain ratings")
        self.save_pain_button.setToolTip("Correct this session's pain ratings")
        set_font(self.save_pain_button, CAPTION)
        self.save_pain_button.clicked.connect(self.save_pain)
        pain_row = QHBoxLayout()
        for text, spin in (("Pain before:", self.pain_before_spin), ("after:", self.pain_after_spin)):
            label = text_label(text, scale=BODY, wrap=False)
            label.setBuddy(spin)
            pain_row.addWidget(label)
            pain_row.addWidget(spin)
        pain_row.addStretch(1)
        self.note_label = text_label(scale=CAPTION, name="Note")
        self.delete_button = QPushButton("Delete this session…")
        self.delete_button.setAccessibleName("Delete this session")
        self.delete_button.setToolTip("Remove this session and its exercises from your history (asks first)")
        set_font(self.delete_button, CAPTION)
        self.delete_button.clicked.connect(self.delete_current)
        detail = QWidget()
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(SPACE_M, 0, 0, 0)
        layout.addWidget(self.detail_title)
        layout.addWidget(self.detail_info)
        layout.addWidget(self.exercise_table, 1)
        layout.addLayout(pain_row)
        layout.addWidget(self.save_pain_button, 0, Qt.AlignmentFlag.AlignLeft)  # under the ratings: a narrow detail
        layout.addWidget(self.note_label)
        layout.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignLeft)
        return scrolling(detail, name="Chosen session")  # below the list on a small screen, it scrolls

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
        info = f"{exercising_words(session)} · {counts_text(status_counts(exercises))} · pain {pain_text(session)}"
        info = laid_out(info)  # broken only after a dot: "· 1" / "earlier attempt", "pain 10" / "→ 10" read badly
        more = (
            trial_text(session),
            SORE_DAY_NOTE if session.sore_day else "",
            self._plans.text(self.store, session, self.names),
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
                    recorded_side_text(row.side),
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
