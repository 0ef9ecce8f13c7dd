"""The health advice: one warning in the window and the README, and the article's tips, in our words."""

from __future__ import annotations

import re

from hipcoach.core.advice import NOTICE_TEXT, TIPS, TIPS_POINTER, WARNING_SIGNS
from tests.tools import REPO_ROOT

# Written here, not read from the code: the warning signs a physiotherapist would want named.
SIGNS = (
    "sharp pain",
    "persists",
    "gets worse",
    "swelling",
    "fever",
    "numbness",
    "weakness",
    "doctor",
    "physiotherapist",
)


def flat(text: str) -> str:
    return " ".join(text.split())


def readme_health_notice() -> str:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Health notice\n(.*?)(?=^## )", readme, flags=re.MULTILINE | re.DOTALL)
    assert section is not None, "the README has a Health notice section"
    return flat(section.group(1))


def test_the_window_and_the_readme_name_the_same_warning_signs() -> None:
    readme = readme_health_notice()
    assert flat(WARNING_SIGNS) in readme
    assert WARNING_SIGNS in NOTICE_TEXT
    for sign in SIGNS:
        assert sign in readme, sign
        assert sign in NOTICE_TEXT, sign


def test_the_tips_cover_the_articles_advice() -> None:
    text = " ".join(f"{heading} {body}" for heading, body in TIPS).lower()
    for topic in ("warm", "posture", "sit", "ice", "heat", "three to four sessions a week"):
        assert topic in text, topic
    assert all(len(heading) <= 30 and len(body) <= 160 for heading, body in TIPS)  # short, read from a mat
    assert "Tips for your hip" in TIPS_POINTER
