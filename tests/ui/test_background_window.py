"""The window in the background reminders' process, with real processes (docs/reminders.md, "The window in the
background's process"): a plain launch hands "open-window" to the running background and ends at once; the
background's own process (the id in ``reminders.lock``) opens the window and holds ``hipcoach.lock``; when the window
closes it is the small background again with reminders on, and ends with them off."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hipcoach.background import Background
from hipcoach.core.autostart import command_line
from hipcoach.core.instance import BACKGROUND_LOCK_FILE, LOCK_FILE, InstanceLock, held, holder
from hipcoach.core.settings import Settings, save_settings
from tests.conftest import Run
from tests.display import x11_env
from tests.tools import require_tool, stop_process, wait_until
from tests.ui.dbus_fakes import FakePortal, PrivateBus

STARTED = b"background reminders running"


def hipcoach(*args: str) -> list[str]:
    program, arguments = command_line(args)
    return [program, *arguments]


def reminders_on_tomorrow() -> None:
    """Reminders on, none due today: the test is about the window, not the notification."""
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).weekday()
    save_settings(
        Settings(reminders_on=True, first_run_notice_seen=True, reminder_times=((tomorrow, datetime.min.time()),))
    )


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Every process a test starts, ended afterwards whatever happened (no orphans)."""
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        stop_process(process)


def start_background(env: dict[str, str], log: Path, started: list[subprocess.Popen[bytes]]) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        process = subprocess.Popen(hipcoach("--background"), env=env, stdout=out, stderr=subprocess.STDOUT)
    started.append(process)
    wait_until(lambda: STARTED in log.read_bytes(), timeout=30, what="the background to start")
    return process


def launch(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(hipcoach(*args), env=env, capture_output=True, text=True, timeout=60, check=False)


def window_open_in(process: subprocess.Popen[bytes], data: Path) -> bool:
    lock = data / LOCK_FILE
    return held(lock) and holder(lock) == process.pid


def test_a_launch_opens_the_window_in_the_background_which_comes_back_when_it_closes(
    bus: PrivateBus, hipcoach_data_dir: Path, tmp_path: Path, processes: list[subprocess.Popen[bytes]]
) -> None:
    reminders_on_tomorrow()
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus.address, "QT_QPA_PLATFORM": "offscreen", "TZ": "UTC"}
    log = tmp_path / "background.txt"
    # The window opened in the background's process paints, does the work after the paint, and closes by itself.
    process = start_background({**env, "HIPCOACH_EXIT_AFTER_PAINT": "1"}, log, processes)
    assert holder(hipcoach_data_dir / BACKGROUND_LOCK_FILE) == process.pid

    opened = launch(env)
    assert opened.returncode == 0, opened.stderr
    assert f"opening the hipcoach window (in the background reminders, process {process.pid})" in opened.stdout

    wait_until(lambda: log.read_bytes().count(STARTED) == 2, timeout=60, what="the small background again")
    text = log.read_text(encoding="utf-8")
    assert "first-paint" in text, text  # the window ran in this process, before it became the background again
    assert process.poll() is None
    assert held(hipcoach_data_dir / BACKGROUND_LOCK_FILE)
    assert holder(hipcoach_data_dir / BACKGROUND_LOCK_FILE) == process.pid
    assert not held(hipcoach_data_dir / LOCK_FILE)
    maps = Path(f"/proc/{process.pid}/maps").read_text(encoding="utf-8")
    assert "libQt6Widgets" not in maps  # the small background again, not a window process idling

    again = launch(env, "--background")
    assert again.returncode == 0 and "already running" in again.stdout  # the lock was held across both execs
    ended = launch(env, "--background", "--quit")
    assert ended.returncode == 0, ended.stderr
    assert process.wait(timeout=30) == 0, log.read_text(encoding="utf-8")


def test_with_reminders_turned_off_in_the_window_closing_it_ends_the_process(
    xvfb_display: str, hipcoach_data_dir: Path, tmp_path: Path, processes: list[subprocess.Popen[bytes]]
) -> None:
    xdotool = require_tool("xdotool")
    reminders_on_tomorrow()
    env = x11_env(xvfb_display, HIPCOACH_DATA_DIR=str(hipcoach_data_dir), TZ="UTC")
    log = tmp_path / "background.txt"
    process = start_background(env, log, processes)

    opened = launch(env)
    assert opened.returncode == 0, opened.stderr
    wait_until(lambda: window_open_in(process, hipcoach_data_dir), timeout=60, what="the window in the background")
    windows = subprocess.run(
        [xdotool, "search", "--sync", "--onlyvisible", "--pid", str(process.pid), "--name", "hipcoach"],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    ).stdout.split()  # fmt: skip
    assert windows

    second = launch(env)  # the window is open: the one-window rule brings it to the front
    assert second.returncode == 0 and "already open" in second.stdout, second.stderr

    save_settings(Settings(reminders_on=False, first_run_notice_seen=True))  # what the Settings dialog's Save writes
    wait_until(lambda: b"reminders are off" in log.read_bytes(), timeout=30, what="the reminders to stop")
    assert process.poll() is None and window_open_in(process, hipcoach_data_dir)  # the window stays open

    def press_quit() -> bool:
        subprocess.run([xdotool, "windowfocus", "--sync", windows[-1]], env=env, check=False, timeout=10)
        subprocess.run([xdotool, "key", "ctrl+q"], env=env, check=False, timeout=10)
        return process.poll() is not None

    wait_until(press_quit, timeout=60, interval=0.5, what="the process to end with the window")
    assert process.returncode == 0, log.read_text(encoding="utf-8")
    assert log.read_bytes().count(STARTED) == 1
    assert not (hipcoach_data_dir / BACKGROUND_LOCK_FILE).exists()


def test_start_now_on_the_notification_opens_the_window_in_the_same_process(
    bus: PrivateBus, qtbot: QtBot, hipcoach_data_dir: Path, tmp_path: Path, processes: list[subprocess.Popen[bytes]]
) -> None:
    portal = FakePortal(bus.connect("portal"))
    today = datetime.now(UTC).weekday()  # a reminder due since midnight: it comes at the start
    save_settings(
        Settings(
            reminders_on=True,
            first_run_notice_seen=True,
            reminder_times=((today, datetime.min.time()),),
            reminder_routine="gentle-mobility",
        )
    )
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus.address, "QT_QPA_PLATFORM": "offscreen", "TZ": "UTC"}
    log = tmp_path / "background.txt"
    process = start_background({**env, "HIPCOACH_EXIT_AFTER_PAINT": "1"}, log, processes)
    qtbot.waitUntil(lambda: portal.added == ["reminder"], timeout=30_000)

    portal.press("start")
    qtbot.waitUntil(lambda: log.read_bytes().count(STARTED) == 2, timeout=60_000)
    assert "first-paint" in log.read_text(encoding="utf-8")  # the window ran in this process and closed
    assert process.poll() is None and holder(hipcoach_data_dir / BACKGROUND_LOCK_FILE) == process.pid
    assert portal.added == ["reminder"]  # the reminder of today was not shown again by the window mode


def test_with_no_answer_from_the_background_the_launch_opens_its_own_window(hipcoach_data_dir: Path) -> None:
    """An older background (or a stuck one) holds reminders.lock but takes no "open-window": the window opens as
    it always did, in the launch's own process."""
    reminders_on_tomorrow()
    old = InstanceLock(hipcoach_data_dir, writable=True)
    old._places = lambda: [(hipcoach_data_dir / BACKGROUND_LOCK_FILE, True)]  # type: ignore[method-assign]
    assert old.acquire()
    try:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HIPCOACH_EXIT_AFTER_PAINT": "1"}
        opened = launch(env)
    finally:
        old.release()
    assert opened.returncode == 0, opened.stderr
    assert "first-paint" in opened.stdout and "opening" not in opened.stdout


def test_a_lock_handed_down_is_taken_only_when_it_is_the_lock(hipcoach_data_dir: Path, tmp_path: Path) -> None:
    """``--held-lock FD`` given by hand with a wrong number changes nothing: the lock is then taken the usual way."""
    hipcoach_data_dir.mkdir()
    first = InstanceLock(hipcoach_data_dir, writable=True)
    assert first.acquire() and first.fd is not None
    other = os.open(tmp_path / "other", os.O_RDWR | os.O_CREAT)
    try:
        assert not InstanceLock(hipcoach_data_dir, writable=True).adopt(other)
        assert not InstanceLock(hipcoach_data_dir, writable=True).adopt(-1)
        duplicate = os.dup(first.fd)  # the same open file, as an exec hands it down
        heir = InstanceLock(hipcoach_data_dir, writable=True)
        assert heir.adopt(duplicate) and heir.fd == duplicate
        assert not os.get_inheritable(duplicate)  # not passed on to a program started from here
        assert not InstanceLock(hipcoach_data_dir, writable=True).acquire()  # still held
        heir.release()
    finally:
        os.close(other)
        first.release()


def test_quit_ends_the_background_with_its_window(
    bus: PrivateBus, hipcoach_data_dir: Path, tmp_path: Path, processes: list[subprocess.Popen[bytes]]
) -> None:
    """``--background --quit`` while the window is open in the background: both end, and it does not come back
    as the small background even with reminders on."""
    reminders_on_tomorrow()
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus.address, "QT_QPA_PLATFORM": "offscreen", "TZ": "UTC"}
    log = tmp_path / "background.txt"
    process = start_background(env, log, processes)
    assert launch(env, "--start", "gentle-mobility", "--time-scale", "50").returncode == 0
    wait_until(lambda: window_open_in(process, hipcoach_data_dir), timeout=60, what="the window in the background")
    ended = launch(env, "--background", "--quit")
    assert ended.returncode == 0, ended.stderr
    assert process.wait(timeout=30) == 0, log.read_text(encoding="utf-8")
    assert log.read_bytes().count(STARTED) == 1
    assert not held(hipcoach_data_dir / BACKGROUND_LOCK_FILE)


def test_the_exec_options_are_not_for_a_window_or_a_command(run: Run) -> None:
    status, _out, err = run("--held-lock", "3")
    assert status == 2 and "--held-lock and --open-window only go with --background" in err
    status, _out, err = run("--background", "--open-window", "--quit-when-done")
    assert status == 2 and "--quit-when-done cannot go with it" in err
    status, out, _err = run("--help")
    assert "--held-lock" not in out and "--open-window" not in out


class Replaced(Exception):
    """Stands for the exec: like ``os.execv``, the call does not come back to the code after it."""


def test_the_tray_opens_the_window_in_the_process(qapp: QApplication, hipcoach_data_dir: Path) -> None:
    """The tray's Open and Start my routine take the same way as a launch: this process becomes the window (the
    exec is recorded here instead of done)."""
    settings = Settings(reminders_on=True, reminder_routine="strength")
    background = Background(qapp, settings, tray=False)
    asked: list[list[str]] = []

    def replace(args: list[str]) -> None:
        asked.append(args)
        raise Replaced

    entries = dict(background.tray_entries())
    for entry in ("Open", "Start my routine"):
        background.replace = replace
        with pytest.raises(Replaced):
            entries[entry]()
    assert asked == [[], ["--start", "strength"]]
    background.service.stop()
    background.deleteLater()
