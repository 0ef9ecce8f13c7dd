"""Resident memory of the idle window: hipcoach's chooser, once everything after the first paint has loaded (content,
history, speech with its audio device, the History page), against a bare PySide6 window, in the same run.

Each program runs as a child on the offscreen platform (hipcoach with a data folder of its own) until its resident
size has not moved by more than 0.25 MiB for a second (at least 4 s after launch); then its /proc/PID/smaps is read
and the child ended. The figures are medians over ``--runs`` alternating runs. Target: hipcoach at most 1.4 times
the bare window. ``--where`` lists hipcoach's resident memory by mapped file (Qt libraries, audio libraries, Python's
heap...), the answer to "where does the rest go". Both run from compiled bytecode, as an installed app does (pip
compiles on install); ``--source`` runs them from source instead (Python compiles every module at each start, which
loads ``unicodedata`` for the named-character escapes and leaves the compiler's garbage: the figures before 2026-12-04).

Run: ``.venv/bin/python -m bench.bench_memory --where`` (with a private PulseAudio null sink as the sound server, so
the speech player has a device to open, as on a desktop).
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("bare window"))
window.resize(1024, 700)
window.show()
sys.exit(app.exec())
"""


def rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def by_mapping(pid: int) -> Counter[str]:
    """Resident bytes per mapped file (its name), [heap], [anon] and [stack]."""
    found: Counter[str] = Counter()
    name = "[anon]"
    header = re.compile(r"^[0-9a-f]+-[0-9a-f]+ ")
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        if header.match(line):
            parts = line.split(None, 5)
            name = Path(parts[5]).name if len(parts) == 6 and parts[5].startswith("/") else "[anon]"
            if len(parts) == 6 and parts[5].startswith("["):
                name = parts[5]
        elif line.startswith("Rss:"):
            found[name] += int(line.split()[1]) * 1024
    return found


def settle(command: list[str], env: dict[str, str]) -> tuple[int, Counter[str]]:
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        started = time.monotonic()
        history: list[tuple[float, int]] = []
        while time.monotonic() - started < 60:
            if child.poll() is not None:
                raise RuntimeError(f"{command} exited with {child.returncode}")
            now = time.monotonic()
            history.append((now, rss(child.pid)))
            recent = [size for when, size in history if now - when <= 1.0]
            if now - started >= 4 and max(recent) - min(recent) <= MIB // 4:
                return history[-1][1], by_mapping(child.pid)
            time.sleep(0.1)
        raise RuntimeError(f"{command} did not settle in 60 s")
    finally:
        child.kill()
        child.wait()


def group(name: str) -> str:
    rules = [
        (r"Qt6?Multimedia|avcodec|avformat|avutil|swresample|swscale|ffmpeg", "Qt Multimedia and FFmpeg"),
        (r"_miniaudio|_cffi_backend|libpulse|libasound|libsndfile|libFLAC|libvorbis|libopus|libogg", "audio"),
        (r"^Qt\w*\.abi3\.so$|pyside6|shiboken", "PySide6 bindings"),
        (r"^libQt6", "Qt libraries"),
        (r"^libpython|^python3", "Python"),
        (r"^\[heap\]$|^\[anon\]$", "heap and anonymous (Python objects, Qt's data)"),
    ]
    for pattern, label in rules:
        if re.search(pattern, name):
            return label
    return "other libraries and files"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--where", action="store_true", help="hipcoach's resident memory by mapped file")
    parser.add_argument("--source", action="store_true", help="run from source, not from compiled bytecode")
    args = parser.parse_args()
    from tests.audio_server import start_pulseaudio  # noqa: PLC0415 - needs the test tools

    pulse = start_pulseaudio()
    try:
        return measure(args, pulse.env)
    finally:
        pulse.stop()


def measure(args: argparse.Namespace, sound: dict[str, str]) -> int:
    sizes: dict[str, list[int]] = {"bare QMainWindow": [], "hipcoach chooser": []}
    last: dict[str, Counter[str]] = {}
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, **sound, HIPCOACH_DATA_DIR=data, QT_QPA_PLATFORM="offscreen")
        if args.source:  # no bytecode of ours to read (the standard library's and PySide6's are used as ever)
            env["PYTHONDONTWRITEBYTECODE"] = "1"
            for cache in (ROOT / "hipcoach").rglob("__pycache__"):
                shutil.rmtree(cache)
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            compileall.compile_dir(ROOT / "hipcoach", quiet=1)
        programs = {
            "bare QMainWindow": [sys.executable, "-c", BARE],
            "hipcoach chooser": [sys.executable, "-m", "hipcoach"],
        }
        for _ in range(args.runs):
            for name, command in programs.items():
                size, mapping = settle(command, env)
                sizes[name].append(size)
                last[name] = mapping
    medians = {name: statistics.median(values) for name, values in sizes.items()}
    code = "from source" if args.source else "from compiled bytecode"
    print(f"runs: {args.runs}, {code}, platform offscreen, a private PulseAudio null sink as the sound server")
    for name, values in sizes.items():
        low, high = min(values) / MIB, max(values) / MIB
        print(f"{name:17s} median {medians[name] / MIB:6.1f} MiB  (min {low:6.1f}, max {high:6.1f})")
    ratio = medians["hipcoach chooser"] / medians["bare QMainWindow"]
    print(f"hipcoach / bare: {ratio:.2f}  (target <= 1.40: {'met' if ratio <= 1.4 else 'NOT met'})")
    if args.where:
        kinds = {name: Counter[str]() for name in last}
        for name, mapping in last.items():
            for file, size in mapping.items():
                kinds[name][group(file)] += size
        app, bare = kinds["hipcoach chooser"], kinds["bare QMainWindow"]
        print("resident memory by kind (last run), MiB:      hipcoach    bare   difference")
        for label, size in app.most_common():
            print(f"  {label:46s} {size / MIB:6.1f}  {bare[label] / MIB:6.1f}  {(size - bare[label]) / MIB:+6.1f}")
        print("largest mappings that the bare window does not have, or has less of (MiB):")
        extra = Counter({f: s - last["bare QMainWindow"][f] for f, s in last["hipcoach chooser"].items()})
        for file, size in extra.most_common(12):
            print(f"  {file:46s} {size / MIB:+6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
