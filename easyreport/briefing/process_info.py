"""How soon the police should talk with the client, and what the client already knows about the process.

domain.md §2.1 "Route & goal". Urgency: acute danger is not one of the values here; it is the routing's
"acute danger" mark, which means 112 and no sheet (routing.py). What the client was told: the four points
of the police process the officer would otherwise explain at the start (domain.md §1.3: an information talk
first, time to think, prosecution without a complaint, recording). Process only, never the story.
Labels are English msgids: a short sentence for the counsellor's form, a short police term for the officer's
sheet and JSON (jargon is fine there; the client's consent card only says that something is written).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from easyreport.translatable import N_


class Urgency(StrEnum):
    """How soon the police should talk with the client; None (not said) when the counsellor leaves it open."""

    SOON = "soon"
    NO_RUSH = "no_rush"


URGENCY_LABELS: dict[Urgency, str] = {
    Urgency.SOON: N_("Soon"),
    Urgency.NO_RUSH: N_("No rush"),
}


@dataclass(frozen=True)
class ProcessPoint:
    """One point of the police process the client may already have had explained."""

    id: str
    label: str  # msgid: the counsellor's tick box, a short sentence
    sheet_label: str  # msgid: the officer's term, short, so the sheet keeps to two pages


# In the order the officer would explain them at the start of the contact.
INFORMED_ABOUT: tuple[ProcessPoint, ...] = (
    ProcessPoint(
        "information_talk",
        N_("An information talk comes first (informatief gesprek)"),
        N_("Information talk first"),
    ),
    ProcessPoint(
        "time_to_think",
        N_("Time to think before a formal complaint (bedenktijd)"),
        N_("Time to think"),
    ),
    ProcessPoint(
        "ex_officio",
        N_("A case can be prosecuted without a formal complaint (ambtshalve)"),
        N_("Prosecution without a complaint"),
    ),
    ProcessPoint("recorded", N_("The talk is recorded"), N_("Recording of the talk")),
)
INFORMED_ABOUT_IDS: tuple[str, ...] = tuple(point.id for point in INFORMED_ABOUT)


class UnknownProcessPoint(ValueError):
    """An id that is not one of the process points."""


def informed_ids(given: Iterable[str]) -> tuple[str, ...]:
    """Return the given ids once each, in the fixed order; raise UnknownProcessPoint for any other id."""
    chosen = set(given)
    unknown = sorted(str(point_id) for point_id in chosen - set(INFORMED_ABOUT_IDS))
    if unknown:
        raise UnknownProcessPoint(", ".join(unknown))
    return tuple(point_id for point_id in INFORMED_ABOUT_IDS if point_id in chosen)


def split_informed(informed: Iterable[str]) -> tuple[tuple[ProcessPoint, ...], tuple[ProcessPoint, ...]]:
    """Return (explained, still to explain): every point is in exactly one of the two, in the fixed order."""
    chosen = set(informed_ids(informed))
    explained = tuple(point for point in INFORMED_ABOUT if point.id in chosen)
    still = tuple(point for point in INFORMED_ABOUT if point.id not in chosen)
    return explained, still
