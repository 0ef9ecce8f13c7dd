"""A 1920x1080 screen at 200 % (QT_SCALE_FACTOR=2 on a real X display): the window opens within the screen, as the
first start and with a remembered size from a larger screen, and the routines, a session (with the pain question
before it, which at the first start's 864x486 laid the countdown's lines over its number) and the summary fit it
with nothing off the window, nothing laid over anything else and no text cut. The pictures are kept in
``artifacts/layout/scaled-200/``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests import display
from tests.display import child_report, x11_env

CHILD = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication
from hipcoach.core import content
from hipcoach.core.settings import Settings
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.session_controller import SessionController
from tests.ui.layout_check import layout_problems

out = Path(sys.argv[1])
app = QApplication([])
routines = content.builtin_routines(content.load_catalogue())
screen = app.primaryScreen()
report = {"screen": list(screen.availableGeometry().getRect()), "ratio": screen.devicePixelRatio()}


def settle():
    for _ in range(30):
        app.processEvents()


def shoot(window, name):
    settle()
    window.grab().save(str(out / f"{name}.png"))
    report[name] = {"problems": layout_problems(window), "geometry": list(window.frameGeometry().getRect())}


window = MainWindow(SessionController(), Settings(first_run_notice_seen=True), save=lambda _s: None)
window.set_routines(routines)
window.show()
shoot(window, "chooser")
window.start_routine(routines[0])
shoot(window, "session-pain-before")
report["countdown"] = window.session_view.countdown.height()
window.session_view.pain_before.skipped.emit()
shoot(window, "session")
window.controller.stop()
shoot(window, "summary")
window.setGeometry(QRect(300, 200, 1600, 1000))  # as a larger screen left it
window.save_geometry()
window.close()
again = MainWindow(SessionController(), Settings(first_run_notice_seen=True), save=lambda _s: None)
again.show()
settle()
report["again"] = list(again.frameGeometry().getRect())
print(json.dumps(report))
"""


@pytest.fixture
def full_hd_display(tmp_path: Path) -> Iterator[str]:
    server = display.start_xvfb(tmp_path, width=1920, height=1080)
    try:
        yield server.display
    finally:
        server.stop()


def test_at_200_percent_the_window_and_its_pages_fit_the_screen(
    full_hd_display: str, hipcoach_data_dir: Path, artifacts_dir: Path
) -> None:
    out = artifacts_dir / "layout" / "scaled-200"
    out.mkdir(parents=True, exist_ok=True)
    env = x11_env(full_hd_display, HIPCOACH_DATA_DIR=str(hipcoach_data_dir), QT_SCALE_FACTOR="2")
    report = child_report(CHILD, out, env)
    assert report["screen"] == [0, 0, 960, 540] and report["ratio"] == 2
    x, y, width, height = report.pop("again")
    assert x >= 0 and y >= 0 and x + width <= 960 and y + height <= 540, report
    assert report["countdown"] >= 64, report  # the number keeps its room (countdown_display.FITTED_HEIGHT)
    for name in ("chooser", "session-pain-before", "session", "summary"):
        shot = report[name]
        assert shot["problems"] == [], (name, shot)
        x, y, width, height = shot["geometry"]
        assert x >= 0 and y >= 0 and x + width <= 960 and y + height <= 540, (name, shot)
        assert not QImage(str(out / f"{name}.png")).isNull(), name
