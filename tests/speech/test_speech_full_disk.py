"""A full disk is named as such when speech cannot be saved, not taken for a missing speech engine.

Real espeak-ng writing into a real 256 KiB tmpfs that is full, in a mount namespace of its own (as
tests/core/history/test_full_disk.py does for the history).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.tools import report_from_small_disk, require_tool

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mount namespaces are Linux's")

CHILD = """
import json, os, sys, time
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from hipcoach.speech.cache import SpeechCache, VoiceSettings
from hipcoach.speech.render_worker import RenderWorker
from hipcoach.speech.renderers import EspeakRenderer

app = QCoreApplication([])
disk = Path(sys.argv[1])
cache = SpeechCache(disk / "speech")
cache.directory.mkdir()
fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
try:
    while True:
        os.write(fd, bytes(4096))
except OSError:
    pass
finally:
    os.close(fd)


def render(text):
    worker = RenderWorker(EspeakRenderer, cache)
    outcome = {}
    worker.failed.connect(lambda message, hint: outcome.update(error=message, hint=hint))
    worker.rendered.connect(lambda _text, _settings, _path, seconds: outcome.update(seconds=seconds))
    worker.start()
    worker.request([text], VoiceSettings())
    deadline = time.monotonic() + 30
    while not outcome and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    worker.stop()
    return outcome


report = render("Bridge. Lie on your back with your knees bent.")
os.unlink(disk / "filler")
report["after"] = render("Clamshells. Lie on your side.")
print(json.dumps(report))
"""


def test_a_full_disk_is_reported_as_a_full_disk(tmp_path: Path) -> None:
    require_tool("espeak-ng")
    disk = tmp_path / "disk"
    disk.mkdir()
    report = report_from_small_disk(disk, "256k", CHILD)
    assert report.get("error") is not None, report
    assert "is full" in report["error"], report
    assert str(disk / "speech") in report["error"]
    assert "install" not in (report["error"] + report["hint"]).lower(), report
    assert report["after"].get("seconds", 0) > 0.5, report  # with room again, speech renders
