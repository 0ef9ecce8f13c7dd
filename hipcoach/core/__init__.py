"""The Qt-free core: content, plan, engine, cue wording, settings, paths, and the history (``core.history``).

It may import the standard library, platformdirs, the leaf modules ``hipcoach`` (name, version),
``hipcoach.options`` and ``hipcoach.hooks``, and itself; never PySide6, ``ui``, ``speech``, ``cli`` or ``app``
(a test imports every core module in a child process and checks for Qt), so the whole session logic runs and is
tested without a QApplication.
"""
