"""``hipcoach --background`` as a real process on a private session bus with a fake notification portal: no window
(and, with no tray possible, not even Qt's GUI libraries), a reminder missed earlier today comes once at the start,
a second one is not started, ``--background --quit`` and turning reminders off end it (docs/reminders.md, "The
background mode")."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from hipcoach.core.autostart import command_line
from hipcoach.core.settings import Settings, save_settings
from hipcoach.core.settings_file import WEEKDAY_KEYS
from tests.tools import stop_process
from tests.ui.dbus_fakes import FakePortal, PrivateBus

STARTED = b"background reminders running"


def reminders_on_today() -> None:
    """Reminders on for today at midnight (UTC in the child), so one is due from the start: missed, never shown."""
    today = datetime.now(UTC).weekday()
    save_settings(Settings(reminders_on=True, reminder_times=((today, datetime.min.time()),)))
    assert WEEKDAY_KEYS[today]


def hipcoach(*args: str) -> list[str]:
    """As the window starts it ("Start now", turning reminders on): so this also tests that command line."""
    program, arguments = command_line(args)
    return [program, *arguments]


def child_env(bus: PrivateBus) -> dict[str, str]:
    env = dict(os.environ)
    env.update(DBUS_SESSION_BUS_ADDRESS=bus.address, QT_QPA_PLATFORM="offscreen", TZ="UTC")
    return env


def start(bus: PrivateBus, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(hipcoach("--background"), env=child_env(bus), stdout=out, stderr=subprocess.STDOUT)


def run(bus: PrivateBus, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(hipcoach(*args), env=child_env(bus), capture_output=True, text=True, timeout=60, check=False)


def test_the_missed_reminder_comes_once_and_quit_ends_it(bus: PrivateBus, qtbot: QtBot, tmp_path: Path) -> None:
    portal = FakePortal(bus.connect("portal"))
    reminders_on_today()
    log = tmp_path / "background.txt"
    process = start(bus, log)
    try:
        qtbot.waitUntil(lambda: portal.added == ["reminder"], timeout=30_000)
        qtbot.waitUntil(lambda: STARTED in log.read_bytes(), timeout=10_000)  # said after the reminder was sent
        loaded = Path(f"/proc/{process.pid}/maps").read_text(encoding="utf-8")
        assert "libQt6Core" in loaded and "libQt6DBus" in loaded
        assert "libQt6Gui" not in loaded and "libQt6Widgets" not in loaded  # no tray offscreen: no GUI libraries
        second = run(bus, "--background")
        assert second.returncode == 0 and "already running" in second.stdout
        assert portal.added == ["reminder"]  # the second start brought no second reminder

        ended = run(bus, "--background", "--quit")
        assert ended.returncode == 0, ended.stderr
        assert process.wait(timeout=30) == 0, log.read_text(encoding="utf-8")
    finally:
        stop_process(process)
    again = run(bus, "--background", "--quit")
    assert again.returncode == 0 and "no background reminders are running" in again.stdout


def test_turning_reminders_off_ends_the_background(bus: PrivateBus, qtbot: QtBot, tmp_path: Path) -> None:
    portal = FakePortal(bus.connect("portal"))
    reminders_on_today()
    log = tmp_path / "background.txt"
    process = start(bus, log)
    try:
        qtbot.waitUntil(lambda: portal.added == ["reminder"], timeout=30_000)
        save_settings(Settings(reminders_on=False))
        assert process.wait(timeout=30) == 0, log.read_text(encoding="utf-8")
    finally:
        stop_process(process)


def test_with_reminders_off_it_says_so_and_does_not_stay(bus: PrivateBus) -> None:
    result = run(bus, "--background")
    assert result.returncode == 0
    assert "reminders are off" in result.stderr


def test_background_takes_no_window_options(bus: PrivateBus) -> None:
    result = run(bus, "--background", "--start", "gentle-mobility")
    assert result.returncode == 2 and "--background has no window: --start" in result.stderr
    result = run(bus, "--quit")
    assert result.returncode == 2 and "--quit only goes with --background" in result.stderr
