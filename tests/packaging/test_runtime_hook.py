"""The bundle's run-time hook, run the way the frozen app runs it: first, in a fresh interpreter.

The bootloader has put the bundle's folder in LD_LIBRARY_PATH (and the user's own value, if any, in
LD_LIBRARY_PATH_ORIG); every child process must get the user's value back, and hipcoach must find its resources.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.tools import REPO_ROOT

HOOK = REPO_ROOT / "packaging" / "pyinstaller" / "rthook_hipcoach.py"
BUNDLE = "/opt/bundle/_internal"
PROBE = f"""
import json, os, runpy, sys
sys.frozen = True
sys._MEIPASS = {BUNDLE!r}
runpy.run_path({str(HOOK)!r})
from hipcoach.core import paths
from hipcoach.speech.renderers import child_env
names = ("LD_LIBRARY_PATH", "LD_LIBRARY_PATH_ORIG", "HIPCOACH_RESOURCES")
print(json.dumps({{
    "environ": {{name: os.environ.get(name) for name in names}},
    "child": child_env().get("LD_LIBRARY_PATH"),
    "resources": str(paths.resources_dir()),
}}))
"""


def run_hook(**env: str) -> dict[str, object]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LD_LIBRARY_PATH", "HIPCOACH_RESOURCES"))}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env={**clean, **env}, capture_output=True, text=True, timeout=60, check=True
    )
    value = json.loads(result.stdout)
    assert isinstance(value, dict)
    return value


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="LD_LIBRARY_PATH is the Linux bootloader's")
def test_the_users_library_path_is_restored_for_child_processes() -> None:
    seen = run_hook(LD_LIBRARY_PATH=f"{BUNDLE}:/opt/mine", LD_LIBRARY_PATH_ORIG="/opt/mine")
    assert seen["environ"] == {
        "LD_LIBRARY_PATH": "/opt/mine",
        "LD_LIBRARY_PATH_ORIG": "/opt/mine",  # kept: hipcoach.speech.renderers.child_env() reads it too
        "HIPCOACH_RESOURCES": f"{BUNDLE}/resources",
    }
    assert seen["child"] == "/opt/mine"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="LD_LIBRARY_PATH is the Linux bootloader's")
def test_without_a_library_path_of_the_users_none_is_passed_on() -> None:
    seen = run_hook(LD_LIBRARY_PATH=BUNDLE)
    assert seen["environ"] == {
        "LD_LIBRARY_PATH": None,
        "LD_LIBRARY_PATH_ORIG": None,
        "HIPCOACH_RESOURCES": f"{BUNDLE}/resources",
    }
    assert seen["child"] is None


def test_the_bundled_resources_are_used() -> None:
    assert run_hook()["resources"] == f"{BUNDLE}/resources"


def test_a_resources_folder_given_by_the_user_wins() -> None:
    assert run_hook(HIPCOACH_RESOURCES="/elsewhere")["resources"] == "/elsewhere"
