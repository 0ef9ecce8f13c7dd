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

WARNING_SIGN_QUESTIONS: Final = {
    "fall": "A recent fall or injury to the hip",
    "fracture": "You think a bone may be broken",
    "no-weight": "You cannot put weight on the leg",
    "fever": "A fever, or feeling unwell, with the hip pain",
    "night-pain": "Pain at night or at rest that does not ease",
    "numbness": "Numbness, tingling or weakness in the leg",
}
"""The signs the safety questions ask about, keyed by the word the answers file stores (``WarningSign``'s values;
a test holds them equal). Any one of them calls for a professional before home exercise."""

SEE_A_PROFESSIONAL_TITLE: Final = "See a doctor or physiotherapist first"
SEE_A_PROFESSIONAL_TEXT: Final = (
    "What you told us needs a professional to check your hip before you exercise it.",
    "Book a visit with your doctor or physiotherapist soon, and tell them what you noticed.",
    "Get medical help today if you cannot stand on the leg, the pain is very bad, or you have a fever.",
    "Until then, only Gentle Mobility is offered. Go slowly, and stop if anything hurts.",
)
"""The advice shown when a warning sign was ticked, one short paragraph a line: what to do, how urgently, and what
the app offers meanwhile."""

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
