"""Every file and folder the app creates is the user's only (0600/0700), whatever the umask: a whole session of the
real app in a child process with the usual umask 022, then a look at everything in its data folder."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tools import REPO_ROOT

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def test_a_session_leaves_only_private_files_and_folders(hipcoach_data_dir: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "hipcoach", "--start", "stretching", "--time-scale", "1000", "--quit-when-done"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        umask=0o022,
    )
    assert result.returncode == 0, result.stderr
    found = {
        str(p.relative_to(hipcoach_data_dir)): stat.S_IMODE(p.lstat().st_mode) for p in hipcoach_data_dir.rglob("*")
    }
    # what this test is about is there: the window's size, the speech cache, the history
    assert {"config/window.ini", "cache/speech", "history.sqlite3"} <= set(found), sorted(found)
    assert any(name.startswith("cache/speech/") and name.endswith(".wav") for name in found), sorted(found)
    loose = {
        name: oct(mode)
        for name, mode in found.items()
        if mode != (0o700 if (hipcoach_data_dir / name).is_dir() else 0o600)
    }
    assert loose == {}
    assert stat.S_IMODE(hipcoach_data_dir.stat().st_mode) == 0o700
