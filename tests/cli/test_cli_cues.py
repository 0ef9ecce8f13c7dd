"""``hipcoach cues ROUTINE``: what the coach says, printed; and the README's example cues are what it prints."""

from __future__ import annotations

import re

import pytest

from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.cue_script import cue_texts
from hipcoach.core.cues import SpokenLeadIn
from hipcoach.core.plan import PlanOptions, build_plan
from hipcoach.core.verbosity import Verbosity
from tests.conftest import Run
from tests.tools import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def shipped_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HIPCOACH_RESOURCES", raising=False)  # the shipped exercises, as a user has them


def test_cues_prints_the_whole_session_with_the_time_of_each_cue(run: Run) -> None:
    status, out, err = run("cues", "stretching", "--verbosity", "minimal")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "  0:00  Get ready. Right hand on the chair. Your left leg moves."
    assert lines[1:4] == ["  0:06  3", "  0:07  2", "  0:08  1"]  # long enough to say the side first
    assert lines[-1].endswith("  Well done. That is the end of your session.")
    assert all(re.match(r"^ *\d+:\d\d  \S", line) for line in lines)


def test_cues_of_an_unknown_routine_exit_2(run: Run) -> None:
    status, out, err = run("cues", "no-such-routine")
    assert (status, out) == (2, "")
    assert "no-such-routine" in err


def test_the_readme_excerpt_is_what_the_command_prints(run: Run) -> None:
    block = re.search(r"as printed by `hipcoach cues gentle-mobility`.*?```\n(?P<lines>.*?)```", README, re.DOTALL)
    assert block is not None
    status, out, _ = run("cues", "gentle-mobility")
    assert status == 0
    printed = out.splitlines()
    excerpt = block["lines"].splitlines()
    start = printed.index(excerpt[0])
    assert printed[start : start + len(excerpt)] == excerpt
    after = re.search(r"after eight reps, `(?P<line>[^`]+)`", README)
    assert after is not None and after["line"] in [line.strip() for line in printed]


def test_the_readme_s_example_cues_are_said_by_a_built_in_routine() -> None:
    intro = README[: README.index("## Quick start")]
    quoted = re.findall(r"\"([^\"]+)\"", re.search(r"speaks cues \((.*?)\) so you", intro, re.DOTALL)[1])  # type: ignore[index]
    assert len(quoted) >= 4
    catalogue = load_catalogue()
    said: set[str] = set()
    for routine in builtin_routines(catalogue):
        plan = build_plan(routine, PlanOptions(speech_floor=SpokenLeadIn()))
        said.update(cue_texts(plan, Verbosity.STANDARD))
    for text in quoted:
        one_line = " ".join(text.split())
        assert any(cue == one_line or cue.startswith(one_line + " ") for cue in said), one_line
