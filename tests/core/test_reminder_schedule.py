"""The reminder schedule as a table: days, times, sessions already done, missed while asleep, daylight saving both
ways, a change of time zone, reminders off, pause for today and "In 30 minutes" (docs/reminders.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from hipcoach.core.history.rows import SessionRow, SessionStatus
from hipcoach.core.reminder_schedule import (
    ReminderState,
    Schedule,
    after_shown,
    decide,
    local_zone,
    paused_today,
    reminder_moment,
    session_starts,
    snoozed,
    suggested_times,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
SIX = time(18, 0)
MON_WED_FRI = Schedule(on=True, times={0: SIX, 2: SIX, 4: SIX})
NOTHING_YET = ReminderState()


def at(text: str, zone: ZoneInfo = LONDON, fold: int = 0) -> datetime:
    """A wall-clock time in ``zone``; 2026-03-02 is a Monday."""
    return datetime.fromisoformat(text).replace(tzinfo=zone, fold=fold)


@dataclass(frozen=True)
class Row:
    what: str
    now: datetime
    due: bool
    next_at: datetime | None
    schedule: Schedule = MON_WED_FRI
    state: ReminderState = NOTHING_YET
    sessions: tuple[datetime, ...] = field(default=())
    zone: ZoneInfo = LONDON


TABLE = [
    Row("a chosen day before its time", at("2026-03-02 09:00"), False, at("2026-03-02 18:00")),
    Row("a chosen day at its time", at("2026-03-02 18:00"), True, at("2026-03-04 18:00")),
    Row("a day not chosen", at("2026-03-03 12:00"), False, at("2026-03-04 18:00")),
    Row("Friday evening waits for Monday", at("2026-03-06 19:00"), True, at("2026-03-09 18:00")),
    Row(
        "shown today already",
        at("2026-03-06 19:00"),
        False,
        at("2026-03-09 18:00"),
        state=ReminderState(shown_on=date(2026, 3, 6)),
    ),
    Row(
        "a time per day",
        at("2026-03-03 06:00"),
        False,
        at("2026-03-03 07:15"),
        schedule=Schedule(on=True, times={1: time(7, 15), 5: time(10, 0)}),
    ),
    Row(
        "a session already done today, before the time",
        at("2026-03-02 17:00"),
        False,
        at("2026-03-04 18:00"),
        sessions=(at("2026-03-02 08:00"),),
    ),
    Row(
        "a session yesterday does not count today",
        at("2026-03-04 18:00"),
        True,
        at("2026-03-06 18:00"),
        sessions=(at("2026-03-03 20:00"),),
    ),
    Row(
        "missed while asleep: comes once on waking, the same day",
        at("2026-03-02 21:40"),
        True,
        at("2026-03-04 18:00"),
    ),
    Row(
        "missed while asleep, but a session was done after the time",
        at("2026-03-02 21:40"),
        False,
        at("2026-03-04 18:00"),
        sessions=(at("2026-03-02 19:00"),),
    ),
    Row(
        "missed yesterday: not made up for the next morning",
        at("2026-03-03 08:00"),
        False,
        at("2026-03-04 18:00"),
    ),
    Row(
        "missed for days: one reminder, today's",
        at("2026-03-06 20:00"),
        True,
        at("2026-03-09 18:00"),
        state=ReminderState(shown_on=date(2026, 2, 27)),
    ),
    Row("reminders off", at("2026-03-02 18:00"), False, None, schedule=Schedule(on=False, times={0: SIX})),
    Row("on, but no day chosen", at("2026-03-02 18:00"), False, None, schedule=Schedule(on=True, times={})),
    Row(
        "paused for today",
        at("2026-03-02 12:00"),
        False,
        at("2026-03-04 18:00"),
        state=ReminderState(paused_on=date(2026, 3, 2)),
    ),
    Row(
        "paused yesterday: today comes as usual",
        at("2026-03-04 18:30"),
        True,
        at("2026-03-06 18:00"),
        state=ReminderState(paused_on=date(2026, 3, 3)),
    ),
    Row(
        "DST forward: 01:30 does not exist on 29 March in London; it comes at 02:30 BST, the same instant",
        at("2026-03-28 22:00"),
        False,
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
        schedule=Schedule(on=True, times={6: time(1, 30)}),
    ),
    Row(
        "DST forward in New York: 02:30 on 8 March comes at 03:30 EDT",
        at("2026-03-08 03:30", NEW_YORK),
        True,
        at("2026-03-15 02:30", NEW_YORK),
        schedule=Schedule(on=True, times={6: time(2, 30)}),
        zone=NEW_YORK,
    ),
    Row(
        "DST back: 01:30 on 25 October happens twice in London; the first is the reminder",
        at("2026-10-25 01:30", fold=0),
        True,
        at("2026-11-01 01:30"),
        schedule=Schedule(on=True, times={6: time(1, 30)}),
    ),
    Row(
        "DST back: the second 01:30 of the same day does not remind again",
        at("2026-10-25 01:30", fold=1),
        False,
        at("2026-11-01 01:30"),
        schedule=Schedule(on=True, times={6: time(1, 30)}),
        state=ReminderState(shown_on=date(2026, 10, 25)),
    ),
    Row(
        "a change of zone: 18:00 is 18:00 on the wall where the user is now",
        at("2026-03-02 13:00", NEW_YORK),
        False,
        at("2026-03-02 18:00", NEW_YORK),
        zone=NEW_YORK,
    ),
    Row(
        "a change of zone after the reminder came: not again the same day",
        at("2026-03-02 18:30", NEW_YORK),
        False,
        at("2026-03-04 18:00", NEW_YORK),
        state=ReminderState(shown_on=date(2026, 3, 2)),
        zone=NEW_YORK,
    ),
]


@pytest.mark.parametrize("row", TABLE, ids=[row.what for row in TABLE])
def test_schedule(row: Row) -> None:
    decision = decide(row.schedule, row.state, row.sessions, row.now, row.zone)
    assert decision.due is row.due
    assert decision.next_at == row.next_at
    if decision.next_at is not None:
        assert decision.next_at.tzinfo is not None
        assert decision.next_at > row.now.astimezone(UTC)


def test_a_reminder_comes_once_a_day_however_often_the_computer_wakes() -> None:
    state = ReminderState()
    shown = 0
    for wake in ("18:00", "18:01", "19:30", "22:00", "23:59"):
        now = at(f"2026-03-02 {wake}")
        if decide(MON_WED_FRI, state, (), now, LONDON).due:
            shown += 1
            state = after_shown(state, now, LONDON)
    assert shown == 1


def test_the_fall_back_hour_reminds_once_through_the_whole_night() -> None:
    schedule = Schedule(on=True, times={6: time(1, 30)})
    state = ReminderState()
    shown = []
    now = at("2026-10-25 00:00")
    for _ in range(20):  # a timer armed for each next moment, as the background mode does
        decision = decide(schedule, state, (), now, LONDON)
        if decision.due:
            shown.append(now)
            state = after_shown(state, now, LONDON)
            continue
        assert decision.next_at is not None
        if decision.next_at.date() > date(2026, 10, 26):
            break
        now = decision.next_at
    assert shown == [datetime(2026, 10, 25, 0, 30, tzinfo=UTC)]


def test_in_30_minutes_asks_again_once_unless_a_session_was_started() -> None:
    now = at("2026-03-02 18:00")
    state = snoozed(after_shown(ReminderState(), now, LONDON), now, LONDON)
    waiting = decide(MON_WED_FRI, state, (), at("2026-03-02 18:10"), LONDON)
    assert (waiting.due, waiting.next_at) == (False, at("2026-03-02 18:30"))
    assert decide(MON_WED_FRI, state, (), at("2026-03-02 18:30"), LONDON).due
    started = (at("2026-03-02 18:20"),)
    assert not decide(MON_WED_FRI, state, started, at("2026-03-02 18:30"), LONDON).due
    shown_again = after_shown(state, at("2026-03-02 18:30"), LONDON)
    assert not decide(MON_WED_FRI, shown_again, (), at("2026-03-02 19:00"), LONDON).due


def test_pause_for_today_drops_a_snooze_and_the_rest_of_the_day() -> None:
    now = at("2026-03-02 18:00")
    state = paused_today(snoozed(ReminderState(), now, LONDON), now, LONDON)
    decision = decide(MON_WED_FRI, state, (), at("2026-03-02 18:45"), LONDON)
    assert (decision.due, decision.next_at) == (False, at("2026-03-04 18:00"))


def test_a_skipped_time_comes_after_the_clocks_went_forward_never_before() -> None:
    for zone, day, skipped, change in (
        (LONDON, date(2026, 3, 29), time(1, 30), datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        (NEW_YORK, date(2026, 3, 8), time(2, 30), datetime(2026, 3, 8, 7, 0, tzinfo=UTC)),
    ):
        moment = reminder_moment(day, skipped, zone)
        assert moment.tzinfo is UTC
        assert moment - change == timedelta(minutes=30)


def test_suggested_days_follow_the_weekly_goal() -> None:
    assert suggested_times(3) == {0: SIX, 2: SIX, 4: SIX}
    assert [len(suggested_times(goal)) for goal in range(1, 8)] == [1, 2, 3, 4, 5, 6, 7]


def test_trial_runs_do_not_count_and_sore_days_do() -> None:
    def row(scale: float, sore: bool = False) -> SessionRow:
        start = at("2026-03-02 08:00")
        status = SessionStatus.COMPLETED
        return SessionRow(1, "u", "r", "R", start, start, status, scale, 60, 60, None, None, None, sore_day=sore)

    starts = session_starts([row(10.0), row(1.0, sore=True)])
    assert len(starts) == 1
    assert not decide(MON_WED_FRI, ReminderState(), starts, at("2026-03-02 18:00"), LONDON).due
    trial_only = session_starts([row(10.0)])
    assert decide(MON_WED_FRI, ReminderState(), trial_only, at("2026-03-02 18:00"), LONDON).due


def test_the_local_zone_is_a_zone_with_its_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert local_zone(tmp_path / "none") == NEW_YORK
    monkeypatch.delenv("TZ")
    link = tmp_path / "localtime"
    link.symlink_to(Path("/usr/share/zoneinfo/Europe/London"))
    zone = local_zone(link)
    assert zone == LONDON  # the rules, so next week's moment after a clock change is right
    assert reminder_moment(date(2026, 3, 30), SIX, zone) == datetime(2026, 3, 30, 17, 0, tzinfo=UTC)
