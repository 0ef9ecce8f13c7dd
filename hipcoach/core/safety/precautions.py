"""What a hip operation rules out, and for how long: the usual precautions after a hip replacement, by the surgeon's
approach (docs/safety.md names the sources).

From the back (posterior approach) the hip must not bend past 90°, the leg must not cross the body's middle and must
not turn inward; from the front (anterior approach) the hip must not extend past neutral while it turns outward. When
the approach is not known, both sets apply. They last :data:`PRECAUTION_WEEKS` weeks from the operation, or until the
user says the surgeon lifted them. This module imports nothing of hipcoach, so the model can name a precaution.
"""

from __future__ import annotations

import enum
from datetime import date, timedelta
from typing import Final

PRECAUTION_WEEKS: Final = 12
DEEP_BEND_DEGREES: Final = 90  # "no hip bend past 90°"


class Approach(enum.StrEnum):
    """How the surgeon reached the hip; the values are the words the answers file stores."""

    BACK = "back"  # posterior
    FRONT = "front"  # anterior
    UNKNOWN = "unknown"  # "I don't know": both sets of precautions apply


class Precaution(enum.StrEnum):
    """One thing a precaution rules out; the values are the words the answers file, the history and the report
    store."""

    DEEP_BEND = "deep-bend"  # the hip bends past 90°
    CROSSING = "crossing"  # the leg crosses the body's middle
    TURNING_IN = "turning-in"  # the hip turns inward
    EXTENSION_TURNED_OUT = "extension-turned-out"  # the hip extends past neutral while turned outward


BY_APPROACH: Final[dict[Approach, frozenset[Precaution]]] = {
    Approach.BACK: frozenset({Precaution.DEEP_BEND, Precaution.CROSSING, Precaution.TURNING_IN}),
    Approach.FRONT: frozenset({Precaution.EXTENSION_TURNED_OUT}),
    Approach.UNKNOWN: frozenset(Precaution),
}


def precautions_end(operated_on: date) -> date:
    """The first day the precautions no longer apply by themselves (the surgeon may lift them earlier)."""
    return operated_on + timedelta(weeks=PRECAUTION_WEEKS)


def precautions_for(approach: Approach, operated_on: date, lifted: bool, today: date) -> frozenset[Precaution]:
    """The precautions in effect ``today`` after an operation on ``operated_on`` by ``approach``: none once the
    surgeon lifted them or :data:`PRECAUTION_WEEKS` weeks have passed. An operation dated in the future (a typing
    slip) is treated as today's: the precautions apply rather than being skipped."""
    if lifted or today >= precautions_end(min(operated_on, today)):
        return frozenset()
    return BY_APPROACH[approach]
