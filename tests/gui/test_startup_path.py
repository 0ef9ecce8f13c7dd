"""What the window loads before its first frame, and what it leaves for the moments after.

The start-up benchmark (bench/bench_startup.py) measures how long the first frame takes; this test keeps the design
that makes it short from eroding unnoticed: the session pages, speech, audio, the history database, Qt Network and
Qt D-Bus all load after the first paint. It runs the real app in a child process (this one has imported everything).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO_ROOT

CHILD = """
import json, sys
from PySide6.QtCore import QEvent
import hipcoach.app as app
from hipcoach import cli

at_paint: list[str] = []
after: list[str] = []
paint_filter = app._FirstPaint.eventFilter
after_paint = app.GuiRun._after_paint

def spy_paint(self, watched, event):
    if not at_paint and event.type() == QEvent.Type.Paint:
        at_paint.extend(sys.modules)
    return paint_filter(self, watched, event)

def spy_after(self, *args):
    after_paint(self, *args)
    after.extend(sys.modules)
    self.window.close()

app._FirstPaint.eventFilter = spy_paint
app.GuiRun._after_paint = spy_after
status = cli.main([])
print(json.dumps({"status": status, "at_paint": at_paint, "after": after}))
"""

AFTER_PAINT = (
    "hipcoach.ui.session_view",
    "hipcoach.ui.summary_view",
    "hipcoach.ui.pain",
    "hipcoach.ui.about",
    "hipcoach.ui.services",
    "hipcoach.ui.history_view",
    "hipcoach.ui.recorder",
    "hipcoach.speech.speaker",
    "hipcoach.core.history",
    "sqlite3",
    "hashlib",
    "PySide6.QtNetwork",
)
"""Loaded right after the first paint."""
AT_FIRST_SESSION = ("PySide6.QtDBus",)
"""Loaded when a session first starts (the screen saver)."""


def test_only_the_chooser_is_loaded_before_the_first_paint(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "HIPCOACH_DATA_DIR": str(tmp_path),
    }
    env.pop("HIPCOACH_EXIT_AFTER_PAINT", None)
    result = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["status"] == 0
    at_paint, after = set(report["at_paint"]), set(report["after"])
    assert "hipcoach.ui.chooser" in at_paint, "the window never painted"
    loaded_early = [name for name in (*AFTER_PAINT, *AT_FIRST_SESSION) if name in at_paint]
    assert not loaded_early, f"loaded before the first paint: {loaded_early}"
    # ...and loaded right after it, so the list names real modules that the app does use
    missing = [name for name in AFTER_PAINT if name not in after]
    assert not missing, f"not loaded after the first paint: {missing}"
