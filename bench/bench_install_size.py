"""Installed size of hipcoach's run-time dependencies: a fresh virtual environment, ``pip install -c constraints.txt
.`` (no test or bundle extras, not editable), measured on disk; the largest installed distributions are listed.

Target: at most 300 MB (it was 680 MB with PySide6-Addons). Says so if PySide6-Addons or Qt Multimedia got
in. Run: ``.venv/bin/python -m bench.bench_install_size`` (a minute or two; pip's cache makes it faster).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1000 * 1000


def tree_size(folder: Path) -> int:
    return sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file() or path.is_symlink())


def constrained(project: Path) -> list[str]:
    return ["-c", str(project / "constraints.txt"), str(project)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--project", type=Path, default=ROOT, help="the checkout to install (default: this one)")
    args = parser.parse_args()
    project = args.project.resolve()
    with tempfile.TemporaryDirectory(prefix="hipcoach-bench-size-") as work:
        venv = Path(work) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / "bin" / "python"
        empty = tree_size(venv)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *constrained(project)],
            check=True,
            env={**os.environ, "PIP_NO_WARN_SCRIPT_LOCATION": "1"},
        )
        total = tree_size(venv)
        site = next((venv / "lib").glob("python3*/site-packages"))
        sizes: dict[str, int] = {}
        for entry in site.iterdir():
            name = entry.name.split("-")[0].split(".")[0].lower()
            if name in ("pip", "setuptools", "_distutils_hack", "__pycache__", "distutils"):
                continue
            sizes[name] = sizes.get(name, 0) + (tree_size(entry) if entry.is_dir() else entry.lstat().st_size)
        names = {entry.name.lower() for entry in site.iterdir()}
        multimedia = any((site / "PySide6").glob("QtMultimedia*"))
    addons = any(name.startswith("pyside6_addons") for name in names)
    added = total - empty
    print(f"project: {project.name}, Python {sys.version.split()[0]}")
    print(f"run-time install: {added / MB:.0f} MB on top of an empty venv ({total / MB:.0f} MB in all)")
    for name, size in sorted(sizes.items(), key=lambda item: -item[1])[:8]:
        print(f"  {name:24s} {size / MB:7.1f} MB")
    print(
        f"PySide6-Addons installed: {'yes' if addons else 'no'}; Qt Multimedia present: {'yes' if multimedia else 'no'}"
    )
    print(f"target <= 300 MB: {'met' if added <= 300 * MB and not addons else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
