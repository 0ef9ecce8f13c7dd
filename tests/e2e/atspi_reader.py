"""Run by the system Python (which has pyatspi, as a screen reader's does): read the hipcoach window's accessibility
tree over AT-SPI, answer its pain question with a key, and hear its announcements for a while. Prints one JSON line.

Arguments: seconds to listen. Not a test module: tests/e2e/test_atspi.py starts it.
"""

import json
import subprocess
import sys
import time

import pyatspi
from gi.repository import GLib

INTERACTIVE = {
    "push button", "check box", "radio button", "combo box", "spin button", "slider", "page tab", "toggle button",
    "list", "table", "text", "entry", "menu item",
}  # fmt: skip


def find_app(name: str, timeout: float = 30.0) -> object:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name and name in app.name.lower():
                return app
        time.sleep(0.2)
    raise SystemExit(f"no application named {name} on the accessibility bus")


def walk(node: object, out: list) -> list:
    try:
        states = node.getState()
        out.append(
            {
                "role": node.getRoleName(),
                "name": node.name or "",
                "description": node.description or "",
                "showing": states.contains(pyatspi.STATE_SHOWING),
                "interactive": node.getRoleName() in INTERACTIVE,
            }
        )
        for child in node:
            if child is not None:
                walk(child, out)
    except Exception as exc:  # a node that went away while being read
        out.append({"role": "gone", "name": str(exc), "description": "", "showing": False, "interactive": False})
    return out


def main() -> None:
    listen = float(sys.argv[1])
    app = find_app("hipcoach")
    time.sleep(1.0)  # the window laid out and its first page named
    tree = walk(app, [])
    heard: list[str] = []

    def on_announcement(event: object) -> None:
        heard.append(str(event.any_data))

    pyatspi.Registry.registerEventListener(on_announcement, "object:announcement")
    GLib.timeout_add(300, lambda: bool(subprocess.run(["xdotool", "key", "x"], check=False)) and False)
    GLib.timeout_add(int(listen * 1000), lambda: pyatspi.Registry.stop() or False)
    pyatspi.Registry.start()
    print(json.dumps({"tree": tree, "heard": heard}))


main()
