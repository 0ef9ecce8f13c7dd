"""Statistics with expectations computed by hand (the comments show the working).

Calendar facts used below: 2026-01-01 is a Thursday, so 2026 has 53 ISO weeks; week 53 of 2026 runs from Monday
2026-12-28 to Sunday 2027-01-03, and week 1 of 2027 starts on Monday 2027-01-04. In Europe/Berlin summer time
starts on Sunday 2026-03-29 (02:00 CET becomes 03:00 CEST): before it local time is UTC+1, after it UTC+2.
"""

from __future__ import annotations

import dataclasses
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hipcoach.core import stats
from hipcoach.core.history import SessionRow
from hipcoach.core.stats import (
    Adherence,
    DayMinutes,
    SessionDay,
    Week,
    adherence,
    calendar,
    calendar_start,
    check_goal,
    current_streak,
    daily_minutes,
    longest_streak,
    minutes_this_month,
    minutes_this_week,
    overview,
    pain_by_week,
    session_days,
    sessions_per_week,
    week_start,
    weeks_between,
)

BERLIN = ZoneInfo("Europe/Berlin")


def on(*days: str, minutes: float = 20.0) -> list[SessionDay]:
    return [SessionDay(date.fromisoformat(day), minutes) for day in days]


def row(started_at: datetime, *, status: str = "completed", active_seconds: float | None = 1200.0) -> SessionRow:
    return SessionRow(
        id=0,
        uuid="u",
        routine_id="short",
        routine_name="Short",
        started_at=started_at,
        ended_at=None,
        status=status,
        time_scale=1.0,
        real_seconds=active_seconds,
        active_seconds=active_seconds,
        pain_before=None,
        pain_after=None,
        note=None,
    )


# The year boundary: 3 sessions in each of weeks 51, 52, 53 of 2026 and week 1 of 2027, 2 in week 50, 1 so far in
# week 2 of 2027, plus an older run of 2 weeks (weeks 45 and 46).
YEAR_END = on(
    "2026-11-02", "2026-11-04", "2026-11-06",  # week 45: met
    "2026-11-09", "2026-11-11", "2026-11-13",  # week 46: met
    "2026-12-08", "2026-12-10",  # week 50: 2, not met
    "2026-12-14", "2026-12-16", "2026-12-18",  # week 51: met
    "2026-12-21", "2026-12-23", "2026-12-27",  # week 52: met
    "2026-12-29", "2026-12-31", "2027-01-02",  # week 53 of 2026 (Saturday 2 January belongs to it): met
    "2027-01-04", "2027-01-06", "2027-01-08",  # week 1 of 2027: met
    "2027-01-11",  # week 2 of 2027, so far
)  # fmt: skip


def test_week_start_and_iso_numbers_across_the_year_boundary() -> None:
    assert week_start(date(2027, 1, 2)) == date(2026, 12, 28)
    assert week_start(date(2027, 1, 4)) == date(2027, 1, 4)
    assert week_start(date(2026, 3, 29)) == date(2026, 3, 23)  # the DST Sunday ends its week
    assert Week(date(2026, 12, 28), 0, 0.0).iso == (2026, 53)
    assert Week(date(2027, 1, 4), 0, 0.0).iso == (2027, 1)


def test_sessions_per_week_across_the_year_boundary() -> None:
    weeks = sessions_per_week(YEAR_END, today=date(2027, 1, 13), count=4)
    assert [(week.iso, week.sessions, week.minutes) for week in weeks] == [
        ((2026, 52), 3, 60.0),
        ((2026, 53), 3, 60.0),
        ((2027, 1), 3, 60.0),
        ((2027, 2), 1, 20.0),
    ]


def test_streak_runs_from_week_51_of_2026_through_week_1_of_2027() -> None:
    today = date(2027, 1, 13)  # Wednesday of week 2, which has 1 session: not met yet, so it does not count...
    assert current_streak(YEAR_END, today) == 4  # ...nor break anything: weeks 1, 53, 52, 51 (week 50 had 2)
    assert longest_streak(YEAR_END, today) == 4  # the November run is only 2 weeks
    more = YEAR_END + on("2027-01-13", "2027-01-14")  # week 2 now has 3: it counts
    assert current_streak(more, date(2027, 1, 14)) == 5
    assert longest_streak(more, date(2027, 1, 14)) == 5


def test_streak_is_broken_by_a_missed_past_week() -> None:
    today = date(2027, 1, 20)  # week 3: nothing yet; week 2 had 1 session, so the run is over
    assert current_streak(YEAR_END, today) == 0
    assert longest_streak(YEAR_END, today) == 4


def test_streak_with_other_goals() -> None:
    today = date(2027, 1, 13)
    assert current_streak(YEAR_END, today, goal=1) == 6  # weeks 2, 1, 53, 52, 51, 50 (week 49 empty)
    assert longest_streak(YEAR_END, today, goal=2) == 5  # weeks 50, 51, 52, 53, 1
    assert current_streak(YEAR_END, today, goal=4) == 0
    assert longest_streak([], today) == 0


def test_future_weeks_take_no_part() -> None:
    days = on("2026-03-02", "2026-03-03", "2026-03-04", "2026-03-09", "2026-03-10", "2026-03-11")
    assert longest_streak(days, today=date(2026, 3, 4)) == 1  # the week of 9 March has not happened yet


def test_goal_must_be_1_to_7() -> None:
    assert check_goal(1) == 1
    assert check_goal(7) == 7
    for bad in (0, 8, True, 3.5):
        with pytest.raises(ValueError, match="from 1 to 7"):
            check_goal(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        current_streak([], date(2026, 1, 1), goal=0)


def test_local_dates_across_the_spring_dst_change_in_berlin() -> None:
    rows = [
        row(datetime(2026, 3, 22, 23, 30, tzinfo=UTC)),  # 00:30 CET on Monday 23 March: week 13 (UTC: Sunday, week 12)
        row(datetime(2026, 3, 25, 17, 0, tzinfo=UTC)),  # 18:00 CET Wednesday 25 March: week 13
        row(datetime(2026, 3, 28, 23, 30, tzinfo=UTC)),  # 00:30 CET Sunday 29 March, just before the change: week 13
        row(datetime(2026, 3, 29, 22, 30, tzinfo=UTC)),  # 00:30 CEST on Monday 30 March: week 14 (UTC: Sunday)
    ]
    days = session_days(rows, BERLIN)
    assert [item.day for item in days] == [date(2026, 3, 23), date(2026, 3, 25), date(2026, 3, 29), date(2026, 3, 30)]
    weeks = weeks_between(days, date(2026, 3, 16), date(2026, 3, 30))
    assert [(week.start, week.sessions) for week in weeks] == [
        (date(2026, 3, 16), 0),
        (date(2026, 3, 23), 3),  # the week of the change is seven days like any other
        (date(2026, 3, 30), 1),
    ]
    assert current_streak(days, date(2026, 3, 31)) == 1
    cells = daily_minutes(days, date(2026, 3, 23), date(2026, 4, 5))
    assert len(cells) == 14
    assert [cell.day for cell in cells[5:9]] == [
        date(2026, 3, 28),
        date(2026, 3, 29),
        date(2026, 3, 30),
        date(2026, 3, 31),
    ]
    assert [cell.minutes for cell in cells[5:9]] == [0.0, 20.0, 20.0, 0.0]


def test_local_dates_across_the_autumn_dst_change_in_berlin() -> None:
    # Summer time ends on Sunday 25 October 2026 (03:00 CEST becomes 02:00 CET).
    rows = [
        row(datetime(2026, 10, 24, 22, 30, tzinfo=UTC)),  # 00:30 CEST Sunday 25 October (UTC: Saturday 24)
        row(datetime(2026, 10, 25, 23, 30, tzinfo=UTC)),  # 00:30 CET Monday 26 October (UTC: Sunday 25)
    ]
    assert [item.day for item in session_days(rows, BERLIN)] == [date(2026, 10, 25), date(2026, 10, 26)]


def test_which_sessions_count_towards_the_goal() -> None:
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    days = session_days(
        [
            row(start, status="completed", active_seconds=120.0),  # completed, however short: counts
            row(start, status="stopped", active_seconds=300.0),  # stopped after 5 minutes: counts
            row(start, status="stopped", active_seconds=299.0),  # stopped earlier: minutes only
            row(start, status="running", active_seconds=None),  # interrupted, never ended: minutes only (none)
        ],
        UTC,
    )
    assert [item.counts for item in days] == [True, True, False, False]
    assert [item.minutes for item in days] == [2.0, 5.0, 299.0 / 60, 0.0]
    (week,) = weeks_between(days, date(2026, 3, 2), date(2026, 3, 2))
    assert week.sessions == 2
    assert week.minutes == pytest.approx(2.0 + 5.0 + 299.0 / 60)


def test_minutes_this_week_and_this_month() -> None:
    days = [
        *on("2026-03-29", minutes=40.0),  # Sunday: last week, last month
        *on("2026-03-30", minutes=20.0),  # Monday: this week, last month
        *on("2026-03-31", minutes=30.0),
        *on("2026-04-01", minutes=25.0),  # today: this week, this month
    ]
    today = date(2026, 4, 1)
    assert minutes_this_week(days, today) == 20.0 + 30.0 + 25.0
    assert minutes_this_month(days, today) == 25.0


def test_calendar_covers_a_year_in_whole_week_columns() -> None:
    today = date(2026, 3, 4)  # a Wednesday
    assert calendar_start(today) == date(2025, 3, 3)  # 4 March 2025 + 1 day = Wednesday 5 March, its Monday is 3 March
    cells = calendar(on("2025-03-03", "2026-03-04", "2026-03-04", "2024-12-31"), today)
    assert cells[0] == DayMinutes(date(2025, 3, 3), 20.0, 1)
    assert cells[-1] == DayMinutes(date(2026, 3, 4), 40.0, 2)
    assert len(cells) == 367  # 3 March 2025 to 4 March 2026 inclusive: 365 + 1 + 1
    assert sum(cell.sessions for cell in cells) == 3  # the 2024 session is outside
    assert calendar_start(date(2028, 2, 29)) == date(2027, 3, 1)  # 28 February 2027 + 1 day, a Monday


def test_adherence_over_a_period() -> None:
    # Eight weeks from Monday 5 January 2026; the goal (3) is met in weeks 1, 2, 4, 5 and 7.
    days = on(
        "2026-01-05", "2026-01-07", "2026-01-09",  # met
        "2026-01-12", "2026-01-13", "2026-01-15",  # met
        "2026-01-20",  # 1
        "2026-01-26", "2026-01-27", "2026-01-28", "2026-01-30",  # 4: met
        "2026-02-02", "2026-02-04", "2026-02-06",  # met
        # week of 9 February: none
        "2026-02-16", "2026-02-18", "2026-02-20",  # met
        "2026-02-23", "2026-02-24",  # the current week, so far
    )  # fmt: skip
    after = date(2026, 3, 2)
    assert adherence(days, date(2026, 1, 5), date(2026, 3, 1), after) == Adherence(5, 8)
    assert adherence(days, date(2026, 1, 5), date(2026, 3, 1), after).ratio == 5 / 8
    # Seen on Wednesday 25 February, the current week is not met yet, so it is left out: 5 of 7.
    today = date(2026, 2, 25)
    assert adherence(days, date(2026, 1, 5), date(2026, 3, 1), today) == Adherence(5, 7)
    # Once it is met on Thursday, it counts: 6 of 8.
    assert adherence([*days, *on("2026-02-26")], date(2026, 1, 5), date(2026, 3, 1), date(2026, 2, 26)) == (
        Adherence(6, 8)
    )
    # A period given by any days inside its first and last weeks is the same whole weeks.
    assert adherence(days, date(2026, 1, 8), date(2026, 2, 24), after) == Adherence(5, 8)
    assert adherence(days, date(2026, 1, 5), date(2026, 3, 1), after, goal=1) == Adherence(7, 8)
    assert adherence([], date(2026, 1, 5), date(2026, 1, 5), date(2026, 1, 5)) == Adherence(0, 0)
    assert Adherence(0, 0).ratio == 0.0


def test_pain_trend_is_a_mean_per_week_of_the_rated_sessions() -> None:
    days = [
        SessionDay(date(2026, 3, 2), 20.0, pain_before=6, pain_after=4),
        SessionDay(date(2026, 3, 4), 20.0, pain_before=5),
        SessionDay(date(2026, 3, 6), 20.0, pain_after=2),
        SessionDay(date(2026, 3, 7), 20.0),  # not rated: ignored
        SessionDay(date(2026, 3, 10), 20.0, pain_before=4, pain_after=2),
    ]
    trend = pain_by_week(days)
    assert [(w.start, w.mean_before, w.mean_after, w.rated_sessions) for w in trend] == [
        (date(2026, 3, 2), 5.5, 3.0, 3),  # before: (6 + 5) / 2; after: (4 + 2) / 2
        (date(2026, 3, 9), 4.0, 2.0, 1),
    ]
    assert [w.start for w in pain_by_week(days, first=date(2026, 3, 9))] == [date(2026, 3, 9)]
    assert pain_by_week(days[3:4]) == []


def test_overview_puts_it_together() -> None:
    today = date(2027, 1, 13)
    view = overview(YEAR_END, today, goal=3, weeks=4)
    assert view.goal == 3
    assert [week.sessions for week in view.weeks] == [3, 3, 3, 1]
    assert (view.current_streak, view.longest_streak) == (4, 4)
    assert view.minutes_this_week == 20.0
    # 2, 4, 6, 8 and 11 January: a month is calendar days, so 2 January counts although it is in week 53 of 2026
    assert view.minutes_this_month == 5 * 20.0
    assert view.calendar[-1].day == today
    assert view.pain == ()


def test_a_trial_run_counts_towards_nothing() -> None:
    """A 1 min 16 s run at --time-scale 10 was a 13-minute completed session to the statistics; it is a trial."""
    real = row(datetime(2027, 1, 11, 8, 0, tzinfo=UTC))
    demo = dataclasses.replace(
        row(datetime(2027, 1, 12, 8, 0, tzinfo=UTC), active_seconds=780.0),
        time_scale=10.0,
        pain_before=6,
        pain_after=2,
    )
    assert demo.trial and not real.trial
    assert session_days([real, demo], UTC) == session_days([real], UTC)
    today = date(2027, 1, 13)
    assert overview(session_days([real, demo], UTC), today, goal=1) == overview(
        session_days([real], UTC), today, goal=1
    )
    assert overview(session_days([demo], UTC), today, goal=1).current_streak == 0


def test_the_computers_zone_gives_the_local_date_around_midnight_and_clock_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``tz=None`` takes the date from the timestamp in the computer's zone: the same date ``astimezone()`` gives,
    just after local midnight and on the nights the clocks change."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        moments = [
            datetime(2026, 3, 28, 23, 30, tzinfo=UTC),  # 00:30 on the 29th in Berlin, the night summer time starts
            datetime(2026, 3, 29, 0, 59, tzinfo=UTC),
            datetime(2026, 10, 24, 22, 30, tzinfo=UTC),  # 00:30 on the 25th, the night summer time ends
            datetime(2026, 10, 25, 22, 59, tzinfo=UTC),  # 23:59 on the 25th, an hour later than the night before
            datetime(2026, 12, 31, 23, 0, tzinfo=UTC),  # midnight: New Year's Day in Berlin
            datetime(2026, 6, 1, 21, 59, tzinfo=UTC),
        ]
        days = session_days([row(moment) for moment in moments])
        assert [item.day for item in days] == sorted(moment.astimezone().date() for moment in moments)
        assert [item.day for item in days] == [
            date(2026, 3, 29), date(2026, 3, 29), date(2026, 6, 1), date(2026, 10, 25), date(2026, 10, 25),
            date(2027, 1, 1),
        ]  # fmt: skip
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_the_overview_looks_at_each_sessions_week_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten years of daily sessions: the streaks share one pass over the weeks, and the bars, the calendar and the
    pain trend only look at the sessions of their own weeks (the History page draws this at each refresh)."""
    first = date(2016, 1, 4)
    days = [SessionDay(first + i * timedelta(days=1), 20.0, pain_before=4, pain_after=2) for i in range(3650)]
    today = days[-1].day
    expected = overview(days, today)
    calls = 0
    original = stats.week_start

    def counting(day: date) -> date:
        nonlocal calls
        calls += 1
        return original(day)

    monkeypatch.setattr(stats, "week_start", counting)
    assert overview(days, today) == expected
    assert calls < len(days) + 400 + 12 * 7  # each session once for the streaks, a year for the pain trend
