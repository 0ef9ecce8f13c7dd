"""The reminder over a real, private D-Bus session bus: a fake notification server (or, where there is none, a fake
portal) receives it with its buttons and the app's icon, pressing "Start now" over the bus starts the routine, "In
30 minutes" re-arms the one timer, a wake-up announced by (a fake) logind brings a missed reminder once, and with
no route at all the error log names each (docs/reminders.md)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from hipcoach.core.reminder_state import load_state
from hipcoach.core.settings import Settings
from hipcoach.ui.desktop_notifications import SERVICE
from hipcoach.ui.reminder_notifier import PORTAL_INTERFACE, ReminderNotifier
from hipcoach.ui.reminder_service import ReminderService
from tests.ui.dbus_fakes import FakeLogin, FakeNotifications, FakePortal, PrivateBus, watching
from tests.ui.rig import FakeTimer

LONDON = ZoneInfo("Europe/London")
MONDAY_SIX = datetime(2026, 3, 2, 18, 0, tzinfo=LONDON)
ON_MONDAYS = Settings(reminders_on=True, reminder_times=((0, time(18, 0)),), reminder_routine="gentle-mobility")


class Rig:
    def __init__(self, bus: PrivateBus, *, direct: bool = True) -> None:
        self.now = MONDAY_SIX
        self.timer: FakeTimer | None = None
        self.reported: list[BaseException] = []
        self.sessions: list[datetime] = []
        self.notifier = ReminderNotifier(bus.connect("hipcoach"), lambda: None, self.reported.append, direct=direct)
        self.service = ReminderService(
            ON_MONDAYS,
            lambda: self.sessions,
            self.notifier,
            lambda routine_id: "Gentle mobility" if routine_id == "gentle-mobility" else "",
            now=lambda: self.now,
            zone=lambda: LONDON,
            timer_factory=self._timer,
        )

    def _timer(self, _parent: object, callback: object) -> FakeTimer:
        assert callable(callback)
        self.timer = FakeTimer(callback)
        return self.timer

    def fire(self) -> None:
        assert self.timer is not None and self.timer.active
        self.timer.fire()


@pytest.fixture
def server(bus: PrivateBus, qtbot: QtBot, tmp_path: Path) -> Iterator[FakeNotifications]:
    fake = FakeNotifications(bus, tmp_path / "server.txt")
    try:
        qtbot.waitUntil(fake.ready, timeout=30_000)
        yield fake
    finally:
        fake.stop()


def test_the_notification_server_gets_the_reminder_with_an_unsigned_id_and_its_buttons(
    bus: PrivateBus, server: FakeNotifications, qtbot: QtBot, tmp_path: Path
) -> None:
    portal = FakePortal(bus.connect("portal"))
    log = tmp_path / "monitor.txt"
    with watching(bus, log, qtbot, SERVICE):
        rig = Rig(bus)
        with qtbot.waitSignal(rig.notifier.shown, timeout=10_000) as shown:
            rig.service.check()
        assert shown.args == ["notification"]
        qtbot.waitUntil(lambda: "Sore today" in log.read_text(encoding="utf-8"), timeout=10_000)
    assert portal.added == []  # the server came first, the portal was not needed
    [call] = server.calls()
    assert call["app"] == "HipCoach" and call["icon"] == "io.github.hipcoach.HipCoach" and call["replaces"] == 0
    assert call["title"] == "Time for your hip exercises"
    assert call["body"] == "Gentle mobility. Start when you are ready."
    assert call["actions"] == [
        *("default", "Start now", "start", "Start now"),
        *("later", "In 30 minutes", "sore", "Sore today"),
    ]
    assert call["hints"] == {"desktop-entry": "io.github.hipcoach.HipCoach"}
    sent = log.read_text(encoding="utf-8")
    assert re.search(r'member=Notify\s+string "HipCoach"\s+uint32 0\s+string "io.github.hipcoach.HipCoach"', sent)

    with qtbot.waitSignal(rig.service.start, timeout=10_000) as started:
        server.press("start")
    assert started.args == ["gentle-mobility", False]
    with qtbot.waitSignal(rig.service.start, timeout=10_000) as started:
        server.press("default")  # a click on the notification itself
    assert started.args == ["gentle-mobility", False]


def test_in_30_minutes_from_the_server_re_arms_and_the_next_one_replaces_the_last(
    bus: PrivateBus, server: FakeNotifications, qtbot: QtBot
) -> None:
    rig = Rig(bus)
    with qtbot.waitSignal(rig.notifier.shown, timeout=10_000):
        rig.service.check()
    started: list[object] = []
    rig.service.start.connect(lambda *args: started.append(args))
    server.press("start", notification=999)  # another notification's button: not ours
    with qtbot.waitSignal(rig.service.armed, timeout=10_000) as armed:
        server.press("later")
    assert armed.args == [MONDAY_SIX + timedelta(minutes=30)]
    assert started == []
    rig.now += timedelta(minutes=30)
    with qtbot.waitSignal(rig.notifier.shown, timeout=10_000):
        rig.fire()
    first, second = server.calls()
    assert second["replaces"] == first["id"]


def test_inside_a_flatpak_the_portal_is_asked_even_with_a_server(
    bus: PrivateBus, server: FakeNotifications, qtbot: QtBot
) -> None:
    portal = FakePortal(bus.connect("portal"))
    rig = Rig(bus, direct=False)
    with qtbot.waitSignal(rig.notifier.shown, timeout=10_000) as shown:
        rig.service.check()
    assert shown.args == ["portal"] and portal.added == ["reminder"]
    assert server.calls() == []


def test_the_portal_gets_the_reminder_with_its_buttons_and_start_now_starts_the_routine(
    bus: PrivateBus, qtbot: QtBot, tmp_path: Path
) -> None:
    portal = FakePortal(bus.connect("portal"))
    log = tmp_path / "monitor.txt"
    with watching(bus, log, qtbot):
        rig = Rig(bus)
        with qtbot.waitSignal(rig.notifier.shown, timeout=10_000) as shown:
            rig.service.check()
        assert shown.args == ["portal"]  # no notification server on this bus
        assert portal.added == ["reminder"]
        qtbot.waitUntil(lambda: "Sore today" in log.read_text(encoding="utf-8"), timeout=10_000)
    sent = log.read_text(encoding="utf-8")
    assert f"interface={PORTAL_INTERFACE}; member=AddNotification" in sent
    for words in ("Time for your hip exercises", "Gentle mobility. Start when you are ready.", "themed"):
        assert f'string "{words}"' in sent
    assert 'string "io.github.hipcoach.HipCoach"' in sent
    labels = re.findall(r'string "label"\s+variant\s+string "([^"]+)"', sent)
    assert labels == ["Start now", "In 30 minutes", "Sore today"]
    assert re.search(r'string "buttons"\s+variant\s+array \[\s+array \[', sent)  # aa{sv} on the wire, as asked

    assert load_state()[0].shown_on == MONDAY_SIX.date()  # remembered: a restart today does not bring it again
    assert rig.service.next_at == datetime(2026, 3, 9, 18, 0, tzinfo=LONDON)
    with qtbot.waitSignal(rig.service.start, timeout=10_000) as started:
        portal.press("start")
    assert started.args == ["gentle-mobility", False]


def test_in_30_minutes_re_arms_the_timer_and_the_reminder_comes_again(bus: PrivateBus, qtbot: QtBot) -> None:
    portal = FakePortal(bus.connect("portal"))
    rig = Rig(bus)
    with qtbot.waitSignal(rig.notifier.shown, timeout=10_000):
        rig.service.check()
    with qtbot.waitSignal(rig.service.armed, timeout=10_000) as armed:
        portal.press("later")
    assert armed.args == [MONDAY_SIX + timedelta(minutes=30)]
    assert rig.timer is not None and rig.timer.interval == 30 * 60 * 1000 + 1
    rig.now += timedelta(minutes=30)
    with qtbot.waitSignal(rig.notifier.shown, timeout=10_000):
        rig.fire()
    assert portal.added == ["reminder", "reminder"]
    assert rig.service.next_at == datetime(2026, 3, 9, 18, 0, tzinfo=LONDON)


def test_sore_today_starts_the_short_session_and_pauses_the_day(bus: PrivateBus, qtbot: QtBot) -> None:
    portal = FakePortal(bus.connect("portal"))
    rig = Rig(bus)
    with qtbot.waitSignal(rig.notifier.shown, timeout=10_000):
        rig.service.check()
    with qtbot.waitSignal(rig.service.start, timeout=10_000) as started:
        portal.press("sore")
    assert started.args == ["gentle-mobility", True]
    assert rig.service.state.paused_on == MONDAY_SIX.date()


def test_a_reminder_missed_in_sleep_comes_once_when_logind_says_the_computer_woke(
    bus: PrivateBus, qtbot: QtBot
) -> None:
    portal = FakePortal(bus.connect("portal"))
    login = FakeLogin(bus.connect("login"))
    rig = Rig(bus)
    rig.now = MONDAY_SIX - timedelta(hours=2)
    rig.service.check()
    assert rig.service.next_at == MONDAY_SIX.astimezone(UTC)
    assert rig.service.listen_for_wake_ups(bus.connect("system"))
    login.sleep(True)
    rig.now = MONDAY_SIX + timedelta(hours=3)  # asleep through 18:00; the monotonic timer has not fired
    with qtbot.waitSignal(rig.notifier.shown, timeout=10_000):
        login.sleep(False)
    with qtbot.waitSignal(rig.service.armed, timeout=10_000):
        login.sleep(False)  # a second wake-up the same evening: armed again, nothing shown
    assert portal.added == ["reminder"]


def test_with_neither_a_portal_nor_a_tray_the_log_names_both(bus: PrivateBus, qtbot: QtBot) -> None:
    rig = Rig(bus)
    rig.service.check()
    qtbot.waitUntil(lambda: bool(rig.reported), timeout=15_000)
    [problem] = rig.reported
    assert "org.freedesktop.portal.Notification" in str(problem) and "tray" in str(problem)
    assert f"{SERVICE}): org.freedesktop.DBus.Error.ServiceUnknown" in str(problem)
    assert rig.service.next_at is not None  # the reminders go on


def test_a_portal_that_refuses_falls_back_and_says_why(bus: PrivateBus, qtbot: QtBot) -> None:
    portal = FakePortal(bus.connect("portal"))
    portal.refuse = True
    rig = Rig(bus)
    rig.service.check()
    qtbot.waitUntil(lambda: bool(rig.reported), timeout=15_000)
    assert "AccessDenied" in str(rig.reported[0])
