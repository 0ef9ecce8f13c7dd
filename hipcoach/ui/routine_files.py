"""What the routine editor in the window needs of the content: the exercises it may name, the ids and names already
taken, a routine as its file says it, and the app's reload of the routines after a file was saved or deleted.

The app holds the content (hipcoach.app); the window gets this object from it and never reads content itself, so
the routines still reach the chooser one way only (``GuiRun._show_routines``, docs/architecture.md).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hipcoach.core import paths

if TYPE_CHECKING:
    from hipcoach.core.model import Exercise, Routine


@dataclass
class RoutineFiles:
    catalogue: Callable[[], Mapping[str, Exercise]]  # the article's exercises, as loaded now
    routines: Callable[[], Sequence[Routine]]  # every routine as written (built-in, then the user's), not adapted
    reload: Callable[[], None]  # read the routine files again and show them (the app's way)
    folder: Path = field(default_factory=paths.user_routines_dir)

    def exercises(self) -> Mapping[str, Exercise]:
        """The exercises and their easier and harder versions: what an entry of a routine may run."""
        from hipcoach.core.content import with_variants  # noqa: PLC0415 - loaded with the content

        return with_variants(self.catalogue())

    def taken_ids(self) -> set[str]:
        """Ids a new routine must not take: every routine's, and every file's in the folder, even one that could not
        be read (saving a new routine must never write over a file the user has)."""
        taken = {routine.id for routine in self.routines()}
        with contextlib.suppress(OSError):
            taken.update(path.stem for path in self.folder.glob("*.toml"))
        return taken

    def taken_names(self) -> set[str]:
        return {routine.name for routine in self.routines()}

    def as_written(self, routine: Routine) -> Routine:
        """``routine`` as its file says, before the safety answers adapted it: a copy starts from what is written."""
        for written in self.routines():
            if routine.source and written.source == routine.source:
                return written
        return next((written for written in self.routines() if written.id == routine.id), routine)
