"""Renderers (without running them), tones, the cache and the settings file."""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path

import pytest

from hipcoach.core.verbosity import Verbosity
from hipcoach.speech import renderers
from hipcoach.speech.cache import SpeechCache, VoiceSettings, cache_key, valid_seconds
from hipcoach.speech.renderers import EspeakRenderer, RenderError, Tone, child_env, parse_espeak_voices, write_tone
from hipcoach.speech.settings import SpeechSettings, load_settings, save_settings, settings_path

VOICES = """Pty Language       Age/Gender VoiceName          File                 Other Languages
 5  af              --/M      Afrikaans          gmw/af
 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)
 3  en-uk           --/M      english-mb-en1     mb/mb-en1            (en-gb 3)(en 2)
 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)
"""


def test_espeak_voices_are_parsed_without_mbrola() -> None:
    voices = parse_espeak_voices(VOICES)
    assert [(v.id, v.name, v.language) for v in voices] == [
        ("gmw/af", "Afrikaans", "af"),
        ("gmw/en", "English (Great Britain)", "en-gb"),
        ("gmw/en-us", "English (America)", "en-us"),
    ]


def test_espeak_gets_an_argument_list_and_no_shell(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[tuple[list[str], dict[str, object]]] = []

    def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        calls.append((args, kwargs))
        return subprocess.CompletedProcess(args, 0, b"", b"")

    monkeypatch.setattr(renderers.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(renderers.subprocess, "run", run)
    EspeakRenderer().render("-rf /; echo hi", "gmw/en", 150, 0.5, tmp_path / "out.wav")
    [(args, kwargs)] = calls
    assert args == ["/usr/bin/espeak-ng", "-v", "gmw/en", "-s", "150", "-a", "50", "-w", str(tmp_path / "out.wav"),
                    "--", "-rf /; echo hi"]  # fmt: skip
    assert "shell" not in kwargs
    assert kwargs["timeout"] == 2.0


def test_missing_espeak_names_the_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RenderError) as error:
        EspeakRenderer().render("Hello.", "", 160, 1.0, tmp_path / "out.wav")
    assert "espeak-ng" in error.value.hint


def test_child_env_restores_the_library_path_a_bundle_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LD_LIBRARY_PATH", "/bundle/_internal")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/usr/local/lib")
    env = child_env()
    assert env["LD_LIBRARY_PATH"] == "/usr/local/lib"
    assert "LD_LIBRARY_PATH_ORIG" not in env
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG")
    monkeypatch.setattr(renderers.sys, "frozen", True, raising=False)
    assert "LD_LIBRARY_PATH" not in child_env()


@pytest.mark.parametrize("kind", Tone.ALL)
def test_tones_are_short_valid_wavs(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.wav"
    write_tone(kind, path)
    seconds = valid_seconds(path)
    assert seconds is not None
    assert 0.03 <= seconds <= 0.5
    assert seconds == pytest.approx(renderers.tone_seconds(kind), abs=0.001)


def test_the_cache_key_changes_with_everything_that_changes_the_sound() -> None:
    base = cache_key("espeak-ng", VoiceSettings("gmw/en", 160, 1.0), "Rest.")
    others = {
        cache_key("pyttsx3", VoiceSettings("gmw/en", 160, 1.0), "Rest."),
        cache_key("espeak-ng", VoiceSettings("gmw/en-us", 160, 1.0), "Rest."),
        cache_key("espeak-ng", VoiceSettings("gmw/en", 170, 1.0), "Rest."),
        cache_key("espeak-ng", VoiceSettings("gmw/en", 160, 0.5), "Rest."),
        cache_key("espeak-ng", VoiceSettings("gmw/en", 160, 1.0), "Rest"),
    }
    assert base not in others
    assert len(others) == 5
    assert base == cache_key("espeak-ng", VoiceSettings("gmw/en", 160, 1.0), "Rest.")


def test_the_cache_refuses_empty_or_broken_files(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    part = cache.part_path("k")
    with wave.open(str(part), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(22050)
    with pytest.raises(ValueError, match="no usable audio"):
        cache.commit("k", part)
    assert not part.exists()
    cache.path_for("k").write_bytes(b"RIFF garbage")
    assert cache.lookup("k") is None
    part = cache.part_path("k")
    write_tone(Tone.CHIME, part)
    path, seconds = cache.commit("k", part)
    assert cache.lookup("k") == (path, seconds)


def test_settings_round_trip_and_survive_a_broken_file(tmp_path: Path) -> None:
    assert load_settings() == SpeechSettings()
    chosen = SpeechSettings(voice="gmw/en-us", rate=140, volume=0.7, verbosity=Verbosity.COACH, muted=True, tones=False)
    save_settings(chosen)
    assert load_settings() == chosen
    settings_path().write_text("{not json")
    assert load_settings() == SpeechSettings()
    # One bad key no longer resets the others: it alone takes its default (the same policy as settings.json).
    settings_path().write_text('{"rate": 5000, "volume": -1, "verbosity": "chatty"}')
    assert load_settings() == SpeechSettings(rate=300, volume=0.0)
    settings_path().write_text('{"rate": 5000, "volume": -1}')
    assert (load_settings().rate, load_settings().volume) == (300, 0.0)
    assert [p.name for p in settings_path().parent.iterdir()] == ["speech.json"]
