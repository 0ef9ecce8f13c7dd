"""PySide6 without its source scan, which kept the whole text of every module the window imports in memory.

PySide6 supports ``from __feature__ import snake_case``. To know which modules might, it looks at every module
imported after it for the word "PySide6" with ``inspect.getsource``, and ``linecache`` keeps every line of every
file read that way: about 6 MiB of strings for the window's 180 modules, interleaved with the objects that live on,
so the heap cannot give them back even when the cache is cleared. hipcoach uses no feature. The same question is
answered here from the file's bytes, dropped at once. Measured in docs/startup.md ("Memory of the idle window").
"""

from __future__ import annotations

import sys
from types import ModuleType


def skip_source_scan() -> bool:
    """Put ``mentions_pyside`` in place of PySide6's scan; call it before PySide6 is first imported. False, with
    PySide6 left as it is, when its internals are not the ones this was written for (a newer PySide6)."""
    import shiboken6  # noqa: F401, PLC0415 - loads the feature support, not Qt itself

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = mentions_pyside  # type: ignore[attr-defined]
    return True


def mentions_pyside(module: ModuleType) -> bool:
    """Does the module's source file contain "PySide6"? False for a module with no source file, as PySide6's own
    answer is for built-in and compiled modules."""
    file = getattr(module, "__file__", None)
    if not isinstance(file, str) or not file.endswith(".py"):
        return False
    try:
        with open(file, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False
