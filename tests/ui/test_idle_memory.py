"""What the idle window keeps in memory that it never uses again (docs/startup.md, "Memory of the idle window").

The real app runs in a child process, started as the launcher starts it (``cli.main([])``), and reports at exit,
after everything the first paint is followed by (the content, the services, the single-instance server): which files
``linecache`` holds (PySide6's import hook used to read every module's whole source through it, about 6 MiB), whether
OpenSSL's hashing was loaded (3.3 MiB of libcrypto, for two short hashes), and whether Qt Network was (2 MiB).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from hipcoach import pyside_import
from hipcoach.core.digest import sha256_hex
from tests.tools import REPO_ROOT

CHILD = """
import atexit, json, linecache, sys
atexit.register(lambda: print(json.dumps({"lines": sorted(linecache.cache), "modules": sorted(sys.modules)})))
from hipcoach import cli
sys.exit(cli.main([]))
"""


def idle_app(data_dir: Path) -> dict[str, list[str]]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "HIPCOACH_DATA_DIR": str(data_dir),
        "HIPCOACH_EXIT_AFTER_PAINT": "1",  # everything after the first paint is done, then the app exits
    }
    result = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, list[str]] = json.loads(result.stdout.strip().splitlines()[-1])
    assert "hipcoach.ui.services" in report["modules"], "the app never got past its first paint"
    return report


def test_the_idle_window_keeps_no_module_sources_and_loads_no_openssl(tmp_path: Path) -> None:
    report = idle_app(tmp_path)
    sources = [line for line in report["lines"] if line.endswith(".py")]
    assert len(sources) <= 5, f"{len(sources)} module sources kept in linecache: {sources[:10]}"
    assert "_hashlib" not in report["modules"], "OpenSSL's hashing was loaded"
    assert "hipcoach.core.instance" in report["modules"]  # the single-instance name was hashed, without it


def test_the_idle_window_listens_for_a_second_launch_without_qt_network(tmp_path: Path) -> None:
    """Qt Network maps about 2 MiB and brings Kerberos and GSSAPI along, for one short message now and then: on
    POSIX the window listens on a Unix-domain socket of Python's own (hipcoach.ui.unix_channel)."""
    report = idle_app(tmp_path)
    assert "hipcoach.ui.unix_channel" in report["modules"], "the window did not listen"
    assert "PySide6.QtNetwork" not in report["modules"], "Qt Network was loaded"


def test_the_scan_that_replaces_pysides_gives_its_answers(tmp_path: Path) -> None:
    import hipcoach.app  # noqa: PLC0415 - a module that uses PySide6 (json does not)

    assert pyside_import.mentions_pyside(hipcoach.app)
    assert not pyside_import.mentions_pyside(json)
    assert not pyside_import.mentions_pyside(sys)  # built in: no source file
    missing = type(sys)("missing")
    missing.__file__ = str(tmp_path / "missing.py")
    assert not pyside_import.mentions_pyside(missing)
    feature = sys.modules["shibokensupport.feature"]
    original = feature._mod_uses_pyside  # type: ignore[attr-defined]
    try:
        assert pyside_import.skip_source_scan()  # this PySide6 is one it was written for
        assert feature._mod_uses_pyside is pyside_import.mentions_pyside  # type: ignore[attr-defined]
        assert original(hipcoach.app) and not original(json)  # the same answers as PySide6's own
    finally:
        feature._mod_uses_pyside = original  # type: ignore[attr-defined]


def test_the_built_in_sha256_gives_hashlibs_digest() -> None:
    for data in (b"", b"/home/someone/.local/share/hipcoach", "Hold for 30 seconds. ö".encode()):
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
