"""packaging/install-linux.sh with HOME in a temporary folder: install, check, reinstall, uninstall."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hipcoach import APP_ID, __version__
from tests.tools import REPO_ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux desktop install")

SCRIPT = REPO_ROOT / "packaging" / "install-linux.sh"
VENV_HIPCOACH = REPO_ROOT / ".venv" / "bin" / "hipcoach"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def install(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_DATA_HOME", None)
    return subprocess.run(
        ["bash", str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def installed_files(home: Path) -> list[Path]:
    return sorted(path for path in home.rglob("*") if not path.is_dir())


@pytest.fixture
def home(tmp_path: Path) -> Path:
    if not VENV_HIPCOACH.is_file():
        pytest.skip(f"no {VENV_HIPCOACH}: run ./.ci/setup")
    home = tmp_path / "home"
    home.mkdir()
    return home


def test_install_then_uninstall_leaves_nothing_behind(home: Path) -> None:
    result = install(home)
    assert result.returncode == 0, result.stderr
    share = home / ".local" / "share"
    launcher = home / ".local" / "bin" / "hipcoach"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    expected = {
        launcher,
        desktop,
        share / "metainfo" / f"{APP_ID}.metainfo.xml",
        share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        *(share / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png" for n in SIZES),
    }
    assert set(installed_files(home)) == expected

    version = subprocess.run([str(launcher), "--version"], capture_output=True, text=True, timeout=60, check=True)
    assert version.stdout.strip() == f"hipcoach {__version__}"
    text = desktop.read_text(encoding="utf-8")
    assert f'Exec="{launcher}"\n' in text  # a full path: ~/.local/bin is not always on the PATH
    assert f'Exec="{launcher}" --start gentle-mobility\n' in text
    validate = shutil.which("desktop-file-validate")
    if validate is not None:
        check = subprocess.run([validate, str(desktop)], capture_output=True, text=True, timeout=60, check=False)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout

    result = install(home, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert installed_files(home) == []


def test_the_start_action_can_start_another_routine(home: Path) -> None:
    assert install(home, "--routine", "stretching").returncode == 0
    desktop = home / ".local" / "share" / "applications" / f"{APP_ID}.desktop"
    assert "--start stretching\n" in desktop.read_text(encoding="utf-8")
    result = install(home, "--routine", "no-such-routine")
    assert result.returncode != 0
    assert "no such routine" in result.stderr


def test_a_hipcoach_command_it_did_not_install_is_left_alone(home: Path) -> None:
    other = home / ".local" / "bin" / "hipcoach"
    other.parent.mkdir(parents=True)
    other.write_text("#!/bin/sh\necho pip's hipcoach\n")
    result = install(home)
    assert result.returncode != 0
    assert "not installed by this script" in result.stderr
    assert install(home, "--uninstall").returncode == 0
    assert other.read_text() == "#!/bin/sh\necho pip's hipcoach\n"
