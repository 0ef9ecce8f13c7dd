"""Test tools: the external programs the tests run (found, or a clear failure under CI), stand-ins put first on
PATH, and waiting on a condition against a deadline (nothing here sleeps to make a test pass)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

# The Debian package that provides each tool the tests run (all listed in packaging/debian-packages.txt).
TOOL_PACKAGES = {
    "Xvfb": "xvfb",
    "openbox": "openbox",
    "xauth": "xauth",
    "xdpyinfo": "x11-utils",
    "xwininfo": "x11-utils",
    "xdotool": "xdotool",
    "desktop-file-validate": "desktop-file-utils",
    "dbus-daemon": "dbus-daemon",
    "dbus-monitor": "dbus-bin",
    "appstreamcli": "appstream",
    "objdump": "binutils",
    "pdftoppm": "poppler-utils",
    "pdftotext": "poppler-utils",
    "pulseaudio": "pulseaudio",
    "pactl": "pulseaudio-utils",
    "paplay": "pulseaudio-utils",
    "parec": "pulseaudio-utils",
    "sox": "sox",
    "espeak-ng": "espeak-ng",
    "import": "imagemagick",
    "convert": "imagemagick",
    "compare": "imagemagick",
}


def require_tool(name: str) -> str:
    """Path of the executable ``name``. Missing: the test fails under CI (CI=true) and is skipped elsewhere."""
    path = shutil.which(name)
    if path is not None:
        return path
    package = TOOL_PACKAGES.get(name, name)
    message = f"{name} not found: apt-get install {package}  (or run ./.ci/setup as root)"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def put_first_on_path(monkeypatch: pytest.MonkeyPatch, folder: Path, name: str, script: str) -> Path:
    """Write ``script`` as the program ``name`` in ``folder`` and put that folder first on PATH: a stand-in for a
    system program this machine does not have (macOS's say or caffeinate)."""
    folder.mkdir(exist_ok=True)
    program = folder / name
    program.write_text(script, encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    return program


def wait_until(condition: Callable[[], bool], *, timeout: float, interval: float = 0.02, what: str = "") -> None:
    """Poll ``condition`` until it holds; raise TimeoutError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout:g} s waiting for {what or condition!r}")
        time.sleep(interval)


def stop_process(proc: subprocess.Popen[bytes], *, sig: int = signal.SIGTERM, timeout: float = 10) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)


def log_tail(path: Path, limit: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-limit:]
    except OSError:
        return ""


def report_from_small_disk(disk: Path, size: str, code: str, env: dict[str, str] | None = None) -> dict[str, object]:
    """Run ``python -c code disk`` with a fresh tmpfs of ``size`` mounted on ``disk``, in a mount namespace of its
    own (no root needed: unshare maps the user to root there), and return the JSON object it prints last. A real
    full disk, where a simulated ENOSPC would miss the paths that only a real one takes."""
    unshare = require_tool("unshare")
    script = f'mount -t tmpfs -o size={size} tmpfs "$1" && shift && exec "$@"'
    result = subprocess.run(
        [unshare, "--mount", "--map-root-user", "sh", "-c", script, "sh", str(disk), sys.executable, "-c", code,
         str(disk)],
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report
