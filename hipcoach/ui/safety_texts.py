"""The words of the safety screens, Qt-free: the questions, the choices, the banners above the routines.

Short and plain, for a person in pain reading from the mat. The reasons for each change and the advice after a
warning sign are the core's (hipcoach.core.safety), shared with the report and the command line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Final

from hipcoach.core.advice import SEE_A_PROFESSIONAL_TEXT, SEE_A_PROFESSIONAL_TITLE, WARNING_SIGN_QUESTIONS
from hipcoach.core.safety.answers import OperatedHip, Operation, SafetyAnswers, WarningSign
from hipcoach.core.safety.precautions import Approach

if TYPE_CHECKING:
    from hipcoach.core.model import Routine

QUESTIONS_TITLE: Final = "A few questions about your hip"
QUESTIONS_INTRO: Final = (
    "Your answers choose which exercises are safe for you. They stay on this computer. "
    "You can change them at any time in Settings \N{RIGHTWARDS ARROW} Safety."
)
OPERATION_QUESTION: Final = "Have you had a hip operation in the last months?"
SIGNS_QUESTION: Final = "Do any of these apply to you now?"
SAFETY_PAGE_KEY: Final = "safety"  # Settings → Safety
SAVE_TEXT: Final = "Save my answers"
SKIP_TEXT: Final = "Skip for now"
ADVICE_TITLE: Final = SEE_A_PROFESSIONAL_TITLE
ADVICE_TEXT: Final = "\n\n".join(SEE_A_PROFESSIONAL_TEXT)
GENTLE_TEXT: Final = "Go on with Gentle Mobility only"
CHANGE_TEXT: Final = "Change my answers"
WHERE_TO_CHANGE: Final = "To change your answers: Settings \N{RIGHTWARDS ARROW} Safety."

HIP_WORDS: Final = {OperatedHip.LEFT: "Left", OperatedHip.RIGHT: "Right", OperatedHip.BOTH: "Both"}
APPROACH_WORDS: Final = {
    Approach.BACK: "From the back",
    Approach.FRONT: "From the front",
    Approach.UNKNOWN: "I don't know",
}
SIGN_WORDS: Final = {sign: WARNING_SIGN_QUESTIONS[sign.value] for sign in WarningSign}


def precautions_line(operation: Operation, today: date) -> str:
    """What the precautions rule out and until when, under the operation's questions; or that they are over."""
    from hipcoach.core.wording import long_day, precautions_text  # noqa: PLC0415 - loaded with the content

    precautions = operation.precautions(today)
    if precautions:
        return precautions_text(precautions, operation.precautions_end)
    if operation.lifted:
        return "Your surgeon has lifted the precautions: every exercise is offered."
    return f"The precautions ended on {long_day(operation.precautions_end)}: every exercise is offered."


def safety_banner(answers: SafetyAnswers, today: date, left_out: Sequence[Routine] = ()) -> str:
    """The lines above the routines saying why they are not all as written, or "" when they are. ``left_out``: the
    routines not offered because the precautions rule out every exercise in them."""
    from hipcoach.core.wording import day_and_month, not_offered_text  # noqa: PLC0415 - loaded with the content

    if not answers.answered:
        return ""
    if answers.see_a_professional:
        return (
            f"Only Gentle Mobility is offered, because of the warning sign you told us about. {ADVICE_TITLE}. "
            f"{WHERE_TO_CHANGE}"
        )
    operation = answers.operation
    if operation is None or not answers.precautions(today):
        return ""
    lines = [f"Adapted for your hip operation until {day_and_month(operation.precautions_end)}. {WHERE_TO_CHANGE}"]
    lines += [not_offered_text(routine, see_a_professional=False) for routine in left_out]
    return "\n".join(lines)
