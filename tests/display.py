"""A virtual X display (Xvfb) for tests that drive the real app in a subprocess, and the folder where tests keep
screenshots and recordings for a person to look at. ``xvfb_display`` in tests/conftest.py wraps it."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.tools import REPO_ROOT, log_tail, require_tool, stop_process


def artifacts_dir() -> Path:
    """Where tests keep files for a person to look at (screenshots, recordings). ``.ci/test`` sets the variable."""
    path = Path(os.environ.get("HIPCOACH_ARTIFACTS_DIR") or REPO_ROOT / "artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


# --- Xvfb ---------------------------------------------------------------------------------------------------------


@dataclass
class XvfbServer:
    display: str  # ":N"
    process: subprocess.Popen[bytes]
    log_path: Path

    def stop(self) -> None:
        stop_process(self.process)


def start_xvfb(
    log_dir: Path, *, width: int = 1280, height: int = 800, depth: int = 24, timeout: float = 30
) -> XvfbServer:
    """Start Xvfb on a free display; it writes the display number to a pipe (``-displayfd``) once it accepts clients."""
    exe = require_tool("Xvfb")
    log_path = log_dir / "xvfb.log"
    read_fd, write_fd = os.pipe()
    try:
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                [
                    exe,
                    "-displayfd",
                    str(write_fd),
                    "-screen",
                    "0",
                    f"{width}x{height}x{depth}",
                    "-nolisten",
                    "tcp",
                    "-noreset",
                ],
                pass_fds=(write_fd,),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        os.close(write_fd)
        write_fd = -1
        number = b""
        deadline = time.monotonic() + timeout
        while not number.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                stop_process(proc)
                raise TimeoutError(f"Xvfb did not report a display within {timeout:g} s:\n{log_tail(log_path)}")
            ready, _, _ = select.select([read_fd], [], [], remaining)
            if ready:
                chunk = os.read(read_fd, 64)
                if not chunk:  # Xvfb exited before it was ready
                    stop_process(proc)
                    raise RuntimeError(f"Xvfb exited with {proc.poll()}:\n{log_tail(log_path)}")
                number += chunk
    finally:
        os.close(read_fd)
        if write_fd >= 0:
            os.close(write_fd)
    return XvfbServer(display=f":{int(number)}", process=proc, log_path=log_path)


def x11_env(display: str, **extra: str) -> dict[str, str]:
    """Environment for a Qt child process that opens real windows on ``display`` (from ``xvfb_display``).

    The session bus is disabled: otherwise libdbus autolaunches a dbus-daemon for the display and leaves files in
    ~/.dbus. Debian 12's libdbus rejects the address "disabled:", so nothing connects and nothing is autolaunched.
    Qt works without a session bus (no portals, no accessibility bus) and says nothing about it.
    """
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "DBUS_SESSION_BUS_ADDRESS": "disabled:"}
    env.pop("WAYLAND_DISPLAY", None)
    return {**env, **extra}


def cut_off(root: object, kinds: tuple[type, ...] = ()) -> list[str]:
    """The widgets of ``root`` shown narrower or shorter than they need (a label: for its wrapped text), named by
    their type and text: what a screenshot test says is cut. ``kinds`` adds to labels and buttons."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget  # noqa: PLC0415 - only in the children with Qt

    assert isinstance(root, QWidget)
    found = []
    for kind in (QLabel, QAbstractButton, *kinds):
        for w in root.findChildren(kind):
            if not w.isVisible() or not w.window().isVisible():
                continue
            if (
                w.width() < w.minimumSizeHint().width()
                or w.height() < w.minimumSizeHint().height()
                or (w.hasHeightForWidth() and w.height() < w.heightForWidth(w.width()))
            ):
                found.append(f"{type(w).__name__}: {getattr(w, 'text', lambda: '')()[:40]}")
    return found


def child_report(child: str, out: Path, env: dict[str, str]) -> Any:
    """Run ``child`` (Python source) with ``out`` as its argument in a process of its own on the display of ``env``;
    its last line of output, read as JSON: what the child found in its windows."""
    result = subprocess.run(
        [sys.executable, "-c", child, str(out)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
