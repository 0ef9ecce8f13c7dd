from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from hipcoach.core import paths


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_folder_created_for_private_data_is_user_only(tmp_path: Path) -> None:
    existing = tmp_path / "existing"
    existing.mkdir(mode=0o755)
    existing.chmod(0o755)
    target = existing / "a" / "b" / "c"
    assert paths.ensure_private_dir(target) == target
    assert [mode(p) for p in (existing / "a", existing / "a" / "b", target)] == [0o700, 0o700, 0o700]
    assert mode(existing) == 0o755  # not ours to change


def test_an_existing_data_folder_is_tightened(tmp_path: Path) -> None:
    loose = tmp_path / "loose"
    loose.mkdir()
    loose.chmod(0o755)
    paths.ensure_private_dir(loose)
    assert mode(loose) == 0o700


def test_a_shared_temporary_folder_is_never_tightened(tmp_path: Path) -> None:
    """``--data-dir /tmp`` as root once left /tmp at 0700: every other user lost their temporary folder."""
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    paths.ensure_private_dir(shared)
    (shared / "hipcoach").mkdir()
    paths.prepare_data_dir(shared)
    assert mode(shared) == 0o1777


def test_data_dir_override_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "env"))
    assert paths.data_dir() == tmp_path / "env"
    assert paths.config_dir() == tmp_path / "env" / "config"
    assert paths.cache_dir() == tmp_path / "env" / "cache"
    assert paths.user_routines_dir() == tmp_path / "env" / "routines"
    paths.set_data_dir(tmp_path / "flag")
    try:
        assert paths.data_dir() == tmp_path / "flag"  # --data-dir wins over the environment
    finally:
        paths.set_data_dir(None)
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    assert paths.data_dir().name == "hipcoach"


def test_resources_are_found_from_a_source_checkout() -> None:
    assert (paths.resources_dir() / "exercises" / "bridge.toml").is_file()


def test_an_existing_folder_never_gains_a_permission(tmp_path: Path) -> None:
    """A folder the user made read-only stays read-only: only group and other bits are taken away."""
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        assert paths.prepare_data_dir(locked) is os.access(locked, os.W_OK)  # root may still write; others not
        assert mode(locked) == 0o500
    finally:
        locked.chmod(0o700)
