"""What a recording of the null sink says about the cues: where the sound is, and how it lines up with the cue log.

Shared by the end-to-end tests (tests/speech/test_speech_e2e.py, tests/e2e/test_app_audio.py) and the cue timing
benchmark (bench/bench_cue_timing.py), so the onset detection and the alignment rules are written once.

- A *segment* is a stretch of sound: 10 ms frames whose RMS is above 1 % of full scale, joined across silences shorter
  than ``MERGE_GAP`` (espeak-ng pauses 0.34 to 0.44 s after a full stop inside one cue; see MERGE_GAP).
- The cue log (``HIPCOACH_CUE_LOG``) says, for every cue, when it was due and whether it was played (speech), replaced
  by a tone, or dropped. Played and tone entries make a sound; each is matched, in order, with the segment starting
  nearest its scheduled moment, the first segment being the first cue (the recording's clock and the app's monotonic
  clock differ by an unknown offset).
- ``wav_stats`` measures a whole WAV file (length, peak, loudness, dominant frequency); ``write_tone`` writes the plain
  sine of a known frequency the harness tests play and measure (the app's cue tones have an envelope and fixed
  pitches, so they cannot stand in for it).
"""

from __future__ import annotations

import array
import itertools
import json
import math
import subprocess
import sys
import wave
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tests.audio_server import SAMPLE_RATE, PulseServer
from tests.tools import REPO_ROOT

FRAME = 0.010  # seconds per energy frame
THRESHOLD = 0.01  # RMS, of full scale
MERGE_GAP = 0.53
"""Silences shorter than this are inside one cue. Measured in the recordings of the end-to-end tests: pauses inside a
cue 0.34 to 0.45 s (0.44 s in the rendered file; the sink and 10 ms frames add up to 10 ms), gaps between two cues
0.61 s or more. This sits halfway; at 0.45 a pause inside "… for balance. 2 reps each leg." was once split in two."""
AUDIBLE = ("played", "tone")  # cue log outcomes that make a sound

LogEntry = dict[str, Any]


def mono_samples(path: Path) -> tuple[array.array[int], int]:
    """The first channel's 16-bit samples of a WAV file, in this machine's byte order, and the sample rate."""
    with wave.open(str(path), "rb") as wav:
        channels, rate = wav.getnchannels(), wav.getframerate()
        samples = array.array("h", wav.readframes(wav.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    return samples[::channels], rate


def sound_segments(path: Path) -> list[tuple[float, float]]:
    """(start, end) of each stretch of sound, in seconds from the start of the recording."""
    mono, rate = mono_samples(path)
    size = round(rate * FRAME)
    limit = (THRESHOLD * 32768) ** 2 * size  # compare sums of squares: no square root per frame
    loud: list[float] = []
    for start in range(0, len(mono) - size, size):
        chunk = mono[start : start + size]
        if sum(s * s for s in chunk) > limit:
            loud.append(start / rate)
    segments: list[tuple[float, float]] = []
    for t in loud:
        if segments and t - segments[-1][1] <= MERGE_GAP:
            segments[-1] = (segments[-1][0], t + FRAME)
        else:
            segments.append((t, t + FRAME))
    return segments


FIRST_SOUND_WINDOW = 0.002  # seconds
FIRST_SOUND_THRESHOLD = 0.002  # RMS, of full scale: a fifth of THRESHOLD
FIRST_SOUND_BACK = 0.08  # seconds before a segment's start searched for its first sound


def first_sounds(path: Path, segments: list[tuple[float, float]]) -> list[float]:
    """Where each segment's sound really begins: the first 2 ms window above 0.2 % of full scale in the 80 ms before
    its start. The 10 ms frames above 1 % find a soft beginning late: the "th" of "three" by 40 ms, the "H" of "Hold."
    by 15 (measured on the cue benchmark's recording); other words within 2 ms. For the benchmark's figures only: the
    end-to-end tests keep ``sound_segments``."""
    mono, rate = mono_samples(path)
    size = round(rate * FIRST_SOUND_WINDOW)
    limit = (FIRST_SOUND_THRESHOLD * 32768) ** 2 * size
    found: list[float] = []
    for start, _end in segments:
        first = start
        for index in range(max(0, round((start - FIRST_SOUND_BACK) * rate)), round((start + FRAME) * rate), size):
            if sum(s * s for s in mono[index : index + size]) > limit:
                first = min(start, index / rate)
                break
        found.append(first)
    return found


def read_cue_log(path: Path) -> list[LogEntry]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def audible(log: list[LogEntry]) -> list[LogEntry]:
    """The entries that made a sound, in the order they started."""
    return [entry for entry in log if entry["outcome"] in AUDIBLE]


MATCH_WINDOW = 0.3  # seconds: a segment starting this far from a cue's expected onset is not that cue


@dataclass(frozen=True)
class CueTiming:
    """One audible cue: its moments relative to the first audible cue, in seconds (heard: None if not found)."""

    text: str
    outcome: str
    scheduled: float  # when the session said it was due
    started: float  # when the speaker started it (the app's clock)
    heard: float | None  # onset in the recording
    heard_seconds: float  # length of its segment in the recording
    logged_seconds: float  # length of its audio file

    @property
    def error(self) -> float | None:
        """Onset minus scheduled moment (relative to the first cue, so the first is 0 by construction)."""
        return None if self.heard is None else self.heard - self.scheduled


def align(segments: list[tuple[float, float]], log: list[LogEntry]) -> list[CueTiming]:
    """Pair each audible log entry with the segment that starts nearest its scheduled moment (within MATCH_WINDOW),
    in order, after taking the first segment as the first cue. A cue with no such segment (not heard, or heard run
    together with the one before it) gets ``heard=None``."""
    entries = audible(log)
    if not entries or not segments:
        return [_timing(entry, entries[0], None) for entry in entries]
    origin, first = segments[0][0], entries[0]
    timings: list[CueTiming] = []
    next_segment = 0
    for entry in entries:
        expected = origin + entry["scheduled"] - first["scheduled"]
        found: tuple[float, float] | None = None
        for index in range(next_segment, len(segments)):
            start = segments[index][0]
            if start > expected + MATCH_WINDOW:
                break
            if start >= expected - MATCH_WINDOW:
                found, next_segment = segments[index], index + 1
                break
        relative = (found[0] - origin, found[1] - found[0]) if found is not None else None
        timings.append(_timing(entry, first, relative))
    return timings


def _timing(entry: LogEntry, first: LogEntry, heard: tuple[float, float] | None) -> CueTiming:
    return CueTiming(
        text=entry["text"],
        outcome=entry["outcome"],
        scheduled=entry["scheduled"] - first["scheduled"],
        started=entry["started"] - first["started"],
        heard=heard[0] if heard is not None else None,
        heard_seconds=heard[1] if heard is not None else 0.0,
        logged_seconds=float(entry["duration"] or 0.0),
    )


def cut_off(log: list[LogEntry]) -> list[tuple[str, str]]:
    """Pairs of audible cues where the second started before the first's audio was over (it cut it off)."""
    entries = audible(log)
    return [
        (a["text"], b["text"])
        for a, b in itertools.pairwise(entries)
        if a["started"] + float(a["duration"] or 0.0) > b["started"] + 1e-3
    ]


def overlaps(timings: list[CueTiming]) -> list[tuple[str, str]]:
    """Pairs of consecutive heard cues whose sound, as recorded, had not ended when the next one began, or whose
    recorded sound is longer than its audio file (two cues heard as one)."""
    heard = [(t, t.heard) for t in timings if t.heard is not None]
    pairs = [(a.text, b.text) for (a, at), (b, bt) in itertools.pairwise(heard) if at + a.heard_seconds > bt]
    return pairs + [(t.text, "(run together)") for t, _ in heard if t.heard_seconds > t.logged_seconds + 0.1]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * (len(ordered) - 1)))]


def report(timings: list[CueTiming], log: list[LogEntry]) -> dict[str, Any]:
    """A small JSON-able summary for people to read (artifacts/): per-cue offsets in ms, drops and their reasons."""
    return {
        "cues": [
            {**asdict(t), "error_ms": round(t.error * 1000, 1) if t.error is not None else None}
            | {k: round(v, 3) for k, v in asdict(t).items() if isinstance(v, float)}
            for t in timings
        ],
        "dropped": [{"text": e["text"], "reason": e["reason"]} for e in log if e["outcome"] == "dropped"],
        "overlaps": overlaps(timings),
        "cut_off": cut_off(log),
    }


@dataclass(frozen=True)
class RecordedSession:
    result: subprocess.CompletedProcess[str]
    log: list[LogEntry]
    recording: Path
    recording_started: float  # monotonic time of the recording's first sample (within parec's ~20 ms latency)


def record_session(
    pulse: PulseServer, routine: Path, work_dir: Path, recording: Path, *, get_ready_seconds: int, timeout: float
) -> RecordedSession:
    """Run the real app (``python -m hipcoach --start ROUTINE --time-scale 1 --quit-when-done``, offscreen) with its own
    data folder (so an empty speech cache) and a cue log, playing into ``pulse``'s null sink while it is recorded.

    ``get_ready_seconds`` goes into the app's settings file: a get-ready long enough for the standard get-ready text
    (up to ~9 s) to end before its "3, 2, 1".
    """
    data_dir = work_dir / "data"
    (data_dir / "config").mkdir(parents=True, exist_ok=True)
    (data_dir / "config" / "settings.json").write_text(json.dumps({"get_ready_seconds": get_ready_seconds}))
    log_path = work_dir / "cues.jsonl"
    log_path.unlink(missing_ok=True)
    env = pulse.child_env(
        QT_QPA_PLATFORM="offscreen",
        HIPCOACH_DATA_DIR=str(data_dir),
        HIPCOACH_CUE_LOG=str(log_path),
        PYTHONPATH=str(REPO_ROOT),
    )
    env.pop("HIPCOACH_EVENT_LOG", None)
    recording.unlink(missing_ok=True)  # record() measures the file's growth: an old one would skew it
    command = [sys.executable, "-m", "hipcoach", "--start", str(routine), "--time-scale", "1", "--quit-when-done"]
    with pulse.record(recording) as recorder:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    log = read_cue_log(log_path) if log_path.exists() else []
    return RecordedSession(result, log, recording, recorder.started)


# --- WAV files ----------------------------------------------------------------------------------------------------


def write_tone(
    path: Path, *, frequency: float = 440.0, seconds: float = 0.5, amplitude: float = 0.5, rate: int = SAMPLE_RATE
) -> Path:
    """A mono 16-bit sine tone."""
    frames = array.array(
        "h", (int(amplitude * 32767 * math.sin(2 * math.pi * frequency * i / rate)) for i in range(int(seconds * rate)))
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames.tobytes())
    return path


@dataclass(frozen=True)
class WavStats:
    seconds: float  # total length
    peak: float  # 0..1 of full scale
    rms: float  # whole file, 0..1
    sound_seconds: float  # time in 10 ms windows whose RMS is above the threshold
    frequency: float  # rough dominant frequency of the loud part (zero crossings of the first channel), Hz


def wav_stats(path: Path, *, threshold: float = 0.01) -> WavStats:
    """Measure a 16-bit PCM WAV file (what ``PulseServer.record`` writes)."""
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2:
            raise ValueError(f"{path}: expected 16-bit samples, got {8 * wav.getsampwidth()}-bit")
        channels, rate, n = wav.getnchannels(), wav.getframerate(), wav.getnframes()
        samples = array.array("h", wav.readframes(n))
    if sys.byteorder == "big":
        samples.byteswap()
    mono = samples[::channels]
    if not mono:
        return WavStats(0.0, 0.0, 0.0, 0.0, 0.0)
    scale = 32768.0
    peak = max(abs(s) for s in samples) / scale
    rms = math.sqrt(sum(s * s for s in samples) / len(samples)) / scale
    window = max(1, rate // 100)
    loud_windows = 0
    crossings = 0
    for start in range(0, len(mono), window):
        chunk = mono[start : start + window]
        if math.sqrt(sum(s * s for s in chunk) / len(chunk)) / scale > threshold:
            loud_windows += 1
            crossings += sum(1 for a, b in itertools.pairwise(chunk) if (a < 0) != (b < 0))
    sound_seconds = loud_windows * window / rate
    frequency = crossings / 2 / sound_seconds if sound_seconds else 0.0
    return WavStats(len(mono) / rate, peak, rms, sound_seconds, frequency)
