"""``hipcoach progress [ROUTINE]``: what the next session of each routine would change, and why, from the real
history: the same lines the chooser lists before a session (docs/progression.md).

A module of its own because it needs both the content and the history, which the other commands load apart.
"""

from __future__ import annotations

import argparse
from datetime import date

from hipcoach.cli import content, output
from hipcoach.cli.history import read_saved
from hipcoach.core.content import ContentError
from hipcoach.core.content.catalogue import with_variants
from hipcoach.core.dose_plan import DoseChoice, PastSession
from hipcoach.core.progression import propose
from hipcoach.core.settings import load_settings
from hipcoach.core.terminal_text import printable
from hipcoach.options import EXIT_ERROR, EXIT_OK

NO_CHANGE = "no change: the next session runs the dose you have reached"
ADAPTATION_OFF = "Adaptation is off (Settings, Session): nothing changes; each session runs the dose you have reached."


def run(args: argparse.Namespace) -> int:
    found = content.offered_routines(args.routine)
    if isinstance(found, int):
        return found
    catalogue, routines = found
    try:
        exercises = with_variants(catalogue)
    except ContentError as exc:
        output.say_damaged("versions of the exercises", exc)
        return EXIT_ERROR
    history = _history()
    if history is None:
        return EXIT_ERROR
    past, choices = history
    today = date.today()
    adapt = load_settings().adapt_doses  # as the chooser proposes: nothing while the user has turned it off
    if not adapt:
        print(ADAPTATION_OFF)
    for routine in routines:
        proposal = propose(routine, exercises, past, choices, adapt=adapt, today=today)
        print(printable(routine.name))
        for line in [change.text for change in proposal.changes] or [NO_CHANGE]:
            print(printable(f"  {line}"))
    return EXIT_OK


def _history() -> tuple[list[PastSession], list[DoseChoice]] | None:
    """The past sessions and the dose choices (both empty without a history); None, said, when it cannot be read."""
    nothing: tuple[list[PastSession], list[DoseChoice]] = ([], [])
    return read_saved(lambda store: (store.past_sessions(), store.dose_choices()), nothing)
