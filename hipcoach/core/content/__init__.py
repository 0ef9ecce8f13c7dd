"""Loading and validating exercise and routine files: ``errors`` (the one :class:`ContentError` a file can raise),
``source`` (bytes to a TOML document, and the line of each key), ``toml_errors`` (the parser's errors in plain
words), ``reader`` (typed reading that says every problem as a sentence about the field, on its line),
``exercises``, ``movement`` and ``figure`` (one exercise file, its ``[movement]`` table and the figure's
``[movement.figure]``), ``floor_figures`` (the figure's poses on the way down to the mat and up, read with
``figure``'s keyframe reader), ``routines`` (one routine file, its entries and their dose overrides), ``versions``
(the easier and harder versions held against the links that name them) and ``catalogue`` (the shipped and the
user's files, and ``--start``). The modules of this package may import the standard library, the core's model,
``paths`` and ``safe_read``, and each other downwards (``catalogue`` → ``versions`` and ``routines`` →
``exercises`` → ``movement`` → ``figure`` → ``reader`` → ``source`` → ``errors``), the figure's model
(``core/figure``), never this ``__init__``, and never PySide6; this ``__init__`` only re-exports what the rest of
the app uses, so ``from hipcoach.core import content`` then ``content.load_catalogue()`` keeps working.
"""

from hipcoach.core.content.catalogue import (
    BUILTIN_ORDER,
    builtin_routines,
    find_routine,
    load_catalogue,
    load_routine,
    load_variants,
    user_routines,
    with_variants,
)
from hipcoach.core.content.errors import ContentError
from hipcoach.core.content.exercises import (
    DOSE_LIMITS,
    NUMBER_LIMITS,
    SIDE_WORDS,
    TEMPO_LIMITS,
    load_exercise,
)
from hipcoach.core.content.reader import MAX_TEXT
from hipcoach.core.content.routines import MAX_ENTRIES, REST_LIMITS, VERSIONS
from hipcoach.core.content.source import MAX_FILE_BYTES

__all__ = [
    "BUILTIN_ORDER",
    "DOSE_LIMITS",
    "MAX_ENTRIES",
    "MAX_FILE_BYTES",
    "MAX_TEXT",
    "NUMBER_LIMITS",
    "REST_LIMITS",
    "SIDE_WORDS",
    "TEMPO_LIMITS",
    "VERSIONS",
    "ContentError",
    "builtin_routines",
    "find_routine",
    "load_catalogue",
    "load_exercise",
    "load_routine",
    "load_variants",
    "user_routines",
    "with_variants",
]
