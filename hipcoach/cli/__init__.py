"""The ``hipcoach`` command: open the window, or list, check, export and import from a terminal.

``dispatch`` reads the arguments (the parser itself is in ``arguments``, built only when there are arguments) and
runs a command; ``output`` holds what every command prints with (``say`` on stderr, ``table``, ``json``);
``content`` holds the content commands (``exercises``, ``routines``, ``check``, and the check of ``--start``) and
``history`` the history commands (``history``, ``export``, ``import``). The modules of this package may import the
core, ``hipcoach.options``, ``hipcoach.hooks``, ``hipcoach.error_log`` and each other downwards (``dispatch`` →
``arguments``, ``output``, ``content``, ``history``; the commands → ``output``), never this ``__init__``. None
imports Qt: only ``dispatch`` imports ``hipcoach.app``, and only to open the window, so the commands start fast and
work without a display. The content and history modules are imported only for their own commands, so opening the
window loads neither the content nor the database code before its first paint (docs/startup.md).
"""

from hipcoach.cli.dispatch import gui_main, main

__all__ = ["gui_main", "main"]
