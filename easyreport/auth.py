"""Who is logged in, and the decorators that guard and mark every view."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort, flash, g, redirect, request, session, url_for

from easyreport.accounts.models import User
from easyreport.catalogue_lookup import gettext as _
from easyreport.extensions import db
from easyreport.redirects import safe_redirect_target
from easyreport.roles import Role

F = TypeVar("F", bound=Callable[..., Any])

# Set while the device is handed to a client; preparation.client_views.enforce_client_mode then sends every
# other page back to the client's locked screen, before any view (and this guard) runs.
CLIENT_MODE_KEY = "client_mode"
# Set by the session store when a client-mode device was left untouched for CLIENT_IDLE_MINUTES.
CLIENT_IDLE_LOCKED_KEY = "client_idle_locked"


def load_current_user() -> None:
    """Put the logged-in, active account (or None) on g.user."""
    g.user = None
    user_id = session.get("user_id")
    if user_id is None:
        return
    user = db.session.get(User, user_id)
    if user is None or not user.active:
        session.clear()
        return
    g.user = user


def current_user() -> User | None:
    """Return the logged-in account, if any."""
    return cast("User | None", g.get("user"))


def public(view: F) -> F:
    """Mark a view as reachable without logging in."""
    view.is_public = True  # type: ignore[attr-defined]
    return view


def role_required(*roles: Role) -> Callable[[F], F]:
    """Allow only logged-in accounts with one of the roles; mark the view for the permission tests."""

    def decorator(view: F) -> F:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            user = current_user()
            if user is None:
                if getattr(session, "ended", False):
                    flash(_("Your session has ended. Please log in again."), "info")
                return redirect(
                    url_for("accounts.login", next=request.full_path if request.method == "GET" else None)
                )
            if Role(user.role) not in roles:
                abort(403)
            return view(*args, **kwargs)

        guarded.required_roles = frozenset(roles)  # type: ignore[attr-defined]
        return cast(F, guarded)

    return decorator


def safe_next(target: str | None) -> str | None:
    """Accept only a path on this site as a place to return to, never another site."""
    return safe_redirect_target(target)
