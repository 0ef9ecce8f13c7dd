"""After a modal question closes, the keys reach the window again, on a real X display with no window manager.

Someone on the mat answers "Stop the session?" or "Carry on?" with a key, then goes on with Space or N from where
they are. A desktop's window manager gives the focus back when the box closes; a kiosk or a bare X session has
none, and the keys went nowhere until a click. The child answers each question with a key press sent to the box and
reports which window has the keyboard afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.display import x11_env
from tests.tools import REPO_ROOT

CHILD = r"""
import json
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from hipcoach.ui import questions

app = QApplication([])
window = QWidget()
window.setWindowTitle("hipcoach")
window.resize(640, 400)
window.show()
window.activateWindow()
for _ in range(50):
    app.processEvents()
    if app.focusWindow() is window.windowHandle():
        break

def answer(key):
    box = app.activeModalWidget()
    if box is None:
        QTimer.singleShot(20, lambda: answer(key))
        return
    QTest.keyClick(box, key)

report = {}
for name, (make, key) in {
    "stop": (lambda: questions.stop_question(window)[0], Qt.Key.Key_S),
    "resume": (lambda: questions.resume_question(window, "Strength", "Bridge")[0], Qt.Key.Key_Y),
}.items():
    QTimer.singleShot(50, lambda key=key: answer(key))
    clicked = questions.ask(make())
    for _ in range(50):
        app.processEvents()
        if app.focusWindow() is window.windowHandle():
            break
    report[name] = {
        "answered": clicked is not None,
        "keys_reach_the_window": app.focusWindow() is window.windowHandle(),
    }
print(json.dumps(report))
"""


def test_the_window_has_the_keyboard_again_after_each_question(xvfb_display: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=x11_env(xvfb_display, HIPCOACH_DATA_DIR=str(tmp_path)),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {
        "stop": {"answered": True, "keys_reach_the_window": True},
        "resume": {"answered": True, "keys_reach_the_window": True},
    }
