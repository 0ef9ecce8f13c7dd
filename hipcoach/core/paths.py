"""Where hipcoach keeps things.

Functions, not module constants, so that ``--data-dir`` / ``hooks.DATA_DIR_ENV`` (and the test fixture that sets it)
take effect whenever they are set, and so that importing hipcoach never touches the disk.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

from hipcoach import APP_NAME, hooks
from hipcoach.hooks import DATA_DIR_ENV

SPEECH_SETTINGS_FILE = "speech.json"  # in config_dir(), next to settings.json
_override: Path | None = None


def set_data_dir(path: Path | None) -> None:
    """Use ``path`` for all user data (``--data-dir``); ``None`` returns to the environment/platform default."""
    global _override
    _override = path


def _root() -> Path | None:
    if _override is not None:
        return _override
    return hooks.path(DATA_DIR_ENV)


def data_dir() -> Path:
    root = _root()
    return root if root is not None else platformdirs.user_data_path(APP_NAME)


def config_dir() -> Path:
    root = _root()
    return root / "config" if root is not None else platformdirs.user_config_path(APP_NAME)


def cache_dir() -> Path:
    root = _root()
    return root / "cache" if root is not None else platformdirs.user_cache_path(APP_NAME)


def user_routines_dir() -> Path:
    """Routine files the user keeps here appear in the chooser next to the built-in ones."""
    return data_dir() / "routines"


def resources_dir() -> Path:
    """The shipped content. In a source checkout it sits next to the package; a bundle sets ``hooks.RESOURCES_ENV``."""
    env = hooks.path(hooks.RESOURCES_ENV)
    if env is not None:
        return env
    packaged = Path(__file__).resolve().parent.parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "resources"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` readable by the user only: it holds health data.

    Every folder this call creates gets 0700, not only the last: ``--data-dir /tmp/x/y`` must not leave a
    world-readable ``/tmp/x`` behind. Folders that already existed above the data folder are left alone. An existing
    ``path`` loses its group and other permissions but never gains any: a folder the user made read-only stays
    read-only (writing into it then fails, as it should). Raises OSError when ``path`` cannot be created.
    """
    missing: list[Path] = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        for created in missing:
            created.chmod(0o700)  # mkdir's mode is filtered by the umask; 0700 is only ever less than asked
        if not missing:
            tighten(path)
    return path


def tighten(path: Path) -> None:
    """Take group and other permissions away from ``path`` if it is ours and they are there; never add any.

    Someone else's folder, or one on a read-only file system, is left as it is: whether it can be written is then
    for the caller to find out (see :func:`writable_dir`). So is a shared folder with the sticky bit (``/tmp``,
    ``/dev/shm``): ``--data-dir /tmp`` run as root must not lock every other user out of the temporary folder; the
    files hipcoach writes there are private by their own modes."""
    if os.name != "posix":
        return
    try:
        current = stat.S_IMODE(path.stat().st_mode)
        if current & 0o077 and not current & stat.S_ISVTX:
            path.chmod(current & 0o700)
    except OSError:
        pass


def writable_dir(path: Path) -> bool:
    """Whether files may be created in ``path`` (``os.access`` also sees a read-only mount)."""
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK)


def prepare_data_dir(path: Path) -> bool:
    """Create the data folder privately, or tighten an existing one; True when it can be written.

    False for a folder the user made read-only, one on a read-only mount, or one that cannot be created: the app
    then runs in read-only mode (docs/history.md) and writes nothing there."""
    try:
        ensure_private_dir(path)
    except OSError:
        return False
    return writable_dir(path)
