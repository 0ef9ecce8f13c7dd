"""What "fits" means for a page, measured on the real widgets: nothing outside the window, no text cut.

A widget inside a scroll area may lie below the fold (the user scrolls to it): only the scroll area itself must be
inside the window. A label must have the room its text asks for (its height for its width when it wraps, its width
when it does not); a button the width of its text.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QLabel, QWidget

SLACK = 1  # pixels of rounding


def settle() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()


def _in_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
    name = text or widget.accessibleName() or widget.objectName()
    return f"{type(widget).__name__} {name[:40]!r}"


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0 and widget.height() > 0


def layout_problems(window: QWidget) -> list[str]:
    """Every widget of ``window`` that is off the window, and every label or button whose text is cut."""
    found: list[str] = []
    bounds = window.rect()
    for widget in window.findChildren(QWidget):
        if widget.isWindow() or not _shown(widget, window):
            continue
        scrolled = _in_scroll_area(widget, window)
        if not scrolled:
            rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
            if not bounds.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect):
                found.append(f"{_describe(widget)} at {rect.getRect()} is outside the window {bounds.getRect()}")
                continue
        found.extend(_overlaps(widget, window))
        if isinstance(widget, QLabel) and widget.text().strip() and widget.pixmap().isNull():
            found.extend(_label_cut(widget))
        elif isinstance(widget, QAbstractButton) and widget.text().strip():
            need = widget.fontMetrics().horizontalAdvance(widget.text().replace("&", "")) + 8
            if widget.width() + SLACK < need:
                found.append(f"{_describe(widget)} is {widget.width()} wide, its text needs {need}")
    return found


def _overlaps(widget: QWidget, window: QWidget) -> list[str]:
    """Siblings laid over each other: what a layout does when it is given less than its minimum."""
    layout = widget.layout()
    if layout is None:
        return []
    children = [
        child for child in widget.children()
        if isinstance(child, QWidget) and not child.isWindow() and _shown(child, window)
        and type(child).__name__ != "FocusRing"  # painted over the focused control on purpose
    ]  # fmt: skip
    found = []
    for index, first in enumerate(children):
        for second in children[index + 1 :]:
            shared = first.geometry().intersected(second.geometry())
            if shared.width() > SLACK and shared.height() > SLACK:
                found.append(f"{_describe(first)} and {_describe(second)} overlap by {shared.getRect()}")
    return found


def _label_cut(label: QLabel) -> list[str]:
    if label.wordWrap():
        need_height = label.heightForWidth(label.width())
        if need_height > label.height() + SLACK:
            return [f"{_describe(label)} is {label.height()} high, its text needs {need_height}"]
        return []
    hint = label.sizeHint()
    if hint.width() > label.width() + SLACK or hint.height() > label.height() + SLACK:
        needs = f"{hint.width()}x{hint.height()}"
        return [f"{_describe(label)} is {label.width()}x{label.height()}, its text needs {needs}"]
    return []


def fit_problems(window: QWidget, size: QSize) -> list[str]:
    """``window`` at ``size``: it must stay that size (a minimum larger than the screen would grow it), and fit."""
    window.resize(size)
    settle()
    found = []
    if window.size() != size:
        hint = window.minimumSizeHint()
        found.append(f"the window is {window.width()}x{window.height()}, not {size.width()}x{size.height()} "
                     f"(its minimum is {hint.width()}x{hint.height()})")  # fmt: skip
    return found + layout_problems(window)
