from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hipcoach.core.settings import Settings
from tests.gui.rig import WindowRig

MakeRig = Callable[..., WindowRig]

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
