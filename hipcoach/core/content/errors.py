"""The one error a content file can raise, and the path into a document it points at.

Routine files are written by hand, often by people who have never seen TOML, so every problem has to end up as one
message that says which file, which line and which field is wrong and how to fix it: nothing but
:class:`ContentError` may leave the loaders, whatever bytes the file holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

Where = tuple[str | int, ...]
"""A path into the parsed document, e.g. ``("exercise", 2, "reps")`` or ``("dose", "reps", "low")``."""


class ContentError(Exception):
    """Every problem of one file. Each names the file and the line (when known) and says, in a sentence with its
    own subject, what is wrong; ``field`` keeps the field's name for programs. The error's own message, line and
    field are its first problem's, so code that shows one problem still shows the first."""

    def __init__(
        self,
        path: Path,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
        more: Sequence[ContentError] = (),
    ) -> None:
        super().__init__(path, message)
        self.path = path
        self.message = message
        self.line = line
        self.field = field
        self._more = tuple(more)

    @classmethod
    def of(cls, problems: Sequence[ContentError]) -> ContentError:
        """One error listing ``problems`` in the order of the file, those about the whole file first."""
        ordered = sorted(
            (single for problem in problems for single in problem.problems),
            key=lambda problem: (problem.line is not None, problem.line or 0),
        )
        first = ordered[0]
        return cls(first.path, first.message, line=first.line, field=first.field, more=ordered[1:])

    @property
    def problems(self) -> tuple[ContentError, ...]:
        """Each problem as an error of its own."""
        first = ContentError(self.path, self.message, line=self.line, field=self.field)
        return (first, *self._more)

    @property
    def at(self) -> str:
        """``, line 7`` when the line is known: what follows the file's name."""
        return "" if self.line is None else f", line {self.line}"

    def __str__(self) -> str:
        name = self.path.name or str(self.path)
        return "\n".join(f"{name}{problem.at}: {problem.message}" for problem in self.problems)
