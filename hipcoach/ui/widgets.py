"""Small widget-building helpers shared by the chooser, the session view, the summary and the main window.

Everything the user reads from across the room is sized here in one place, relative to the system font, so the app
follows the desktop's font and palette; the only colours we pick ourselves are the phase accents, which carry their
own text colour and therefore read the same on light and dark themes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import QLabel, QProgressBar, QSizePolicy, QToolButton, QWidget

from hipcoach.ui.design import BODY

Slot = Callable[[], object]


def shortcut_text(action: QAction) -> str:
    """The action's keys as the user sees them: "Space", "Left or P"."""
    keys = [key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()]
    return " or ".join(dict.fromkeys(key for key in keys if key))


def make_action(
    parent: QObject,
    text: str,
    keys: Sequence[QKeySequence | QKeySequence.StandardKey | Qt.Key | str],
    slot: Slot | None = None,
    *,
    tip: str = "",
) -> QAction:
    """An action whose shortcut works wherever the focus is in the window, with the keys named in its tooltip.

    The tooltip names the keys because the people this app is for learn it once, from the buttons, and then use it
    from the mat: the keyboard is what they can reach.
    """
    action = QAction(text, parent)
    sequences: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, QKeySequence.StandardKey):
            sequences.extend(QKeySequence.keyBindings(key))
        else:
            sequences.append(QKeySequence(key))
    action.setShortcuts(sequences)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if slot is not None:
        action.triggered.connect(slot)
    set_action_tip(action, tip or text)
    return action


def set_action_tip(action: QAction, tip: str) -> None:
    keys = shortcut_text(action)
    action.setToolTip(f"{tip} ({keys})" if keys else tip)
    action.setStatusTip(tip)


def action_button(action: QAction, accessible_name: str, parent: QWidget | None = None) -> QToolButton:
    """A large text button driven by ``action``: text, enabled state and tooltip always agree with the menu."""
    button = QToolButton(parent)
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    button.setAccessibleName(accessible_name)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return button


FONT_SCALE_PROPERTY: Final = "hipcoachFontScale"
FONT_ZOOM_PROPERTY: Final = "hipcoachFontZoom"


def set_font(widget: QWidget, scale: float, *, bold: bool = False, zoom: float = 1.0) -> None:
    """Size ``widget``'s font as a multiple of the application font, so a bigger desktop font makes all of it bigger;
    the multiple stays on the widget, so a new text size (ui/appearance.py) sizes it again.

    ``scale`` is a size of the type scale (``ui/design.py``); ``zoom`` is how much a page grows it with its window
    (the session page on a television), kept apart so the size the page asked for can still be checked."""
    base = QFont()  # the application (system) font
    font = widget.font()
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    font.setPointSizeF(max(6.0, size * scale * zoom))
    font.setBold(bold)
    widget.setFont(font)
    widget.setProperty(FONT_SCALE_PROPERTY, float(scale))
    widget.setProperty(FONT_ZOOM_PROPERTY, float(zoom))


def text_label(text: str = "", *, scale: float = BODY, bold: bool = False, wrap: bool = True, name: str = "") -> QLabel:
    """A label of plain text. ``name`` says what the text is ("Exercise", "Step 1"): it is the label's accessible
    description, never its name, because a screen reader reads a label by its name alone, and a fixed name would be
    read instead of the exercise, the step or the count the label shows. Left without a name, the label's name is its
    text, kept up to date by Qt."""
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    set_font(label, scale, bold=bold)
    if name:
        label.setAccessibleDescription(name)
    return label


# --- accents --------------------------------------------------------------------------------------------------------
# Mid-dark, saturated fills with white text: at least 4.5:1 contrast, and distinct on a light or a dark window.

ACCENT_GET_READY = QColor("#a04f00")  # amber
ACCENT_WORK = QColor("#1b6e3a")  # green
ACCENT_REST = QColor("#1f4fa3")  # blue
ACCENT_SWITCH = QColor("#6a3597")  # purple
ACCENT_PAUSED = QColor("#55585e")  # grey
ACCENT_WARNING = QColor("#8a4b00")


def set_pill(label: QLabel, text: str, colour: QColor) -> None:
    """A rounded badge: the colour helps at a glance, the word says it (never colour alone). The session page sets
    its pill at every refresh, and a style sheet set again restyles the label even when unchanged, so only a change
    is set."""
    style = f"QLabel {{ background-color: {colour.name()}; color: #ffffff; border-radius: 10px; padding: 6px 18px; }}"
    if label.text() != text:
        label.setText(text)
        label.setAccessibleName(text)
    if label.styleSheet() != style:
        label.setStyleSheet(style)


def set_progress(bar: QProgressBar, value: int, text: str) -> None:
    """Qt's ``QProgressBar.setValue`` paints the bar at once (a synchronous repaint), which held the GUI thread a few
    milliseconds at every refresh of the session page, three times in a row at a change of exercise. With updates
    held while the value changes, the bar is painted once, with the rest of the window (turning updates back on posts
    one update)."""
    if bar.value() == value and bar.format() == text:
        return
    bar.setUpdatesEnabled(False)
    bar.setValue(value)
    bar.setFormat(text)
    bar.setUpdatesEnabled(True)


TEXT_CONTRAST: Final = 4.5  # WCAG AA for text under 18 pt


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_palette(palette: QPalette) -> QPalette:
    """``palette`` with its selection and its placeholder text readable (4.5:1), keeping the desktop's colours.

    The current step and the chosen routine are drawn in the desktop's selection colours, and Qt's own default (white
    on #308cc6) is 3.7:1: too faint from the mat; so is the grey of a field's hint (the summary's note, 4.0:1). The
    hue stays the desktop's; only the shade moves, of the selection behind its text, of the hint on its field."""
    fixed = QPalette(palette)
    role = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        back = _until_readable(fixed.color(group, role.Highlight), fixed.color(group, role.HighlightedText))
        fixed.setColor(group, role.Highlight, back)
        hint = _until_readable(fixed.color(group, role.PlaceholderText), fixed.color(group, role.Base))
        fixed.setColor(group, role.PlaceholderText, hint)
    return fixed


def _until_readable(moving: QColor, against: QColor) -> QColor:
    """``moving`` made darker (against a light colour) or lighter (against a dark one) until it reads on ``against``."""
    for _ in range(40):
        if contrast(moving, against) >= TEXT_CONTRAST:
            break
        moving = moving.darker(110) if against.lightnessF() > moving.lightnessF() else moving.lighter(110)
    return moving


def highlight(widget: QWidget, on: bool) -> None:
    """Mark a row as current with the desktop's own selection colours."""
    widget.setAutoFillBackground(on)
    widget.setBackgroundRole(QPalette.ColorRole.Highlight if on else QPalette.ColorRole.Window)
    widget.setForegroundRole(QPalette.ColorRole.HighlightedText if on else QPalette.ColorRole.WindowText)
