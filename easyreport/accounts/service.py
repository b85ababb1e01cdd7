"""Account rules: creation, login with throttling, deactivation and password reset (no Flask)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from easyreport.accounts import throttle
from easyreport.accounts.models import StoredSession, User
from easyreport.accounts.passwords import hash_password, needs_rehash, verify_password
from easyreport.accounts.throttle import ThrottlePolicy
from easyreport.roles import Role
from easyreport.row_ids import is_valid_id

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,62}$")


class AccountError(Exception):
    """A request about accounts that cannot be carried out; views turn it into a message."""


class InvalidUsername(AccountError):
    """The username has characters or a length that is not allowed."""


class UsernameTaken(AccountError):
    """Another account already has this username."""


class PasswordTooShort(AccountError):
    """The new password is shorter than the minimum."""


class UnknownAccount(AccountError):
    """No account with this id."""


class LoginFailed(AccountError):
    """Wrong username or password, or an inactive account; deliberately not saying which."""


def normalise_username(username: str) -> str:
    """Usernames compare case-insensitively and without surrounding spaces."""
    return username.strip().lower()


def create_account(session: Session, username: str, role: Role, password: str, *, min_length: int) -> User:
    """Create an active account."""
    name = normalise_username(username)
    if not USERNAME_PATTERN.match(name):
        raise InvalidUsername(name)
    if len(password) < min_length:
        raise PasswordTooShort(min_length)
    if session.scalar(select(User.id).where(User.username == name)) is not None:
        raise UsernameTaken(name)
    user = User(username=name, role=Role(role).value, password_hash=hash_password(password), active=True)
    session.add(user)
    session.flush()
    return user


def get_account(session: Session, user_id: int) -> User:
    """Return an account or raise UnknownAccount."""
    user = session.get(User, user_id) if is_valid_id(user_id) else None
    if user is None:
        raise UnknownAccount(user_id)
    return user


def list_accounts(session: Session) -> list[User]:
    """All accounts, by role then username."""
    return list(session.scalars(select(User).order_by(User.role, User.username)))


def authenticate(
    session: Session,
    username: str,
    password: str,
    now: datetime,
    policy: ThrottlePolicy,
    address: str | None = None,
    *,
    more_to_come: Callable[[User], bool] = lambda _user: False,
) -> User:
    """Check a login; every outcome for an unknown username looks the same as for a known one.

    Raises AddressBlocked or AccountSlowedDown (without checking the password) or LoginFailed. When
    more_to_come(user) says a second factor follows, a right password is not recorded as a success: only
    the second factor's success clears the account's failures, so knowing the password gives no free tries.
    """
    name = normalise_username(username)[:64]
    throttle.check(session, name, address, now, policy)
    user = session.scalar(select(User).where(User.username == name))
    ok = verify_password(user.password_hash if user else None, password)
    succeeded = bool(ok and user is not None and user.active)
    if not succeeded or user is None:
        throttle.record(session, name, address, now, succeeded=False)
        raise LoginFailed(name)
    if not more_to_come(user):
        throttle.record(session, name, address, now, succeeded=True)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    session.flush()
    return user


def end_sessions(session: Session, user_id: int) -> None:
    """Remove every server-side session of an account, so its cookies stop working at once."""
    session.execute(delete(StoredSession).where(StoredSession.user_id == user_id))


def set_active(session: Session, user_id: int, active: bool) -> User:
    """Deactivate or reactivate an account; deactivation ends its sessions."""
    user = get_account(session, user_id)
    user.active = active
    if not active:
        end_sessions(session, user_id)
    session.flush()
    return user


def reset_password(session: Session, user_id: int, password: str, *, min_length: int, now: datetime) -> User:
    """Set a new password and end the account's sessions."""
    if len(password) < min_length:
        raise PasswordTooShort(min_length)
    user = get_account(session, user_id)
    user.password_hash = hash_password(password)
    user.password_changed_at = now
    end_sessions(session, user_id)
    # The second factor stays as it was: whoever set this password still cannot log in without it.
    session.flush()
    return user
