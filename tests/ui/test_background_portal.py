"""Reminders at login inside a Flatpak: the window asks the Background portal (a fake one on a private bus) with
autostart and the background's command line, and says so when the desktop refuses (docs/reminders.md, "At login")."""

from __future__ import annotations

import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from hipcoach.ui.background_portal import BackgroundRequest
from tests.ui.dbus_fakes import FakePortal, PrivateBus, watching


def test_the_portal_is_asked_for_autostart_with_the_background_command(
    bus: PrivateBus, qtbot: QtBot, tmp_path: Path
) -> None:
    portal = FakePortal(bus.connect("portal"))
    log = tmp_path / "monitor.txt"
    with watching(bus, log, qtbot):
        request = BackgroundRequest(bus.connect("hipcoach"))
        request.ask(autostart=True)
        qtbot.waitUntil(lambda: portal.background_requests == 1, timeout=10_000)
        qtbot.waitUntil(lambda: "dbus-activatable" in log.read_text(encoding="utf-8"), timeout=10_000)
    sent = log.read_text(encoding="utf-8")
    assert "member=RequestBackground" in sent
    assert re.search(r'string "autostart"\s+variant\s+boolean true', sent)
    assert re.search(r'string "commandline"\s+variant\s+array \[\s+string "hipcoach"\s+string "--background"', sent)
    token = re.search(r'string "handle_token"\s+variant\s+string "(\w+)"', sent)
    assert token is not None and request.handle.endswith(f"/{token[1]}")  # the answer is listened for where it comes

    with qtbot.waitSignal(request.answered, timeout=10_000) as granted:
        portal.respond(request.handle, 0)
    assert granted.args == [True, ""]


def test_a_refusal_is_said(bus: PrivateBus, qtbot: QtBot) -> None:
    portal = FakePortal(bus.connect("portal"))
    request = BackgroundRequest(bus.connect("hipcoach"))
    request.ask(autostart=True)
    qtbot.waitUntil(lambda: portal.background_requests == 1, timeout=10_000)
    with qtbot.waitSignal(request.answered, timeout=10_000) as refused:
        portal.respond(request.handle, 1)
    assert refused.args == [False, "The desktop did not allow the reminders to start at login."]


def test_without_a_portal_the_problem_is_said(bus: PrivateBus, qtbot: QtBot) -> None:
    request = BackgroundRequest(bus.connect("hipcoach"))
    with qtbot.waitSignal(request.answered, timeout=30_000) as failed:
        request.ask(autostart=True)
    assert failed.args[0] is False and "Could not ask the desktop" in failed.args[1]
