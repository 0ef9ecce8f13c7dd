"""When the next reminder to exercise comes, and whether one is due now (Qt-free; the caller passes the time).

A reminder is there to help, never to nag, so the rules (docs/reminders.md) are about what *not* to say:

* at most one reminder a day: each chosen day of the week has one time, and the day the reminder was shown is kept
  (``ReminderState.shown_on``), so a restart, a login or a second wake-up on the same day never repeats it;
* no reminder on a day a session was already done before it (a sore-day session counts; a trial run does not);
* a reminder missed while the computer was off or asleep comes once when it wakes or at login, only if it is still
  the same day and no session was done; reminders of earlier days are never made up for, so there is never more
  than one at a time;
* "Pause for today" silences the rest of the day; "In 30 minutes" asks again once, unless a session was done since.

Times are wall-clock times in the user's zone (``zoneinfo``), computed afresh for each day, so daylight saving
and a change of zone move the moment with the clock on the wall. A time that does not exist on the day the clocks go
forward (02:30 in New York) comes at the instant it would have been without the change (03:30); a time that
happens twice on the day the clocks go back (01:30) comes the first time only, as it is one reminder for that day.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hipcoach.core.history.rows import SessionRow

SNOOZE: Final = timedelta(minutes=30)
DAYS_AHEAD: Final = 8  # today and a full week after it: every chosen weekday is among them
DEFAULT_TIME: Final = time(18, 0)
_SUGGESTED_DAYS: Final[dict[int, tuple[int, ...]]] = {
    1: (2,),
    2: (0, 3),
    3: (0, 2, 4),
    4: (0, 1, 3, 5),
    5: (0, 1, 2, 3, 4),
    6: (0, 1, 2, 3, 4, 5),
    7: (0, 1, 2, 3, 4, 5, 6),
}
"""Days spread over the week for a weekly goal (Monday is 0): rest days between sessions where the goal allows."""


@dataclass(frozen=True)
class Schedule:
    """The chosen days of the week (0 is Monday) each with its time; ``on`` False means no reminders at all."""

    on: bool
    times: Mapping[int, time]


@dataclass(frozen=True)
class Snooze:
    """ "In 30 minutes": asked at ``asked_at``, to come at ``until`` unless a session is started in between."""

    asked_at: datetime
    until: datetime


@dataclass(frozen=True)
class ReminderState:
    """What happened already: the local day a reminder was last shown, the day paused, a snooze."""

    shown_on: date | None = None
    paused_on: date | None = None
    snooze: Snooze | None = None


@dataclass(frozen=True)
class Decision:
    """Whether to show a reminder now, and the next moment to look again (None: nothing is ever coming)."""

    due: bool
    next_at: datetime | None


def suggested_times(weekly_goal: int) -> dict[int, time]:
    """The days and times offered before the user chooses: the weekly goal's sessions spread over the week, 18:00."""
    days = _SUGGESTED_DAYS[min(max(weekly_goal, 1), 7)]
    return dict.fromkeys(days, DEFAULT_TIME)


def session_starts(rows: Iterable[SessionRow]) -> tuple[datetime, ...]:
    """The start of every session that counts as "done" for a reminder: any session but a trial run (a sore-day
    session counts, and so does one stopped early: someone who stopped for pain should not be told to exercise)."""
    return tuple(row.started_at for row in rows if not row.trial)


def local_zone(localtime: Path = Path("/etc/localtime")) -> tzinfo:
    """The computer's zone as a zone with its rules (not today's offset only), read afresh at each call so a change
    of zone is seen: ``TZ`` when it names one, else the zone ``/etc/localtime`` is, else today's fixed offset (Windows;
    each day's moment is then worked out again when the reminder is armed, so a clock change is an hour off at most
    until the next arming)."""
    name = (os.environ.get("TZ") or "").removeprefix(":")
    candidates = [name] if name else []
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "/zoneinfo/" in target:
            candidates.append(target.split("/zoneinfo/", 1)[1])
    for key in candidates:
        try:
            return ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    if localtime.is_file():
        try:
            with localtime.open("rb") as rules:
                return ZoneInfo.from_file(rules)
        except (OSError, ValueError):
            pass
    return datetime.now().astimezone().tzinfo or UTC


def reminder_moment(day: date, at: time, zone: tzinfo) -> datetime:
    """The instant of ``at`` on ``day`` in ``zone``, in UTC: a time skipped by the clocks going forward is the
    instant it would have been before the change; a time that happens twice is its first occurrence."""
    return datetime.combine(day, at.replace(fold=0), tzinfo=zone).astimezone(UTC)


def decide(
    schedule: Schedule, state: ReminderState, sessions: Sequence[datetime], now: datetime, zone: tzinfo
) -> Decision:
    """Whether a reminder is due at ``now`` (aware), and the next moment one may be (aware, UTC).

    ``sessions`` are the starts of the sessions that count (:func:`session_starts`); ``zone`` is the user's zone now.
    """
    if not schedule.on or not schedule.times:
        return Decision(due=False, next_at=None)
    now = now.astimezone(UTC)
    today = now.astimezone(zone).date()
    done_today = any(start.astimezone(zone).date() == today and start <= now for start in sessions)
    quiet_today = done_today or state.paused_on == today

    due = False
    later: list[datetime] = []
    at_today = schedule.times.get(today.weekday())
    if at_today is not None and not quiet_today and state.shown_on != today:
        moment = reminder_moment(today, at_today, zone)
        if moment <= now:
            due = True
        else:
            later.append(moment)
    snooze = state.snooze
    if snooze is not None and state.paused_on != today:
        started_since = any(snooze.asked_at <= start <= now for start in sessions)
        if not started_since:
            if snooze.until <= now:
                due = True
            else:
                later.append(snooze.until)
    for ahead in range(1, DAYS_AHEAD):
        day = today + timedelta(days=ahead)
        at = schedule.times.get(day.weekday())
        if at is not None:
            later.append(reminder_moment(day, at, zone))
            break
    return Decision(due=due, next_at=min(later) if later else None)


def after_shown(state: ReminderState, now: datetime, zone: tzinfo) -> ReminderState:
    """The state once a reminder was shown at ``now``: not again today (a snooze it answered is used up)."""
    return ReminderState(shown_on=now.astimezone(zone).date(), paused_on=state.paused_on, snooze=None)


def snoozed(state: ReminderState, now: datetime, zone: tzinfo) -> ReminderState:
    """The state after "In 30 minutes" at ``now``."""
    now = now.astimezone(UTC)
    return ReminderState(
        shown_on=now.astimezone(zone).date(), paused_on=state.paused_on, snooze=Snooze(now, now + SNOOZE)
    )


def paused_today(state: ReminderState, now: datetime, zone: tzinfo) -> ReminderState:
    """The state after "Pause reminders for today" (or "Sore today", which starts the short session instead)."""
    today = now.astimezone(zone).date()
    return ReminderState(shown_on=state.shown_on, paused_on=today, snooze=None)
