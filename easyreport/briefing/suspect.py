"""The possible-suspect block of the sheet: the client's rights, the lawyer, and what the police pass on.

A person who may also be heard as a suspect has the right to a lawyer before and during the interview and
the right to remain silent; people with a mild intellectual disability count as vulnerable suspects. The
non-punishment principle is weighed by the public prosecutor, so the sheet asks the police to pass the
signal on (domain.md §8). Care staff do not pass on what incriminates their own client: the block holds
fixed texts and structured fields only, never anything about what the client may have done. It reaches
the sheet only when the client consented to the suspect card (consent.card_consented).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from easyreport.translatable import N_


class LawyerStatus(StrEnum):
    """Whether the client already has a lawyer."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


LAWYER_LABELS: dict[LawyerStatus, str] = {
    LawyerStatus.YES: N_("The client already has a lawyer"),
    LawyerStatus.NO: N_("The client has no lawyer yet"),
    LawyerStatus.UNKNOWN: N_("Not known whether the client has a lawyer"),
}

TITLE = N_("May also be heard as a suspect")
LINES: tuple[str, ...] = (
    N_(
        "The person may also be heard as a suspect. A person with a mild intellectual disability counts as a vulnerable suspect."
    ),
    N_(
        "The person has the right to a lawyer before and during the interview, and the right to remain silent (the caution)."
    ),
    N_(
        "There are signs that the person is a victim of exploitation. Pass them on to the public prosecutor: "
        "the public prosecutor weighs the non-punishment principle (EU Directive 2011/36 art. 8; Aanwijzing mensenhandel)."
    ),
)
LAWYER_LABEL = N_("Lawyer")
LAWYER_CONTACT_LABEL = N_("Contact of the lawyer")

LAWYER_CONTACT_MAX = 200


class InvalidLawyerContact(ValueError):
    """A lawyer's contact that cannot be stored: too long, or characters that do not belong in a contact."""


def clean_lawyer_contact(text: str) -> str:
    """Return the lawyer's contact trimmed, or raise InvalidLawyerContact.

    This is the hook for the needs-only check of free text: the contact is free text that reaches the
    sheet, so a check of its content (easyreport.needs_check.check_text) is applied to the value this
    returns. Here only its length and characters are checked: no control characters (NUL, line breaks),
    no angle brackets (HTML).
    """
    cleaned = " ".join(text.split())
    if len(cleaned) > LAWYER_CONTACT_MAX:
        raise InvalidLawyerContact("too long")
    for char in cleaned:
        if unicodedata.category(char).startswith("C") or char in "<>":
            raise InvalidLawyerContact("characters")
    return cleaned


@dataclass(frozen=True)
class SuspectInfo:
    """What the counsellor recorded for the suspect block: whether there is a lawyer, and an optional contact."""

    lawyer: LawyerStatus | None = None
    lawyer_contact: str = ""

    def __post_init__(self) -> None:
        if self.lawyer is not None:
            object.__setattr__(self, "lawyer", LawyerStatus(self.lawyer))
        # A contact only belongs with a lawyer the client has.
        if self.lawyer is not LawyerStatus.YES:
            object.__setattr__(self, "lawyer_contact", "")
