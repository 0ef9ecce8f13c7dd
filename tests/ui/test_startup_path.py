"""What the window loads before its first frame, and what it leaves for the moments after.

The start-up benchmark (bench/bench_startup.py) measures how long the first frame takes; this test keeps the design
that makes it short from eroding unnoticed: speech, the history database and the hand-off socket load after the first
paint, and so do the content and the core behind it whenever the chooser's snapshot of the last run still matches;
the session pages, the History page and Qt D-Bus only when first used (docs/startup.md). It runs the real app in
child processes (this one has imported everything).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.tools import REPO_ROOT

CHILD = """
import json, sys
from PySide6.QtCore import QEvent
import hipcoach.app as app
import hipcoach.ui.first_paint as first_paint
from hipcoach import cli

at_paint: list[str] = []
after: list[str] = []
paint_filter = first_paint.FirstPaint.eventFilter
after_paint = app.GuiRun._after_paint

def spy_paint(self, watched, event):
    if not at_paint and event.type() == QEvent.Type.Paint:
        at_paint.extend(sys.modules)
    return paint_filter(self, watched, event)

def spy_after(self, *args):
    after_paint(self, *args)
    after.extend(sys.modules)
    self.window.close()

first_paint.FirstPaint.eventFilter = spy_paint
app.GuiRun._after_paint = spy_after
status = cli.main([])
print(json.dumps({"status": status, "at_paint": at_paint, "after": after}))
"""

AFTER_PAINT = (
    "hipcoach.ui.about",
    "hipcoach.ui.services",
    "hipcoach.ui.recorder",
    "hipcoach.ui.figure.stills",
    "hipcoach.ui.figure.painter",
    "hipcoach.speech.speaker",
    "hipcoach.core.history",
    "sqlite3",
    "hipcoach.ui.unix_channel",
)
"""Loaded right after the first paint."""
ON_FIRST_USE = (
    "hipcoach.ui.session_view",
    "hipcoach.ui.summary_view",
    "hipcoach.ui.pain",
    "hipcoach.ui.session_figure",
    "hipcoach.ui.history_view",
    "hipcoach.ui.history_overview",
    "hipcoach.ui.history_list",
    "hipcoach.ui.history_files",
    "hipcoach.ui.report",
    "hipcoach.ui.report_tables",
    "hipcoach.ui.speech_settings",
    "hipcoach.core.engine",  # the speaker's cue script runs it, for a session
    "hipcoach.core.history.exchange",  # export and import
    "hipcoach.core.history.csv_sql",
    "statistics",  # with fractions and decimal: the History's figures, the progression's "usual pain"
    "uuid",  # a new session's id
    "html",  # with its table of named characters: the tips window
)
"""Loaded only when a session first starts, the History is first shown or Settings first opens: the idle window
keeps none of them in memory (docs/startup.md, "Memory of the idle window")."""
AT_FIRST_SESSION = ("PySide6.QtDBus", "hipcoach.core.engine")
"""Loaded when a session first starts at the latest (the screen saver; the engine, which no other module needs: the
cue texts and the pages read its events from hipcoach.core.events)."""
CONTENT = (
    "hipcoach.core.content",
    "tomllib",
    "hipcoach.core.model",
    "hipcoach.core.plan",
    "hipcoach.core.cues",
    "hipcoach.core.wording",
)
"""Loaded after the first paint when the chooser's snapshot matches; before it on a first start."""


def start(data_dir: Path) -> tuple[set[str], set[str]]:
    """Start the real app once: the modules loaded at its first paint, and right after it."""
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "HIPCOACH_DATA_DIR": str(data_dir),
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
    return at_paint, after


def loaded(names: tuple[str, ...], modules: set[str]) -> list[str]:
    return [name for name in names if name in modules]


def test_only_the_chooser_is_loaded_before_the_first_paint(tmp_path: Path) -> None:
    at_paint, after = start(tmp_path)  # a first start: no snapshot yet, so the content comes first
    assert not loaded((*AFTER_PAINT, *AT_FIRST_SESSION), at_paint), "loaded before the first paint"
    # ...and loaded right after it, so the list names real modules that the app does use
    assert loaded(AFTER_PAINT, after) == list(AFTER_PAINT), "not all loaded after the first paint"
    assert not loaded(ON_FIRST_USE, after), "loaded by the idle window"
    assert all(importlib.util.find_spec(name) for name in ON_FIRST_USE)  # real modules
    assert loaded(CONTENT, at_paint) == list(CONTENT)

    at_paint, after = start(tmp_path)  # the next start finds the snapshot the first one left
    assert not loaded((*CONTENT, *AFTER_PAINT, *AT_FIRST_SESSION), at_paint), "loaded before the first paint"
    assert loaded((*CONTENT, *AFTER_PAINT), after) == [*CONTENT, *AFTER_PAINT]
