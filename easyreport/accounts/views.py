"""Log in and log out."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from easyreport.accounts.forms import ConfirmForm, LoginForm
from easyreport.accounts.login_flow import PENDING_KEY, finish_login, needs_second_factor, start_second_factor
from easyreport.accounts.service import LoginFailed, authenticate
from easyreport.accounts.throttle import AccountSlowedDown, AddressBlocked
from easyreport.accounts.web_throttle import policy, source_address
from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.auth import current_user, public, role_required, safe_next
from easyreport.catalogue_lookup import gettext as _
from easyreport.extensions import db
from easyreport.roles import ROLE_HOME, Role
from easyreport.timeutil import utcnow

bp = Blueprint("accounts", __name__)


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> Response | str:
    """Show the login form and log in."""
    user = current_user()
    if user is not None and session.get("client_mode") is None:
        return redirect(url_for(ROLE_HOME[Role(user.role)]))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        try:
            user = authenticate(
                db.session,
                form.username.data or "",
                form.password.data or "",
                utcnow(),
                policy(),
                source_address(),
                more_to_come=needs_second_factor,
            )
        except AddressBlocked as blocked:
            audit(Action.LOGIN_FAILED, reason="address_blocked")
            db.session.commit()
            error = _(
                "Too many failed attempts. Wait %(minutes)s minutes and try again.", minutes=blocked.minutes
            )
        except AccountSlowedDown as slowed:
            audit(Action.LOGIN_FAILED, reason="slowed_down")
            db.session.commit()
            error = _(
                "Too many failed attempts for this account. Wait %(seconds)s seconds and try again.",
                seconds=slowed.seconds,
            )
        except LoginFailed:
            audit(Action.LOGIN_FAILED, reason="credentials")
            db.session.commit()
            error = _("The username or password is not right. Please try again.")
        else:
            target = safe_next(request.args.get("next"))
            if needs_second_factor(user):
                audit(Action.LOGIN_STEP, actor_id=user.id, actor_role=user.role, step="password")
                db.session.commit()
                return redirect(start_second_factor(user, target))
            session[PENDING_KEY] = {"next": target}
            return redirect(finish_login(user, "password"))
    return render_template("accounts/login.html", form=form, error=error)


@bp.route("/logout", methods=["POST"])
@role_required(*Role)  # every account, the coordinator too
def logout() -> Response:
    """End the session everywhere it was used and tell the browser to forget this site's data."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        return redirect(url_for("pages.index"))
    audit(Action.LOGOUT)
    db.session.commit()
    locale = session.get("locale")
    session.end()  # type: ignore[attr-defined]
    if locale:
        session["locale"] = locale
    flash(_("You are logged out."), "info")
    response = redirect(url_for("accounts.login"))
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response
