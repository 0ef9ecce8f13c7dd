"""The picture commands: ``hipcoach figure ID --png FILE`` (one still of an exercise's figure) and ``hipcoach
figures --sheet FILE`` (every exercise, start and top side by side). Both draw with Qt on the offscreen platform,
so they work without a display; the dispatch imports this module only for them."""

from __future__ import annotations

import argparse
from pathlib import Path

from hipcoach.cli import output
from hipcoach.core import content
from hipcoach.core.content import ContentError
from hipcoach.core.content.reader import suggest
from hipcoach.core.figure.body import BodySide
from hipcoach.core.model import Exercise
from hipcoach.options import EXIT_ERROR, EXIT_INVALID, EXIT_OK


def run(args: argparse.Namespace) -> int:
    try:
        catalogue = content.load_catalogue()
        every = content.with_variants(catalogue)  # a version's figure is looked at by its id too
    except ContentError as exc:
        output.say_damaged("exercises", exc)
        return EXIT_ERROR
    if args.command == "figures":
        return _sheet(list(catalogue.values()), Path(args.sheet), style=args.style, dark=args.dark)
    return _figure(every, args)


def _figure(catalogue: dict[str, Exercise], args: argparse.Namespace) -> int:
    exercise = catalogue.get(args.id)
    if exercise is None:
        output.say(f"figure: there is no exercise '{args.id}'{suggest(args.id, list(catalogue))}")
        return EXIT_INVALID
    figure = exercise.movement.figure
    if figure is None:
        output.say(f"figure: the exercise '{args.id}' has no figure yet")
        return EXIT_INVALID
    from hipcoach.ui.figure.painter import Style  # noqa: PLC0415 - Qt is loaded only to draw
    from hipcoach.ui.figure.pictures import still_image  # noqa: PLC0415

    side = BodySide(args.side) if exercise.per_side and args.side else (BodySide.LEFT if exercise.per_side else None)
    image = still_image(figure, side, args.pose, args.size, style=Style(args.style), dark=args.dark)
    return _save(image, Path(args.png), "figure")


def _sheet(exercises: list[Exercise], path: Path, *, style: str, dark: bool) -> int:
    from hipcoach.ui.figure.painter import Style  # noqa: PLC0415 - Qt is loaded only to draw
    from hipcoach.ui.figure.pictures import sheet_image  # noqa: PLC0415

    return _save(sheet_image(exercises, style=Style(style), dark=dark), path, "figures")


def _save(image: object, path: Path, command: str) -> int:
    from hipcoach.ui.figure.pictures import save_png  # noqa: PLC0415 - Qt is loaded only to draw

    try:
        save_png(image, path)  # type: ignore[arg-type]
    except OSError as exc:
        output.say(f"{command}: {path} could not be written ({exc})")
        return EXIT_INVALID
    print(f"{path}: written")
    return EXIT_OK
