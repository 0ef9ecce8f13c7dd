from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import hipcoach.app
from hipcoach.core import content as content_module
from hipcoach.core.history import HISTORY_FILE
from hipcoach.core.model import Exercise, Routine
from hipcoach.core.settings import Settings
from hipcoach.ui.recorder import SessionRecorder
from tests.ui.dbus_fakes import PrivateBus, start_private_bus
from tests.ui.rig import FakeInhibitor, MakeRig, ServeApp, WindowRig

GUARD_MS = 60_000  # a run of the real app that has not ended by then has hung

# The offscreen platform warns whenever a top-level window's minimum size changes (every page switch and font
# change does that); it is the platform saying it has no window manager to tell, not a problem in the app.
OFFSCREEN_SIZE_HINTS = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_SIZE_HINTS))


@pytest.fixture
def make_rig(qtbot: QtBot) -> MakeRig:
    """A window rig; keyword arguments are Settings fields (the health notice counts as seen unless given)."""

    def make(
        *, quit_when_done: bool = False, time_scale: float = 1.0, speech_lead_in: bool = False, **settings: object
    ) -> WindowRig:
        values: dict[str, object] = {"first_run_notice_seen": True, **settings}
        return WindowRig(
            qtbot,
            Settings(**values),
            quit_when_done=quit_when_done,
            time_scale=time_scale,  # type: ignore[arg-type]
            speech_lead_in=speech_lead_in,
        )

    return make


@pytest.fixture
def rig(make_rig: MakeRig) -> WindowRig:
    return make_rig()


@pytest.fixture
def serve_app(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[ServeApp]:
    """For a test that runs the real app (``hipcoach.app.run_app``): ``serve(routine)`` makes that routine the only
    one, built-in and found by ``--start``; no D-Bus screen saver, no audio (real audio is tested elsewhere); and a
    guard that ends a run that hangs with exit status 99."""
    monkeypatch.setattr(hipcoach.app, "ScreenSaverInhibitor", FakeInhibitor)
    monkeypatch.setattr(hipcoach.app, "make_speaker", lambda _settings: None)

    def serve(served: Routine) -> None:
        catalogue: dict[str, Exercise] = {e.exercise.id: e.exercise for e in served.entries}
        monkeypatch.setattr(content_module, "load_catalogue", lambda: catalogue)
        monkeypatch.setattr(content_module, "builtin_routines", lambda _c: [served])
        monkeypatch.setattr(content_module, "user_routines", lambda _c: ([], []))
        monkeypatch.setattr(content_module, "find_routine", lambda _spec, _c: served)

    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: qapp.exit(99))
    guard.start(GUARD_MS)
    yield serve
    guard.stop()


@pytest.fixture
def history_file(hipcoach_data_dir: Path) -> Path:
    """The history file of the test's own data folder (the recorder tests' fixtures)."""
    return hipcoach_data_dir / HISTORY_FILE


@pytest.fixture
def recorder(qtbot: QtBot, history_file: Path) -> Iterator[SessionRecorder]:
    rec = SessionRecorder(history_file)
    yield rec
    assert rec.close()


@pytest.fixture
def bus() -> Iterator[PrivateBus]:
    """A private D-Bus session bus (tests/ui/dbus_fakes.py), closed with everything it started."""
    private = start_private_bus()
    try:
        yield private
    finally:
        private.close()
