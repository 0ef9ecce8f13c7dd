"""The figure's model is Qt-free like the rest of the core, so the command line, the tests and a future camera
check can use it without a display."""

from __future__ import annotations

import subprocess
import sys


def test_the_figure_model_never_imports_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, hipcoach.core.figure as f, hipcoach.core.content.figure\n"
        "for m in pkgutil.iter_modules(f.__path__): importlib.import_module('hipcoach.core.figure.' + m.name)\n"
        "print(len([m for m in sys.modules if m.startswith('hipcoach.core.figure.')]))\n"
        "print(','.join(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken')))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, qt = result.stdout.splitlines()
    assert int(count) >= 5
    assert qt == ""
