"""The running app as a screen reader sees it: its accessibility tree read over AT-SPI, and the announcements of a
short session heard, on a real X display with a window manager and a private session bus.

The reader is the system Python's pyatspi (what Orca uses), in a child process; the app runs as the launcher starts
it, with Qt's AT-SPI bridge on. Nothing here touches the desktop the tests run on.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.display import x11_env
from tests.tools import REPO_ROOT, require_tool

SYSTEM_PYTHON = Path("/usr/bin/python3")
READER = Path(__file__).with_name("atspi_reader.py")
LISTEN_SECONDS = 14


def system_python_with_pyatspi() -> str:
    found = (
        SYSTEM_PYTHON.exists()
        and subprocess.run([str(SYSTEM_PYTHON), "-c", "import pyatspi"], capture_output=True, check=False).returncode
        == 0
    )
    if not found:
        message = "the system Python has no pyatspi: apt-get install python3-pyatspi at-spi2-core"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return str(SYSTEM_PYTHON)


@pytest.fixture
def session_bus(tmp_path: Path) -> Iterator[str]:
    """A private D-Bus session bus; the accessibility bus is started on it when first asked for. Everything it
    starts is in its own process group, stopped with it."""
    daemon = subprocess.Popen(
        [require_tool("dbus-daemon"), "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    try:
        yield address
    finally:
        os.killpg(daemon.pid, signal.SIGTERM)
        daemon.wait(timeout=10)
        daemon.stdout.close()


@pytest.fixture
def window_manager(xvfb_display: str, session_bus: str) -> Iterator[None]:
    manager = subprocess.Popen(
        [require_tool("openbox"), "--sm-disable"],
        env=x11_env(xvfb_display, DBUS_SESSION_BUS_ADDRESS=session_bus),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        yield
    finally:
        manager.terminate()
        manager.wait(timeout=10)


def test_a_screen_reader_reads_the_session_and_hears_each_change(
    xvfb_display: str, session_bus: str, window_manager: None, tmp_path: Path
) -> None:
    python = system_python_with_pyatspi()
    require_tool("xdotool")
    cue_log = tmp_path / "cues.jsonl"
    env = x11_env(
        xvfb_display,
        DBUS_SESSION_BUS_ADDRESS=session_bus,
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        HIPCOACH_DATA_DIR=str(tmp_path / "data"),
        HIPCOACH_CUE_LOG=str(cue_log),
        PULSE_SERVER="unix:/nonexistent",  # no sound here: the cues are logged and announced all the same
    )
    log = tmp_path / "app.log"
    with log.open("w") as app_output:
        app = subprocess.Popen(
            [sys.executable, "-m", "hipcoach", "--start", "gentle-mobility", "--time-scale", "10"],
            cwd=REPO_ROOT, env=env, stdout=app_output, stderr=app_output,
        )  # fmt: skip
        try:
            reader = subprocess.run(
                [python, str(READER), str(LISTEN_SECONDS)],
                env=env, capture_output=True, text=True, timeout=LISTEN_SECONDS + 60, check=False,
            )  # fmt: skip
        finally:
            app.terminate()
            app.wait(timeout=20)
    assert reader.returncode == 0, (reader.stderr, log.read_text())
    found = json.loads(reader.stdout.strip().splitlines()[-1])
    shown = [node for node in found["tree"] if node["showing"]]

    # every control a keyboard user can reach is named
    unnamed = [node["role"] for node in shown if node["interactive"] and not node["name"].strip()]
    assert unnamed == []
    # the labels are heard by their text: the exercise, its steps, the count with its meaning
    names = [node["name"] for node in shown]
    assert "Leg Swings" in names
    assert any(name.startswith("1. Stand side-on to a chair") for name in names)
    assert any(name.startswith(("Seconds left: ", "Rep: ")) for name in names)
    captions = [node for node in shown if node["role"] == "label" and node["description"] == node["name"] != ""]
    assert captions == []  # never a caption in place of the text

    # the announcements are the session's changes, in order, word for word what the voice says
    transitions = [
        cue["text"] for cue in map(json.loads, cue_log.read_text().splitlines()) if cue["priority"] == "transition"
    ]
    heard = found["heard"]
    assert len(heard) >= 3, (heard, transitions)
    start = transitions.index(heard[0])
    assert transitions[start : start + len(heard)] == heard
    assert any(text.startswith("Switch sides.") for text in heard)
    assert any(text.startswith("Rest.") for text in heard)
