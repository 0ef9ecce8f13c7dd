"""Saving onto a real disk that is full, then read-only: a small tmpfs in a mount namespace of the test's own
(``unshare --mount --map-root-user``; no root needed, and root's power to write anywhere does not hide a read-only
disk). Each failed save says why in a sentence naming the file, and the file on the disk stays as it was."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.tools import report_from_small_disk

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mount namespaces are Linux's")

CHILD = """
import json, os, subprocess, sys
from dataclasses import replace
from pathlib import Path

from hipcoach.core import content
from hipcoach.core.routine_edit.draft import DraftEntry, new_draft
from hipcoach.core.routine_edit.saving import SaveError, read_draft, save_draft

disk = Path(sys.argv[1])
folder = disk / "routines"
every = content.with_variants(content.load_catalogue())
draft = replace(new_draft(), name="Mine", entries=(DraftEntry("bridge"), DraftEntry("clamshells")))
path = save_draft(draft, folder, every, [])
before = path.read_bytes()
mine = read_draft(path, every)
longer = replace(mine, description="A longer description. " * 10, entries=mine.entries * 20)
report = {}
fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
try:
    while True:
        os.write(fd, bytes(4096))
except OSError:
    pass
finally:
    os.close(fd)
try:
    save_draft(longer, folder, every, [])
    report["full"] = None
except SaveError as exc:
    report["full"] = str(exc)
report["after_full"] = path.read_bytes() == before
report["left_behind"] = sorted(p.name for p in folder.iterdir())
(disk / "filler").unlink()
subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
try:
    save_draft(longer, folder, every, [])
    report["read_only"] = None
except SaveError as exc:
    report["read_only"] = str(exc)
report["after_read_only"] = path.read_bytes() == before
report["path"] = str(path)
print(json.dumps(report))
"""


def test_a_full_then_read_only_disk(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    report = report_from_small_disk(disk, "256k", CHILD, {"HIPCOACH_DATA_DIR": str(tmp_path / "data")})
    path = report["path"]
    assert report["full"] == f"Could not save {path}: the disk is full. Your routine is still open."
    assert report["after_full"] is True
    assert report["left_behind"] == ["mine.toml"]
    folder = disk / "routines"
    assert report["read_only"] == (
        f"Could not save {path}: the folder {folder} is on a disk that cannot be written. Your routine is still open."
    )
    assert report["after_read_only"] is True
