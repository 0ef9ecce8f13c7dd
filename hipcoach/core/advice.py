"""The health advice hipcoach gives, in words of its own: the warning signs and the tips from the article.

One place for them, so the health notice in the window, the tips page and the README cannot drift apart (a test
compares the README's health notice with ``WARNING_SIGNS``). The tips follow the article's advice next to its
exercises (../shared/seed/hip-pain-exercises.txt): warmth before exercise, posture, not sitting for long, ice or
heat as needed, and three to four sessions a week. The fifteen minutes of ice are ours; the article gives no time.
Qt-free and only constants, so the window can show the notice before anything else is loaded.
"""

from __future__ import annotations

from typing import Final

DISCLAIMER: Final = "This app gives general exercise guidance. It is not a diagnosis and not a treatment plan."
WARNING_SIGNS: Final = (
    "Stop any exercise that causes sharp pain. If your pain persists or gets worse, or comes with swelling, "
    "fever, numbness or weakness, see a doctor or a physiotherapist."
)
NOTICE_TEXT: Final = f"{DISCLAIMER} {WARNING_SIGNS}"

TIPS_TITLE: Final = "Tips for your hip"
TIPS: Final = (
    (
        "Warm up first",
        "Start with a few minutes on a bike or some easy leg swings. A warm hip moves more easily: "
        "a warm shower or a heat pack before you start helps too.",
    ),
    (
        "Mind your posture",
        "Stand tall with your weight on both feet, and sit with your hips level and both feet flat. "
        "Slouching or leaning on one hip strains it.",
    ),
    (
        "Do not sit for long",
        "Get up and move for a minute or two every half hour or so. Long sitting stiffens the hip.",
    ),
    (
        "Ice or heat, as it helps",
        "Heat eases stiffness. Ice, wrapped in a cloth for about 15 minutes, calms a sore, swollen flare-up.",
    ),
    (
        "Three or four times a week",
        "Regular practice brings the change: aim for three to four sessions a week, with easier days between.",
    ),
)
TIPS_POINTER: Final = "Help, Tips for your hip: warming up, posture, sitting, ice or heat, and how often."
