"""The menu entry and the AppStream metadata: valid for the standard validators, and consistent with the app."""

from __future__ import annotations

import configparser
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from hipcoach import APP_ID, APP_NAME, __version__
from hipcoach.core import content
from tests.tools import REPO_ROOT, require_tool

PACKAGING = REPO_ROOT / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
SCREENSHOT_URL = "https://raw.githubusercontent.com/hipcoach/hipcoach/main/"


def read_desktop(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser


def test_desktop_file_passes_desktop_file_validate() -> None:
    tool = require_tool("desktop-file-validate")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, timeout=60, check=False)
    print(result.stdout, result.stderr)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_passes_appstreamcli_validate() -> None:
    tool = require_tool("appstreamcli")
    result = subprocess.run(
        [tool, "validate", "--no-net", "--explain", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    print(result.stdout, result.stderr)
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_file_uses_the_app_id_and_starts_a_real_routine() -> None:
    entry = read_desktop(DESKTOP)
    main = entry["Desktop Entry"]
    assert main["Icon"] == APP_ID
    assert main["Exec"] == APP_NAME
    assert main["StartupWMClass"] == APP_NAME  # Qt's WM_CLASS is the application name
    assert "start-routine" in main["Actions"].split(";")
    action = entry["Desktop Action start-routine"]
    assert action["Name"] == "Start my routine"
    command, flag, routine_id = action["Exec"].split()
    assert (command, flag) == (APP_NAME, "--start")
    builtin_ids = [routine.id for routine in content.builtin_routines(content.load_catalogue())]
    assert routine_id in builtin_ids


def test_metainfo_matches_the_app() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    releases = root.findall("releases/release")
    assert releases and releases[0].get("version") == __version__
    rating = root.find("content_rating")
    assert rating is not None and rating.get("type") == "oars-1.1"
    assert root.find("developer/name") is not None


def test_metainfo_screenshots_are_files_in_the_repository() -> None:
    root = ET.parse(METAINFO).getroot()
    images = [image.text or "" for image in root.iterfind("screenshots/screenshot/image")]
    assert images
    for url in images:
        assert url.startswith(SCREENSHOT_URL), url
        assert (REPO_ROOT / url.removeprefix(SCREENSHOT_URL)).is_file(), f"{url}: no such file in the repository"
