"""The routine editor's undo steps: every change is one ``DraftChange`` holding the draft before and after.

Why whole drafts rather than one command class per kind of change: a ``RoutineDraft`` is a small frozen value, so
keeping two of them costs nothing, and undo can never drift from redo (there is no inverse to get wrong). What the
file is (its id, its path, whether it is built in) is not part of a step: saving gives a new routine its id and
path, and undoing an edit made before that save must not take them away (``content_of`` and ``with_identity``).

Typing into one field is one step: a change that names the same field as the step before it merges into that step
(``mergeWith``), so typing "12" into the reps, or a name letter by letter, is undone at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Final

from PySide6.QtGui import QUndoCommand

from hipcoach.core.routine_edit.draft import RoutineDraft

FieldKey = tuple[object, ...]  # ("name",), ("dose", 2, "reps"): what a merging step is about
Apply = Callable[[RoutineDraft, int], None]  # show this draft, with this row of the list selected (-1: none)

MERGING_ID: Final = 1900  # any fixed number: Qt merges only commands of the same id, and then asks mergeWith


def with_identity(content: RoutineDraft, identity: RoutineDraft) -> RoutineDraft:
    """``content``'s routine with ``identity``'s file: what an undo step shows after a save named the file."""
    return replace(content, id=identity.id, source=identity.source, builtin=identity.builtin)


class DraftChange(QUndoCommand):
    """One change of the draft; ``key`` names the field when typing into it should merge into one step."""

    def __init__(
        self,
        text: str,
        apply: Apply,
        before: RoutineDraft,
        after: RoutineDraft,
        *,
        rows: tuple[int, int],
        key: FieldKey | None = None,
    ) -> None:
        super().__init__(text)
        self._apply = apply
        self.before = before
        self.after = after
        self._rows = rows  # the selected row before and after the change
        self.key = key

    def redo(self) -> None:
        self._apply(self.after, self._rows[1])

    def undo(self) -> None:
        self._apply(self.before, self._rows[0])

    def id(self) -> int:
        return -1 if self.key is None else MERGING_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, DraftChange) or other.key != self.key or self.key is None:
            return False
        self.after = other.after
        self._rows = (self._rows[0], other._rows[1])
        self.setObsolete(self.after == self.before)  # typed and typed back: no step at all
        return True
