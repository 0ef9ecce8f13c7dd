"""A real full disk: the history and the settings on a file system of 256 KiB that fills up mid-session.

The other tests make a write fail by raising the error a full disk gives; this one lets the kernel say ENOSPC. It
runs in a child process in a mount namespace of its own (``unshare --mount --map-root-user``, util-linux), where a
small tmpfs can be mounted without touching the machine's mounts, by root or by a normal user alike.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.tools import report_from_small_disk

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mount namespaces are Linux's")

DISK_SIZE = "256k"

CHILD = """
import errno, json, os, sqlite3, sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hipcoach.core.history import HISTORY_FILE, HistoryUnavailable, open_history
from hipcoach.core.settings import Settings, load_settings, save_settings
from tests.core.history.support import result

disk = Path(sys.argv[1])
began = datetime(2026, 3, 2, 8, tzinfo=UTC)
report = {}
save_settings(Settings(weekly_goal=4))
with open_history() as history:
    session = history.start_session("short", "Short routine", 1.0, began)
    history.record_exercise(session, result(0), "reps", recorded_at=began + timedelta(minutes=3))
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, bytes(4096))
    except OSError as exc:
        report["filler"] = errno.errorcode.get(exc.errno, str(exc.errno))
    finally:
        os.close(fd)
    later = result(1, "bike", sides=(None,), target=600, actual=600)
    try:
        history.record_exercise(session, later, "seconds", recorded_at=began + timedelta(minutes=14))
        report["history_error"] = None
    except HistoryUnavailable as exc:
        report["history_error"] = str(exc)
    try:
        save_settings(Settings(weekly_goal=6))
        report["settings_error"] = None
    except OSError as exc:
        report["settings_error"] = errno.errorcode.get(exc.errno, str(exc.errno))
    report["goal_while_full"] = load_settings().weekly_goal
    try:
        history.backup()
        report["backup_error"] = None
    except HistoryUnavailable as exc:
        report["backup_error"] = str(exc)
    report["rows_while_full"] = len(history.session_detail(session)[1])
    filler.unlink()
    history.record_exercise(session, later, "seconds", recorded_at=began + timedelta(minutes=14))
    report["rows_after"] = len(history.session_detail(session)[1])
with sqlite3.connect(Path(os.environ["HIPCOACH_DATA_DIR"]) / HISTORY_FILE) as check:
    report["integrity"] = check.execute("PRAGMA integrity_check").fetchone()[0]
print(json.dumps(report))
"""


def test_a_disk_that_fills_up_loses_nothing_and_says_so(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    data = disk / "data"
    report = report_from_small_disk(disk, DISK_SIZE, CHILD, {"HIPCOACH_DATA_DIR": str(data)})
    assert report["filler"] == "ENOSPC"
    # The history says what happened, in a sentence naming its file, and keeps what it had.
    assert report["history_error"] is not None
    assert "is full" in report["history_error"]
    assert str(data) in report["history_error"]
    assert report["rows_while_full"] == 2  # the first exercise, both sides
    # The settings file is written whole or not at all: the old one is still there and readable.
    assert report["settings_error"] == "ENOSPC"
    assert report["goal_while_full"] == 4
    # So does a backup: the real cause, not an error number.
    assert report["backup_error"] is not None and "is full" in report["backup_error"], report["backup_error"]
    # Once there is room again, recording carries on, and the database is sound.
    assert report["rows_after"] == 3
    assert report["integrity"] == "ok"
