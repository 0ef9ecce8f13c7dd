"""PyInstaller run-time hook for the hipcoach bundle: runs before any other code in the frozen app.

1. Points hipcoach at the bundled ``resources/`` (hipcoach.core.paths.resources_dir() reads HIPCOACH_RESOURCES).
2. Gives child processes the user's environment back. On Linux the bootloader sets ``LD_LIBRARY_PATH`` to the
   bundle's folder so that the bundled libraries are found, and keeps the user's value in ``LD_LIBRARY_PATH_ORIG``
   (when there was one). Child processes (espeak-ng, the xdg-open that "Open data folder" runs, the file manager it
   starts) must not load the bundle's Qt, GLib or OpenSSL in place of their own. The dynamic loader of *this* process
   read the variable when the process started, so changing it now only affects child processes.
   ``LD_LIBRARY_PATH_ORIG`` is left in place: hipcoach.speech.renderers.child_env() looks for it too.

The spec leaves out PyInstaller's own PySide6 run-time hook, which would set QT_PLUGIN_PATH and QML2_IMPORT_PATH to
the bundle's folders for every child process as well (a Qt file manager started from the app would then load plugins
built for another Qt). The PySide6 wheels find their plugins without it, through the qt.conf that PySide6 embeds.
"""

import os
import sys


def _hipcoach_rthook() -> None:
    bundle = getattr(sys, "_MEIPASS", os.path.dirname(os.path.abspath(sys.executable)))
    os.environ.setdefault("HIPCOACH_RESOURCES", os.path.join(bundle, "resources"))
    if sys.platform.startswith("linux"):
        original = os.environ.get("LD_LIBRARY_PATH_ORIG")
        if original is not None:
            os.environ["LD_LIBRARY_PATH"] = original
        else:
            os.environ.pop("LD_LIBRARY_PATH", None)


_hipcoach_rthook()
del _hipcoach_rthook
