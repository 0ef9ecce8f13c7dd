from __future__ import annotations

import stat
from pathlib import Path

import pytest

from hipcoach.core.files import atomic_writer, write_atomic


def test_write_atomic_replaces_the_file_with_a_private_one(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_a_failure_half_way_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_text("complete old export", encoding="utf-8")
    with pytest.raises(OSError, match="disk full"), atomic_writer(target) as handle:
        handle.write("half a new exp")
        raise OSError(28, "disk full")
    assert target.read_text(encoding="utf-8") == "complete old export"
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]
