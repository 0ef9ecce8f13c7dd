"""The login entry of the background mode: written where the XDG autostart specification says, valid, removed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from hipcoach.core.autostart import ENTRY_NAME, NoAutostartHere, entry_path, set_autostart
from tests.tools import require_tool


@pytest.fixture(autouse=True)
def no_flatpak(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLATPAK_ID", raising=False)


def test_the_entry_is_written_valid_and_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    path = set_autostart(True)
    assert path == tmp_path / "autostart" / ENTRY_NAME == entry_path()
    tool = require_tool("desktop-file-validate")
    result = subprocess.run([tool, str(path)], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
    assert set_autostart(True) == path  # on again: the same one entry
    set_autostart(False)
    assert not path.exists()
    set_autostart(False)  # off when it is already off is no problem


def test_a_relative_config_home_is_ignored_as_the_specification_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert entry_path() == tmp_path / ".config" / "autostart" / ENTRY_NAME


def test_in_a_flatpak_nothing_is_written_and_the_reason_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("FLATPAK_ID", "io.github.hipcoach.HipCoach")
    with pytest.raises(NoAutostartHere, match="Background portal"):
        set_autostart(True)
    assert not (tmp_path / "autostart").exists()
