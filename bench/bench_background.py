"""The background reminders idle (``hipcoach --background``, docs/reminders.md): CPU time, wake-ups and resident
memory over ``--minutes`` (default 10, the issue's ten minutes; ``--seconds`` for a short look), and its memory
against the idle window's.

The child runs on the offscreen platform with a data folder of its own (with a history, which each check reads),
reminders on and the next one days away, on
a private session bus (``dbus-daemon``) so no desktop service wakes it. After it says it is running and a settling
second, the figures are the differences over the period: CPU time (utime + stime of /proc/PID/stat), wake-ups
(voluntary and involuntary context switches summed over every thread in /proc/PID/task/*/status) and the resident
size at the end. Targets: under 0.5 s of CPU, at most one wake-up a minute, at most 0.6 times the idle window's
resident memory (measured as bench_memory does).

Run: ``.venv/bin/python -m bench.bench_background`` (``--seconds 30`` for a quick look; the CPU and wake-up targets
are then scaled to the time measured).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path

from bench.bench_memory import rss, settle
from hipcoach.core import paths
from hipcoach.core.history.opening import open_history

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (fields 14 and 15 of the whole line)


def context_switches(pid: int) -> int:
    total = 0
    for status in Path(f"/proc/{pid}/task").glob("*/status"):
        try:
            for line in status.read_text().splitlines():
                if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
                    total += int(line.split()[1])
        except OSError:
            continue  # a thread that ended meanwhile
    return total


def data_folder(root: Path) -> Path:
    """A data folder with reminders on, on a weekday three days from now only: nothing is due during the run."""
    folder = root / "data"
    (folder / "config").mkdir(parents=True)
    day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[(datetime.now(UTC) + timedelta(days=3)).weekday()]
    (folder / "config" / "settings.json").write_text(
        f'{{"reminders_on": true, "reminder_times": {{"{day}": "{clock(18).strftime("%H:%M")}"}}}}', encoding="utf-8"
    )
    paths.set_data_dir(folder)
    open_history().close()  # a history, as every user has after the first session: the check reads it
    paths.set_data_dir(None)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to watch it idle (default 10)")
    parser.add_argument("--seconds", type=float, help="a short look instead, in seconds")
    args = parser.parse_args()
    period = args.seconds if args.seconds is not None else args.minutes * 60
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"], stdout=subprocess.PIPE
        )
        assert bus.stdout is not None
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DBUS_SESSION_BUS_ADDRESS=bus.stdout.readline().decode())
        folder = data_folder(root)
        command = [sys.executable, "-m", "hipcoach", "--data-dir", str(folder), "--background"]
        child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            assert child.stdout is not None
            line = child.stdout.readline().decode()
            if "running" not in line:
                raise RuntimeError(f"the background did not start: {line}")
            time.sleep(1.0)
            cpu, switches = cpu_seconds(child.pid), context_switches(child.pid)
            time.sleep(period)
            cpu = cpu_seconds(child.pid) - cpu
            switches = context_switches(child.pid) - switches
            background_rss = rss(child.pid)
        finally:
            child.terminate()
            child.wait(timeout=30)
            bus.terminate()
            bus.wait(timeout=30)
        window_rss, _where = settle([sys.executable, "-m", "hipcoach", "--data-dir", str(root / "window")], env)
    minutes = period / 60
    print(f"idle {period:g} s: CPU {cpu:.3f} s (target under {0.5 * period / 600:.3g} s: 0.5 s in ten minutes)")
    print(f"wake-ups {switches} ({switches / minutes:.2f} a minute; target at most 1)")
    ratio = background_rss / window_rss
    print(
        f"resident {background_rss / 2**20:.1f} MiB, the window {window_rss / 2**20:.1f} MiB: {ratio:.2f}x "
        "(target at most 0.6x)"
    )


if __name__ == "__main__":
    main()
