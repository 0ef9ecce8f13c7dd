"""The test harness itself: the virtual display and the null audio sink really work, and so does Qt on them."""

from __future__ import annotations

import array
import math
import subprocess
import sys
import textwrap
import wave
from pathlib import Path

import pytest

from hipcoach.core import paths
from tests.audio_analysis import first_sounds, sound_segments, wav_stats, write_tone
from tests.audio_server import PulseServer
from tests.display import x11_env
from tests.tools import require_tool, wait_until


def test_require_tool_finds_a_tool() -> None:
    assert require_tool("sh").endswith("/sh")


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_require_tool_fails_under_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, ci: str, outcome: type[BaseException]
) -> None:
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="apt-get install xvfb"):
        monkeypatch.setenv("PATH", "")
        require_tool("Xvfb")


def test_data_dir_is_private_to_each_test(hipcoach_data_dir: Path, tmp_path: Path) -> None:
    assert paths.data_dir() == hipcoach_data_dir
    assert hipcoach_data_dir.is_relative_to(tmp_path)


def test_xvfb_display_answers(xvfb_display: str) -> None:
    result = subprocess.run(
        [require_tool("xdpyinfo"), "-display", xvfb_display], capture_output=True, text=True, timeout=30, check=True
    )
    assert "1280x800 pixels" in result.stdout
    assert "depth of root window:    24 planes" in result.stdout


def test_null_sink_records_what_is_played(pulse_null_sink: PulseServer, tmp_path: Path) -> None:
    tone = write_tone(tmp_path / "tone.wav", frequency=440, seconds=0.5)
    with pulse_null_sink.record(tmp_path / "recorded.wav") as recording:
        pulse_null_sink.play(tone)

    stats = wav_stats(recording.path)
    assert stats.peak > 0.1, stats
    assert 0.4 <= stats.sound_seconds <= 0.7, stats
    assert 420 <= stats.frequency <= 460, stats


def test_null_sink_is_silent_when_nothing_plays(pulse_null_sink: PulseServer, tmp_path: Path) -> None:
    with pulse_null_sink.record(tmp_path / "silence.wav") as recording:
        wait_until(lambda: recording.recorded_seconds() >= 0.3, timeout=10, what="0.3 s of recording")

    stats = wav_stats(recording.path)
    assert stats.seconds >= 0.25, stats
    assert stats.peak == 0, stats


# A child process like the real app: the player's audio library plays a WAV into the default audio output.
PLAYER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from hipcoach.speech.player import MiniaudioPlayer

    player = MiniaudioPlayer()
    player.preload(Path(sys.argv[1]))
    deadline = time.monotonic() + 30
    while player.opened == 0 and player.available() and time.monotonic() < deadline:
        time.sleep(0.01)  # waiting on a condition, polled
    print("backend:", player._backend, flush=True)
    if not player.available():
        print(player.problem, flush=True)
        sys.exit(2)
    player.play(Path(sys.argv[1]))
    while (player._current is None or player.playing()) and time.monotonic() < deadline:
        time.sleep(0.01)
    player.close()
    """
)


def test_the_audio_library_plays_into_null_sink(pulse_null_sink: PulseServer, tmp_path: Path) -> None:
    tone = write_tone(tmp_path / "tone.wav", frequency=660, seconds=1.0)
    script = tmp_path / "play.py"
    script.write_text(PLAYER)
    with pulse_null_sink.record(tmp_path / "played.wav") as recording:
        result = subprocess.run(
            [sys.executable, str(script), str(tone)],
            env=pulse_null_sink.child_env(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "backend: PulseAudio" in result.stdout, result.stdout + result.stderr

    stats = wav_stats(recording.path)
    assert stats.sound_seconds >= 0.5, stats
    assert 620 <= stats.frequency <= 700, stats


# A real xcb window on the virtual display, painted one colour; the parent takes a screenshot of the X screen.
QT_WINDOW = textwrap.dedent(
    """
    import sys
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication, QWidget
    from PySide6.QtTest import QTest

    app = QApplication(sys.argv)
    window = QWidget()
    palette = window.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#2e7d32"))
    window.setPalette(palette)
    window.setAutoFillBackground(True)
    window.setGeometry(0, 0, 1280, 800)
    window.show()
    if not QTest.qWaitForWindowExposed(window, 20_000):
        sys.exit(2)
    app.processEvents()
    print(app.platformName(), flush=True)
    sys.stdin.readline()  # the parent has taken its screenshot
    """
)


def test_qt_window_under_xvfb(xvfb_display: str, tmp_path: Path, artifacts_dir: Path) -> None:
    import_ = require_tool("import")
    convert = require_tool("convert")
    script = tmp_path / "window.py"
    script.write_text(QT_WINDOW)
    env = x11_env(xvfb_display)
    screenshot = artifacts_dir / "harness-xvfb-window.png"
    with subprocess.Popen(
        [sys.executable, str(script)],
        env=env,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as child:
        assert child.stdout is not None and child.stdin is not None
        platform = child.stdout.readline().strip()  # the window is exposed once this line arrives
        try:
            if platform:
                subprocess.run(
                    [import_, "-display", xvfb_display, "-window", "root", str(screenshot)],
                    check=True,
                    timeout=30,
                    capture_output=True,
                )
        finally:
            child.stdin.write("\n")
            child.stdin.close()
            stderr = child.stderr.read() if child.stderr else ""
            child.wait(timeout=30)
    assert platform == "xcb", f"exit {child.returncode}: {stderr}"
    assert child.returncode == 0, stderr

    pixel = subprocess.run(
        [convert, str(screenshot), "-format", "%[hex:p{640,400}]", "info:"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout.strip()
    assert pixel.upper().startswith("2E7D32"), pixel


def test_first_sounds_finds_a_soft_beginning_the_segments_find_late(tmp_path: Path) -> None:
    """The cue benchmark dates a sound from its first 2 ms above 0.2 % of full scale: a soft 40 ms lead-in (like the
    "th" of "three") below the segments' 1 % is found where it begins."""
    rate = 22050
    soft = [int(0.005 * 32767 * math.sin(2 * math.pi * 3000 * i / rate)) for i in range(round(0.04 * rate))]
    loud = [int(0.5 * 32767 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(round(0.3 * rate))]
    samples = array.array("h", [0] * round(0.5 * rate) + soft + loud + [0] * round(0.5 * rate))
    path = tmp_path / "soft.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    segments = sound_segments(path)
    assert len(segments) == 1
    assert segments[0][0] == pytest.approx(0.54, abs=0.011)  # the loud part
    assert first_sounds(path, segments) == [pytest.approx(0.5, abs=0.003)]
