"""The safety screens on a real X display (Xvfb) at 1280x800 and 1024x600, saved as PNGs for a person to look at:
the first-run questions, the advice after a warning sign, the chooser with its banner and a routine's changes, and
Settings → Safety. The child checks that no text or control on them is cut short."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from tests.display import child_report, x11_env

CHILD = r"""
import json, sys
from datetime import date
from pathlib import Path
from PySide6.QtWidgets import QApplication, QDateEdit
from hipcoach.core import content
from hipcoach.core.safety.adapt import offer
from hipcoach.core.safety.answers import OperatedHip, Operation, SafetyAnswers, WarningSign
from hipcoach.core.safety.precautions import Approach
from hipcoach.core.settings import Settings
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.session_controller import SessionController
from tests.display import cut_off

out = Path(sys.argv[1])
app = QApplication([])
today = date(2026, 12, 3)
catalogue = content.load_catalogue()
routines = content.builtin_routines(catalogue)
back = SafetyAnswers(
    answered=True, operation=Operation(OperatedHip.LEFT, Approach.BACK, date(2026, 11, 1)), answered_on=today
)
sign = SafetyAnswers(answered=True, warning_signs=frozenset({WarningSign.NIGHT_PAIN}), answered_on=today)
report = {}


def settle():
    for _ in range(20):
        app.processEvents()


def window_with(answers, size):
    window = MainWindow(
        SessionController(), Settings(first_run_notice_seen=True), save=lambda _s: None, restore_geometry=False,
        safety_answers=answers, today=lambda: today, save_answers=lambda _a: None,
    )
    window.resize(*size)
    offered = offer(routines, catalogue, answers, today)
    window.chooser.set_routines(offered.routines)
    window.show_safety_banner(offered.left_out)
    window.show()
    window.chooser.show_figures()
    settle()
    return window


def shoot(window, name):
    settle()
    window.grab().save(str(out / f"{name}.png"))
    report[name] = {"cut": cut_off(window, (QDateEdit,)), "width": window.width(), "height": window.height()}


for size in ((1280, 800), (1024, 600)):
    tag = f"{size[0]}x{size[1]}"
    window = window_with(SafetyAnswers(), size)
    window.offer_safety_questions()
    form = window.current_page().form
    form.yes_operation.setChecked(True)
    form.hip_buttons[OperatedHip.LEFT].setChecked(True)
    form.approach_buttons[Approach.BACK].setChecked(True)
    shoot(window, f"safety-questions-{tag}")
    window.close()

    window = window_with(sign, size)
    window.show_safety_advice()
    shoot(window, f"safety-advice-{tag}")
    window.show_chooser()
    shoot(window, f"safety-chooser-gentle-{tag}")
    window.close()

    window = window_with(back, size)
    window.chooser.select("stretching")
    shoot(window, f"safety-chooser-{tag}")
    if size == (1024, 600):
        dialog = window.open_settings("safety")
        dialog.resize(dialog.sizeHint())
        settle()
        dialog.grab().save(str(out / "settings-safety.png"))
        cut = cut_off(dialog, (QDateEdit,))
        report["settings-safety"] = {"cut": cut, "width": dialog.width(), "height": dialog.height()}
        dialog.reject()
    window.close()
print(json.dumps(report))
"""


def test_the_safety_screens_fit_both_screens_and_are_saved_as_pictures(
    xvfb_display: str, hipcoach_data_dir: Path, artifacts_dir: Path
) -> None:
    out = artifacts_dir / "safety"
    out.mkdir(parents=True, exist_ok=True)
    env = x11_env(xvfb_display, HIPCOACH_DATA_DIR=str(hipcoach_data_dir))
    report = child_report(CHILD, out, env)
    assert len(report) == 9, sorted(report)
    for name, shot in report.items():
        assert shot["cut"] == [], (name, shot)
        assert shot["width"] <= 1280 and shot["height"] <= 800, (name, shot)
        image = QImage(str(out / f"{name}.png"))
        assert not image.isNull(), name
    assert report["settings-safety"]["width"] <= 1024 and report["settings-safety"]["height"] <= 600
