"""hipcoach: an offline desktop coach for home exercise with hip pain.

The package holds the Qt-free core (``core``), spoken cues (``speech``), the Qt layer (``ui``), the command line
(``cli``) and the composition root that wires the window (``app``); beside them, the error log (``error_log``, for
``ui``, ``cli`` and ``app``) and the leaf modules every layer may import because they import nothing of hipcoach:
this ``__init__`` (the app's name and version), ``options`` (what the command line asks of the window) and
``hooks`` (the debug and test environment variables, docs/hooks.md). What each layer may import is in
docs/architecture.md; tests/test_import_graph.py holds the code to it and allows no import circle anywhere.
"""

__version__ = "0.1.0"
APP_NAME = "hipcoach"
APP_ID = "io.github.hipcoach.HipCoach"
