"""End to end: the real speaker (espeak-ng, Qt Multimedia) plays scheduled cues into a PulseAudio null sink while
parec records it; the speech onsets found in the recording must match the cue log.

The speaker runs in a child process so that it talks to the private PulseAudio server only (Qt Multimedia picks its
audio server once per process). The cues are scheduled in real time, as a session would schedule them.
"""

from __future__ import annotations

import array
import itertools
import json
import math
import subprocess
import sys
import textwrap
import wave
from pathlib import Path

import pytest

from tests.helpers import REPO_ROOT, PulseServer, require_tool

FRAME = 0.010  # seconds per energy frame
THRESHOLD = 0.01  # RMS, of full scale
MERGE_GAP = 0.45  # silences shorter than this are inside one cue (espeak pauses ~0.35 s after a full stop)
TOLERANCE = 0.150

# (text, priority, seconds after the first cue); each cue ends at least 0.6 s before the next starts
SEQUENCE = [
    ("Bridge. Lie on your back.", "TRANSITION", 0.0),
    ("3", "COUNTDOWN", 2.6),
    ("2", "COUNTDOWN", 3.6),
    ("1", "COUNTDOWN", 4.6),
    ("Hold for 10 seconds.", "TRANSITION", 5.6),
    ("Halfway. Keep breathing.", "REMINDER", 7.9),
    ("Down.", "BEAT", 10.4),
    ("Rest.", "TRANSITION", 11.4),
]

CHILD = textwrap.dedent(
    """
    import json, sys, time
    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from hipcoach.core.cues import Cue, Priority
    from hipcoach.speech.speaker import Speaker

    sequence = json.loads(sys.argv[1])
    app = QCoreApplication([])
    speaker = Speaker()
    speaker.prepare_texts([text for text, _, _ in sequence])
    timers = []

    def all_rendered():
        return all(text in speaker._latest for text, _, _ in sequence)

    def schedule():
        start = time.monotonic() + 0.5
        for text, priority, offset in sequence:
            due = start + offset
            cue = Cue(text, Priority[priority])
            timer = QTimer()
            timer.setSingleShot(True)
            timer.setTimerType(Qt.TimerType.PreciseTimer)
            timer.timeout.connect(lambda cue=cue, due=due: speaker.say(cue, due))
            timer.start(round((due - time.monotonic()) * 1000))
            timers.append(timer)
        # a cue handed over a second after its moment: logged as dropped, never heard
        late = QTimer.singleShot(round((start + 6.9 - time.monotonic()) * 1000),
                                 lambda: speaker.say(Cue("Too late.", Priority.TRANSITION), time.monotonic() - 1.0))
        QTimer.singleShot(round((start + sequence[-1][2] + 2.0 - time.monotonic()) * 1000), app.quit)

    def wait():
        if all_rendered() or not speaker.speech_available:
            schedule()
        else:
            QTimer.singleShot(20, wait)

    wait()
    app.exec()
    speaker.close()
    print(json.dumps(speaker.notices))
    """
)


def onsets(path: Path) -> list[tuple[float, float]]:
    """(start, end) of each stretch of sound, in seconds from the start of the recording."""
    with wave.open(str(path), "rb") as wav:
        channels, rate = wav.getnchannels(), wav.getframerate()
        samples = array.array("h", wav.readframes(wav.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    mono = samples[::channels]
    size = round(rate * FRAME)
    loud: list[float] = []
    for start in range(0, len(mono) - size, size):
        chunk = mono[start : start + size]
        if math.sqrt(sum(s * s for s in chunk) / size) / 32768 > THRESHOLD:
            loud.append(start / rate)
    segments: list[tuple[float, float]] = []
    for t in loud:
        if segments and t - segments[-1][1] <= MERGE_GAP:
            segments[-1] = (segments[-1][0], t + FRAME)
        else:
            segments.append((t, t + FRAME))
    return segments


@pytest.mark.e2e
def test_cues_are_heard_on_time_in_order_and_never_overlap(
    pulse_null_sink: PulseServer, tmp_path: Path, artifacts_dir: Path
) -> None:
    require_tool("espeak-ng")
    log_path = tmp_path / "cues.jsonl"
    recording = artifacts_dir / "speech-e2e.wav"
    env = pulse_null_sink.child_env(
        QT_QPA_PLATFORM="offscreen", HIPCOACH_CUE_LOG=str(log_path), PYTHONPATH=str(REPO_ROOT)
    )
    recording.unlink(missing_ok=True)  # record() measures the file's growth: an old one would skew it
    with pulse_null_sink.record(recording):
        result = subprocess.run(
            [sys.executable, "-c", CHILD, json.dumps(SEQUENCE)],
            env=env,
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []  # no notices: speech and audio worked
    log = [json.loads(line) for line in log_path.read_text().splitlines()]
    assert [(e["text"], e["outcome"]) for e in log if e["outcome"] != "played"] == [("Too late.", "dropped")]
    played = [e for e in log if e["outcome"] == "played"]
    assert [e["text"] for e in played] == [text for text, _, _ in SEQUENCE]

    heard = onsets(recording)
    assert len(heard) == len(played), f"heard {heard}, played {[e['text'] for e in played]}"  # merged = overlap
    errors = [
        (start - heard[0][0]) - (entry["scheduled"] - played[0]["scheduled"])
        for (start, _), entry in zip(heard, played, strict=True)
    ]
    print("onset minus schedule, relative to the first (ms):", [round(e * 1000) for e in errors])
    assert all(abs(error) <= TOLERANCE for error in errors), errors
    for (_, end), (next_start, _) in itertools.pairwise(heard):
        assert end < next_start
