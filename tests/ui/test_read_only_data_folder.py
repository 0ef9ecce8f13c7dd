"""A data folder that cannot be written, with the real app in a child process: a folder the user made read-only
(0500), opened by a user without root's power to write anywhere, and a read-only mount (a tmpfs remounted
read-only in a mount namespace of its own, as the full-disk test does). Either way the session runs, nothing in the
folder changes, one sentence says the session is not recorded, and an unattended run exits non-zero."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tools import REPO_ROOT, require_tool

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="setpriv and mount namespaces")

SESSION = ["-m", "hipcoach", "--start", "stretching", "--time-scale", "1000", "--quit-when-done"]
NOT_RECORDED = "the session was not recorded: the data folder is read-only"


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every entry under ``folder`` with its mode and, for a file, its content's hash; the speech cache aside (cue
    audio, nothing personal: a writable cache/ keeps being used, as the voice needs it)."""
    found: dict[str, tuple[int, str]] = {".": (stat.S_IMODE(folder.stat().st_mode), "")}
    for path in sorted(folder.rglob("*")):
        if path.relative_to(folder).parts[:2] == ("cache", "speech"):
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        found[str(path.relative_to(folder))] = (stat.S_IMODE(path.lstat().st_mode), digest)
    return found


def child_env(data: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "HIPCOACH_DATA_DIR": str(data),
        **extra,
    }


@pytest.fixture
def home() -> Iterator[Path]:
    """A folder another user can reach (pytest's own temporary folders are root's only)."""
    folder = Path(tempfile.mkdtemp(prefix="hipcoach-ro-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o700)
    shutil.rmtree(folder, ignore_errors=True)


def test_a_folder_made_read_only_stays_so_and_the_session_still_runs(home: Path) -> None:
    """As root, the app runs without the power to write anywhere (setpriv), so 0500 really means read-only."""
    data = home / "data"
    data.mkdir(mode=0o700)
    first = subprocess.run(
        [sys.executable, *SESSION], env=child_env(data), capture_output=True, text=True, timeout=120, check=False
    )
    assert first.returncode == 0, first.stderr
    prefix: list[str] = []
    if os.geteuid() == 0:
        # Root may write anywhere: the child runs without that power (setpriv drops CAP_DAC_OVERRIDE and
        # CAP_DAC_READ_SEARCH from its bounding set), so 0500 means read-only to it as to any user, and it can still
        # read this checkout and its .venv wherever they are (another uid may not).
        prefix = [require_tool("setpriv"), "--bounding-set", "-dac_override,-dac_read_search", "--"]
    data.chmod(0o500)
    before = snapshot(data)
    runtime = Path(tempfile.mkdtemp(prefix="hipcoach-ro-run-"))  # the user's own run-time folder, 0700
    try:
        result = subprocess.run(
            [*prefix, sys.executable, *SESSION],
            env=child_env(data, XDG_RUNTIME_DIR=str(runtime), HOME=str(home)),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
    assert snapshot(data) == before  # not made writable, nothing written, no mode changed
    assert "unexpected error" not in result.stderr, result.stderr
    assert f"{data} is read-only: the sessions you do now are not recorded" in result.stderr
    assert NOT_RECORDED in result.stderr  # the session ran to its summary
    assert result.returncode == 4  # ran, not recorded (docs/cli.md)


# 32 MiB: room for the first session's history and its rendered cues (about 6 MiB for Stretching), so the only thing
# this test varies is the mount turning read-only.
MOUNTED = """
set -e
mount -t tmpfs -o size=32m tmpfs "$1"
mkdir -m 0700 "$1/data"
"$2" {session} > "$1/first.txt" 2>&1 || {{ cat "$1/first.txt" >&2; exit 90; }}
mount -o remount,ro "$1"
set +e
"$2" {session} 2> "$3/second-stderr.txt"
echo $? > "$3/second-status.txt"
"$2" -m hipcoach history --json > "$3/history.json"
""".format(session=" ".join(SESSION))


def test_a_read_only_mount_gives_read_only_mode_not_an_error(tmp_path: Path) -> None:
    unshare = require_tool("unshare")
    disk = tmp_path / "disk"
    disk.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run(
        [unshare, "--mount", "--map-root-user", "sh", "-c", MOUNTED, "sh", str(disk), sys.executable, str(out)],
        env=child_env(disk / "data"),
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    stderr = (out / "second-stderr.txt").read_text(encoding="utf-8")
    assert "unexpected error" not in stderr, stderr
    assert "is read-only: the sessions you do now are not recorded" in stderr
    assert NOT_RECORDED in stderr
    assert (out / "second-status.txt").read_text().strip() == "4"
    sessions = json.loads((out / "history.json").read_text(encoding="utf-8"))
    assert [s["status"] for s in sessions] == ["completed"]  # the first, writable run's; the second's is not there
