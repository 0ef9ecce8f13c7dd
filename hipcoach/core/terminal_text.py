"""Text from files made safe to print: a routine name or a note may hold anything its file holds.

An escape sequence in an imported routine name would reach the terminal raw and could recolour it, move the cursor,
retitle the window or hide the rest of a line; a NUL or a carriage return hides what follows. So every control
character (C0, DEL, C1) and the Unicode marks that reorder text are removed before text from a file is
printed. Newlines and tabs go too: our output is one line per item.
"""

from __future__ import annotations

import re
from typing import Final

_UNPRINTABLE: Final = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` without control characters and direction marks; everything else, any script, is kept."""
    return _UNPRINTABLE.sub("", text)
