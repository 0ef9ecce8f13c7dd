"""tomllib's syntax errors in plain words, for people who have never seen TOML.

tomllib says "Invalid value" or "Expected '=' after a key in a key/value pair": true, but it does not tell someone
writing their first routine what to change. Each known message gets a sentence that does; an unknown one (a newer
Python may word things differently) is passed on as it is, so nothing is ever hidden.
"""

from __future__ import annotations

import re
from typing import Final

_QUOTES: Final = 'text goes in double quotes (name = "Evening"); numbers, true and false do not (reps = 8)'
_TWICE: Final = "a field or table is written twice; keep only one of them"
_BACKSLASH: Final = "a backslash in a text starts a special character; write \\\\ for a backslash itself"

_PLAIN: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r"^Invalid value$", f"the value after '=' is not written correctly: {_QUOTES}"),
        (
            r"^Expected '=' after a key",
            "a line must look like 'name = value': the '=' is missing or a name has a space",
        ),
        (r"^Expected '\]' at the end of a table", "a [table] line is missing its closing ']'"),
        (r"^Expected '\]\]' at the end of an array", "an [[exercise]] line is missing its closing ']]'"),
        (r"^Invalid date or datetime$", "a date or time is not written correctly"),
        (r"^Invalid initial character for a key", "a name before '=' may hold only letters, digits, '-' and '_'"),
        (r"^Invalid statement$", "a line must be 'name = value', a [table] or an [[exercise]], or start with #"),
        (r"^Unclosed array$", "a list opened with '[' is not closed with ']'"),
        (r"^Unclosed inline table$", "a table opened with '{' is not closed with '}' on the same line"),
        (r"^Unterminated string$", "a text is missing its closing quote"),
        (r"^Illegal character '\\n'$", "a text is missing its closing quote before the end of the line"),
        (r"^(Illegal|Found invalid) character ('.*')$", r"the character \2 is not allowed here"),
        (r"^Expected newline or end of document", "something follows the value on its line; start a comment with #"),
        (r"^Cannot overwrite a value$", _TWICE),
        (r"^Cannot declare .* twice$", _TWICE),
        (r"^Duplicate inline table key", _TWICE),
        (r"^Cannot (redefine|mutate immutable) namespace", _TWICE),
        (r"^(Unescaped '\\' in a string|Escaped character|Invalid hex value)", _BACKSLASH),
        (r"^Expected ", f"a value is not written correctly: {_QUOTES}"),
    )
)


def plain_reason(reason: str) -> str:
    """The sentence for one of tomllib's messages, without its "(at line ..., column ...)" part."""
    for pattern, words in _PLAIN:
        match = pattern.search(reason)
        if match is not None:
            return match.expand(words) if "\\2" in words else words
    return reason[:1].lower() + reason[1:]
