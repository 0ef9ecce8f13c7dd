"""Whether the background mode loads Qt's GUI libraries: only where the desktop may have a tray
(hipcoach/ui/tray_probe.py, docs/reminders.md "The background mode")."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pytestqt.qtbot import QtBot

from hipcoach.ui.tray_probe import host_registered, tray_possible
from tests.tools import REPO_ROOT, stop_process
from tests.ui.dbus_fakes import PrivateBus

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the rules for Linux desktops")


def never() -> bool:
    raise AssertionError("the session bus was asked where the environment answers")


@pytest.mark.parametrize(
    ("environ", "host", "expected"),
    [
        ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, never, False),
        ({"QT_QPA_PLATFORM": "minimal"}, never, False),
        ({"QT_QPA_PLATFORM": "xcb"}, never, True),  # an XEmbed tray may be there: Qt's own check decides
        ({"DISPLAY": ":0"}, never, True),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, lambda: False, False),  # GNOME without the extension
        ({"WAYLAND_DISPLAY": "wayland-0"}, lambda: True, True),  # Plasma: a StatusNotifier host
        ({"QT_QPA_PLATFORM": "wayland"}, lambda: False, False),
        ({}, lambda: False, False),  # no screen at all
    ],
)
def test_a_tray_is_possible_only_where_a_desktop_may_show_one(
    environ: dict[str, str], host: object, expected: bool
) -> None:
    assert tray_possible(environ, host) is expected  # type: ignore[arg-type]


def test_the_status_notifier_host_is_asked_on_the_bus(bus: PrivateBus, qtbot: QtBot) -> None:
    connection = bus.connect("probe")
    assert host_registered(connection) is False  # no watcher on this bus
    watcher = subprocess.Popen(
        [sys.executable, str(REPO_ROOT / "tests" / "ui" / "status_notifier_watcher.py"), bus.address],
        stdout=subprocess.PIPE,
    )
    try:
        assert watcher.stdout is not None and watcher.stdout.readline().strip() == b"ready"
        assert host_registered(connection) is True
    finally:
        stop_process(watcher)
        if watcher.stdout is not None:
            watcher.stdout.close()
