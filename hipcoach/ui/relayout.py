"""One relayout for a batch of changes to a shown page, in the event loop, instead of one per widget shown.

Why: Qt lays the whole window out again, at once, every time a widget on a shown window is shown (``setVisible``
activates the layout of each of its parents up to the window), and a widget added to a layout is shown that way by a
posted call. The session page shows and hides a few lines at a change of exercise (the "why" line, the reminders,
the side), and each show cost a full relayout of the window on the GUI thread (docs/speech.md, "GUI stalls").
With the page's layouts switched off for the batch, a show only marks them for a relayout, and marking one posts
a layout request to its widget (as a changed text always did); they are switched on again before the event loop
delivers those requests, which lay the page out once, before the next paint. (The batch must not run the event
loop: a request delivered while a layout is off would be lost.)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QLayout, QWidget


def _layouts(page: QWidget) -> list[QLayout]:
    """The layouts a show on ``page`` would activate: its own, its children's and its parents' up to the window."""
    found: list[QLayout] = []
    widgets = [page, *page.findChildren(QWidget)]
    parent = page.parentWidget()
    while parent is not None:
        widgets.append(parent)
        if parent.isWindow():
            break
        parent = parent.parentWidget()
    for widget in widgets:
        layout = widget.layout()
        if layout is not None and layout.isEnabled():
            found.append(layout)
    return found


@contextmanager
def one_relayout(page: QWidget) -> Iterator[None]:
    """Changes made inside are laid out once, by the event loop, rather than once for each widget shown."""
    if not page.isVisible():  # nothing is laid out at once on a hidden page
        yield
        return
    layouts = _layouts(page)
    for layout in layouts:
        layout.setEnabled(False)
    try:
        yield
    finally:
        for layout in layouts:
            layout.setEnabled(True)
