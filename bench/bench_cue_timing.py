"""Cue timing from a recording: the real app plays a three-minute routine in real time into a PulseAudio null sink
while parec records it; each cue's onset in the recording minus its scheduled moment.

The same run as tests/e2e/test_app_audio.py (shared code in tests/audio_analysis.py), on a longer routine
(bench/three-minutes.toml: a get-ready with a position change, paced reps with a hold on both sides, rests between
sets, a timed hold, a floor exercise). Two figures per cue:

- relative: onset and schedule both measured from the first cue (what the end-to-end test checks; the constant start
  latency cancels out);
- absolute: onset on the monotonic clock (the recording's first sample is dated from parec's file growth, within its
  ~20 ms latency) minus the scheduled moment: includes the player's start latency and the session timer's lateness.
  It is split in two: "timer" (the speaker started the cue minus its scheduled moment: the session timer and the GUI
  thread, read from the cue log) and "output" (sound in the recording minus the speaker's start: the player, the
  sound server and the recording). A third line dates each sound from its first 2 ms above 0.2 % of full scale
  instead of its first 10 ms frame above 1 %, which finds a soft beginning late ("three" by 40 ms).

Targets: p95 at most 80 ms, no overlaps. Run: ``.venv/bin/python -m bench.bench_cue_timing`` (about 3.5 minutes).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from tests.audio_analysis import (
    CueTiming,
    LogEntry,
    align,
    audible,
    cut_off,
    first_sounds,
    overlaps,
    percentile,
    record_session,
    sound_segments,
)
from tests.audio_server import start_pulseaudio

ROUTINE = Path(__file__).resolve().parent / "three-minutes.toml"


def describe(name: str, errors_ms: list[float]) -> str:
    magnitudes = [abs(e) for e in errors_ms]
    return (
        f"{name:9} |error| p50 {statistics.median(magnitudes):5.1f} ms  p95 {percentile(magnitudes, 0.95):5.1f} ms  "
        f"max {max(magnitudes):5.1f} ms   (signed: median {statistics.median(errors_ms):+.1f}, "
        f"min {min(errors_ms):+.1f}, max {max(errors_ms):+.1f})"
    )


def absolute_ms(
    recording_started: float,
    segments: list[tuple[float, float]],
    dates: list[float],
    heard: list[CueTiming],
    first: LogEntry,
) -> list[float]:
    """Each heard cue's sound, dated by ``dates`` (one per segment, in seconds into the recording), minus its moment."""
    origin = segments[0][0]

    def dated(offset: float) -> float:
        return dates[min(range(len(segments)), key=lambda i: abs(segments[i][0] - origin - offset))]

    return [
        (recording_started + dated(t.heard) - (first["scheduled"] + t.scheduled)) * 1000
        for t in heard
        if t.heard is not None
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--routine", type=Path, default=ROUTINE)
    parser.add_argument("--get-ready", type=int, default=12, help="get-ready seconds in the app's settings")
    parser.add_argument("--keep", type=Path, help="copy the recording and the cue log into this folder")
    args = parser.parse_args()
    pulse = start_pulseaudio(log_level="debug")
    try:
        with tempfile.TemporaryDirectory(prefix="hipcoach-bench-cues-") as work:
            folder = Path(work)
            session = record_session(
                pulse, args.routine, folder, folder / "run.wav", get_ready_seconds=args.get_ready, timeout=900
            )
            segments = sound_segments(session.recording)
            firsts = first_sounds(session.recording, segments)
            underruns = pulse.underruns()
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(session.recording, args.keep / "run.wav")
                shutil.copy(folder / "cues.jsonl", args.keep / "cues.jsonl")
                (args.keep / "recording_started").write_text(f"{session.recording_started!r}\n")
    finally:
        pulse.stop()
    if session.result.returncode != 0:
        print(session.result.stderr[-3000:], file=sys.stderr)
        return 1
    log = session.log
    timings = align(segments, log)
    if timings and timings[-1].heard is None:
        timings = timings[:-1]  # the closing cue: --quit-when-done exits before it sounds (see the e2e test)
    heard = [t for t in timings if t.error is not None]
    relative = [t.error * 1000 for t in heard if t.error is not None]
    first = audible(log)[0]
    absolute = absolute_ms(session.recording_started, segments, [start for start, _ in segments], heard, first)
    # the same, from where each sound really begins (a soft "th" is found late by the 1 % frames)
    soft = absolute_ms(session.recording_started, segments, firsts, heard, first)
    timer = [(t.started - t.scheduled + first["started"] - first["scheduled"]) * 1000 for t in heard]
    output = [a - b for a, b in zip(absolute, timer, strict=True)]
    dropped: dict[str, int] = {}
    for entry in log:
        if entry["outcome"] == "dropped":
            dropped[entry["reason"]] = dropped.get(entry["reason"], 0) + 1
    p95 = percentile([abs(e) for e in relative], 0.95)
    merged, cut = overlaps(timings), cut_off(log)
    print(f"routine: {args.routine.name}, get-ready {args.get_ready} s, standard verbosity, empty speech cache")
    print(
        f"cues: {len(log)} in the log, {len(audible(log))} played or toned "
        f"({sum(e['outcome'] == 'tone' for e in log)} tones), dropped {dropped or 0}; "
        f"sounds in the recording {len(segments)}, matched {len(heard)}, not found {len(timings) - len(heard)}"
    )
    print(describe("relative", relative))
    print(describe("absolute", absolute))
    print(describe("  onset", soft) + "  (from each sound's first 2 ms above 0.2 %)")
    print(describe("  timer", timer))
    print(describe("  output", output))
    print(f"p95 (relative) {p95:.1f} ms  (target <= 80: {'met' if p95 <= 80 else 'NOT met'})")
    print(f"underruns of the app's stream (PulseAudio's log): {underruns}")
    print(f"cut off by the next cue (log; one voice channel, so never two at once): {len(cut)} {cut or ''}")
    print(
        f"overlaps in the recording: {len(merged)} {merged or ''} (target none: {'met' if not merged else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
