"""The Flatpak manifest cannot be built here (no flatpak-builder, no Flathub); what can be checked, is."""

from __future__ import annotations

import re

from hipcoach import APP_ID
from tests.tools import REPO_ROOT

FLATPAK = REPO_ROOT / "packaging" / "flatpak"
MANIFEST = FLATPAK / f"{APP_ID}.yml"


def finish_args(text: str) -> list[str]:
    block = text.split("\nfinish-args:\n", 1)[1]
    args: list[str] = []
    for line in block.splitlines():
        if not line.startswith("  - "):
            break
        args.append(line.removeprefix("  - ").strip())
    return args


def test_only_the_permissions_hipcoach_needs() -> None:
    args = finish_args(MANIFEST.read_text(encoding="utf-8"))
    assert sorted(args) == sorted(
        ["--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri", "--socket=pulseaudio"]
    )


def test_it_names_the_app_and_the_files_it_installs() -> None:
    text = MANIFEST.read_text(encoding="utf-8")
    assert f"\nid: {APP_ID}\n" in text
    assert "\ncommand: hipcoach\n" in text
    launcher = FLATPAK / "hipcoach.sh"
    assert "packaging/flatpak/hipcoach.sh" in text and launcher.is_file()
    assert "HIPCOACH_RESOURCES=/app/share/hipcoach/resources" in launcher.read_text(encoding="utf-8")


def test_the_python_dependencies_are_the_pinned_ones() -> None:
    text = MANIFEST.read_text(encoding="utf-8")
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", (REPO_ROOT / "constraints.txt").read_text(), re.MULTILINE))
    wheels = re.findall(r"/([a-z0-9_]+)-([0-9][^-]*)-py3-none-any\.whl", text)
    assert {name for name, _ in wheels} == {"platformdirs", "pyttsx3", "tomlkit"}
    sources = re.findall(r"/([a-z0-9_]+)-([0-9][^-/]*)\.tar\.gz", text)
    assert {name for name, _ in sources} == {"miniaudio", "cffi", "pycparser"}  # built: no wheel fits every runtime
    for name, version in wheels + sources:
        assert pins[name] == version, f"{name}: manifest {version}, constraints.txt {pins[name]}"
        assert f"{name}=={version}" in text
