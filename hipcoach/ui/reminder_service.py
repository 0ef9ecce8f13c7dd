"""The reminders while hipcoach runs: one single-shot timer armed for the next reminder, the notification when one
is due, and what its buttons do (docs/reminders.md).

No polling: the timer is armed for the next moment the schedule gives (at most ``LONGEST_WAIT`` ahead, so a change
of time zone is seen within hours), and re-armed after every change: the settings, a session, a button, a wake-up.
Qt's timers count monotonic time, which stands still while the computer sleeps, so a wake-up (logind's
``PrepareForSleep(false)`` on the system bus, when it can be reached) makes the service look at the wall clock
again: a reminder missed in the sleep then comes once, if it is still the same day.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Final

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from hipcoach.core.reminder_schedule import (
    ReminderState,
    after_shown,
    decide,
    local_zone,
    paused_today,
    snoozed,
)
from hipcoach.core.reminder_state import load_state, save_state
from hipcoach.core.settings import Settings
from hipcoach.ui.desktop_notifications import slot_of
from hipcoach.ui.reminder_notifier import LATER, SORE, START, ReminderNotifier, reminder_words
from hipcoach.ui.timers import TimerFactory, make_timer

LONGEST_WAIT: Final = timedelta(hours=6)
LOGIN_SERVICE: Final = "org.freedesktop.login1"
LOGIN_PATH: Final = "/org/freedesktop/login1"
LOGIN_INTERFACE: Final = "org.freedesktop.login1.Manager"


def wall_now() -> datetime:
    return datetime.now(UTC)


class ReminderService(QObject):
    """Arms the timer, shows the reminder, and turns its buttons into ``start`` (the routine's id, "" for the one
    done last; and whether the sore-day version is wanted)."""

    start = Signal(str, bool)
    armed = Signal(object)  # the moment the timer is armed for (aware), or None when nothing is coming

    def __init__(
        self,
        settings: Settings,
        sessions: Callable[[], Sequence[datetime]],
        notifier: ReminderNotifier,
        routine_name: Callable[[str], str],
        *,
        now: Callable[[], datetime] = wall_now,
        zone: Callable[[], tzinfo] = local_zone,
        timer_factory: TimerFactory = make_timer,
        parent: QObject | None = None,
    ) -> None:
        """``sessions``: the starts of the sessions that count (``reminder_schedule.session_starts``), read at each
        check; ``routine_name``: the name of a routine id ("" for the one done last), for the notification."""
        super().__init__(parent)
        self.settings = settings
        self._sessions = sessions
        self._notifier = notifier
        self._routine_name = routine_name
        self._now = now
        self._zone = zone
        self._timer = timer_factory(self, self.check)
        self.state, self.warnings = load_state()
        self.next_at: datetime | None = None
        notifier.action.connect(self._act)

    def listen_for_wake_ups(self, system_bus: QDBusConnection) -> bool:
        """Look at the clock again when the computer wakes; False where logind cannot be reached (no system bus)."""
        slot = slot_of("_sleeping(QDBusMessage)")
        return system_bus.isConnected() and system_bus.connect(
            LOGIN_SERVICE, LOGIN_PATH, LOGIN_INTERFACE, "PrepareForSleep", self, slot
        )

    def use_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.check()

    def check(self) -> None:
        """Show the reminder if one is due now, then arm the timer for the next one."""
        now, zone = self._now(), self._zone()
        decision = decide(self.settings.reminder_schedule(), self.state, self._sessions(), now, zone)
        if decision.due:
            self._set_state(after_shown(self.state, now, zone))
            self._notifier.show(reminder_words(self._routine_name(self.settings.reminder_routine)))
            decision = decide(self.settings.reminder_schedule(), self.state, self._sessions(), now, zone)
        self._arm(now, decision.next_at)

    def pause_today(self) -> None:
        self._set_state(paused_today(self.state, self._now(), self._zone()))
        self.check()

    def stop(self) -> None:
        self._timer.stop()
        self.next_at = None

    def _arm(self, now: datetime, next_at: datetime | None) -> None:
        self._timer.stop()
        self.next_at = next_at
        if next_at is not None:
            wait = min(next_at - now, LONGEST_WAIT)
            self._timer.start(max(int(wait.total_seconds() * 1000), 0) + 1)
        self.armed.emit(next_at)

    def _set_state(self, state: ReminderState) -> None:
        self.state = state
        try:
            save_state(state)
        except OSError as exc:  # the reminder still comes; only a restart today could bring it again
            from hipcoach import error_log  # noqa: PLC0415 - only when there is an error to write

            error_log.write(exc)

    @Slot(str)
    def _act(self, action: str) -> None:
        now, zone = self._now(), self._zone()
        if action == LATER:
            self._set_state(snoozed(self.state, now, zone))
            self.check()
        elif action == SORE:
            self._set_state(paused_today(self.state, now, zone))
            self.start.emit(self.settings.reminder_routine, True)
        elif action == START:
            self.start.emit(self.settings.reminder_routine, False)

    @Slot(QDBusMessage)
    def _sleeping(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if arguments and arguments[0] is False:  # woken up
            self.check()
