"""The structured choices of the sheet's header: the counsellor's role and why the client was not present.

These were free text, and account text typed into them went onto the sheet (domain.md §8). A list
serves here; the sheet prints the label of the chosen item, never typed text.
"""

from __future__ import annotations

from enum import StrEnum

from easyreport.translatable import N_


class CounsellorRole(StrEnum):
    """The role of the person who prepared the sheet, as the officer reads it."""

    PERSONAL_SUPPORT_WORKER = "personal_support_worker"
    SUPPORT_WORKER = "support_worker"
    OUTREACH_SUPPORT_WORKER = "outreach_support_worker"
    RESIDENTIAL_SUPPORT_WORKER = "residential_support_worker"
    BEHAVIOURAL_SPECIALIST = "behavioural_specialist"
    SOCIAL_WORKER = "social_worker"
    CARE_COORDINATOR = "care_coordinator"
    CONFIDENTIAL_ADVISER = "confidential_adviser"
    # Closed lists need "something else" (domain.md §8); it names no person and no event.
    OTHER_CARE_PROFESSIONAL = "other_care_professional"


ROLE_LABELS: dict[CounsellorRole, str] = {
    CounsellorRole.PERSONAL_SUPPORT_WORKER: N_("Personal support worker"),
    CounsellorRole.SUPPORT_WORKER: N_("Support worker"),
    CounsellorRole.OUTREACH_SUPPORT_WORKER: N_("Outreach support worker"),
    CounsellorRole.RESIDENTIAL_SUPPORT_WORKER: N_("Residential support worker"),
    CounsellorRole.BEHAVIOURAL_SPECIALIST: N_("Behavioural specialist"),
    CounsellorRole.SOCIAL_WORKER: N_("Social worker"),
    CounsellorRole.CARE_COORDINATOR: N_("Care coordinator"),
    CounsellorRole.CONFIDENTIAL_ADVISER: N_("Confidential adviser"),
    CounsellorRole.OTHER_CARE_PROFESSIONAL: N_("Other care professional"),
}


class AbsenceReason(StrEnum):
    """Why the sheet was prepared without the client; none of them says anything about what happened."""

    CLIENT_DECLINED = "client_declined"
    NOT_ABLE_NOW = "not_able_now"
    TOO_MUCH_NOW = "too_much_now"
    NOT_REACHABLE = "not_reachable"
    REPRESENTATIVE = "representative"
    OTHER = "other"


ABSENCE_LABELS: dict[AbsenceReason, str] = {
    AbsenceReason.CLIENT_DECLINED: N_("The client did not want to take part"),
    AbsenceReason.NOT_ABLE_NOW: N_("The client could not take part now, for example tired or unwell"),
    AbsenceReason.TOO_MUCH_NOW: N_("Taking part now would be too much for the client"),
    AbsenceReason.NOT_REACHABLE: N_("The client could not be reached in time"),
    AbsenceReason.REPRESENTATIVE: N_("The client's legal representative took part instead"),
    AbsenceReason.OTHER: N_("Another reason: ask the counsellor"),
}


def known_role(value: str | None) -> CounsellorRole | None:
    """Return the role a stored value names, or None for text typed before roles were a list."""
    try:
        return CounsellorRole(value) if value else None
    except ValueError:
        return None


def known_absence(value: str | None) -> AbsenceReason | None:
    """Return the reason a stored value names, or None for text typed before reasons were a list."""
    try:
        return AbsenceReason(value) if value else None
    except ValueError:
        return None
