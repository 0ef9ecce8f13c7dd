"""The easier and harder versions of the exercises: the files of ``exercises/variants/`` held against the links of
the exercises' ``[variants]`` tables (docs/routine-format.md, "Easier and harder versions").

A link and the version it names are written in two files, so each check here is about both: a link must name an
exercise that exists, a version must be named by exactly one exercise (whose version it is: ``variant_of``), keep
its kind (the progression carries the dose across from one version to the next) and its number, and never take
the id of one of the article's exercises. Each problem names the file and the field to fix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from hipcoach.core.content.errors import ContentError, Where
from hipcoach.core.content.reader import Reader, suggest
from hipcoach.core.content.source import read_text
from hipcoach.core.model import Exercise, Level, VariantLink


def links(exercise: Exercise) -> list[tuple[Level, VariantLink]]:
    """The exercise's links, easier first."""
    found = [(Level.EASIER, exercise.easier), (Level.HARDER, exercise.harder)]
    return [(level, link) for level, link in found if link is not None]


def _problem(path: Path, where: Where, sentence: str) -> ContentError:
    """A problem found across files, on its line when the file can still be read (it was a moment ago)."""
    try:
        return Reader(path, read_text(path), "exercise").problem(where, sentence)
    except ContentError:
        return ContentError(path, sentence, field=".".join(str(part) for part in where))


def check_versions(
    catalogue: Mapping[str, Exercise],
    versions: Sequence[tuple[Path, Exercise]],
    base_folder: Path,
) -> dict[str, Exercise]:
    """``versions`` (each with its file) checked against ``catalogue`` and its links, each with ``variant_of`` set,
    keyed by id in the order read; the first problem raises (a shipped file is a packaging bug). ``base_folder``
    holds the catalogue's files, for messages about a link."""
    for path, version in versions:
        if version.id in catalogue:
            raise _problem(path, ("id",), f"id '{version.id}' is one of the article's exercises; choose another id")
    linked_from = _linked_from(catalogue, {version.id: version for _path, version in versions}, base_folder)
    found: dict[str, Exercise] = {}
    for path, version in versions:
        base_id = linked_from.get(version.id)
        if base_id is None:
            raise ContentError(
                path,
                f"no exercise names '{version.id}' as its easier or harder version: add it to the [variants] table "
                "of the exercise it is a version of",
                field="id",
            )
        base = catalogue[base_id]
        if version.kind is not base.kind:
            raise _problem(path, ("kind",), _kind_sentence(version, base))
        if version.number != base.number:
            sentence = f"number must be {base.number}, the number of '{base_id}' (got {version.number})"
            raise _problem(path, ("number",), sentence)
        found[version.id] = replace(version, variant_of=base_id)
    return found


def _linked_from(
    catalogue: Mapping[str, Exercise], versions: Mapping[str, Exercise], base_folder: Path
) -> dict[str, str]:
    """Which exercise each version is a version of; a link to an unknown id, to one of the article's exercises of
    another kind, or to a version another exercise already names raises on the link's line."""
    linked_from: dict[str, str] = {}
    for base in catalogue.values():
        path = base_folder / f"{base.id}.toml"
        for level, link in links(base):
            where: Where = ("variants", level.value, "id")
            if link.id in versions:
                other = linked_from.setdefault(link.id, base.id)
                if other != base.id:
                    sentence = f"variants.{level.value}.id: '{link.id}' is already a version of '{other}'"
                    raise _problem(path, where, sentence + "; give each exercise its own version file")
                continue
            target = catalogue.get(link.id)
            if target is None:
                known = sorted([*catalogue, *versions])
                sentence = f"variants.{level.value}.id names no exercise ('{link.id}'){suggest(link.id, known)}"
                raise _problem(path, where, sentence)
            if target.kind is not base.kind:
                raise _problem(path, where, f"variants.{level.value}.id: {_kind_sentence(target, base)}")
    return linked_from


def _kind_sentence(version: Exercise, base: Exercise) -> str:
    return (
        f"'{version.id}' is a {version.kind.value} exercise and '{base.id}' a {base.kind.value} one: a version keeps "
        "the kind of its exercise, so that the dose carries across"
    )
