"""Cold start: launch to the first painted frame of the main window, hipcoach against a bare PySide6 window.

Both are measured in the same run, alternating, so the machine's state affects them alike; the ratio is what
counts (target: hipcoach at most 1.5 times the bare window). Run: ``.venv/bin/python -m bench.bench_startup``.
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


def first_paint_seconds(command: list[str], env: dict[str, str]) -> float:
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
        # An installed app starts from compiled bytecode (pip compiles on install); so does the baseline.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        compileall.compile_dir(ROOT / "hipcoach", quiet=1)
        compileall.compile_dir(ROOT / "bench", quiet=1)
        bare_cmd = [sys.executable, str(ROOT / "bench" / "bare_window.py")]
        app_cmd = [sys.executable, "-m", "hipcoach"]
        first_paint_seconds(app_cmd, env)  # warm the file cache once for both
        first_paint_seconds(bare_cmd, env)
        bare: list[float] = []
        app: list[float] = []
        for _ in range(args.runs):
            bare.append(first_paint_seconds(bare_cmd, env))
            app.append(first_paint_seconds(app_cmd, env))
    bare_median, app_median = statistics.median(bare), statistics.median(app)
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs}")
    print(f"bare QMainWindow  median {bare_median * 1000:7.1f} ms  (min {min(bare) * 1000:.1f})")
    print(f"hipcoach          median {app_median * 1000:7.1f} ms  (min {min(app) * 1000:.1f})")
    ratio = app_median / bare_median
    print(f"ratio             {ratio:.2f}  (target <= 1.50: {'met' if ratio <= 1.5 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
