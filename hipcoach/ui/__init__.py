"""The Qt layer: the main window and its pages, the session controller around the engine, the recorder that writes
the history from its own thread, the services wired after the first paint, and the adapters (timers, screen saver,
single instance, screenshots) that connect the Qt-free core to Qt's event loop.

It may import the core, ``speech``, PySide6 and the leaf modules (``hipcoach``, ``options``, ``hooks``,
``error_log``); never ``cli`` or ``app``, which sit above it.
"""
