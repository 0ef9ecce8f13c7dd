"""The History panel with realistic seeded data, driven through qtbot."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle
from pytestqt.qtbot import QtBot

from hipcoach.core import files
from hipcoach.core.history import LATEST_VERSION, HistoryStore, SessionRow, open_history
from hipcoach.core.model import Side
from hipcoach.core.results import ExerciseResult, SideResult, Status
from hipcoach.core.stats import overview, session_days
from hipcoach.core.wording import amount_text
from hipcoach.ui.charts.heatmap import CalendarHeatmap
from hipcoach.ui.history_files import EXPORT_FILTERS, save_folder
from hipcoach.ui.history_view import NO_SESSION, NOT_RATED, HistoryView
from tests.display import artifacts_dir
from tests.history_seed import seed_history
from tests.tools import REPO_ROOT

TODAY = date(2026, 3, 18)
NAMES = {"bridge": "Bridge", "clamshells": "Clamshells"}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with open_history(tmp_path / "history.sqlite3") as opened:
        seed_history(opened, days=183, start=TODAY - timedelta(days=182), seed=4)
        yield opened


def make_view(qtbot: QtBot, store: HistoryStore, **kwargs: object) -> HistoryView:
    view = HistoryView(store, today=lambda: TODAY, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def per_side_session(store: HistoryStore) -> SessionRow:
    """The newest session with an exercise done on both sides and one partly done."""
    for session in store.sessions():
        _, rows = store.session_detail(session.id)
        if any(row.side == "left" for row in rows) and any(row.status == "partial" for row in rows):
            return session
    raise AssertionError("the seed has no session with sides and a partial exercise")


def test_lists_every_session_newest_first(qtbot: QtBot, store: HistoryStore) -> None:
    view = make_view(qtbot, store)
    sessions = store.sessions()
    assert 60 < len(sessions) < 120  # about 3.5 a week for 26 weeks
    model = view.session_model
    assert model.rowCount() == len(sessions)
    assert model.session_at(0).id == sessions[0].id
    newest = sessions[0]
    assert model.text(0, 1).startswith(newest.routine_name)
    assert model.text(0, 2) == str(round(newest.active_minutes))
    _, rows = store.session_detail(newest.id)
    statuses = {row.entry_index: row.status for row in rows}
    expected = [
        sum(1 for s in statuses.values() if s == status)
        for status in ("completed", "partial", "skipped", "not_reached")
    ]
    assert model.text(0, 3) == " / ".join(map(str, expected))


def test_tiles_and_charts_show_the_statistics(qtbot: QtBot, store: HistoryStore) -> None:
    view = make_view(qtbot, store, goal=4)
    numbers = overview(session_days(store.sessions()), TODAY, goal=4)
    assert view.tiles["streak"].value_label.text() == f"{numbers.current_streak} week" + (
        "" if numbers.current_streak == 1 else "s"
    )
    assert view.tiles["week"].value_label.text() == f"{round(numbers.minutes_this_week):,}"
    assert view.tiles["month"].value_label.text() == f"{round(numbers.minutes_this_month):,}"
    assert view.tiles["month"].accessibleName().startswith("minutes this month: ")
    assert view.heatmap.chart_widget.accessibleDescription() == CalendarHeatmap(numbers.calendar, TODAY).summary()
    assert view.bars.chart_widget.accessibleDescription().startswith(
        f"{sum(week.sessions for week in numbers.weeks)} counted sessions in the last 12 weeks. Goal of 4 a week"
    )
    assert "Weekly average pain" in view.pain.summary_label.text()


def test_choosing_a_session_shows_target_against_actual_per_side(qtbot: QtBot, store: HistoryStore) -> None:
    view = make_view(qtbot, store)
    assert view.detail_title.text() == NO_SESSION
    assert not view.delete_button.isEnabled()
    session = per_side_session(store)
    view.tabs.setCurrentIndex(1)
    row = view.session_model.row_of(session.id)
    assert row is not None
    view.session_table.scrollTo(view.session_model.index(row, 0))
    rect = view.session_table.visualRect(view.session_model.index(row, 0))
    qtbot.mouseClick(view.session_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.current_session() is not None and view.current_session().id == session.id  # type: ignore[union-attr]
    _, rows = store.session_detail(session.id)
    model = view.exercise_model
    assert model.rowCount() == len(rows)
    shown = [tuple(model.cell(r, c) for c in range(5)) for r in range(model.rowCount())]
    sides = {cells[1] for cells in shown}
    assert {"Left", "Right"} <= sides
    partial = next(row for row in rows if row.status == "partial" and row.actual < row.target)
    index = rows.index(partial)
    assert shown[index][2] == amount_text(partial.target, partial.unit)
    assert shown[index][3] == amount_text(partial.actual, partial.unit)
    assert shown[index][4] == "Partly done"
    assert shown[index][0][0].isupper()  # a name, not an id
    assert session.routine_name in view.detail_title.text()
    expected_before = NOT_RATED if session.pain_before is None else session.pain_before
    assert view.pain_before_spin.value() == expected_before
    assert view.delete_button.isEnabled()


def test_an_exercise_stopped_for_sharp_pain_is_marked(qtbot: QtBot, store: HistoryStore) -> None:
    session = per_side_session(store)
    _, rows = store.session_detail(session.id)
    partial = next(row for row in rows if row.status == "partial")
    sides = tuple(
        SideResult(None if row.side is None else Side(row.side), row.target, row.actual, row.sets_target, 0)
        for row in rows
        if row.entry_index == partial.entry_index
    )
    stopped = ExerciseResult(partial.entry_index, partial.exercise_id, Status.PARTIAL, sides, sharp_pain=True)
    store.record_exercise(session.id, stopped, partial.unit)
    view = make_view(qtbot, store)
    view.select_session(session.id)
    model = view.exercise_model
    results = [model.cell(r, 4) for r in range(model.rowCount())]
    assert results.count("Partly done · stopped: sharp pain") == len(sides)
    name = view.names.get(partial.exercise_id) or partial.exercise_id.replace("-", " ").capitalize()
    assert view.detail_info.text().endswith(f"\nStopped for sharp pain: {name}.")


def test_every_attempt_of_a_repeated_exercise_is_shown_the_last_as_the_result(qtbot: QtBot, tmp_path: Path) -> None:
    with open_history(tmp_path / "history.sqlite3") as store:
        session_id = store.start_session("strength", "Strength", 1.0, datetime(2026, 3, 17, 8, 0, tzinfo=UTC))
        for left, right in ((8, 6), (1, 0)):
            sides = (SideResult(Side.LEFT, 10, left, 2, 1), SideResult(Side.RIGHT, 10, right, 2, 0))
            store.record_exercise(session_id, ExerciseResult(0, "clamshells", Status.PARTIAL, sides), "reps")
        store.end_session(session_id, "stopped", datetime(2026, 3, 17, 8, 9, tzinfo=UTC), 540.0, 500.0)
        view = make_view(qtbot, store, names=NAMES)
        view.select_session(session_id)
        model = view.exercise_model
        shown = [tuple(model.cell(r, c) for c in range(5)) for r in range(model.rowCount())]
    assert shown == [
        ("Clamshells", "Left", "10 reps", "8 reps", "Earlier attempt: partly done"),
        ("Clamshells", "Right", "10 reps", "6 reps", "Earlier attempt: partly done"),
        ("Clamshells", "Left", "10 reps", "1 rep", "Partly done"),
        ("Clamshells", "Right", "10 reps", "0 reps", "Partly done"),
    ]
    assert "Earlier attempt at Clamshells: left 8 of 10 reps, right 6 of 10 reps (partly done)." in (
        view.detail_info.text()
    )


def test_a_trial_run_is_listed_as_such_and_counts_in_no_statistic(qtbot: QtBot, store: HistoryStore) -> None:
    view = make_view(qtbot, store)
    tiles = {name: tile.value_label.text() for name, tile in view.tiles.items()}
    bars = view.bars.chart_widget.accessibleDescription()
    started = datetime.combine(TODAY, datetime.min.time()).astimezone() + timedelta(hours=20)
    session_id = store.start_session("strength", "Strength", 10.0, started)
    done = ExerciseResult(0, "bridge", Status.COMPLETED, (SideResult(None, 10, 10, 2, 2),))
    store.record_exercise(session_id, done, "reps")
    store.end_session(session_id, "completed", started + timedelta(seconds=76), 76.0, 780.0)
    view.refresh()
    assert {name: tile.value_label.text() for name, tile in view.tiles.items()} == tiles
    assert view.bars.chart_widget.accessibleDescription() == bars
    row = view.session_model.row_of(session_id)
    assert row == 0
    assert view.session_model.text(0, 1) == "Trial run: Strength"
    view.select_session(session_id)
    assert "Trial run, 10 times faster: not counted in your statistics, goal or report." in (
        view.detail_info.text().splitlines()
    )


def test_a_trial_run_stays_recognisable_in_a_narrow_list(qtbot: QtBot, store: HistoryStore) -> None:
    """The list's routine column is cut short at its end; what is left of a stopped trial run still says so."""
    view = make_view(qtbot, store)
    view.resize(view.minimumSizeHint().width(), 800)
    view.tabs.setCurrentIndex(1)
    started = datetime.combine(TODAY, datetime.min.time()).astimezone() + timedelta(hours=20)
    session_id = store.start_session("gentle-mobility", "Gentle Mobility", 4.0, started)
    store.end_session(session_id, "stopped", started + timedelta(seconds=47), 47.0, 134.0)
    view.refresh()
    row = view.session_model.row_of(session_id)
    assert row is not None
    table = view.session_table
    qtbot.waitUntil(lambda: table.isVisible() and table.horizontalHeader().sectionSize(1) > 0)
    index = view.session_model.index(row, 1)
    font = view.session_model.data(index, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1  # the item view's padding
    room = table.visualRect(index).width() - 2 * margin
    shown = QFontMetrics(font).elidedText(view.session_model.text(row, 1), table.textElideMode(), room)
    assert "Trial run" in shown, shown
    assert view.session_model.data(view.session_model.index(row + 1, 1), Qt.ItemDataRole.FontRole) is None


def test_delete_asks_and_only_deletes_on_yes(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = make_view(qtbot, store)
    count = view.session_model.rowCount()
    victim = store.sessions()[3]
    view.select_session(victim.id)
    asked: list[int] = []

    def answer(value: bool) -> Callable[[SessionRow], bool]:
        def confirm(session: SessionRow) -> bool:
            asked.append(session.id)
            return value

        return confirm

    monkeypatch.setattr(view, "confirm_delete", answer(False))
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert asked == [victim.id]
    assert store.session(victim.id) == victim
    assert view.session_model.rowCount() == count

    monkeypatch.setattr(view, "confirm_delete", answer(True))
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert asked == [victim.id, victim.id]
    assert victim.id not in {session.id for session in store.sessions()}
    assert view.session_model.rowCount() == count - 1
    assert view.session_model.row_of(victim.id) is None
    assert "Deleted the session" in view.status_text()
    assert view.current_session() is not None  # the next one is chosen, ready for another look


def test_pain_correction_is_saved_in_the_store(qtbot: QtBot, store: HistoryStore) -> None:
    view = make_view(qtbot, store)
    session = store.sessions()[1]
    view.select_session(session.id)
    view.pain_before_spin.setValue(7)
    view.pain_after_spin.setValue(NOT_RATED)
    assert view.pain_after_spin.text() == "Not rated"
    qtbot.mouseClick(view.save_pain_button, Qt.MouseButton.LeftButton)
    stored = store.session(session.id)
    assert (stored.pain_before, stored.pain_after) == (7, None)
    assert stored.note == session.note
    row = view.session_model.row_of(session.id)
    assert row is not None
    assert view.session_model.text(row, 4) == "7 → —"
    assert view.current_session() is not None and view.current_session().id == session.id  # type: ignore[union-attr]
    assert "Pain ratings saved" in view.status_text()


def test_read_only_history_is_shown_with_edits_off(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "newer" / "history.sqlite3"
    path.parent.mkdir()
    with open_history(path) as first:
        seed_history(first, days=30, start=TODAY - timedelta(days=29), seed=2)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    with open_history(path) as newer:
        assert newer.read_only
        view = make_view(qtbot, newer)
        assert view.session_model.rowCount() == len(newer.sessions()) > 0
        view.select_row(0)
        assert view.current_session() is not None
        for widget in (view.delete_button, view.save_pain_button, view.pain_before_spin, view.pain_after_spin):
            assert not widget.isEnabled()
        assert view.read_only_label.isVisible()
        assert "newer version of hipcoach" in view.read_only_label.text()
        assert view.banner.isVisible()
        assert view.banner_label.text() == newer.notice
        assert view.report_button.isEnabled()  # reading is all a report needs


def test_store_notice_is_a_banner(qtbot: QtBot, store: HistoryStore) -> None:
    store.notice = "The history file was damaged; it was moved aside and yesterday's backup was restored."
    view = make_view(qtbot, store)
    assert view.banner.isVisible()
    assert view.banner_label.text() == store.notice
    assert not view.read_only_label.isVisible()


def test_empty_history(qtbot: QtBot, tmp_path: Path) -> None:
    with open_history(tmp_path / "empty.sqlite3") as empty:
        view = make_view(qtbot, empty)
        assert view.session_model.rowCount() == 0
        assert view.detail_title.text() == NO_SESSION
        assert not view.banner.isVisible()
        assert view.heatmap.summary_label.text() == "No exercise recorded in the last 12 months."
        assert view.tiles["streak"].value_label.text() == "0 weeks"


def test_goal_spin_box_changes_the_goal_and_says_so(qtbot: QtBot, store: HistoryStore) -> None:
    view = make_view(qtbot, store)
    with qtbot.waitSignal(view.goal_changed) as changed:
        view.goal_spin.setValue(5)
    assert changed.args == [5]
    assert view.goal == 5
    assert "Goal of 5 a week" in view.bars.summary_label.text()
    view.set_goal(2)  # from the settings: no signal back
    assert view.goal_spin.value() == 2
    assert "Goal of 2 a week" in view.bars.summary_label.text()


def test_refresh_picks_up_new_sessions(qtbot: QtBot, store: HistoryStore) -> None:
    view = make_view(qtbot, store)
    before = view.session_model.rowCount()
    seed_history(store, days=7, start=TODAY - timedelta(days=6), seed=99, sessions_per_week=7)
    view.refresh()
    assert view.session_model.rowCount() == before + 7


def test_session_list_model_passes_the_model_tester(qtbot: QtBot, store: HistoryStore, qtmodeltester: object) -> None:
    view = make_view(qtbot, store)
    qtmodeltester.check(view.session_model)  # type: ignore[attr-defined]


def test_report_button_asks_period_and_file_then_writes_the_pdf(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = make_view(qtbot, store)
    target = tmp_path / "for my physio.pdf"
    suggested: list[Path] = []
    monkeypatch.setattr(view, "ask_report_period", lambda: "Last 3 months")

    def ask_path(proposal: Path) -> Path:
        suggested.append(proposal)
        return target

    monkeypatch.setattr(view, "ask_report_path", ask_path)
    with qtbot.waitSignal(view.report_written) as written:
        qtbot.mouseClick(view.report_button, Qt.MouseButton.LeftButton)
    assert written.args == [target]
    assert suggested[0].name == "hipcoach-report-2025-12-19-to-2026-03-18.pdf"
    assert target.read_bytes().startswith(b"%PDF")
    assert "saved as" in view.status_text()


def test_report_cancelled_writes_nothing(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = make_view(qtbot, store)
    monkeypatch.setattr(view, "ask_report_period", lambda: None)
    monkeypatch.setattr(view, "ask_report_path", lambda _: pytest.fail("no file asked after a cancel"))
    assert view.make_report() is None
    monkeypatch.setattr(view, "ask_report_period", lambda: "All my history")
    monkeypatch.setattr(view, "ask_report_path", lambda _: None)
    assert view.make_report() is None
    assert not list(tmp_path.glob("*.pdf"))


def test_report_error_is_shown(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = make_view(qtbot, store)
    monkeypatch.setattr(view, "ask_report_period", lambda: "Last 4 weeks")
    monkeypatch.setattr(view, "ask_report_path", lambda _: tmp_path / "no such folder" / "r.pdf")
    assert view.make_report() is None
    assert view.status_text() == (
        f"The report could not be saved as {tmp_path / 'no such folder' / 'r.pdf'}: No such file or directory."
    )


# -- the export and the save dialogs ------------------------------------------------------------------------------


class SaveDialog:
    """Stands in for QFileDialog.getSaveFileName: records what it was shown and answers like the user would."""

    def __init__(self, answer: Path | None, chosen_filter: str = "") -> None:
        self.answer = answer
        self.chosen_filter = chosen_filter
        self.shown: list[tuple[str, str, str]] = []  # (title, suggested path, filters)
        self.parents: list[object] = []

    def __call__(self, parent: object, title: str, suggested: str, filters: str) -> tuple[str, str]:
        self.parents.append(parent)
        self.shown.append((title, suggested, filters))
        return ("" if self.answer is None else str(self.answer)), self.chosen_filter


def cli_export(kind: str, target: Path, data_dir: Path) -> None:
    """``hipcoach export`` as a real process on the same history file."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "HIPCOACH_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-m", "hipcoach", "export", "--format", kind, "--output", str(target)],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_export_button_writes_the_csv_of_hipcoach_export(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No ending typed: the chosen file type decides, and gives the ending."""
    monkeypatch.chdir(tmp_path)
    dialog = SaveDialog(tmp_path / "my sessions", EXPORT_FILTERS["csv"])
    view = make_view(qtbot, store, ask_save_path=dialog)
    with qtbot.waitSignal(view.export_written) as written:
        qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "my sessions.csv"
    assert written.args == [target]
    title, suggested, filters = dialog.shown[0]
    assert title == "Export my history"
    assert dialog.parents == [view]  # on top of the window, not a free-floating dialog
    assert Path(suggested) == save_folder() / "hipcoach-history-2026-03-18.csv"
    assert Path(suggested).parent != Path.cwd()
    assert filters.split(";;") == list(EXPORT_FILTERS.values())
    cli_export("csv", tmp_path / "cli.csv", store.path.parent)
    assert target.read_bytes() == (tmp_path / "cli.csv").read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    sessions = len(store.sessions())
    assert view.status_text() == f"{sessions} sessions exported to {target}."


def test_export_button_writes_the_json_of_hipcoach_export(qtbot: QtBot, store: HistoryStore, tmp_path: Path) -> None:
    """A ".json" ending wins over the file type left chosen in the dialog."""
    target = tmp_path / "for my other computer.JSON"
    view = make_view(qtbot, store, ask_save_path=SaveDialog(target, EXPORT_FILTERS["csv"]))
    assert view.make_export() == target
    cli_export("json", tmp_path / "cli.json", store.path.parent)
    ours, theirs = (json.loads(path.read_text(encoding="utf-8")) for path in (target, tmp_path / "cli.json"))
    assert ours.pop("exported_at") <= theirs.pop("exported_at")  # written a moment apart, otherwise the same
    assert ours == theirs
    assert len(ours["sessions"]) == len(store.sessions())


def test_export_cancelled_writes_nothing(qtbot: QtBot, store: HistoryStore, tmp_path: Path) -> None:
    view = make_view(qtbot, store, ask_save_path=SaveDialog(None))
    assert view.make_export() is None
    assert not list(tmp_path.glob("*.csv"))
    assert view.status_text() == ""


def test_export_errors_name_the_file_and_never_touch_the_history(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path
) -> None:
    missing = tmp_path / "no such folder" / "export.csv"
    view = make_view(qtbot, store, ask_save_path=SaveDialog(missing))
    assert view.make_export() is None
    assert view.status_text() == f"Your history could not be exported to {missing}: No such file or directory."
    before = store.path.read_bytes()
    # the history itself, with a CSV ending added by the file type chosen
    view._ask_save_path = SaveDialog(store.path, EXPORT_FILTERS["csv"])
    assert view.make_export() is None
    assert view.status_text().endswith("is part of the history itself. Choose another file to export to.")
    assert store.path.read_bytes() == before


def test_export_on_a_full_disk_says_so_and_keeps_the_old_file(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "export.json"
    target.write_text("last month's export", encoding="utf-8")

    def disk_full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", disk_full)
    view = make_view(qtbot, store, ask_save_path=SaveDialog(target))
    assert view.make_export() is None
    assert view.status_text() == f"Your history could not be exported to {target}: No space left on device."
    assert target.read_text(encoding="utf-8") == "last month's export"
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".export")] == []


def test_save_dialogs_open_in_documents_else_home_never_the_working_directory(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    assert save_folder(str(documents)) == documents
    for missing in ("", str(tmp_path / "no Documents yet"), "relative/Documents"):
        assert save_folder(missing) == Path.home()
    workdir = tmp_path / "started from here"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    assert save_folder() != Path.cwd()
    assert save_folder().is_absolute()
    # the report's dialog too
    dialog = SaveDialog(None)
    view = make_view(qtbot, store, ask_save_path=dialog)
    monkeypatch.setattr(view, "ask_report_period", lambda: "Last 4 weeks")
    assert view.make_report() is None
    title, suggested, filters = dialog.shown[0]
    assert (title, filters) == ("Save the report", "PDF files (*.pdf)")
    assert Path(suggested).parent == save_folder() != workdir


def test_screenshot_of_six_months(qtbot: QtBot, store: HistoryStore) -> None:
    """A picture for a person to look at (artifacts/), and a check that the panel paints something."""
    view = make_view(qtbot, store)
    view.tabs.setFocus()
    overview_image = view.grab().toImage()
    view.tabs.setCurrentIndex(1)
    view.select_row(1)
    sessions_image = view.grab().toImage()
    assert overview_image.width() == 1280 and overview_image.height() == 800
    folder = artifacts_dir()
    assert overview_image.save(str(folder / "history-panel.png"))
    assert sessions_image.save(str(folder / "history-panel-sessions.png"))
    colours = {overview_image.pixel(x, y) for x in range(0, 1280, 16) for y in range(0, 800, 16)}
    assert len(colours) > 8


def test_the_history_page_fits_a_small_screen(qtbot: QtBot, store: HistoryStore) -> None:
    """On a 1024 x 600 screen the window must fit: the History page once held it 1,210 pixels wide (the sessions
    list asked for every column). Now the list keeps the date and the routine, and shows the other columns only
    where they fit (tests/ui/test_small_screen_layout.py)."""
    view = make_view(qtbot, store)
    assert view.minimumSizeHint().width() <= 1000  # room for the window's margins on a 1024-pixel screen
    view.resize(1000, 560)
    view.tabs.setCurrentIndex(1)
    view.show()
    qtbot.waitUntil(view.session_table.isVisible)
    table = view.session_table
    assert table.horizontalHeader().sectionSize(1) >= table.fontMetrics().horizontalAdvance("Gentle Mobility")
    view.select_row(1)
    assert view.grab().save(str(artifacts_dir() / "history-sessions-1000x560.png"))


def test_tab_and_shift_tab_leave_every_table_of_the_page(qtbot: QtBot, store: HistoryStore) -> None:
    """Arrow keys move inside a table; Tab and Shift+Tab must take the keyboard on to the rest of the page (the
    weekly goal, the report, delete), or a keyboard user is trapped in the sessions list or a chart's table."""
    from PySide6.QtWidgets import QAbstractItemView, QApplication  # noqa: PLC0415

    view = make_view(qtbot, store)
    for panel in (view.heatmap, view.bars, view.pain):
        panel.toggle.setChecked(True)  # "Show as table"
    tables = view.findChildren(QAbstractItemView)
    assert {view.session_table, view.exercise_table, view.heatmap.table, view.pain.table} <= set(tables)
    for table in tables:
        assert not table.tabKeyNavigation(), table.accessibleName()
    for table in (view.session_table, view.heatmap.table, view.bars.table, view.pain.table):
        tab = next(i for i in range(view.tabs.count()) if view.tabs.widget(i).isAncestorOf(table))
        view.tabs.setCurrentIndex(tab)
        for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            table.window().activateWindow()
            table.setFocus()
            if table.model().rowCount():
                table.setCurrentIndex(table.model().index(0, 0))
            qtbot.waitUntil(table.hasFocus)
            qtbot.keyClick(table, key)
            focus = QApplication.focusWidget()
            assert focus is not table and not table.isAncestorOf(focus), (table.accessibleName(), key)


def test_one_minute_of_exercise_is_one_minute_not_one_minutes(qtbot: QtBot, tmp_path: Path) -> None:
    with open_history(tmp_path / "history.sqlite3") as store:
        started = datetime(2026, 3, 17, 8, 0, tzinfo=UTC)
        for active in (71.0, 150.0):
            session_id = store.start_session("strength", "Strength", 1.0, started)
            store.end_session(session_id, "stopped", started + timedelta(seconds=active), active, active)
            started += timedelta(hours=1)
        view = make_view(qtbot, store, names=NAMES)
        firsts = []
        for session in store.sessions():
            view.select_session(session.id)
            firsts.append(view.detail_info.text().replace("\u00a0", " ").split(" · ")[0])
    assert sorted(firsts) == ["1 minute exercising", "2 minutes exercising"]


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1000, 560)])
def test_the_session_list_shows_each_line_whole(qtbot: QtBot, store: HistoryStore, width: int, height: int) -> None:
    """The list cut "Strength (stopped)" and "Gentle Mobility (sore day)" short while the detail beside it had room
    to spare. Every routine's line fits its column at the page's default 1280x800 and on a small screen; at
    1280x800 every column of the list shows without scrolling sideways, and the list is no wider than its columns
    (no empty strip beside them), the detail taking the rest."""
    session_id = store.start_session("strength", "Strength (long)", 1.0, datetime(2026, 3, 17, 9, 0, tzinfo=UTC))
    store.end_session(session_id, "stopped", datetime(2026, 3, 17, 9, 5, tzinfo=UTC), 300, 280)
    view = make_view(qtbot, store)
    view.resize(width, height)
    view.tabs.setCurrentIndex(1)
    qtbot.waitUntil(view.session_table.isVisible)
    view.select_row(0)
    table, model = view.session_table, view.session_model
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    texts = [model.text(row, 1) for row in range(model.rowCount())]
    assert "Strength (long) (stopped)" in texts
    for text in texts:
        assert metrics.horizontalAdvance(text) + 8 <= header.sectionSize(1), text
    assert table.horizontalScrollBar().value() == 0
    visible = table.viewport().width()
    assert header.sectionViewportPosition(1) + header.sectionSize(1) <= visible  # the routine is never scrolled away
    if width == 1280:
        assert table.horizontalScrollBar().maximum() == 0, "every column shows"
        assert visible - header.length() < 4, "no empty strip right of the columns"
    folder = artifacts_dir()
    assert view.grab().save(str(folder / f"history-sessions-list-{width}x{height}.png"))
