"""The organisation names the admin enters once; the counsellor picks one for the sheet (no Flask).

The name reaches every sheet, so it passes the needs-only check like any free text: a flagged name is
only added when the admin confirms it holds no account.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from easyreport.briefing.free_text import FreeTextField, TextProblem, check_value, confirmable, problem
from easyreport.briefing.models import Organisation
from easyreport.needs_check import Category, NeedsCheckResult

ORGANISATION_MAX = 120
# An organisation's name is a proper name by purpose ("Stichting Prisma"): a capitalised word is no flag.
ORGANISATION_FIELD = FreeTextField("organisation", ORGANISATION_MAX, frozenset({Category.PERSONAL_NAME}))


class InvalidOrganisation(ValueError):
    """A name that cannot be added; ``reason`` is a TextProblem or "empty" or "duplicate"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class FlaggedOrganisation(Exception):
    """The needs-only check flagged the name; it is added only when the admin confirms."""

    def __init__(self, result: NeedsCheckResult) -> None:
        super().__init__("flagged")
        self.result = result


def organisations(session: Session) -> list[Organisation]:
    """Return the organisations in name order."""
    return list(session.scalars(select(Organisation).order_by(Organisation.name)))


def organisation_names(session: Session) -> list[str]:
    """Return the organisation names in name order."""
    return [organisation.name for organisation in organisations(session)]


def add_organisation(session: Session, raw: str, *, confirmed: bool, locale: str) -> Organisation:
    """Add an organisation name; raise InvalidOrganisation or FlaggedOrganisation (nothing added then)."""
    name = " ".join(raw.split())
    if not name:
        raise InvalidOrganisation("empty")
    bad = problem(raw.strip(), ORGANISATION_FIELD)
    if bad is not None:
        raise InvalidOrganisation(bad.value)
    result = check_value(name, ORGANISATION_FIELD, locale)
    if not result.ok and not (confirmed and confirmable(result)):
        raise FlaggedOrganisation(result)
    if name.casefold() in {existing.casefold() for existing in organisation_names(session)}:
        raise InvalidOrganisation("duplicate")
    organisation = Organisation(name=name, confirmed=not result.ok)
    session.add(organisation)
    session.flush()
    return organisation


def remove_organisation(session: Session, organisation_id: int) -> bool:
    """Remove an organisation from the list (sheets that named it ask the counsellor to choose again)."""
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        return False
    session.delete(organisation)
    session.flush()
    return True


__all__ = [
    "ORGANISATION_MAX",
    "FlaggedOrganisation",
    "InvalidOrganisation",
    "TextProblem",
    "add_organisation",
    "organisation_names",
    "organisations",
    "remove_organisation",
]
