"""Finishing a login: the second factor step between password and session, and the notices shown after."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, session, url_for
from flask_babel import format_datetime

from easyreport.accounts import second_factor, throttle
from easyreport.accounts.models import User
from easyreport.accounts.web_throttle import source_address
from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.catalogue_lookup import gettext as _
from easyreport.extensions import db
from easyreport.roles import ROLE_HOME, Role
from easyreport.timeutil import utcnow

# Password checked, second factor not yet: the session holds this, and is *not* logged in (no user_id).
PENDING_KEY = "pending_login"
PENDING_SECONDS = 300


def needs_second_factor(user: User) -> bool:
    """Whether this account passes a second factor after its password (required by role, or enrolled)."""
    required = user.role in current_app.config["EASYREPORT"].second_factor_roles()
    return required or second_factor.is_enrolled(db.session, user.id)


def _fresh_session(**data: Any) -> None:
    locale = session.get("locale")
    session.clear()
    session.regenerate()  # type: ignore[attr-defined]
    session.update(data)
    if locale:
        session["locale"] = locale


def start_second_factor(user: User, target: str | None) -> str:
    """Remember that the password was right; return where the browser goes next (code or enrolment)."""
    _fresh_session(**{PENDING_KEY: {"user_id": user.id, "at": utcnow().timestamp(), "next": target}})
    if second_factor.is_enrolled(db.session, user.id):
        return url_for("accounts.code")
    return url_for("accounts.enrol")


def pending_user() -> User | None:
    """The account whose password was just right, while the second factor step is still open."""
    pending = session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None
    if utcnow().timestamp() - float(pending.get("at", 0)) > PENDING_SECONDS:
        session.pop(PENDING_KEY, None)
        return None
    user = db.session.get(User, pending.get("user_id"))
    return user if user is not None and user.active else None


def finish_login(user: User, method: str) -> str:
    """Log the session in; show and audit notices; return where to go."""
    target = None
    pending = session.get(PENDING_KEY)
    if isinstance(pending, dict):
        target = pending.get("next")
    now = utcnow()
    if method != "password":
        # Only a passed second factor clears the account's failed tries.
        throttle.record(
            db.session, user.username, source_address(), now, succeeded=True, kind="second_factor"
        )
    audit(Action.LOGIN, actor_id=user.id, actor_role=user.role, method=method)
    messages: list[str] = []
    for notice in second_factor.take_notices(db.session, user.id, now):
        when = format_datetime(notice.at, format="medium")
        if notice.kind == "password_reset":
            messages.append(
                _(
                    "An administrator set a new password for your account on %(when)s. "
                    "If you did not expect this, tell your security officer.",
                    when=when,
                )
            )
        else:
            messages.append(
                _(
                    "An administrator reset the second factor of your account on %(when)s. "
                    "If you did not expect this, tell your security officer.",
                    when=when,
                )
            )
        audit(
            Action.ACCOUNT_CHANGE,
            object_type="account",
            object_id=user.id,
            change="notice_shown",
            kind=notice.kind,
        )
    db.session.commit()
    _fresh_session(user_id=user.id)
    for message in messages:  # after the fresh session, so they survive it
        flash(message, "warning")
    return target or url_for(ROLE_HOME[Role(user.role)])
