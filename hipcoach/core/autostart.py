"""The entry that starts hipcoach's background mode at login, so reminders come without opening the window.

Turning reminders on writes the XDG autostart entry for the current user; turning them off removes it (docs/
reminders.md, "At login"). It is the user's own autostart folder (``$XDG_CONFIG_HOME/autostart``, by default
``~/.config/autostart``), which every desktop following the XDG autostart specification reads; nothing is written
outside the user's home. Inside a Flatpak that folder is not the user's (the sandbox has its own config folder), so
the entry is not written there: the Background portal is the route (docs/reminders.md).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from hipcoach import APP_ID, APP_NAME
from hipcoach.core import paths
from hipcoach.core.files import write_atomic

ENTRY_NAME: Final = f"{APP_ID}-reminders.desktop"
ENTRY_TEXT: Final = f"""[Desktop Entry]
Type=Application
Name={APP_NAME} reminders
Comment=Reminders to exercise on your days
Icon={APP_ID}
Exec={APP_NAME} --background
TryExec={APP_NAME}
Terminal=false
NoDisplay=true
X-GNOME-Autostart-enabled=true
"""


class NoAutostartHere(Exception):
    """This copy of hipcoach cannot write the login entry itself (a Flatpak): the window asks the Background portal
    instead (ui/background_portal.py)."""


def autostart_folder() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or ""
    base = Path(config) if Path(config).is_absolute() else Path.home() / ".config"  # the spec: relative is unset
    return base / "autostart"


def entry_path() -> Path:
    return autostart_folder() / ENTRY_NAME


def in_flatpak() -> bool:
    return bool(os.environ.get("FLATPAK_ID"))


def set_autostart(on: bool) -> Path:
    """Write (on) or remove (off) the login entry; returns its path. Raises OSError for a folder that cannot be
    written, and :class:`NoAutostartHere` in a Flatpak, for the caller to say so."""
    path = entry_path()
    if in_flatpak():
        raise NoAutostartHere("In a Flatpak the desktop writes the login entry: ask the Background portal.")
    if on:
        path.parent.mkdir(parents=True, exist_ok=True)  # the desktop's folder, not ours: its modes are left alone
        write_atomic(path, ENTRY_TEXT)
    else:
        path.unlink(missing_ok=True)
    return path


def command_line(args: Sequence[str]) -> tuple[str, list[str]]:
    """The program and arguments that run ``hipcoach ARGS`` for this data folder as this process was run: the
    bundle's program, or this Python with the package (so a checkout or a virtual environment runs itself)."""
    data = ["--data-dir", str(paths.data_dir())]
    if getattr(sys, "frozen", False):
        return sys.executable, [*data, *args]
    return sys.executable, ["-m", APP_NAME, *data, *args]
