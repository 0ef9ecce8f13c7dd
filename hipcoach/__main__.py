"""``python -m hipcoach``: the same as the ``hipcoach`` command (and the entry point of a frozen bundle)."""

import sys

from hipcoach.cli import main

if __name__ == "__main__":
    sys.exit(main())
