"""The ``hipcoach`` command: open the window, or list, check, export and import from a terminal.

``dispatch`` reads the arguments (the parser itself is in ``arguments``, built only when there are arguments) and
runs a command; ``output`` holds what every command prints with (``say`` on stderr, ``table``, ``json``);
``content`` holds the content commands (``exercises``, ``routines``, ``check``, and the check of ``--start``),
``history`` the history commands (``history``, ``export``, ``import``) and ``figure`` the pictures (``figure``,
``figures``). The modules of this package may import the core, ``hipcoach.options``, ``hipcoach.hooks``,
``hipcoach.error_log``, ``hipcoach.ui.figure`` (for the pictures only) and each other downwards (``dispatch`` →
``arguments``, ``output``, ``content``, ``history``, ``figure``; the commands → ``output``), never this
``__init__``. Only ``figure`` imports Qt, to draw on the offscreen platform; only ``dispatch`` imports
``hipcoach.app``, and only to open the window, so the commands start fast and work without a display. The content
and history modules are imported only for their own commands, so opening the window loads neither the content nor
the database code before its first paint (docs/startup.md).
"""

from hipcoach.cli.dispatch import gui_main, main

__all__ = ["gui_main", "main"]
