"""Cold start: launch to the first painted frame of the main window, hipcoach against a bare PySide6 window.

All are measured in the same run, alternating, so the machine's state affects them alike; the ratio is what
counts (target: hipcoach at most 1.5 times the bare window). A second reference, ``chooser_window.py``, is the least
a routine chooser needs built from plain PySide6 widgets with no hipcoach code: it shows how much of the gap is
PySide6's own cost for those widgets and how much is ours (docs/startup.md).

hipcoach is measured twice: as it usually starts, with the chooser's snapshot that the previous start left (the
target applies to this one), and without it, as on the very first start or after a content file or a setting
changed (the snapshot is deleted before each of those runs). Run: ``.venv/bin/python -m bench.bench_startup``.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def first_paint_seconds(command: list[str], env: dict[str, str], forget: Path | None = None) -> float:
    """Seconds from launch to the first paint; ``forget`` is deleted first (the chooser's snapshot)."""
    if forget is not None:
        forget.unlink(missing_ok=True)
    started = time.monotonic()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)
    for line in result.stdout.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"{command[-1]} printed no first-paint line:\n{result.stdout}\n{result.stderr}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, HIPCOACH_DATA_DIR=data, HIPCOACH_EXIT_AFTER_PAINT="1")
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        # An installed app starts from compiled bytecode (pip compiles on install); so do the references.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        compileall.compile_dir(ROOT / "hipcoach", quiet=1)
        compileall.compile_dir(ROOT / "bench", quiet=1)
        snapshot = Path(data) / "cache" / "chooser.json"
        hipcoach = [sys.executable, "-m", "hipcoach"]
        programs: dict[str, tuple[list[str], Path | None]] = {
            "bare QMainWindow": ([sys.executable, str(ROOT / "bench" / "bare_window.py")], None),
            "chooser, no app code": ([sys.executable, str(ROOT / "bench" / "chooser_window.py")], None),
            "hipcoach, no snapshot": (hipcoach, snapshot),
            "hipcoach": (hipcoach, None),  # after the run above, which left the snapshot
        }
        for command, forget in programs.values():
            first_paint_seconds(command, env, forget)  # warm the file cache once for each
        times: dict[str, list[float]] = {name: [] for name in programs}
        for _ in range(args.runs):
            for name, (command, forget) in programs.items():
                times[name].append(first_paint_seconds(command, env, forget))
    medians = {name: statistics.median(values) for name, values in times.items()}
    bare = medians["bare QMainWindow"]
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs}")
    for name, values in times.items():
        print(
            f"{name:23s} median {medians[name] * 1000:7.1f} ms  (min {min(values) * 1000:6.1f})  "
            f"ratio {medians[name] / bare:.2f}"
        )
    ratio = medians["hipcoach"] / bare
    print(f"hipcoach / bare: {ratio:.2f}  (target <= 1.50: {'met' if ratio <= 1.5 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
