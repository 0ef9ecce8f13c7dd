"""The macOS renderer, run here against a stand-in ``say`` program on PATH (a real child process).

The stand-in takes the arguments macOS's ``say`` takes, writes the file format it is asked for, reads the text from
standard input as ``-f -`` asks, and logs what it was given; so these tests check our side of the contract: the
command line, the text and volume, the WAV check and the voice listing. On a Mac the same renderer runs /usr/bin/say.
"""

from __future__ import annotations

import json
import sys
import wave
from pathlib import Path

import pytest

from hipcoach.speech import renderers
from hipcoach.speech.renderers import RenderError, SayRenderer, parse_say_voices
from tests.tools import put_first_on_path

LISTING = """Albert              en_US    # Hello! My name is Albert.
Amélie              fr_CA    # Bonjour! Je m'appelle Amélie.
Bad News            en_US    # Hello! My name is Bad News.
Eddy (English (UK)) en_GB    # Hello! My name is Eddy.
Samantha            en_US    # Hello! My name is Samantha.
"""

FAKE_SAY = """#!{python}
import json, sys, wave
args = sys.argv[1:]
if args == ["-v", "?"]:
    sys.stdout.write({listing!r})
    sys.exit(0)
text = sys.stdin.read() if args[-2:] == ["-f", "-"] else ""
with open({log!r}, "a", encoding="utf-8") as log:
    log.write(json.dumps({{"args": args, "text": text}}) + "\\n")
out = args[args.index("-o") + 1]
if "--file-format=WAVE" in args and "--data-format=LEI16@22050" in args:
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1); wav.setsampwidth(2); wav.setframerate(22050)
        wav.writeframes(b"\\x10\\x00" * 2205)
else:
    with open(out, "wb") as aiff:
        aiff.write(b"FORM\\x00\\x00\\x00\\x04AIFF")
"""


@pytest.fixture
def fake_say(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ``say`` first on PATH; returns the log of its calls."""
    log = tmp_path / "say-calls.jsonl"
    script = FAKE_SAY.format(python=sys.executable, listing=LISTING, log=str(log))
    put_first_on_path(monkeypatch, tmp_path / "bin", "say", script)
    return log


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a script with a #! line")
def test_say_writes_a_wav_with_the_voice_rate_and_volume(fake_say: Path, tmp_path: Path) -> None:
    out = tmp_path / "cue.wav"
    SayRenderer().render("-v Zarvox. Hold.", "Samantha", 150, 0.5, out)
    with wave.open(str(out), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 22050)
        assert wav.getnframes() == 2205
    [call] = [json.loads(line) for line in fake_say.read_text(encoding="utf-8").splitlines()]
    assert call["args"] == ["-o", str(out), "--file-format=WAVE", "--data-format=LEI16@22050", "-r", "150",
                            "-v", "Samantha", "-f", "-"]  # fmt: skip
    assert call["text"] == "[[volm 0.50]] -v Zarvox. Hold."  # the text is never read as an option


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a script with a #! line")
def test_say_without_a_voice_uses_the_system_voice(fake_say: Path, tmp_path: Path) -> None:
    SayRenderer().render("Rest.", "", 160, 1.0, tmp_path / "cue.wav")
    [call] = [json.loads(line) for line in fake_say.read_text(encoding="utf-8").splitlines()]
    assert "-v" not in call["args"]
    assert call["text"] == "[[volm 1.00]] Rest."


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a script with a #! line")
def test_a_file_that_is_not_a_wav_is_a_failed_render(
    fake_say: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older ``say`` that ignores the format options and writes AIFF must not reach the cache."""
    monkeypatch.setattr(renderers, "SAY_WAV_FORMAT", "BEI16@22050")
    with pytest.raises(RenderError, match="say wrote no audio"):
        SayRenderer().render("Rest.", "", 160, 1.0, tmp_path / "cue.wav")


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a script with a #! line")
def test_say_lists_its_voices(fake_say: Path) -> None:
    voices = SayRenderer().voices()
    assert [(voice.id, voice.language) for voice in voices] == [
        ("Albert", "en-us"),
        ("Amélie", "fr-ca"),
        ("Bad News", "en-us"),
        ("Eddy (English (UK))", "en-gb"),
        ("Samantha", "en-us"),
    ]


def test_no_say_program_names_what_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RenderError, match="say was not found") as error:
        SayRenderer().render("Rest.", "", 160, 1.0, tmp_path / "cue.wav")
    assert "say" in error.value.hint
    assert SayRenderer().voices() == []


def test_voice_listing_lines_that_are_not_voices_are_skipped() -> None:
    assert parse_say_voices("\nsomething else\nAlex en_US # hi\n") == [
        renderers.Voice(id="Alex", name="Alex", language="en-us")
    ]


def test_macos_renders_with_say(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(renderers.sys, "platform", "darwin")
    assert isinstance(renderers.default_renderer(), SayRenderer)
