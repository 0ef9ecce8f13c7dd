"""Guards against a Qt binding that corrupts the interpreter.

PySide6 6.12.0 drops one reference to None (or True/False) each time a method returning void is called. Python
3.11's None is a counted object, so after some thousands of timer restarts the process aborts with "none_dealloc"
— an hour into a bike block. The run goes in a child process so a crash fails this test instead of the suite.
"""

from __future__ import annotations

import subprocess
import sys

CALLS = 200_000


def test_void_method_calls_do_not_corrupt_reference_counts() -> None:
    code = (
        "from PySide6.QtCore import QObject, QTimer\n"
        "o = QObject(); t = QTimer()\n"
        f"for _ in range({CALLS}):\n"
        "    o.setObjectName('x'); t.setSingleShot(True); t.stop()\n"
        "print('survived')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"
