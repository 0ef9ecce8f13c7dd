"""Consistency statistics for the History panel and the physiotherapist's report: pure functions, no Qt, no SQL.

Why dates and not times: everything here is about *which day* a session happened on the user's calendar. A session
is turned into a :class:`SessionDay` once (its start converted to local time, then to a date), and from there on
weeks are whole calendar weeks of dates, so a week with a clock change (167 or 169 hours) is still seven days and
a session just after local midnight belongs to the new day whatever UTC says.

Weeks are ISO weeks: Monday to Sunday, identified by their Monday (``week_start``). Working with the Monday date
rather than the (year, week number) pair makes the year boundary a non-event: the Monday after week 53 of 2026
(2026-12-28) is simply seven days later (2027-01-04, week 1 of 2027).

Rules (ours, documented in docs/history.md):

* the goal is a number of sessions per week, 1-7, default 3 (the article advises three to four times a week);
* trial runs (any time scale but 1) are not exercise: :func:`session_days` leaves them out of everything;
* a session counts towards the goal when it was completed, or stopped after at least
  :data:`MIN_COUNTED_MINUTES` minutes of exercise (someone who stops because of pain has still exercised);
* a week *meets the goal* when it has at least ``goal`` counted sessions;
* the current week takes part in streaks and adherence only once it meets the goal: an unfinished week cannot
  break a streak on Tuesday.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from operator import attrgetter
from typing import Final

from hipcoach.core.history.rows import SessionRow

DEFAULT_GOAL: Final = 3
GOAL_RANGE: Final = (1, 7)
MIN_COUNTED_MINUTES: Final = 5.0
WEEK: Final = timedelta(days=7)
_BACK_TO_MONDAY: Final = tuple(timedelta(days=weekday) for weekday in range(7))


@dataclass(frozen=True)
class SessionDay:
    """What the statistics need of one session."""

    day: date  # the local date the session started
    minutes: float  # active minutes (pauses excluded)
    counts: bool = True  # counts towards the weekly goal
    pain_before: int | None = None
    pain_after: int | None = None
    sore_day: bool = False  # the short, gentle sore-day version of a routine: marked on the calendar


@dataclass(frozen=True)
class Week:
    start: date  # its Monday
    sessions: int  # sessions counting towards the goal
    minutes: float  # minutes of all sessions

    @property
    def iso(self) -> tuple[int, int]:
        """(ISO year, ISO week number), e.g. (2026, 53) for the week of 2026-12-28."""
        year, week, _ = self.start.isocalendar()
        return year, week

    def met(self, goal: int) -> bool:
        return self.sessions >= goal


@dataclass(frozen=True)
class DayMinutes:
    day: date
    minutes: float
    sessions: int
    sore_days: int = 0  # of those sessions, the sore-day ones


@dataclass(frozen=True)
class Adherence:
    weeks_met: int
    weeks: int

    @property
    def ratio(self) -> float:
        return self.weeks_met / self.weeks if self.weeks else 0.0


@dataclass(frozen=True)
class PainWeek:
    start: date  # Monday of the week
    mean_before: float | None  # mean of the "before" ratings that week, None without any
    mean_after: float | None
    rated_sessions: int  # sessions with at least one rating


@dataclass(frozen=True)
class Overview:
    """Everything the History panel shows at the top, computed in one call."""

    goal: int
    weeks: tuple[Week, ...]  # the last weeks, oldest first, the current week last
    current_streak: int
    longest_streak: int
    minutes_this_week: float
    minutes_this_month: float
    calendar: tuple[DayMinutes, ...]
    pain: tuple[PainWeek, ...]


# ---------------------------------------------------------------------------------------------------------------


def session_days(rows: Iterable[SessionRow], tz: tzinfo | None = None) -> list[SessionDay]:
    """Turn stored sessions into dated sessions, in ``tz`` (default: the computer's local zone). Trial runs (a time
    scale other than 1) are left out: every statistic, streak, goal and chart starts from here."""
    days: list[SessionDay] = []
    for row in rows:
        if row.trial:
            continue
        minutes = row.active_minutes
        counts = row.status == "completed" or (row.status == "stopped" and minutes >= MIN_COUNTED_MINUTES)
        # The computer's zone: the local date straight from the timestamp (astimezone(None) builds a zone object
        # for every one of ten years of sessions, at each refresh of the History page).
        day = date.fromtimestamp(row.started_at.timestamp()) if tz is None else row.started_at.astimezone(tz).date()
        days.append(SessionDay(day, minutes, counts, row.pain_before, row.pain_after, row.sore_day))
    days.sort(key=attrgetter("day"))
    return days


def check_goal(goal: int) -> int:
    low, high = GOAL_RANGE
    if isinstance(goal, bool) or not isinstance(goal, int) or not low <= goal <= high:
        raise ValueError(f"the weekly goal must be a whole number of sessions from {low} to {high}, not {goal!r}")
    return goal


def week_start(day: date) -> date:
    """The Monday of the ISO week holding ``day``."""
    return day - _BACK_TO_MONDAY[day.weekday()]  # called for every session, several times a panel: no new timedelta


def weeks_between(days: Sequence[SessionDay], first: date, last: date) -> list[Week]:
    """Every week from the one holding ``first`` to the one holding ``last``, oldest first, empty weeks included."""
    sessions: Counter[date] = Counter()
    minutes: defaultdict[date, float] = defaultdict(float)
    low, high = week_start(first), week_start(last) + WEEK
    for item in days:
        if not low <= item.day < high:  # ten years of sessions for twelve weeks of bars: only compare those dates
            continue
        start = week_start(item.day)
        minutes[start] += item.minutes
        if item.counts:
            sessions[start] += 1
    result: list[Week] = []
    start = week_start(first)
    while start <= week_start(last):
        result.append(Week(start, sessions[start], minutes[start]))
        start += WEEK
    return result


def sessions_per_week(days: Sequence[SessionDay], today: date, count: int = 12) -> list[Week]:
    """The last ``count`` weeks, ending with the current one (for the bar chart against the goal line)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    return weeks_between(days, week_start(today) - (count - 1) * WEEK, today)


def _met_weeks(days: Sequence[SessionDay], goal: int) -> set[date]:
    counts = Counter(week_start(item.day) for item in days if item.counts)
    return {start for start, sessions in counts.items() if sessions >= goal}


def current_streak(days: Sequence[SessionDay], today: date, goal: int = DEFAULT_GOAL) -> int:
    """Consecutive weeks meeting the goal, ending with the current week if it already meets it, else with the last
    one."""
    return _current_streak(_met_weeks(days, check_goal(goal)), today)


def _current_streak(met: set[date], today: date) -> int:
    start = week_start(today)
    streak = 1 if start in met else 0
    start -= WEEK
    while start in met:
        streak += 1
        start -= WEEK
    return streak


def longest_streak(days: Sequence[SessionDay], today: date, goal: int = DEFAULT_GOAL) -> int:
    """The most consecutive weeks that met the goal, up to and including the current week (never later ones)."""
    return _longest_streak(_met_weeks(days, check_goal(goal)), today)


def _longest_streak(weeks_met: set[date], today: date) -> int:
    this_week = week_start(today)
    met = sorted(start for start in weeks_met if start <= this_week)
    longest = run = 0
    previous: date | None = None
    for start in met:
        run = run + 1 if previous is not None and start - previous == WEEK else 1
        longest = max(longest, run)
        previous = start
    return longest


def minutes_between(days: Sequence[SessionDay], first: date, last: date) -> float:
    """Minutes of all sessions from ``first`` to ``last`` inclusive."""
    return sum(item.minutes for item in days if first <= item.day <= last)


def minutes_this_week(days: Sequence[SessionDay], today: date) -> float:
    return minutes_between(days, week_start(today), today)


def minutes_this_month(days: Sequence[SessionDay], today: date) -> float:
    return minutes_between(days, today.replace(day=1), today)


def calendar_start(today: date) -> date:
    """First day of the heatmap: the Monday of the week a year ago, so the grid has whole week columns and
    ``today``'s date a year ago is in it. 29 February falls back to the 28th."""
    day = today.day if not (today.month == 2 and today.day == 29) else 28
    return week_start(today.replace(year=today.year - 1, day=day) + timedelta(days=1))


def daily_minutes(days: Sequence[SessionDay], first: date, last: date) -> list[DayMinutes]:
    """Every day from ``first`` to ``last``, with its minutes and sessions (zero on rest days)."""
    minutes: defaultdict[date, float] = defaultdict(float)
    sessions: Counter[date] = Counter()
    sore: Counter[date] = Counter()
    for item in days:
        if not first <= item.day <= last:
            continue
        minutes[item.day] += item.minutes
        sessions[item.day] += 1
        sore[item.day] += item.sore_day
    result: list[DayMinutes] = []
    day = first
    while day <= last:
        result.append(DayMinutes(day, minutes[day], sessions[day], sore[day]))
        day += timedelta(days=1)
    return result


def calendar(days: Sequence[SessionDay], today: date) -> list[DayMinutes]:
    """The twelve-month heatmap: one cell a day from :func:`calendar_start` to today."""
    return daily_minutes(days, calendar_start(today), today)


def adherence(days: Sequence[SessionDay], first: date, last: date, today: date, goal: int = DEFAULT_GOAL) -> Adherence:
    """Weeks meeting the goal out of the weeks in the period.

    The period is made of whole ISO weeks, from the one holding ``first`` to the one holding ``last``; a week's
    sessions are counted over the whole week. Weeks after the current one are left out, and the current week is
    left out until it meets the goal (same rule as the streak).
    """
    goal = check_goal(goal)
    this_week = week_start(today)
    weeks = [week for week in weeks_between(days, first, last) if week.start <= this_week]
    if weeks and weeks[-1].start == this_week and not weeks[-1].met(goal):
        weeks.pop()
    return Adherence(sum(1 for week in weeks if week.met(goal)), len(weeks))


def pain_by_week(days: Sequence[SessionDay], first: date | None = None, last: date | None = None) -> list[PainWeek]:
    """Mean pain before and after per week, for the weeks (in the period) that have ratings, oldest first."""
    before: defaultdict[date, list[int]] = defaultdict(list)
    after: defaultdict[date, list[int]] = defaultdict(list)
    rated: Counter[date] = Counter()
    for item in days:
        if (first is not None and item.day < first) or (last is not None and item.day > last):
            continue
        start = week_start(item.day)
        if item.pain_before is not None:
            before[start].append(item.pain_before)
        if item.pain_after is not None:
            after[start].append(item.pain_after)
        if item.pain_before is not None or item.pain_after is not None:
            rated[start] += 1
    return [
        PainWeek(
            start,
            statistics.fmean(before[start]) if before[start] else None,
            statistics.fmean(after[start]) if after[start] else None,
            rated[start],
        )
        for start in sorted(rated)
    ]


def overview(days: Sequence[SessionDay], today: date, goal: int = DEFAULT_GOAL, weeks: int = 12) -> Overview:
    goal = check_goal(goal)
    met = _met_weeks(days, goal)  # once for both streaks
    return Overview(
        goal=goal,
        weeks=tuple(sessions_per_week(days, today, weeks)),
        current_streak=_current_streak(met, today),
        longest_streak=_longest_streak(met, today),
        minutes_this_week=minutes_this_week(days, today),
        minutes_this_month=minutes_this_month(days, today),
        calendar=tuple(calendar(days, today)),
        pain=tuple(pain_by_week(days, calendar_start(today), today)),
    )
