"""Safety screening, Qt-free: ``answers`` (what the user said about a hip operation and the warning signs, kept in
the data folder), ``precautions`` (what an operation rules out, and for how long) and ``adapt`` (the routines with
each exercise that breaks a precaution swapped for a safe one or left out, and the routines offered when a warning
sign calls for a professional first). docs/safety.md says which rules, from which sources.

The modules may import the standard library and the core below them (``model``, ``paths``, ``settings_file``), never
PySide6, and each other downwards (``adapt`` → ``answers`` → ``precautions``); this ``__init__`` imports nothing, so
``core/model.py`` can name a precaution without loading the rest.
"""
