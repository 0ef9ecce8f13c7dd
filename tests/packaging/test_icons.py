"""The application icon: an SVG and every PNG size, rendered from it by packaging/make_icons.py."""

from __future__ import annotations

import importlib.util
import shutil
import struct
from pathlib import Path
from types import ModuleType

import pytest

from hipcoach import APP_ID
from tests.tools import REPO_ROOT

ICONS = REPO_ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("size", SIZES)
def test_every_png_size_is_there(size: int) -> None:
    path = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert png_size(path.read_bytes()) == (size, size)


def test_the_svg_sources_are_there() -> None:
    for name in (f"{APP_ID}.svg", f"{APP_ID}-small.svg"):
        text = (ICONS / name).read_text(encoding="utf-8")
        assert "<svg" in text and 'viewBox="0 0 128 128"' in text


def load_make_icons() -> ModuleType:
    """packaging/ is not a package (and the name is taken by the PyPI project 'packaging'): load the script by path."""
    spec = importlib.util.spec_from_file_location("make_icons", REPO_ROOT / "packaging" / "make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_icons_renders_every_size(qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The script works (so the PNGs can be regenerated) and writes exactly the sizes checked above."""
    make_icons = load_make_icons()
    assert tuple(make_icons.SIZES) == SIZES
    for name in (f"{APP_ID}.svg", f"{APP_ID}-small.svg"):
        shutil.copy(ICONS / name, tmp_path / name)
    assert make_icons.main(["--icons-dir", str(tmp_path)]) == 0
    for size in SIZES:
        assert png_size(make_icons.png_path(size, tmp_path).read_bytes()) == (size, size)
    assert capsys.readouterr().out.count(".png") == len(SIZES)
