"""Test tools: the external programs the tests run (found, or a clear failure under CI), stand-ins put first on
PATH, and waiting on a condition against a deadline (nothing here sleeps to make a test pass)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

# The Debian package that provides each tool the tests run (all listed in packaging/debian-packages.txt).
TOOL_PACKAGES = {
    "Xvfb": "xvfb",
    "xauth": "xauth",
    "xdpyinfo": "x11-utils",
    "xwininfo": "x11-utils",
    "xdotool": "xdotool",
    "desktop-file-validate": "desktop-file-utils",
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
