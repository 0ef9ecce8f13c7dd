"""Files that would hang or stall a reader: a FIFO named like a routine, a key with thousands of parts, huge files.

The commands run as real processes with a timeout, so a reader that waits on a pipe fails the test instead of
hanging the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from hipcoach.core import chooser_snapshot, content, paths, safe_read
from hipcoach.core.content import ContentError
from tests.tools import REPO_ROOT

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
ROUTINE = 'name = "Mine"\n[[exercise]]\nid = "bridge"\n'


def hipcoach(*argv: str, data_dir: Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "HIPCOACH_DATA_DIR": str(data_dir)}
    env.pop("HIPCOACH_RESOURCES", None)
    return subprocess.run(
        [sys.executable, "-m", "hipcoach", *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
    )


@needs_fifo
def test_a_fifo_in_the_routines_folder_is_skipped_not_waited_on(hipcoach_data_dir: Path) -> None:
    routines = hipcoach_data_dir / "routines"
    routines.mkdir(parents=True, exist_ok=True)
    os.mkfifo(routines / "pipe.toml")
    (routines / "mine.toml").write_text(ROUTINE, encoding="utf-8")
    result = hipcoach("routines", "--json", data_dir=hipcoach_data_dir)
    assert result.returncode == 0, result.stderr
    assert "mine" in [routine["id"] for routine in json.loads(result.stdout)]
    assert "pipe.toml" in result.stderr
    assert "not an ordinary file" in result.stderr


@needs_fifo
def test_check_refuses_a_fifo(tmp_path: Path, hipcoach_data_dir: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    result = hipcoach("check", str(fifo), data_dir=hipcoach_data_dir)
    assert result.returncode == 2
    reason = "this is not an ordinary file (a pipe, socket or device); it was not read"
    assert result.stderr == f"{fifo}: {reason}\n"


@needs_fifo
def test_settings_files_that_are_fifos_are_not_waited_on(hipcoach_data_dir: Path) -> None:
    """The settings and the chooser's snapshot are read at every start, as is the speech settings file."""
    config = hipcoach_data_dir / "config"
    config.mkdir(parents=True, exist_ok=True)
    code = (
        "from hipcoach.core import settings, chooser_snapshot\n"
        "from hipcoach.speech import settings as speech\n"
        "print(settings.load_settings_with_warnings()[1], chooser_snapshot.read_snapshot(), speech.load_settings())\n"
    )
    for path in (
        paths.config_dir() / "settings.json",
        paths.config_dir() / paths.SPEECH_SETTINGS_FILE,
        chooser_snapshot.snapshot_path(),
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "HIPCOACH_DATA_DIR": str(hipcoach_data_dir)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "not an ordinary file" in result.stdout
    assert "None" in result.stdout


def test_a_key_of_twenty_thousand_parts_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tomllib takes 24 s for this 40 KB file (its time grows with the square of the parts); it must not see it."""
    catalogue = content.load_catalogue()
    path = tmp_path / "dotted.toml"
    path.write_text(ROUTINE + "a" + ".a" * 20_000 + " = 1\n", encoding="utf-8")

    def parse_must_not_run(text: str) -> None:
        raise AssertionError("the parser was given a 20,000-part key")

    monkeypatch.setattr(tomllib, "loads", parse_must_not_run)
    with pytest.raises(ContentError) as info:
        content.load_routine(path, catalogue)
    assert str(info.value) == (
        "dotted.toml: the file nests keys or brackets too deeply (20002 levels; the limit is 12)"
    )


def test_the_dotted_key_through_check_finishes(tmp_path: Path, hipcoach_data_dir: Path) -> None:
    path = tmp_path / "dotted.toml"
    path.write_text(ROUTINE + "a" + ".a" * 20_000 + " = 1\n", encoding="utf-8")
    result = hipcoach("check", str(path), data_dir=hipcoach_data_dir, timeout=20)
    assert result.returncode == 2
    assert "too deeply" in result.stderr


def test_a_big_file_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_text(ROUTINE + "# " + "x" * safe_read.MAX_TOML_BYTES + "\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"^big\.toml: the file is too large \(256 KB; the limit is 256 KB\)$"):
        content.load_routine(path, content.load_catalogue())


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        pytest.param('name = "x"\n[[exercise]]\nid = "a"\nreps = 1.5\n', 2, id="routine; dots in values"),
        pytest.param("a.b.c = 1", 3, id="dotted key"),
        pytest.param("[dose]\nreps = { value = 12, low = 10 }\n", 3, id="inline table"),
        pytest.param("x = [[1, 2], [3]]", 3, id="arrays"),
        pytest.param("x = {}\ny = 1", 1, id="empty inline table"),
        pytest.param('s = """a.b.c\n[x.y.z.w]\n"""\n', 1, id="multi-line string"),
        pytest.param("s = '''a.b.c = 1\n'''\n", 1, id="literal string"),
        pytest.param("[a.b]\nc.d = [ {e.f = 1}, {g = {h = 2}} ]", 7, id="mixed"),
        pytest.param('"a.b".c = 1', 2, id="quoted part"),
        pytest.param("# a.b.c.d = 1\nx=1", 1, id="comment"),
    ],
)
def test_toml_depth(text: str, depth: int) -> None:
    assert safe_read.toml_depth(text) == depth


def test_every_shipped_file_is_well_inside_the_limits() -> None:
    """Room is left for the tables exercise files will grow: the deepest key today is a keyframe's joint,
    ``[movement.figure.pose.start]`` ``left_hip = [angle, lift]``, 6 levels of the 12 allowed."""
    for path in sorted((REPO_ROOT / "resources").rglob("*.toml")):
        assert safe_read.toml_depth(path.read_text(encoding="utf-8")) <= 6, path
        assert path.stat().st_size < safe_read.MAX_TOML_BYTES // 16, path
