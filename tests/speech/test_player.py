"""The voice channel on the real library (miniaudio) into a private PulseAudio null sink, recorded with parec:
a new cue cuts the one playing, stop() is silent within 100 ms, the device is opened once, and a sound server that
is stopped and started again mid-session is reported once and then used again, without an exception.

The player talks to the server named in PULSE_SERVER when it opens its device, so these run in the test process.
Every wait is on a condition (how far the device has read into a clip, what the recording holds)."""

from __future__ import annotations

import array
import threading
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from hipcoach.speech.player import (
    LEAD,
    LOST_AUDIO,
    NO_AUDIO,
    QUIET,
    RATE,
    MiniaudioPlayer,
    open_miniaudio_device,
    without_leading_silence,
)
from tests.audio_analysis import sound_segments, wav_stats, write_tone
from tests.audio_server import PulseServer, Recording
from tests.tools import wait_until

pytestmark = pytest.mark.e2e

STOP_WITHIN = 0.100
DATING = 0.025  # the recording's first sample is dated from parec's file growth, within its 20 ms latency


def pulse_only(backend: str) -> object:
    """The real opener, kept off ALSA: a machine's own sound card must not stand in for the test server."""
    return open_miniaudio_device(backend or "PulseAudio")


@pytest.fixture
def player(pulse_null_sink: PulseServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[MiniaudioPlayer]:
    for name, value in pulse_null_sink.env.items():
        monkeypatch.setenv(name, value)
    chosen = MiniaudioPlayer(opener=pulse_only)  # type: ignore[arg-type]
    assert chosen.opened == 0  # nothing is opened until there is something to play
    chosen.preload(write_tone(tmp_path / "first.wav", seconds=0.1, rate=RATE))
    wait_until(lambda: chosen.opened > 0 or not chosen.available(), timeout=10, what="the device to open")
    assert chosen.available(), chosen.problem
    yield chosen
    chosen.close()


def clip_seconds(player: MiniaudioPlayer) -> float:
    """How far the device has read into the clip now playing (0 when none)."""
    clip = player._current
    return clip.position / RATE if clip is not None else 0.0


def play_to_the_end(player: MiniaudioPlayer, path: Path, recording: Recording) -> None:
    """Play ``path`` and return once the device has read all of it and the recording holds 0.3 s more."""
    player.play(path)
    wait_until(lambda: player._current is not None and not player.playing(), timeout=10, what="the cue to be played")
    end = time.monotonic()
    wait_until(lambda: recording.started + recording.recorded_seconds() > end + 0.3, timeout=10, what="0.3 s more")


def test_a_new_cue_cuts_the_one_playing_and_the_device_is_opened_once(
    player: MiniaudioPlayer, pulse_null_sink: PulseServer, tmp_path: Path
) -> None:
    long = write_tone(tmp_path / "long.wav", frequency=440, seconds=3.0, rate=RATE)
    short = write_tone(tmp_path / "short.wav", frequency=880, seconds=0.3, rate=RATE)
    with pulse_null_sink.record(tmp_path / "cut.wav") as recording:
        player.play(long)
        wait_until(lambda: clip_seconds(player) >= 0.5, timeout=10, what="0.5 s of the long cue")
        play_to_the_end(player, short, recording)
    segments = sound_segments(recording.path)
    heard = wav_stats(recording.path)
    assert len(segments) == 1, segments  # one sound: the second took the first's place, no gap, no overlap
    assert 0.6 <= heard.sound_seconds <= 1.2, heard  # ~0.5 s of the long one, then the short one, not 3 s
    assert player.opened == 1


def test_stop_is_silent_within_100_ms(player: MiniaudioPlayer, pulse_null_sink: PulseServer, tmp_path: Path) -> None:
    long = write_tone(tmp_path / "long.wav", frequency=440, seconds=3.0, rate=RATE)
    with pulse_null_sink.record(tmp_path / "stop.wav") as recording:
        player.play(long)
        wait_until(lambda: clip_seconds(player) >= 0.5, timeout=10, what="0.5 s of the cue")
        stopped = time.monotonic()
        player.stop()
        wait_until(lambda: recording.started + recording.recorded_seconds() > stopped + 0.5, timeout=10)
    segments = sound_segments(recording.path)
    assert len(segments) == 1, segments
    silent_after = recording.started + segments[0][1] - stopped
    assert silent_after <= STOP_WITHIN + DATING, f"sound went on {silent_after * 1000:.0f} ms after stop()"


def test_a_restarted_sound_server_is_reported_once_then_used_again(
    player: MiniaudioPlayer, pulse_null_sink: PulseServer, tmp_path: Path
) -> None:
    tone = write_tone(tmp_path / "tone.wav", frequency=660, seconds=0.4, rate=RATE)
    long = write_tone(tmp_path / "long.wav", frequency=440, seconds=5.0, rate=RATE)
    with pulse_null_sink.record(tmp_path / "before.wav"):  # a null sink nobody records is read about once a second
        player.play(long)
        wait_until(lambda: clip_seconds(player) >= 0.2, timeout=10, what="the cue to start")

    pulse_null_sink.kill()  # mid-cue: the device stops asking for samples
    wait_until(lambda: not player.available(), timeout=10, what="the player to notice")
    assert player.problem == LOST_AUDIO
    player.play(tone)  # what the speaker never does while unavailable: must not raise either
    player.stop()

    pulse_null_sink.restart()
    wait_until(player.available, timeout=10, what="the player to reopen the device")
    assert player.opened == 2
    with pulse_null_sink.record(tmp_path / "after.wav") as recording:
        wait_until(lambda: recording.recorded_seconds() > 0.3, timeout=10)
        play_to_the_end(player, tone, recording)
    assert wav_stats(recording.path).sound_seconds >= 0.3


def test_a_server_restarted_while_quiet_is_used_again(
    player: MiniaudioPlayer, pulse_null_sink: PulseServer, tmp_path: Path
) -> None:
    """No cue playing when the server goes: the next one is still heard, on a reopened device."""
    tone = write_tone(tmp_path / "tone.wav", frequency=660, seconds=0.4, rate=RATE)
    pulse_null_sink.restart()
    wait_until(lambda: player.opened == 2 and player.available(), timeout=10, what="the device to be reopened")
    with pulse_null_sink.record(tmp_path / "quiet.wav") as recording:
        wait_until(lambda: recording.recorded_seconds() > 0.3, timeout=10)
        play_to_the_end(player, tone, recording)
    assert wav_stats(recording.path).sound_seconds >= 0.3


def test_no_sound_server_no_audio_and_no_exception(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'no-such-socket'}")
    player = MiniaudioPlayer(opener=pulse_only)  # type: ignore[arg-type]
    try:
        player.preload(write_tone(tmp_path / "tone.wav", seconds=0.1, rate=RATE))
        wait_until(lambda: not player.available(), timeout=10, what="the open to fail")
        assert player.problem == NO_AUDIO
        player.preload(tmp_path / "missing.wav")
        player.play(tmp_path / "missing.wav")
        player.stop()
    finally:
        player.close()


def test_the_silence_before_a_cue_is_cut_but_not_its_start() -> None:
    lead = array.array("h", [0] * 400 + [5] * 20)  # 18 ms of silence (with a little noise below 1 %)
    voice = array.array("h", [1000, -2000, 3000] * 100)
    trimmed = without_leading_silence(lead + voice)
    assert trimmed[-len(voice) :] == voice
    assert len(trimmed) - len(voice) == LEAD  # 5 ms kept before the first sound
    assert without_leading_silence(voice) == voice
    assert without_leading_silence(array.array("h", [0] * 50)) == array.array("h", [0] * 50)


def longest_silence_inside(path: Path) -> float:
    """The longest run of exact zeros between the first and the last sound of a recording, in seconds: where the
    stream ran dry, the sound server played nothing (a tone's own zero crossings last a sample or two)."""
    with wave.open(str(path), "rb") as wav:
        channels, rate = wav.getnchannels(), wav.getframerate()
        left = array.array("h", wav.readframes(wav.getnframes()))[::channels]
    loud = [index for index, sample in enumerate(left) if abs(sample) > QUIET]
    longest = run = 0
    for sample in left[loud[0] : loud[-1]]:
        run = run + 1 if sample == 0 else 0
        longest = max(longest, run)
    return longest / rate


def test_a_cue_plays_without_gaps_while_the_window_runs_python(
    player: MiniaudioPlayer, pulse_null_sink: PulseServer, tmp_path: Path
) -> None:
    """miniaudio's thread calls our Python for every period and must take the GIL first, while the window's thread
    runs Python in bursts (a repaint, a page refresh). With 10 ms periods the sound server ran dry several times a
    second (underruns in PulseAudio's log, 5-12 ms of silence in this cue); 30 ms periods leave room for the wait."""
    tone = write_tone(tmp_path / "tone.wav", frequency=440, seconds=2.0, rate=RATE)
    busy = threading.Event()

    def window_work() -> None:
        while not busy.is_set():
            until = time.perf_counter() + 0.015
            while time.perf_counter() < until:
                sum(range(200))
            time.sleep(0.03)

    worker = threading.Thread(target=window_work, daemon=True)
    with pulse_null_sink.record(tmp_path / "busy.wav") as recording:
        worker.start()
        try:
            play_to_the_end(player, tone, recording)
        finally:
            busy.set()
            worker.join()
    gap = longest_silence_inside(recording.path)
    assert gap < 0.001, f"the cue had {gap * 1000:.1f} ms of silence in it"


def test_a_cue_handed_over_ahead_starts_on_its_moment(
    player: MiniaudioPlayer, pulse_null_sink: PulseServer, tmp_path: Path
) -> None:
    """The window hands a cue over ``latency()`` seconds before its moment (docs/speech.md, "Starting early"): the
    player waits the rest in silence and the first sample sounds on the moment, not a period and the server's buffer
    after it. Played at once it sounds that much later."""
    tone = write_tone(tmp_path / "tone.wav", frequency=440, seconds=0.3, rate=RATE)
    onsets: dict[str, float] = {}
    with pulse_null_sink.record(tmp_path / "ahead.wav") as recording:
        for name in ("ahead", "at once", "ahead again"):
            wait_until(lambda: not player.playing(), timeout=10, what="quiet")
            latency = player.latency()
            assert 0.03 <= latency <= 0.06, latency  # a 30 ms period and the ~0.75 of it PulseAudio holds
            moment = time.monotonic() + (0.0 if name == "at once" else 2 * latency)
            player.play(tone, at=None if name == "at once" else moment)
            wait_until(lambda: player._current is not None and not player.playing(), timeout=10, what="the cue")
            onsets[name] = moment
            after = moment + 1.2  # quiet long enough to tell the sounds apart
            wait_until(lambda after=after: recording.started + recording.recorded_seconds() > after, timeout=10)
    segments = sound_segments(recording.path)
    assert len(segments) == 3, segments
    starts = [recording.started + start for start, _end in segments]
    late = {name: start - onsets[name] for name, start in zip(onsets, starts, strict=True)}
    for name in ("ahead", "ahead again"):
        assert abs(late[name]) <= 0.010 + DATING, f"{name}: heard {late[name] * 1000:+.0f} ms from its moment"
    assert late["at once"] > late["ahead"] + 0.010, late  # the output's own latency, which the lead takes away
