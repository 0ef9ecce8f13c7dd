"""hipcoach installs PySide6-Essentials only: PySide6-Addons (WebEngine, Qt 3D, FFmpeg, Qt Multimedia: about 440 MB)
is neither a dependency nor pinned, and no module of the app imports a module that only Addons has."""

from __future__ import annotations

import re
import tomllib

from tests.tools import REPO_ROOT

ADDONS_ONLY = re.compile(r"\bPySide6\.Qt(Multimedia|TextToSpeech|Charts|Graphs|WebEngine|3D|SpatialAudio)\w*")


def test_pyproject_and_constraints_name_no_addons() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    dependencies = [re.split(r"[<>=!~ ]", dep, maxsplit=1)[0].lower() for dep in project["dependencies"]]
    assert "pyside6-essentials" in dependencies
    assert not {"pyside6", "pyside6-addons"} & set(dependencies)
    assert "miniaudio" in dependencies
    pins = (REPO_ROOT / "constraints.txt").read_text(encoding="utf-8").lower()
    assert "pyside6_addons" not in pins and "pyside6-addons" not in pins
    assert re.search(r"^miniaudio==", pins, re.MULTILINE)


def test_no_module_imports_an_addons_module() -> None:
    found = {
        str(path.relative_to(REPO_ROOT)): match.group(0)
        for path in (REPO_ROOT / "hipcoach").rglob("*.py")
        if (match := ADDONS_ONLY.search(path.read_text(encoding="utf-8")))
    }
    assert found == {}
