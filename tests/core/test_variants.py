"""Easier and harder versions of an exercise (docs/routine-format.md, "Easier and harder versions"): the links of a
base file's ``[variants]`` table and the files of ``exercises/variants/`` are checked against each other, and each
mistake is refused naming the file, the line and the field, as the rest of an exercise file is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hipcoach.core import paths
from hipcoach.core.content import ContentError, load_catalogue, load_exercise, load_variants, with_variants
from hipcoach.core.model import Level, VariantLink
from hipcoach.options import EXIT_ERROR
from tests.conftest import Run
from tests.tools import REPO_ROOT

SHIPPED = paths.resources_dir() / "exercises"
HALF = 'easier = { id = "half-bridge", reason = "Your hips lift only a little way." }'


def shipped(exercise_id: str) -> str:
    return (SHIPPED / f"{exercise_id}.toml").read_text(encoding="utf-8")


def with_links(text: str, *links: str) -> str:
    """``text`` (an exercise file) with its ``[variants]`` table replaced by one holding ``links``."""
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    skipping = False
    for line in lines:
        if line.startswith("["):
            skipping = line.strip() == "[variants]"
        if not skipping:
            kept.append(line)
    body = "".join(kept)
    table = "[variants]\n" + "".join(f"{link}\n" for link in links) + "\n" if links else ""
    return body.replace("\n[movement]\n", f"\n{table}[movement]\n", 1)


def as_version(text: str, exercise_id: str, version_id: str) -> str:
    """A version file made from ``exercise_id``'s file: its own id, no links."""
    return with_links(text).replace(f'id = "{exercise_id}"', f'id = "{version_id}"', 1)


def folder(tmp_path: Path, bridge_links: tuple[str, ...] = (HALF,), versions: dict[str, str] | None = None) -> Path:
    """A catalogue of the bridge (with ``bridge_links``), the single-leg bridge and the butterfly stretch, and
    ``versions`` (id -> text) in its variants folder; by default the half bridge made from the bridge's file."""
    exercises = tmp_path / "exercises"
    (exercises / "variants").mkdir(parents=True)
    (exercises / "bridge.toml").write_text(with_links(shipped("bridge"), *bridge_links), encoding="utf-8")
    for other in ("single-leg-bridge", "butterfly-stretch"):
        (exercises / f"{other}.toml").write_text(with_links(shipped(other)), encoding="utf-8")
    if versions is None:
        versions = {"half-bridge": as_version(shipped("bridge"), "bridge", "half-bridge")}
    for version_id, text in versions.items():
        (exercises / "variants" / f"{version_id}.toml").write_text(text, encoding="utf-8")
    return exercises


def refusal(exercises: Path) -> ContentError:
    with pytest.raises(ContentError) as info:
        load_variants(load_catalogue(exercises), exercises / "variants")
    return info.value


def line_of(path: Path, start: str) -> int:
    text = path.read_text(encoding="utf-8")
    return next(i for i, line in enumerate(text.splitlines(), start=1) if line.startswith(start))


def test_a_version_is_read_with_the_exercise_it_is_a_version_of(tmp_path: Path) -> None:
    exercises = folder(tmp_path, (HALF, 'harder = { id = "single-leg-bridge", reason = "One foot." }'))
    catalogue = load_catalogue(exercises)
    assert catalogue["bridge"].easier == VariantLink("half-bridge", "Your hips lift only a little way.")
    assert catalogue["bridge"].harder == VariantLink("single-leg-bridge", "One foot.")
    versions = load_variants(catalogue, exercises / "variants")
    assert list(versions) == ["half-bridge"]
    assert versions["half-bridge"].variant_of == "bridge"
    assert versions["half-bridge"].number == 4
    assert catalogue["bridge"].variant_of is None
    assert catalogue["single-leg-bridge"].variant_of is None  # a version of the bridge, but one of the article's


def test_the_shipped_catalogue_stays_the_articles_and_with_variants_adds_each_version_after_its_exercise() -> None:
    catalogue = load_catalogue()
    assert len(catalogue) == 18
    assert all(exercise.variant_of is None for exercise in catalogue.values())
    assert catalogue["bridge"].harder is not None and catalogue["bridge"].harder.id == "single-leg-bridge"
    assert catalogue["single-leg-bridge"].easier is not None
    assert catalogue["single-leg-bridge"].easier.id == "bridge"
    every = with_variants(catalogue)
    assert set(catalogue) <= set(every)
    ids = list(every)
    for exercise in catalogue.values():
        after = ids.index(exercise.id)
        for level in (Level.EASIER, Level.HARDER):
            link = exercise.easier if level is Level.EASIER else exercise.harder
            if link is None or link.id in catalogue:
                continue
            version = every[link.id]
            assert version.variant_of == exercise.id
            assert version.kind is exercise.kind and version.number == exercise.number
            assert ids.index(link.id) > after
    for version in every.values():
        if version.variant_of is not None:
            assert version.easier is None and version.harder is None


def test_a_link_to_an_unknown_id_is_refused_on_its_line_with_a_suggestion(tmp_path: Path) -> None:
    exercises = folder(tmp_path, (HALF.replace("half-bridge", "half-brige"),))
    error = refusal(exercises)
    assert error.path == exercises / "bridge.toml"
    assert error.field == "variants.easier.id"
    assert error.line == line_of(exercises / "bridge.toml", "easier = ")
    assert "names no exercise ('half-brige'); did you mean 'half-bridge'?" in error.message


def test_a_link_to_its_own_exercise_is_refused(tmp_path: Path) -> None:
    exercises = folder(tmp_path, ('harder = { id = "bridge", reason = "Again." }',))
    with pytest.raises(ContentError) as info:
        load_exercise(exercises / "bridge.toml")
    error = info.value
    assert error.field == "variants.harder.id"
    assert error.line == line_of(exercises / "bridge.toml", "harder = ")
    assert error.message == "variants.harder.id names this exercise itself ('bridge'); name another exercise"


def test_a_version_that_nothing_links_to_is_refused(tmp_path: Path) -> None:
    exercises = folder(tmp_path, ())
    error = refusal(exercises)
    assert error.path == exercises / "variants" / "half-bridge.toml"
    assert error.field == "id"
    assert "no exercise names 'half-bridge' as its easier or harder version" in error.message


def test_a_version_of_another_kind_is_refused_on_its_kind(tmp_path: Path) -> None:
    stretch = as_version(shipped("butterfly-stretch"), "butterfly-stretch", "half-bridge")
    exercises = folder(tmp_path, versions={"half-bridge": stretch.replace("number = 7", "number = 4", 1)})
    error = refusal(exercises)
    assert error.path == exercises / "variants" / "half-bridge.toml"
    assert error.field == "kind"
    assert error.line == line_of(error.path, "kind = ")
    assert "'half-bridge' is a hold exercise and 'bridge' a reps one" in error.message


def test_a_link_to_one_of_the_articles_exercises_of_another_kind_is_refused(tmp_path: Path) -> None:
    exercises = folder(tmp_path, (HALF, 'harder = { id = "butterfly-stretch", reason = "Hold." }'))
    error = refusal(exercises)
    assert (error.path, error.field) == (exercises / "bridge.toml", "variants.harder.id")
    assert "'butterfly-stretch' is a hold exercise and 'bridge' a reps one" in error.message


def test_a_version_with_a_variants_table_of_its_own_is_refused(tmp_path: Path) -> None:
    text = with_links(as_version(shipped("bridge"), "bridge", "half-bridge"), HALF.replace("half-bridge", "bridge"))
    exercises = folder(tmp_path, versions={"half-bridge": text})
    error = refusal(exercises)
    assert error.path == exercises / "variants" / "half-bridge.toml"
    assert error.field == "variants"
    assert error.line == line_of(error.path, "[variants]")
    assert "a version of an exercise has no [variants] table of its own" in error.message
    load_exercise(error.path)  # the same file is fine as one of the article's exercises


def test_a_version_may_not_take_the_id_of_one_of_the_articles_exercises(tmp_path: Path) -> None:
    text = as_version(shipped("single-leg-bridge"), "single-leg-bridge", "single-leg-bridge")
    links = ('harder = { id = "single-leg-bridge", reason = "One foot." }',)
    exercises = folder(tmp_path, links, {"single-leg-bridge": text})
    error = refusal(exercises)
    assert error.path == exercises / "variants" / "single-leg-bridge.toml"
    assert error.field == "id"
    assert "id 'single-leg-bridge' is one of the article's exercises" in error.message


def test_a_version_keeps_the_number_of_its_exercise(tmp_path: Path) -> None:
    text = as_version(shipped("bridge"), "bridge", "half-bridge").replace("number = 4", "number = 40", 1)
    exercises = folder(tmp_path, versions={"half-bridge": text})
    error = refusal(exercises)
    assert (error.field, error.line) == ("number", 2)
    assert error.message == "number must be 4, the number of 'bridge' (got 40)"


def test_a_version_named_by_two_exercises_is_refused(tmp_path: Path) -> None:
    exercises = folder(tmp_path)
    single = exercises / "single-leg-bridge.toml"
    single.write_text(with_links(shipped("single-leg-bridge"), HALF), encoding="utf-8")
    error = refusal(exercises)
    assert error.path in (exercises / "bridge.toml", single)
    assert error.field == "variants.easier.id"
    assert "'half-bridge' is already a version of" in error.message


@pytest.mark.parametrize(
    ("table", "field", "words"),
    [
        pytest.param(
            "easy = { id = 'half-bridge', reason = 'x' }", "variants.easy", "did you mean 'easier'?", id="key"
        ),
        pytest.param("easier = 'half-bridge'", "variants.easier", 'like { id = "half-bridge"', id="not-table"),
        pytest.param("easier = { id = 'half-bridge' }", "variants.easier.reason", "reason is missing", id="reason"),
        pytest.param("easier = { id = 'Half Bridge', reason = 'x' }", "variants.easier.id", "hyphens", id="id"),
        pytest.param(
            "easier = { id = 'half-bridge', reason = 'x' }\nharder = { id = 'half-bridge', reason = 'y' }",
            "variants.harder.id",
            "the same exercise as the easier version",
            id="same",
        ),
    ],
)
def test_a_bad_variants_table_names_the_field(tmp_path: Path, table: str, field: str, words: str) -> None:
    path = tmp_path / "bridge.toml"
    path.write_text(with_links(shipped("bridge"), table), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_exercise(path)
    problems = [problem for problem in info.value.problems if problem.field == field]
    assert len(problems) == 1, [(p.field, p.message) for p in info.value.problems]
    assert words in problems[0].message
    assert problems[0].line is not None


def test_check_reports_a_broken_shipped_version_with_its_file_and_field(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "resources"
    shutil.copytree(REPO_ROOT / "resources", root)
    bridge = root / "exercises" / "bridge.toml"
    bridge.write_text(bridge.read_text(encoding="utf-8").replace("single-leg-bridge", "single-leg-brige"), "utf-8")
    monkeypatch.setenv("HIPCOACH_RESOURCES", str(root))
    status, _out, err = run("check", str(root / "routines" / "strength.toml"))
    assert status == EXIT_ERROR
    line = line_of(bridge, "harder = ")
    assert f"bridge.toml, line {line}: variants.harder.id names no exercise ('single-leg-brige')" in err
    assert "did you mean 'single-leg-bridge'?" in err
    assert "Traceback" not in err


# --- the shipped versions ------------------------------------------------------------------------------------------

EVERY = with_variants(load_catalogue())
BASES = [exercise for exercise in EVERY.values() if exercise.variant_of is None]


@pytest.mark.parametrize("exercise_id", [exercise.id for exercise in BASES])
def test_every_exercise_has_an_easier_and_a_harder_version(exercise_id: str) -> None:
    exercise = EVERY[exercise_id]
    assert exercise.easier is not None, "no easier version"
    assert exercise.harder is not None, "no harder version"
    for link in (exercise.easier, exercise.harder):
        assert link.id in EVERY
        assert len(link.reason) <= 90 and link.reason.endswith("."), link.reason  # one line, like a step


def test_every_number_a_version_gives_is_ours() -> None:
    """The article describes only the exercises themselves: a version's numbers are ours, with the range the
    progression steps within (docs/routine-format.md)."""
    for version in EVERY.values():
        if version.variant_of is None:
            continue
        dose = version.dose
        for value in (dose.reps, dose.steps, dose.hold_seconds, dose.minutes, dose.sets):
            if value is not None:
                assert value.ours, version.id
        amount = dose.amount(version.kind)
        assert amount is not None and amount.value.low is not None and amount.value.high is not None, version.id
        assert dose.tempo_ours, version.id


def test_the_versions_are_read_once_per_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    """After its first paint the window asks for the versions twice (the History page's names, the progression):
    the files are read once for the same catalogue, and again for a catalogue read anew."""
    from hipcoach.core.content import catalogue as catalogue_module  # noqa: PLC0415

    catalogue = load_catalogue()
    first = catalogue_module.with_variants(catalogue)
    reads: list[object] = []
    real = catalogue_module.load_variants
    monkeypatch.setattr(catalogue_module, "load_variants", lambda c, d=None: reads.append(c) or real(c, d))
    again = catalogue_module.with_variants(catalogue)
    assert again == first and again is not first and reads == []
    again.clear()  # a caller's copy: the next answer is whole
    assert catalogue_module.with_variants(catalogue) == first and reads == []
    fresh = load_catalogue()
    assert catalogue_module.with_variants(fresh) == first and reads == [fresh]
