"""Sharing over the database: units, officers, shares, opening and revoking (no Flask).

Every lookup goes through the access rules in access.py; what a caller may not reach raises NotFound.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from easyreport.accounts.models import User
from easyreport.briefing.routing import UNIT_LABELS
from easyreport.briefing.routing import Unit as RoutingUnit
from easyreport.briefing.rules_data import RULES
from easyreport.preparation.models import Preparation, is_public_id
from easyreport.roles import Role
from easyreport.sharing.access import ShareFacts, ShareState, expiry_for, officer_may_open, share_state
from easyreport.sharing.models import Share, Unit, UnitMember

# The units every installation starts with; the admin can add others (a Basisteam per area, for example).
# The Labour Authority receives sheets like any police unit: its inspectors have officer accounts, it has
# fixed contacts, and labour exploitation routes to it (routing.py). Veilig Thuis is no unit: it gets no sheet.
DEFAULT_UNITS = (RoutingUnit.AVIM, RoutingUnit.ZEDEN, RoutingUnit.BASISTEAM, RoutingUnit.LABOUR_INSPECTORATE)
_RULE_IDS = frozenset(rule.id for rule in RULES)


class SharingError(Exception):
    """A sharing request that cannot be carried out; views turn it into a message."""


class NotFound(SharingError):
    """Nothing the caller may reach under this id."""


class NotAnOfficer(SharingError):
    """Sheets go only to active officer accounts."""


class NoOfficers(SharingError):
    """A share needs at least one officer."""


class UnknownRule(SharingError):
    """An applied-recommendation id that is not a rule."""


def facts(share: Share) -> ShareFacts:
    """The part of a share the access rules look at."""
    return ShareFacts(share.officer_id, share.expires_at, share.revoked_at)


def ensure_default_units(session: Session) -> None:
    """Create the built-in units if they are missing."""
    existing = set(session.scalars(select(Unit.key)))
    for unit in DEFAULT_UNITS:
        if unit.value not in existing:
            session.add(Unit(key=unit.value, name=UNIT_LABELS[unit]))
    session.flush()


def units(session: Session) -> list[Unit]:
    """All units by name."""
    return list(session.scalars(select(Unit).order_by(Unit.id)))


def add_unit(session: Session, name: str) -> Unit:
    """Add a unit with a free name (its key is derived and unique)."""
    clean = " ".join(name.split())[:120]
    if not clean:
        raise SharingError("empty name")
    key = f"unit-{len(units(session)) + 1}"
    while session.scalar(select(Unit.id).where(Unit.key == key)) is not None:
        key += "x"
    unit = Unit(key=key, name=clean)
    session.add(unit)
    session.flush()
    return unit


def set_membership(session: Session, officer_id: int, unit_id: int | None, fixed_contact: bool) -> None:
    """Put an officer in a unit (or in none), as fixed contact or not."""
    officer = session.get(User, officer_id)
    if officer is None or officer.role != Role.OFFICER.value:
        raise NotAnOfficer(officer_id)
    membership = session.get(UnitMember, officer_id)
    if unit_id is None:
        if membership is not None:
            session.delete(membership)
        session.flush()
        return
    if session.get(Unit, unit_id) is None:
        raise NotFound(unit_id)
    if membership is None:
        membership = UnitMember(user_id=officer_id, unit_id=unit_id)
        session.add(membership)
    membership.unit_id = unit_id
    membership.fixed_contact = fixed_contact
    session.flush()


def officers(session: Session) -> list[tuple[User, UnitMember | None]]:
    """Active officer accounts with their unit membership."""
    rows = session.execute(
        select(User, UnitMember)
        .outerjoin(UnitMember, UnitMember.user_id == User.id)
        .where(User.role == Role.OFFICER.value, User.active.is_(True))
        .order_by(User.username)
    )
    return [(user, member) for user, member in rows]


def fixed_contacts(session: Session, unit_key: str) -> list[int]:
    """Officer ids of a unit's fixed contacts: what the share screen proposes."""
    return list(
        session.scalars(
            select(UnitMember.user_id)
            .join(Unit, Unit.id == UnitMember.unit_id)
            .join(User, User.id == UnitMember.user_id)
            .where(Unit.key == unit_key, UnitMember.fixed_contact.is_(True), User.active.is_(True))
        )
    )


def share(
    session: Session,
    preparation: Preparation,
    officer_ids: Iterable[int],
    days: int,
    *,
    by: int,
    now: datetime,
) -> list[Share]:
    """Share a preparation's sheet with officers until now + days (InvalidExpiry outside 1..90)."""
    expires = expiry_for(days, now)
    chosen = list(dict.fromkeys(officer_ids))
    if not chosen:
        raise NoOfficers
    created = []
    for officer_id in chosen:
        officer = session.get(User, officer_id)
        if officer is None or officer.role != Role.OFFICER.value or not officer.active:
            raise NotAnOfficer(officer_id)
        record = Share(
            preparation_id=preparation.id,
            officer_id=officer_id,
            shared_by=by,
            created_at=now,
            expires_at=expires,
        )
        session.add(record)
        created.append(record)
    session.flush()
    return created


def shares_of(session: Session, preparation: Preparation) -> list[Share]:
    """Every share of a preparation, newest first (for its counsellor)."""
    return list(
        session.scalars(
            select(Share)
            .where(Share.preparation_id == preparation.id)
            .order_by(Share.created_at.desc(), Share.id)
        )
    )


def revoke(session: Session, preparation: Preparation, share_public_id: str, *, now: datetime) -> Share:
    """End a share of this preparation at once; another preparation's share is NotFound."""
    if not is_public_id(share_public_id):
        raise NotFound(share_public_id[:32])
    record = session.scalar(
        select(Share).where(Share.public_id == share_public_id, Share.preparation_id == preparation.id)
    )
    if record is None:
        raise NotFound(share_public_id)
    if record.revoked_at is None:
        record.revoked_at = now
    session.flush()
    return record


def active_for_officer(session: Session, officer_id: int, now: datetime) -> list[tuple[Share, Preparation]]:
    """The shares an officer can open now, newest first."""
    rows = session.execute(
        select(Share, Preparation)
        .join(Preparation, Preparation.id == Share.preparation_id)
        .where(Share.officer_id == officer_id, Share.revoked_at.is_(None))
        .order_by(Share.created_at.desc())
    )
    return [(s, p) for s, p in rows if share_state(facts(s), now) is ShareState.ACTIVE]


def open_share(
    session: Session, officer: User, share_public_id: str, *, now: datetime
) -> tuple[Share, Preparation]:
    """Return an officer's active share and its preparation (reads only: the caller notes the opening)."""
    if not is_public_id(share_public_id):
        raise NotFound(share_public_id[:32])
    record = session.scalar(select(Share).where(Share.public_id == share_public_id))
    if record is None or not officer_may_open(facts(record), officer.id, Role(officer.role), now):
        raise NotFound(share_public_id)
    preparation = session.get(Preparation, record.preparation_id)
    if preparation is None:
        raise NotFound(share_public_id)
    return record, preparation


def note_opened(record: Share, *, now: datetime) -> None:
    """Note when the officer opened the share (first and last time), for the counsellor's share list."""
    if record.first_opened_at is None:
        record.first_opened_at = now
    record.last_opened_at = now


def confirm_read(record: Share, *, now: datetime) -> None:
    """The officer read the sheet before the interview."""
    if record.read_confirmed_at is None:
        record.read_confirmed_at = now


def record_applied(record: Share, rule_ids: Iterable[str]) -> None:
    """Which recommendations the officer applied in the interview (for the counsellor and the evaluation)."""
    chosen = list(dict.fromkeys(rule_ids))
    unknown = [rule_id for rule_id in chosen if rule_id not in _RULE_IDS]
    if unknown:
        raise UnknownRule(unknown[0])
    record.applied_rule_ids = chosen
