"""Settings → Reminders on a real window, saving to the real settings file of the test's data folder, and turning
reminders on and off writing and removing the real autostart entry (docs/reminders.md)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from pytestqt.qtbot import QtBot

from hipcoach.core.autostart import ENTRY_NAME
from hipcoach.core.results import SessionSummary
from hipcoach.core.settings import Settings, load_settings
from hipcoach.ui import window_menus
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.reminders_page import NO_DAY, USUAL_ROUTINE, RemindersPage
from hipcoach.ui.session_controller import SessionController
from hipcoach.ui.settings_dialog import SettingsDialog
from hipcoach.ui.summary_view import SessionReport
from tests.factories import FakeClock
from tests.tools import require_tool
from tests.ui.rig import three_exercises


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.delenv("FLATPAK_ID", raising=False)
    return home


@pytest.fixture
def background_starts(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The reminders' background process is not started by these tests (tests/ui/test_background_mode.py runs it)."""
    starts: list[bool] = []

    def start() -> bool:
        starts.append(True)
        return True

    monkeypatch.setattr(window_menus, "start_background", start)
    return starts


@pytest.fixture
def window(qtbot: QtBot, config_home: Path, background_starts: list[bool]) -> Iterator[MainWindow]:
    controller = SessionController(clock=FakeClock(1000.0))
    window = MainWindow(controller, Settings(first_run_notice_seen=True), restore_geometry=False)
    qtbot.addWidget(window)
    window.set_routines([three_exercises()])
    window.show()
    yield window


def open_page(window: MainWindow) -> tuple[SettingsDialog, RemindersPage]:
    window.reminders_entry.trigger()
    dialog = window.settings_dialog
    assert dialog is not None and dialog.isVisible()
    page = dialog.current_page()
    assert isinstance(page, RemindersPage)
    return dialog, page


def test_reminders_are_off_and_the_days_come_from_the_weekly_goal(window: MainWindow) -> None:
    dialog, page = open_page(window)
    assert not page.on.isChecked()
    ticked = [row.chosen.text() for row in page.days if row.chosen.isChecked()]
    assert ticked == ["Monday", "Wednesday", "Friday"]
    assert all(row.at.time() == QTime(18, 0) for row in page.days)
    assert not page.days[0].isEnabled() and not page.routine.isEnabled()
    assert page.routine.currentText() == USUAL_ROUTINE
    dialog.reject()


def test_turning_reminders_on_saves_the_days_and_writes_a_valid_login_entry(
    window: MainWindow, config_home: Path, background_starts: list[bool]
) -> None:
    dialog, page = open_page(window)
    page.on.setChecked(True)
    page.days[2].chosen.setChecked(False)  # not Wednesday
    page.days[5].chosen.setChecked(True)
    page.days[5].at.setTime(QTime(9, 30))  # Saturday morning
    page.routine.setCurrentIndex(page.routine.findData(three_exercises().id))
    dialog.accept()
    assert not dialog.isVisible()
    expected = ((0, time(18)), (4, time(18)), (5, time(9, 30)))
    saved = load_settings()
    assert saved.reminders_on and saved.reminder_times == expected
    assert saved.reminder_routine == three_exercises().id
    assert window.settings == saved
    assert background_starts == [True]  # the reminders start now, not only at the next login

    entry = config_home / "autostart" / ENTRY_NAME
    text = entry.read_text(encoding="utf-8")
    assert "Exec=hipcoach --background\n" in text
    tool = require_tool("desktop-file-validate")
    result = subprocess.run([tool, str(entry)], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr

    dialog, page = open_page(window)
    assert [row.chosen.isChecked() for row in page.days] == [True, False, False, False, True, True, False]
    page.on.setChecked(False)
    dialog.accept()
    assert not load_settings().reminders_on
    assert not entry.exists()
    assert (config_home / "autostart").is_dir()  # the desktop's folder stays


def test_the_suggested_days_are_kept_once_reminders_are_on(window: MainWindow) -> None:
    dialog, page = open_page(window)
    page.on.setChecked(True)
    dialog.accept()
    assert load_settings().reminder_times == ((0, time(18)), (2, time(18)), (4, time(18)))
    window.change_settings(weekly_goal=5)  # a new goal no longer moves days the user has seen and kept
    assert window.settings.reminder_schedule().times.keys() == {0, 2, 4}


def test_on_without_a_day_is_not_saved_and_the_page_says_why(window: MainWindow, config_home: Path) -> None:
    dialog, page = open_page(window)
    page.on.setChecked(True)
    for row in page.days:
        row.chosen.setChecked(False)
    dialog.accept()
    assert dialog.isVisible() and page.warning.isVisibleTo(page) and page.warning.text() == NO_DAY
    assert not load_settings().reminders_on
    assert not (config_home / "autostart" / ENTRY_NAME).exists()
    dialog.reject()


def test_a_login_entry_that_cannot_be_written_is_said_and_the_setting_kept(
    window: MainWindow, config_home: Path
) -> None:
    config_home.mkdir()
    (config_home / "autostart").write_text("not a folder", encoding="utf-8")
    dialog, page = open_page(window)
    page.on.setChecked(True)
    dialog.accept()
    assert load_settings().reminders_on
    assert "Could not change the start at login" in window.statusBar().currentMessage()


def test_the_page_fits_a_small_screen(window: MainWindow, qtbot: QtBot, artifacts_dir: Path) -> None:
    window.resize(1024, 600)
    dialog, page = open_page(window)
    page.on.setChecked(True)
    dialog.resize(dialog.sizeHint())
    qtbot.waitExposed(dialog)
    assert dialog.sizeHint().height() <= 600 and dialog.sizeHint().width() <= 1024
    assert page.minimumSizeHint().height() <= page.height()
    dialog.grab().save(str(artifacts_dir / "settings-reminders.png"))
    dialog.reject()


def report(*, completed: bool = True, time_scale: float = 1.0) -> SessionReport:
    summary = SessionSummary(results=(), completed=completed, active_seconds=600.0, elapsed_seconds=600.0)
    return SessionReport(three_exercises(), summary, real_seconds=600.0, time_scale=time_scale)


def test_reminders_are_offered_once_after_the_first_completed_session(
    window: MainWindow, qtbot: QtBot, artifacts_dir: Path
) -> None:
    for not_yet in (report(completed=False), report(time_scale=10.0)):  # stopped early; a trial run
        window.summary_shown.emit(not_yet)
        assert window.reminder_offer.banner is None
    assert not load_settings().reminders_offered

    window.summary_shown.emit(report())
    banner = window.reminder_offer.banner
    assert banner is not None and banner.isVisibleTo(window.chooser)
    assert window.focusWidget() is not banner.set_up_button  # the summary keeps its keys
    assert load_settings().reminders_offered  # offered once: not again at the next start
    window.resize(1024, 600)
    window.show_chooser()
    qtbot.waitUntil(banner.isVisible)
    window.grab().save(str(artifacts_dir / "reminder-offer.png"))
    qtbot.mouseClick(banner.set_up_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    dialog = window.settings_dialog
    assert dialog is not None and isinstance(dialog.current_page(), RemindersPage)
    assert not load_settings().reminders_on  # nothing is on until the user saves the page
    dialog.reject()

    window.summary_shown.emit(report())
    assert window.reminder_offer.banner is banner and not banner.isVisible()
