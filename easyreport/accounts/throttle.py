"""Guessing limits: slow down per account, block per source address (no Flask).

A lock per account alone lets anyone lock a known officer out by typing wrong passwords for their name. So
an account with too many recent failures is only *slowed down* (one try per delay, whoever tries), while a
source *address* with too many failures, for any usernames, is blocked for a while. Failures from the
client's device (the unlock screen) count against the counsellor's account like failed logins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from easyreport.accounts.models import LoginAttempt
from easyreport.timeutil import as_utc


@dataclass(frozen=True)
class ThrottlePolicy:
    """Per account: after max_failures within window, one try per account_delay. Per address: a block."""

    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    lock: timedelta = timedelta(minutes=15)
    account_delay: timedelta = timedelta(seconds=30)
    address_max_failures: int = 20


class Throttled(Exception):
    """This attempt is refused before the secret is checked; wait is how long to wait."""

    def __init__(self, wait: timedelta) -> None:
        super().__init__(wait)
        self.wait = wait

    @property
    def seconds(self) -> int:
        """Whole seconds to wait, at least one."""
        return max(1, -(-int(self.wait.total_seconds()) // 1))

    @property
    def minutes(self) -> int:
        """Whole minutes to wait, at least one."""
        return max(1, -(-int(self.wait.total_seconds()) // 60))


class AccountSlowedDown(Throttled):
    """Too many recent failures for this username: one try per delay."""


class AddressBlocked(Throttled):
    """Too many recent failures from this source address, for any usernames."""


def account_failures(
    session: Session, username: str, now: datetime, policy: ThrottlePolicy
) -> list[datetime]:
    """Times of this username's failures within the window since its last success, newest first."""
    rows = session.execute(
        select(LoginAttempt.at, LoginAttempt.succeeded)
        .where(LoginAttempt.username == username, LoginAttempt.at >= now - policy.window)
        .order_by(LoginAttempt.at.desc(), LoginAttempt.id.desc())
        .limit(policy.max_failures + 1)
    ).all()
    failures = []
    for at, succeeded in rows:
        if succeeded:
            break
        failures.append(as_utc(at))
    return failures


def check(
    session: Session, username: str, address: str | None, now: datetime, policy: ThrottlePolicy
) -> None:
    """Raise AddressBlocked or AccountSlowedDown when this attempt must not be checked now."""
    if address is not None:
        since = now - policy.window
        count, newest = session.execute(
            select(func.count(), func.max(LoginAttempt.at)).where(
                LoginAttempt.address == address, LoginAttempt.at >= since, LoginAttempt.succeeded.is_(False)
            )
        ).one()
        if count >= policy.address_max_failures and newest is not None:
            remaining = as_utc(newest) + policy.lock - now
            if remaining > timedelta(0):
                raise AddressBlocked(remaining)
    failures = account_failures(session, username, now, policy)
    if len(failures) >= policy.max_failures:
        remaining = failures[0] + policy.account_delay - now
        if remaining > timedelta(0):
            raise AccountSlowedDown(remaining)


def record(
    session: Session,
    username: str,
    address: str | None,
    now: datetime,
    *,
    succeeded: bool,
    kind: str = "login",
) -> None:
    """Keep one attempt (the username as typed, lower-cased; the address only as a keyed hash)."""
    session.add(LoginAttempt(username=username, address=address, at=now, succeeded=succeeded, kind=kind))
    session.flush()


def over_limit(session: Session, username: str, now: datetime, policy: ThrottlePolicy) -> bool:
    """Whether this username has reached the failure limit (the unlock screen then ends the session)."""
    return len(account_failures(session, username, now, policy)) >= policy.max_failures
