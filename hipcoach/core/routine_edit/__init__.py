"""The routine editor's Qt-free core: ``draft`` (a routine as the editor holds it while the user changes it, and
the routine loading its file would give), ``floor_order`` (how often a routine goes down to the floor, and an
order that goes down once), ``summary`` (what the editor shows about a draft: time, equipment, floor trips,
problems) and ``saving`` (writing a draft to the user's routine file, keeping the file's own comments and layout).

The modules of this package may import the standard library, tomlkit, the rest of the core (``model``,
``content``, ``plan``, ``wording``, ``files``, ``paths``) and each other downwards (``saving`` and ``summary`` →
``floor_order`` → ``draft``); never PySide6 and never ``hipcoach.ui``, which builds the editor page on top of them.
"""
