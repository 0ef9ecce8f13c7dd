"""Render the application icon's SVG to the PNG sizes desktops look for, with Qt's own SVG renderer.

    .venv/bin/python packaging/make_icons.py

writes ``resources/icons/hicolor/<N>x<N>/apps/<APP_ID>.png`` for every size in SIZES. Sizes up to 24 px come from
``<APP_ID>-small.svg``, a simplified drawing (no timer dial) that stays readable that small; the rest come from
``<APP_ID>.svg``. Run it again after changing either SVG and commit the PNGs: no other tool is needed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from hipcoach import APP_ID  # noqa: E402  (after the path set-up, so the script also runs without installing)

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SMALL_UP_TO = 24  # sizes up to this one use the simplified drawing
ICONS_DIR = REPO_ROOT / "resources" / "icons"


def source_for(size: int, icons_dir: Path = ICONS_DIR) -> Path:
    small = icons_dir / f"{APP_ID}-small.svg"
    if size <= SMALL_UP_TO and small.is_file():
        return small
    return icons_dir / f"{APP_ID}.svg"


def png_path(size: int, icons_dir: Path = ICONS_DIR) -> Path:
    return icons_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(svg: Path, size: int, out: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):
        raise SystemExit(f"make_icons: cannot write {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the hipcoach icon SVG to PNG files.")
    parser.add_argument("--icons-dir", type=Path, default=ICONS_DIR, help="where the SVGs are and hicolor/ goes")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication([])
    for size in SIZES:
        out = png_path(size, args.icons_dir)
        render(source_for(size, args.icons_dir), size, out)
        print(f"{out.relative_to(args.icons_dir)}  ({size}x{size})")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
