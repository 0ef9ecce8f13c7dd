"""Settings against real files in the per-test data folder (tests/conftest.py points HIPCOACH_DATA_DIR at it)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from hipcoach.core import paths, settings_file
from hipcoach.core.plan import PlanOptions
from hipcoach.core.settings import (
    SETTINGS_FILE,
    Settings,
    TextSize,
    Theme,
    delete_preferences,
    load_settings,
    load_settings_with_warnings,
    save_settings,
    settings_path,
)
from tests.tools import REPO_ROOT

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX matter")


def write_raw(text: str | bytes) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def write_json(value: object) -> Path:
    return write_raw(json.dumps(value))


def test_settings_file_lives_in_the_config_dir(hipcoach_data_dir: Path) -> None:
    assert settings_path() == hipcoach_data_dir / "config" / "settings.json"


def test_missing_file_gives_defaults_without_warnings() -> None:
    loaded, warnings = load_settings_with_warnings()
    assert loaded == Settings()
    assert warnings == []
    assert not settings_path().exists()  # reading never creates anything


def test_defaults() -> None:
    assert Settings() == Settings(get_ready_seconds=5, wait_for_me=False, first_run_notice_seen=False)


def test_round_trip() -> None:
    chosen = Settings(get_ready_seconds=12, wait_for_me=True, first_run_notice_seen=True)
    save_settings(chosen)
    assert load_settings() == chosen
    assert load_settings_with_warnings() == (chosen, [])


def test_saved_file_holds_every_key_as_json() -> None:
    save_settings(Settings(wait_for_me=True))
    data = json.loads(settings_path().read_text(encoding="utf-8"))
    assert data == {
        "get_ready_seconds": 5,
        "wait_for_me": True,
        "first_run_notice_seen": False,
        "weekly_goal": 3,
        "show_figure": True,
        "reduce_motion": False,
        "safety_questions_seen": False,
        "adapt_doses": True,
        "theme": "system",
        "text_size": "normal",
        "reminders_on": False,
        "reminder_times": {},
        "reminder_routine": "",
        "reminders_offered": False,
    }


def test_the_figure_settings_follow_the_one_policy() -> None:
    """A bad value takes its default with a warning naming the file and the key; the other key keeps its value."""
    write_raw('{"show_figure": "no", "reduce_motion": true}')
    settings, warnings = load_settings_with_warnings()
    assert settings.show_figure is True and settings.reduce_motion is True
    assert len(warnings) == 1 and "show_figure" in warnings[0] and SETTINGS_FILE in warnings[0]


def test_save_replaces_the_previous_file_and_leaves_no_temp_files() -> None:
    save_settings(Settings(get_ready_seconds=7))
    save_settings(Settings(get_ready_seconds=9))
    assert load_settings().get_ready_seconds == 9
    assert sorted(p.name for p in settings_path().parent.iterdir()) == ["settings.json"]


def test_a_failed_save_keeps_the_old_file(monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(Settings(get_ready_seconds=7))
    before = settings_path().read_bytes()

    def fail_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail_replace)
    with pytest.raises(OSError, match="No space left"):
        save_settings(Settings(get_ready_seconds=20))
    assert settings_path().read_bytes() == before
    assert sorted(p.name for p in settings_path().parent.iterdir()) == ["settings.json"]


@posix_only
def test_file_is_private_and_so_is_the_config_dir() -> None:
    save_settings(Settings())
    assert stat.S_IMODE(settings_path().stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.config_dir().stat().st_mode) == 0o700


@posix_only
def test_save_tightens_an_existing_config_dir(hipcoach_data_dir: Path) -> None:
    paths.config_dir().mkdir(parents=True, mode=0o755)
    paths.config_dir().chmod(0o755)
    save_settings(Settings())
    assert stat.S_IMODE(paths.config_dir().stat().st_mode) == 0o700


def test_corrupt_json_gives_defaults_and_names_file_and_line() -> None:
    path = write_raw('{\n  "get_ready_seconds": 10,\n  "wait_for_me": true\n')  # no closing brace
    loaded, warnings = load_settings_with_warnings()
    assert loaded == Settings()
    assert len(warnings) == 1
    assert str(path) in warnings[0]
    assert "not valid JSON" in warnings[0]
    assert "line 4" in warnings[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "not valid JSON"),
        (b"\xff\xfe garbage", "not UTF-8"),
        (b"[1, 2, 3]", "expected a JSON object"),
        (b'"just text"', "expected a JSON object"),
        (b"[" * 60_000, "not valid JSON"),
        (b"1" * 5000, "not valid JSON"),
    ],
    ids=["empty", "binary", "list", "string", "deeply-nested", "huge-number"],
)
def test_unusable_files_give_defaults_and_a_warning(content: bytes, expected: str) -> None:
    path = write_raw(content)
    loaded, warnings = load_settings_with_warnings()
    assert loaded == Settings()
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{path}: ")
    assert expected in warnings[0]


def test_oversized_file_is_not_parsed() -> None:
    write_raw('{"wait_for_me": true, "padding": "' + "x" * settings_file.MAX_FILE_BYTES + '"}')
    loaded, warnings = load_settings_with_warnings()
    assert loaded == Settings()
    assert "too large" in warnings[0]


def test_unreadable_file_gives_defaults_and_a_warning() -> None:
    settings_path().mkdir(parents=True)  # a folder where the file should be
    loaded, warnings = load_settings_with_warnings()
    assert loaded == Settings()
    assert len(warnings) == 1
    assert "this is a folder, not a file" in warnings[0]


def test_wrong_types_default_only_the_bad_keys() -> None:
    path = write_json({"get_ready_seconds": "10", "wait_for_me": 1, "first_run_notice_seen": True})
    loaded, warnings = load_settings_with_warnings()
    assert loaded == Settings(first_run_notice_seen=True)  # the one good key is kept
    assert len(warnings) == 2
    assert all(w.startswith(f"{path}: ") for w in warnings)
    by_key = {key: w for key in ("get_ready_seconds", "wait_for_me") for w in warnings if key in w}
    assert '(got "10"); using 5' in by_key["get_ready_seconds"]
    assert "true or false (got 1); using false" in by_key["wait_for_me"]


@pytest.mark.parametrize("value", [True, 10.0, 10.5, None, {"seconds": 10}])
def test_get_ready_must_be_a_whole_number(value: object) -> None:
    write_json({"get_ready_seconds": value, "wait_for_me": True})
    loaded, warnings = load_settings_with_warnings()
    assert loaded == Settings(wait_for_me=True)
    assert len(warnings) == 1
    assert "'get_ready_seconds' must be a whole number" in warnings[0]


@pytest.mark.parametrize(("value", "clamped"), [(0, 3), (-5, 3), (2, 3), (31, 30), (600, 30), (10**30, 30)])
def test_get_ready_out_of_range_is_clamped(value: int, clamped: int) -> None:
    write_json({"get_ready_seconds": value, "wait_for_me": True})
    loaded, warnings = load_settings_with_warnings()
    assert loaded == Settings(get_ready_seconds=clamped, wait_for_me=True)
    assert warnings == [f"{settings_path()}: 'get_ready_seconds' must be from 3 to 30 (got {value}); using {clamped}"]


@pytest.mark.parametrize("value", [3, 30])
def test_get_ready_limits_are_allowed(value: int) -> None:
    write_json({"get_ready_seconds": value})
    assert load_settings_with_warnings() == (Settings(get_ready_seconds=value), [])


def test_missing_and_unknown_keys_are_not_problems() -> None:
    write_json({"wait_for_me": True, "from_a_newer_version": 42})
    assert load_settings_with_warnings() == (Settings(wait_for_me=True), [])


def test_load_settings_never_raises_and_returns_only_settings() -> None:
    write_raw("{nonsense")
    assert load_settings() == Settings()


def test_plan_options_carry_the_timing_settings() -> None:
    options = Settings(get_ready_seconds=15, wait_for_me=True).plan_options()
    assert options == PlanOptions(get_ready_seconds=15, wait_for_me=True)


@pytest.mark.parametrize(
    "kwargs",
    [{"get_ready_seconds": 2}, {"get_ready_seconds": 31}],
)
def test_invalid_settings_cannot_be_constructed(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Settings(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [True, 5.0, "5"])
def test_get_ready_of_the_wrong_type_cannot_be_constructed(value: object) -> None:
    with pytest.raises(TypeError):
        Settings(get_ready_seconds=value)  # type: ignore[arg-type]


def test_settings_module_does_not_import_qt() -> None:
    code = "import sys, hipcoach.core.settings; print(any(m.startswith('PySide6') for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(("value", "expected"), [(0, 1), (1, 1), (4, 4), (7, 7), (12, 7)])
def test_weekly_goal_is_one_to_seven_sessions(value: int, expected: int) -> None:
    write_json({"weekly_goal": value})
    loaded, warnings = load_settings_with_warnings()
    assert loaded.weekly_goal == expected
    assert (warnings == []) == (value == expected)


def test_weekly_goal_of_the_wrong_type_takes_the_default() -> None:
    write_json({"weekly_goal": "4"})
    loaded, warnings = load_settings_with_warnings()
    assert loaded.weekly_goal == 3
    assert "'weekly_goal' must be a whole number from 1 to 7" in warnings[0]


def test_delete_preferences_removes_every_settings_file() -> None:
    save_settings(Settings(weekly_goal=5))
    (paths.config_dir() / "speech.json").write_text("{}", encoding="utf-8")
    removed = delete_preferences()
    assert sorted(p.name for p in removed) == ["settings.json", "speech.json"]
    assert list(paths.config_dir().iterdir()) == []
    assert load_settings() == Settings()
    assert delete_preferences() == []


def test_a_theme_or_text_size_that_is_not_known_falls_back_with_a_warning() -> None:
    write_raw('{"theme": "purple", "text_size": "larger"}')
    settings, warnings = load_settings_with_warnings()
    assert settings.theme is Theme.SYSTEM and settings.text_size is TextSize.LARGER
    assert len(warnings) == 1 and "theme" in warnings[0] and "high-contrast" in warnings[0]
