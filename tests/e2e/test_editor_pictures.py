"""The chooser with its New routine, Duplicate, Edit and Delete buttons, and the routine editor in the window, on a
real X display (Xvfb) at 1280x800 and 1024x600, saved as PNGs for a person to look at. The child checks that the
window fits the screen and that no text or control on it is cut short."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from tests.display import x11_env
from tests.tools import REPO_ROOT

CHILD = r"""
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from hipcoach.core import content
from tests.display import cut_off
from hipcoach.core.settings import Settings
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.routine_files import RoutineFiles
from hipcoach.ui.session_controller import SessionController

out = Path(sys.argv[1])
app = QApplication([])
catalogue = content.load_catalogue()
routines = content.builtin_routines(catalogue)
report = {}


def settle():
    for _ in range(20):
        app.processEvents()


def shoot(window, name):
    settle()
    window.grab().save(str(out / f"{name}.png"))
    report[name] = {"cut": cut_off(window), "width": window.width(), "height": window.height()}


for size in ((1280, 800), (1024, 600)):
    tag = f"{size[0]}x{size[1]}"
    window = MainWindow(
        SessionController(), Settings(first_run_notice_seen=True), save=lambda _s: None, restore_geometry=False
    )
    window.resize(*size)
    window.chooser.set_routines(routines)
    window.set_routine_files(RoutineFiles(lambda: catalogue, lambda: routines, lambda: None))
    window.show()
    window.chooser.show_figures()
    window.chooser.select("strength")
    shoot(window, f"chooser-{tag}")
    if "--editor" in sys.argv:
        window.duplicate_routine(routines[1])
        shoot(window, f"editor-{tag}")
        window.editor.ask_to_leave = lambda: True  # the copy is not saved: nobody is there to answer
    window.close()
print(json.dumps(report))
"""


def test_the_chooser_and_the_editor_fit_both_screens_and_are_saved_as_pictures(
    xvfb_display: str, hipcoach_data_dir: Path, artifacts_dir: Path
) -> None:
    out = artifacts_dir / "editor"
    out.mkdir(parents=True, exist_ok=True)
    env = x11_env(xvfb_display, HIPCOACH_DATA_DIR=str(hipcoach_data_dir))
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(out), "--editor"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert sorted(report) == ["chooser-1024x600", "chooser-1280x800", "editor-1024x600", "editor-1280x800"]
    for name, shot in report.items():
        assert shot["cut"] == [], (name, shot)
        width, height = (int(number) for number in name.rsplit("-", 1)[1].split("x"))
        assert shot["width"] <= width and shot["height"] <= height, (name, shot)
        assert not QImage(str(out / f"{name}.png")).isNull(), name
