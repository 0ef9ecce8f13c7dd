"""One loader, one policy: the app's settings and the speech settings, from real files in the test's data folder."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from hipcoach.core import paths
from hipcoach.core.settings import load_settings_with_warnings as load_app_settings
from hipcoach.core.settings import settings_path as app_settings_path
from hipcoach.core.settings_file import Field, SettingsFile, flag, whole
from hipcoach.core.verbosity import SPEECH_RATE, Verbosity
from hipcoach.speech import renderers
from hipcoach.speech.cache import VoiceSettings
from hipcoach.speech.settings import SpeechSettings, load_settings, load_settings_with_warnings, settings_path


def write_speech(value: object) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def test_a_bad_speech_key_takes_its_default_and_the_others_keep_their_values() -> None:
    path = write_speech({"rate": 140, "verbosity": "chatty", "muted": "false", "voice": 5, "tones": False})
    loaded, warnings = load_settings_with_warnings()
    assert loaded == SpeechSettings(rate=140, tones=False)
    assert load_settings() == loaded
    by_key = {key: w for key in ("verbosity", "muted", "voice") for w in warnings if f"'{key}'" in w}
    assert len(warnings) == 3 and len(by_key) == 3
    assert all(w.startswith(f"{path}: ") for w in warnings)
    expected = 'must be one of "minimal", "standard", "coach" (got "chatty"); using "standard"'
    assert by_key["verbosity"].endswith(expected)
    assert by_key["muted"].endswith('must be true or false (got "false"); using false')
    assert by_key["voice"].endswith('must be text in quotes (got 5); using ""')


def test_speech_numbers_out_of_range_are_clamped_with_a_warning() -> None:
    path = write_speech({"rate": 5000, "volume": -1})
    loaded, warnings = load_settings_with_warnings()
    assert (loaded.rate, loaded.volume) == (300, 0.0)
    assert warnings == [
        f"{path}: 'rate' must be from 80 to 300 (got 5000); using 300",
        f"{path}: 'volume' must be from 0 to 1 (got -1); using 0.0",
    ]


@pytest.mark.parametrize("value", ["150", 150.5, True, None])
def test_the_speech_rate_must_be_a_whole_number(value: object) -> None:
    write_speech({"rate": value, "verbosity": "coach"})
    loaded, [warning] = load_settings_with_warnings()
    assert loaded == SpeechSettings(verbosity=Verbosity.COACH)
    assert "'rate' must be a whole number of words per minute from 80 to 300" in warning


def test_a_broken_file_is_said_the_same_way_for_both_settings_files() -> None:
    for path in (settings_path(), app_settings_path()):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{not json", encoding="utf-8")
    speech, [speech_warning] = load_settings_with_warnings()
    _app, [app_warning] = load_app_settings()
    assert speech == SpeechSettings()
    assert speech_warning.startswith(f"{settings_path()}: not valid JSON (line 1")
    assert app_warning.startswith(f"{app_settings_path()}: not valid JSON (line 1")
    assert speech_warning.endswith("; using the default settings")
    assert app_warning.endswith("; using the default settings")


def test_the_speech_file_keeps_every_key_with_the_verbosity_as_text() -> None:
    from hipcoach.speech.settings import save_settings  # noqa: PLC0415

    save_settings(SpeechSettings(verbosity=Verbosity.MINIMAL))
    data = json.loads(settings_path().read_text(encoding="utf-8"))
    assert data == {
        "voice": "", "rate": 160, "volume": 1.0, "verbosity": "minimal", "muted": False, "tones": True,
        "announce": True,
    }  # fmt: skip
    assert settings_path().parent == paths.config_dir()


def test_there_is_one_default_speech_rate() -> None:
    assert SpeechSettings().rate == VoiceSettings().rate == SPEECH_RATE
    assert not hasattr(renderers, "DEFAULT_RATE")


def test_a_field_default_must_agree_with_the_settings_default() -> None:
    @dataclass(frozen=True)
    class Example:
        count: int = 2
        on: bool = False

    with pytest.raises(ValueError, match="count"):
        SettingsFile(Example, [Field("count", 3, whole(1, 5)), Field("on", False, flag)])


def test_a_new_setting_is_one_field(tmp_path: Path) -> None:
    """What later settings will do: describe the key; reading, warnings and saving follow."""

    @dataclass(frozen=True)
    class Example:
        count: int = 2
        on: bool = False

    file = SettingsFile(Example, [Field("count", 2, whole(1, 5)), Field("on", False, flag)])
    path = tmp_path / "example.json"
    file.save(path, Example(count=4, on=True))
    assert file.load(path) == (Example(count=4, on=True), [])
    path.write_text('{"count": 9, "on": "yes"}', encoding="utf-8")
    assert file.load(path) == (
        Example(count=5),
        [
            f"{path}: 'count' must be from 1 to 5 (got 9); using 5",
            f"{path}: 'on' must be true or false (got \"yes\"); using false",
        ],
    )
