"""The words of the safety screens, Qt-free: the questions, the choices, the banners above the routines.

Short and plain, for a person in pain reading from the mat. The reasons for each change and the advice after a
warning sign are the core's (hipcoach.core.safety), shared with the report and the command line.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from hipcoach.core.safety.answers import OperatedHip, Operation, SafetyAnswers, WarningSign
from hipcoach.core.safety.precautions import Approach

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
ADVICE_TITLE: Final = "Please see a professional first"
ADVICE_TEXT: Final = (
    "What you told us can be a sign of a problem that needs a doctor or a physiotherapist. Please have your hip "
    "checked before you exercise. If it is sudden or severe, call your doctor today.\n\n"
    "Until then, only the gentle routine is offered. Stop if anything hurts."
)
GENTLE_TEXT: Final = "Go on with the gentle routine only"
CHANGE_TEXT: Final = "Change my answers"
WHERE_TO_CHANGE: Final = "To change your answers: Settings \N{RIGHTWARDS ARROW} Safety."

HIP_WORDS: Final = {OperatedHip.LEFT: "Left", OperatedHip.RIGHT: "Right", OperatedHip.BOTH: "Both"}
APPROACH_WORDS: Final = {
    Approach.BACK: "From the back",
    Approach.FRONT: "From the front",
    Approach.UNKNOWN: "I don't know",
}
SIGN_WORDS: Final = {
    WarningSign.FALL: "A recent fall or injury to the hip",
    WarningSign.FRACTURE: "It could be a broken bone",
    WarningSign.NO_WEIGHT: "I cannot put weight on the leg",
    WarningSign.FEVER: "Fever, or feeling unwell, with the hip pain",
    WarningSign.NIGHT_PAIN: "Pain at night or at rest that does not ease",
    WarningSign.NUMBNESS: "Numbness, tingling or weakness in the leg",
}


def last_day(operation: Operation) -> date:
    """The last day the precautions apply by themselves (``precautions_end`` is the first day they no longer do)."""
    return operation.precautions_end - timedelta(days=1)


def _day(day: date) -> str:
    from hipcoach.core.wording import long_day  # noqa: PLC0415 - the wording loads with the content, after the paint

    return long_day(day)


def precautions_line(operation: Operation, today: date) -> str:
    """How long the precautions last, under the operation's questions."""
    if operation.lifted:
        return "Your surgeon has lifted the precautions: every exercise is offered."
    if today >= operation.precautions_end:
        return f"The precautions ended on {_day(last_day(operation))}: every exercise is offered."
    return f"The precautions last until {_day(last_day(operation))}, or until your surgeon lifts them."


def safety_banner(answers: SafetyAnswers, today: date) -> str:
    """The line above the routines saying why they are not all as written, or "" when they are."""
    if not answers.answered:
        return ""
    if answers.see_a_professional:
        return (
            "Only the gentle routine is offered: you told us about a warning sign. Please see a doctor or "
            f"physiotherapist before you exercise more. {WHERE_TO_CHANGE}"
        )
    operation = answers.operation
    if operation is None or not answers.precautions(today):
        return ""
    return f"Adapted for your hip operation until {_day(last_day(operation))}. {WHERE_TO_CHANGE}"
