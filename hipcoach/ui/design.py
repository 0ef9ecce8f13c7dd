"""The app's one type scale, spacing and colour roles, used by every page (docs/design.md).

Why a scale and not a number per label: the people this app is for read it from a mat two metres away, often in
pain. A handful of sizes, each a step clearly bigger than the one below, tells them at a glance what matters most on
a page (the exercise, the result, the one button to press); twenty sizes a few percent apart read as noise, and a
page drifts from the others. Sizes are multiples of the application font, so the desktop's font and the text size
setting (Settings → Appearance) grow all of them together; ``widgets.set_font`` keeps the multiple on the widget.

The sizes and the spacing are plain numbers (no Qt here); the colours are palette roles, so every theme (the
desktop's, light, dark, high contrast) supplies its own and the contrast checks hold for all of them.
"""

from __future__ import annotations

from typing import Final

# --- type scale: multiples of the application font ----------------------------------------------------------------

CAPTION: Final = 1.1  # small print: hints, table cells, chart labels, a status line, secondary buttons
BODY: Final = 1.3  # what is read: descriptions, form fields, lists, ordinary buttons
LEAD: Final = 1.5  # what is read from the mat: questions, session captions, a page's main button
TITLE: Final = 2.2  # a page's heading, a big number
DISPLAY: Final = 2.8  # the one thing a page is about: the exercise on now, the session's result

TYPE_SCALE: Final = (CAPTION, BODY, LEAD, TITLE, DISPLAY)


def step_up(size: float) -> float:
    """The next size of the scale above ``size`` (the largest stays the largest): a question over its answers."""
    bigger = [step for step in TYPE_SCALE if step > size]
    return bigger[0] if bigger else TYPE_SCALE[-1]


# --- spacing: pixels, at the desktop's scale (Qt scales them on a high-density screen) ------------------------------

SPACE_XS: Final = 4  # inside a group: a label and its control, lines of one list
SPACE_S: Final = 8  # between the controls of a row
SPACE_M: Final = 12  # between the groups of a panel; the padding inside a frame
SPACE_L: Final = 16  # a page's top and bottom margin
SPACE_XL: Final = 24  # between the columns of a page; a page's side margins
SPACE_XXL: Final = 48  # the margins of a page with one short message in the middle

SPACING: Final = (0, SPACE_XS, SPACE_S, SPACE_M, SPACE_L, SPACE_XL, SPACE_XXL)

PAGE_MARGINS: Final = (SPACE_XL, SPACE_L, SPACE_XL, SPACE_L)  # left, top, right, bottom of every page
FRAME_PADDING: Final = (SPACE_M, SPACE_S, SPACE_M, SPACE_S)  # inside a framed panel (a notice, the changes)
NO_MARGINS: Final = (0, 0, 0, 0)

# --- colours: palette roles, as a style sheet names them ("palette(mid)"), so each theme brings its own --------------

INK: Final = "window-text"  # text on the page
SURFACE: Final = "window"  # the page
RULE: Final = "mid"  # a frame's line (the summary's rows)
CHOSEN: Final = "highlight"  # the current step, the chosen routine, the pain rating chosen
CHOSEN_TEXT: Final = "highlighted-text"  # the words on CHOSEN

TEXT_CONTRAST: Final = 4.5  # WCAG AA for text under 18 pt
LARGE_TEXT_CONTRAST: Final = 3.0  # text from 18 pt (14 pt bold), chart marks, the focus ring
