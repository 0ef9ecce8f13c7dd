"""Fixtures shared by all tests.

- Qt runs offscreen unless QT_QPA_PLATFORM says otherwise (set here, before anything imports Qt).
- Every test gets its own empty hipcoach data folder (``HIPCOACH_DATA_DIR``); nothing touches the real one.
- Tests that use ``qtbot`` or ``qapp`` are marked ``gui`` automatically (``-m 'not gui'`` runs the Qt-free ones).
- ``xvfb_display`` and ``pulse_null_sink`` start a virtual X display and a private PulseAudio server with a null
  sink, once per session, for tests that drive the real app in a subprocess (tests/display.py,
  tests/audio_server.py).
- Hypothesis runs with the ``ci`` profile under ``CI=true``: derandomized, without an example database.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if not os.path.isdir(os.environ.get("XDG_RUNTIME_DIR", "")):
    # Without it Qt warns "QStandardPaths: XDG_RUNTIME_DIR not set", and Qt warnings fail tests.
    _runtime_dir = tempfile.mkdtemp(prefix="hipcoach-test-runtime-")  # mode 0700, as Qt wants
    os.environ["XDG_RUNTIME_DIR"] = _runtime_dir
    atexit.register(shutil.rmtree, _runtime_dir, True)

from hipcoach import cli
from hipcoach.core import paths
from tests import audio_server, display

Run = Callable[..., tuple[int, str, str]]

# Under CI the property tests draw the same examples every run and keep no example database, so a red build is
# the code's doing, repeatable from the log; locally they explore new examples and remember failing ones.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

GUI_FIXTURES = frozenset({"qtbot", "qapp"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if GUI_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def hipcoach_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh, empty data folder for this test (not created: the code under test creates what it needs)."""
    data_dir = tmp_path / "hipcoach-data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(data_dir))
    paths.set_data_dir(None)
    yield data_dir
    paths.set_data_dir(None)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Folder for screenshots and recordings worth keeping after the run (``artifacts/``, gitignored)."""
    return display.artifacts_dir()


@pytest.fixture(scope="session")
def xvfb_display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A virtual 1280x800x24 X display, e.g. ":1"; pass it as DISPLAY (with QT_QPA_PLATFORM=xcb) to a child."""
    server = display.start_xvfb(tmp_path_factory.mktemp("xvfb"))
    try:
        yield server.display
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pulse_null_sink() -> Iterator[audio_server.PulseServer]:
    """A private PulseAudio server with a null sink; ``.env`` for a child to play into it, ``.record(path)``."""
    server = audio_server.start_pulseaudio()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """The command line in this process: ``run("routines", "--json")`` -> (exit status, stdout, stderr)."""

    def runner(*argv: str) -> tuple[int, str, str]:
        status = cli.main(list(argv))
        out, err = capsys.readouterr()
        return status, out, err

    return runner
