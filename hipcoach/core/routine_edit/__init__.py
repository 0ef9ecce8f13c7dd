"""The routine editor's Qt-free core: ``draft`` (a routine as the editor holds it while the user changes it, and
the routine loading its file would give), ``floor_order`` (how often a routine goes down to the floor, and an
order that goes down once), ``summary`` (what the editor shows about a draft: time, equipment, floor trips,
problems), ``document`` (the text of a routine file for a draft: the user's own file edited in place through
tomlkit, its comments kept) and ``saving`` (reading a user's file into a draft, writing one atomically and
privately, deleting one).

The modules of this package may import the standard library, tomlkit, the rest of the core (``model``,
``content``, ``plan``, ``wording``, ``files``, ``paths``) and each other downwards (``saving`` → ``summary`` and
``document``; ``summary`` → ``floor_order`` → ``draft``); never PySide6 and never ``hipcoach.ui``, which builds
the editor page on top of them.
"""
