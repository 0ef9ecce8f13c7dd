"""The window's theme and text size: the desktop's own colours, light, dark or high contrast; text as the desktop
has it, large or larger. Everything follows at once, dialogs included (docs/accessibility.md, "Themes and text
size").

Colours: every widget, the charts, the figure and the countdown paint from the application's palette, so a theme is
one palette set on the application (in Qt's Fusion style, which draws with the palette on every desktop; the
system theme keeps the desktop's style). Each palette passes ``readable_palette``: text, selections and hints read
at 4.5:1.

Text: ``widgets.set_font`` sizes a widget's font as a multiple of the application font and notes the multiple on
the widget, so a new text size is the application font times its factor, and every widget that has a multiple of
its own is sized again from it; dialogs made later take the new application font.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from hipcoach.core.settings import Settings, TextSize, Theme
from hipcoach.ui.widgets import FONT_SCALE_PROPERTY, FONT_ZOOM_PROPERTY, readable_palette, set_font

_ROLES: Final = QPalette.ColorRole

_DARK: Final = {
    _ROLES.Window: "#202124",
    _ROLES.WindowText: "#e8eaed",
    _ROLES.Base: "#17181a",
    _ROLES.AlternateBase: "#2a2b2e",
    _ROLES.Text: "#e8eaed",
    _ROLES.Button: "#303134",
    _ROLES.ButtonText: "#e8eaed",
    _ROLES.BrightText: "#ffffff",
    _ROLES.Highlight: "#2f6fb3",
    _ROLES.HighlightedText: "#ffffff",
    _ROLES.PlaceholderText: "#a8abb0",
    _ROLES.ToolTipBase: "#303134",
    _ROLES.ToolTipText: "#e8eaed",
    _ROLES.Link: "#8ab4f8",
    _ROLES.Light: "#5f6368",
    _ROLES.Midlight: "#4a4c50",
    _ROLES.Mid: "#3c4043",
    _ROLES.Dark: "#121314",
    _ROLES.Shadow: "#000000",
}
_HIGH_CONTRAST: Final = {
    _ROLES.Window: "#000000",
    _ROLES.WindowText: "#ffffff",
    _ROLES.Base: "#000000",
    _ROLES.AlternateBase: "#1a1a1a",
    _ROLES.Text: "#ffffff",
    _ROLES.Button: "#1a1a1a",
    _ROLES.ButtonText: "#ffffff",
    _ROLES.BrightText: "#ffff00",
    _ROLES.Highlight: "#ffff00",
    _ROLES.HighlightedText: "#000000",
    _ROLES.PlaceholderText: "#c8c8c8",
    _ROLES.ToolTipBase: "#000000",
    _ROLES.ToolTipText: "#ffffff",
    _ROLES.Link: "#00ffff",
    _ROLES.Light: "#ffffff",
    _ROLES.Midlight: "#ffffff",
    _ROLES.Mid: "#ffffff",
    _ROLES.Dark: "#ffffff",
    _ROLES.Shadow: "#ffffff",
}
_DISABLED_TEXT: Final = {Theme.DARK: "#8a8d91", Theme.HIGH_CONTRAST: "#a0a0a0"}


def _palette(colours: dict[QPalette.ColorRole, str], disabled_text: str) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (_ROLES.WindowText, _ROLES.Text, _ROLES.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled_text))
    return palette


def theme_palette(theme: Theme, system: QPalette, fusion: QPalette) -> QPalette:
    """The palette of ``theme``: the desktop's (``system``), Fusion's light one, or ours, made readable."""
    if theme is Theme.SYSTEM:
        chosen = system
    elif theme is Theme.LIGHT:
        chosen = fusion
    elif theme is Theme.DARK:
        chosen = _palette(_DARK, _DISABLED_TEXT[Theme.DARK])
    else:
        chosen = _palette(_HIGH_CONTRAST, _DISABLED_TEXT[Theme.HIGH_CONTRAST])
    return readable_palette(chosen)


class Appearance:
    """The application's look as the settings say; remembers the desktop's palette, style and font as found."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._system_palette = QPalette(app.palette())
        self._system_font = QFont(app.font())
        style = app.style()
        self._system_style = style.name() if style is not None else "fusion"
        self._shown: tuple[Theme, TextSize] = (Theme.SYSTEM, TextSize.NORMAL)

    def follow(self, settings: Settings) -> None:
        wanted = (settings.theme, settings.text_size)
        if wanted == self._shown:
            return
        theme, size = wanted
        if theme != self._shown[0]:
            self._apply_theme(theme)
        if size != self._shown[1]:
            self._apply_size(size)
        self._shown = wanted

    def _apply_theme(self, theme: Theme) -> None:
        app = self._app
        if theme is Theme.SYSTEM:
            app.setStyle(self._system_style)
        else:
            from hipcoach.ui.edges import EdgeStyle  # noqa: PLC0415 - only when a theme of ours is chosen

            app.setStyle(EdgeStyle())
        fusion = app.style().standardPalette() if theme is Theme.LIGHT else QPalette()
        app.setPalette(theme_palette(theme, self._system_palette, fusion))
        # A widget with a style sheet took the palette of the moment the sheet was set and keeps it: the pain
        # buttons stayed light on a dark page. Setting its sheet again makes it take the new palette.
        for widget in app.allWidgets():
            sheet = widget.styleSheet()
            if sheet:
                widget.setStyleSheet("")
                widget.setStyleSheet(sheet)

    def _apply_size(self, size: TextSize) -> None:
        font = QFont(self._system_font)
        base = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        font.setPointSizeF(base * size.factor)
        self._app.setFont(font)
        for widget in self._app.allWidgets():
            scale = widget.property(FONT_SCALE_PROPERTY)
            zoom = widget.property(FONT_ZOOM_PROPERTY)
            if isinstance(scale, float):
                set_font(widget, scale, bold=widget.font().bold(), zoom=zoom if isinstance(zoom, float) else 1.0)


_appearances: dict[int, Appearance] = {}


def follow_settings(settings: Settings) -> None:
    """Show the window as ``settings`` say (the one Appearance of the running application)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    appearance = _appearances.get(id(app))
    if appearance is None:
        if (settings.theme, settings.text_size) == (Theme.SYSTEM, TextSize.NORMAL):
            return  # nothing to change, and nothing to remember until something is
        appearance = _appearances[id(app)] = Appearance(app)
    appearance.follow(settings)
