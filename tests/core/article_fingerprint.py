"""A fingerprint of the source article, so the "our own words" test runs where the article is not (as in CI).

The fingerprint holds a short hash of every run of six words of ../shared/seed/hip-pain-exercises.txt, not its text.
A step or cue that shares six words in a row with the article was copied, not rewritten. Regenerate it after the
article changes with ``python -m tests.core.article_fingerprint`` (the test says when it is out of date).
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

ARTICLE = Path(__file__).resolve().parents[3] / "shared" / "seed" / "hip-pain-exercises.txt"
FINGERPRINT = Path(__file__).resolve().parent / "data" / "article-six-word-runs.txt"
RUN = 6
HEADER = f"# blake2b (6 bytes) of each run of {RUN} words of the source article; see tests/core/article_fingerprint.py"


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def runs(text: str) -> set[str]:
    """The hashes of the text's runs of RUN words."""
    found = words(text)
    return {
        hashlib.blake2b(" ".join(found[i : i + RUN]).encode(), digest_size=6).hexdigest()
        for i in range(len(found) - RUN + 1)
    }


def stored() -> set[str]:
    lines = FINGERPRINT.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def main() -> int:
    if not ARTICLE.is_file():
        print(f"no article at {ARTICLE}", file=sys.stderr)
        return 1
    FINGERPRINT.parent.mkdir(exist_ok=True)
    FINGERPRINT.write_text("\n".join([HEADER, *sorted(runs(ARTICLE.read_text(encoding="utf-8")))]) + "\n")
    print(f"wrote {FINGERPRINT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
