"""The reminder settings and the reminders' own state, through the one settings policy, in real files of the
per-test data folder (docs/reminders.md, "Settings")."""

from __future__ import annotations

import json
from datetime import date, time

from hipcoach.core.reminder_schedule import ReminderState
from hipcoach.core.reminder_state import STATE_FILE, load_state, save_state, state_path
from hipcoach.core.settings import SETTINGS_FILE, Settings, load_settings_with_warnings, save_settings, settings_path


def write(path_text: str) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(path_text, encoding="utf-8")


def test_reminders_are_off_by_default_and_suggested_from_the_weekly_goal() -> None:
    settings = Settings()
    assert not settings.reminders_on and not settings.reminders_offered
    schedule = settings.reminder_schedule()
    assert not schedule.on
    assert schedule.times == {0: time(18), 2: time(18), 4: time(18)}
    assert Settings(weekly_goal=5).reminder_schedule().times.keys() == {0, 1, 2, 3, 4}


def test_chosen_days_and_times_round_trip_as_readable_json() -> None:
    chosen = Settings(
        reminders_on=True,
        reminder_times=((1, time(7, 30)), (5, time(10, 0))),
        reminder_routine="gentle",
        reminders_offered=True,
    )
    save_settings(chosen)
    data = json.loads(settings_path().read_text(encoding="utf-8"))
    assert data["reminder_times"] == {"tue": "07:30", "sat": "10:00"}
    assert data["reminder_routine"] == "gentle"
    assert load_settings_with_warnings() == (chosen, [])
    assert chosen.reminder_schedule().times == {1: time(7, 30), 5: time(10, 0)}


def test_a_bad_day_or_time_is_named_with_the_file_and_dropped_the_others_kept() -> None:
    write(json.dumps({"reminders_on": True, "reminder_times": {"mon": "18:00", "funday": "09:00", "wed": "25:00"}}))
    settings, warnings = load_settings_with_warnings()
    assert settings.reminders_on
    assert settings.reminder_times == ((0, time(18, 0)),)
    [warning] = warnings
    assert SETTINGS_FILE in warning and "'reminder_times'" in warning and "funday" in warning and "25:00" in warning


def test_reminder_settings_of_the_wrong_type_take_their_defaults_with_a_warning() -> None:
    write(json.dumps({"reminders_on": "yes", "reminder_times": ["mon"], "reminder_routine": 3, "weekly_goal": 4}))
    settings, warnings = load_settings_with_warnings()
    assert (settings.reminders_on, settings.reminder_times, settings.reminder_routine) == (False, (), "")
    assert settings.weekly_goal == 4
    assert len(warnings) == 3 and all(str(settings_path()) in warning for warning in warnings)


def test_the_state_is_remembered_apart_from_the_settings() -> None:
    assert load_state() == (ReminderState(), [])
    save_state(ReminderState(shown_on=date(2026, 3, 2), paused_on=date(2026, 3, 1)))
    assert state_path().name == STATE_FILE and state_path().parent == settings_path().parent
    assert load_state() == (ReminderState(shown_on=date(2026, 3, 2), paused_on=date(2026, 3, 1)), [])
    assert not settings_path().exists()


def test_a_damaged_state_file_is_as_if_there_were_none() -> None:
    state_path().parent.mkdir(parents=True, exist_ok=True)
    state_path().write_text('{"shown_on": "yesterday"', encoding="utf-8")
    state, [warning] = load_state()
    assert state == ReminderState()
    assert STATE_FILE in warning
