"""The figure's colours for a light and a dark palette: the near limbs strong, the far limbs softer, the working
limb in the accent colour, and the clothes of the solid style."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from PySide6.QtGui import QColor, QPalette

ACCENT_LIGHT = "#d35400"  # an orange that reads on white and is not the window's blue selection
ACCENT_DARK = "#ff9a3c"


@dataclass(frozen=True)
class FigureColours:
    background: QColor | None  # None: leave what is under the figure
    near: QColor
    far: QColor
    accent: QColor
    accent_far: QColor
    prop: QColor
    floor: QColor
    mat: QColor
    skin: QColor
    shirt: QColor
    trousers: QColor
    shoes: QColor
    outline: QColor
    hair: QColor

    def with_accent(self, accent: QColor) -> FigureColours:
        return replace(self, accent=accent, accent_far=accent.lighter(130) if self.is_dark else accent.darker(125))

    @property
    def is_dark(self) -> bool:
        return self.near.lightness() > 128


def light_colours() -> FigureColours:
    return FigureColours(
        background=None,
        near=QColor("#2b2f36"),
        far=QColor("#9aa1ab"),
        accent=QColor(ACCENT_LIGHT),
        accent_far=QColor("#e8a070"),
        prop=QColor("#7d8794"),
        floor=QColor("#b8bec6"),
        mat=QColor("#c9dfe9"),
        skin=QColor("#e8b894"),
        shirt=QColor("#3c78b4"),
        trousers=QColor("#3b3f4a"),
        shoes=QColor("#2a2a2a"),
        outline=QColor("#1e1e1e"),
        hair=QColor("#5a3b22"),
    )


def dark_colours() -> FigureColours:
    return FigureColours(
        background=None,
        near=QColor("#eceff3"),
        far=QColor("#7c8490"),
        accent=QColor(ACCENT_DARK),
        accent_far=QColor("#b86a2a"),
        prop=QColor("#8e98a5"),
        floor=QColor("#5d6570"),
        mat=QColor("#2f4650"),
        skin=QColor("#d9a27c"),
        shirt=QColor("#4f8fd0"),
        trousers=QColor("#4a5060"),
        shoes=QColor("#151515"),
        outline=QColor("#0c0c0c"),
        hair=QColor("#3d2614"),
    )


def colours_for(palette: QPalette) -> FigureColours:
    """The colours that suit ``palette``: dark ones on a dark window. The same object each time (the session page
    asks at every frame): use ``with_accent`` or ``dataclasses.replace`` for other colours, never change its own."""
    window = palette.color(QPalette.ColorRole.Window)
    return _shared(dark=window.lightness() < 128)


@functools.cache
def _shared(*, dark: bool) -> FigureColours:
    return dark_colours() if dark else light_colours()
