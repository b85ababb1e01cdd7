"""Who may reach a sheet: the rules every sharing route asks (pure, no Flask, no database).

An officer reaches a sheet only through an active share (not expired, not revoked) made out to
them; a counsellor only their own preparations; an admin no client content at all. Anything
outside the rules is "not found", so nobody learns whether an object exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from easyreport.roles import Role
from easyreport.timeutil import as_utc

DEFAULT_EXPIRY_DAYS = 14
MAX_EXPIRY_DAYS = 90


class ShareState(StrEnum):
    """Where a share stands."""

    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


class InvalidExpiry(ValueError):
    """An expiry in the past, of zero days, or beyond the maximum."""


@dataclass(frozen=True)
class ShareFacts:
    """What the rules need to know about a share."""

    officer_id: int
    expires_at: datetime
    revoked_at: datetime | None


def share_state(share: ShareFacts, now: datetime) -> ShareState:
    """Revoked wins over expired; a share is active strictly before its expiry moment."""
    if share.revoked_at is not None:
        return ShareState.REVOKED
    return ShareState.ACTIVE if as_utc(now) < as_utc(share.expires_at) else ShareState.EXPIRED


def officer_may_open(share: ShareFacts, officer_id: int, role: Role, now: datetime) -> bool:
    """Only the officer named on an active share may open its sheet."""
    return (
        role is Role.OFFICER
        and share.officer_id == officer_id
        and share_state(share, now) is ShareState.ACTIVE
    )


def counsellor_may_manage(preparation_owner_id: int, counsellor_id: int, role: Role) -> bool:
    """Only the counsellor who owns the preparation shares, revokes and sees its history."""
    return role is Role.COUNSELLOR and preparation_owner_id == counsellor_id


def role_may_read_client_content(role: Role) -> bool:
    """Admins manage accounts and read the audit metadata, never client content."""
    return role in (Role.COUNSELLOR, Role.OFFICER)


def expiry_for(days: int, now: datetime, max_days: int = MAX_EXPIRY_DAYS) -> datetime:
    """The expiry moment of a share of `days` days; refuse zero, negative and too long."""
    if isinstance(days, bool) or not isinstance(days, int) or days < 1 or days > max_days:
        raise InvalidExpiry(days)
    return as_utc(now) + timedelta(days=days)
