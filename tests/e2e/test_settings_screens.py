"""Each page of the Settings dialog on a real X display (Xvfb), saved as a PNG for a person to look at.

The child builds the real window, its services (a speaker on fake parts, so no audio is needed) and the dialog,
and checks that the dialog fits a 1024x600 screen with every page's controls shown whole.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from tests.display import child_report, x11_env

CHILD = r"""
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QSlider, QSpinBox
from hipcoach.core.settings import Settings
from hipcoach.speech.cache import SpeechCache
from hipcoach.speech.render_worker import RenderWorker
from hipcoach.speech.speaker import Speaker
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.services import Services
from hipcoach.ui.session_controller import SessionController
from tests.speech.fakes import FakePlayer, FakeRenderer

out = Path(sys.argv[1])
app = QApplication([])
controller = SessionController()
window = MainWindow(controller, Settings(first_run_notice_seen=True), restore_geometry=False)
window.resize(1024, 600)

def make_speaker(settings):
    cache = SpeechCache(out / "speech")
    return Speaker(settings=settings, player=FakePlayer(), worker=RenderWorker(FakeRenderer, cache), cache=cache)

window.build_session_pages()
services = Services(window, controller, window.settings, {}, make_speaker)
window.show()
report = {}
for key in ("session", "voice", "appearance", "privacy"):
    dialog = window.open_settings(key)
    dialog.resize(dialog.sizeHint())
    for _ in range(20):
        app.processEvents()
    page = dialog.current_page()
    cut = [
        type(w).__name__ for kind in (QLabel, QAbstractButton, QComboBox, QSpinBox, QSlider)
        for w in page.findChildren(kind)
        if w.isVisible()
        and (
            w.width() < w.minimumSizeHint().width()
            or w.height() < w.minimumSizeHint().height()
            or (w.hasHeightForWidth() and w.height() < w.heightForWidth(w.width()))
        )
    ]
    titles = dialog.page_list
    if titles.sizeHintForColumn(0) > titles.viewport().width():
        cut.append("page list")
    report[key] = {"width": dialog.width(), "height": dialog.height(), "cut": cut}
    dialog.grab().save(str(out / f"settings-{key}.png"))
    dialog.reject()
    app.processEvents()
services.close()
print(json.dumps(report))
"""


def test_each_settings_page_fits_a_small_screen_and_is_saved_as_a_picture(
    xvfb_display: str, hipcoach_data_dir: Path, tmp_path: Path, artifacts_dir: Path
) -> None:
    out = artifacts_dir / "settings"
    out.mkdir(parents=True, exist_ok=True)
    env = x11_env(xvfb_display, HIPCOACH_DATA_DIR=str(hipcoach_data_dir))
    report = child_report(CHILD, out, env)
    for key in ("session", "voice", "appearance", "privacy"):
        page = report[key]
        assert page["width"] <= 1024 and page["height"] <= 600, (key, page)
        assert page["cut"] == [], (key, page)
        image = QImage(str(out / f"settings-{key}.png"))
        assert not image.isNull(), key
        assert image.width() >= 400, key
