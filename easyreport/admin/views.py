"""Admin pages: list, create, deactivate, reactivate accounts and reset passwords."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from easyreport.accounts import second_factor, service
from easyreport.accounts.forms import ConfirmForm, CreateAccountForm, ResetPasswordForm
from easyreport.accounts.models import User
from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.auth import current_user, role_required
from easyreport.catalogue_lookup import gettext as _
from easyreport.extensions import db
from easyreport.roles import Role
from easyreport.timeutil import utcnow

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@role_required(Role.ADMIN)
def home() -> str:
    """List every account with its state and actions."""
    return render_template(
        "admin/home.html",
        accounts=service.list_accounts(db.session),
        confirm=ConfirmForm(),
        me=current_user(),
    )


@bp.route("/accounts/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def create_account() -> Response | str:
    """Create a staff account."""
    form = CreateAccountForm()
    if form.validate_on_submit():
        try:
            user = service.create_account(
                db.session,
                form.username.data or "",
                Role(form.role.data),
                form.password.data or "",
                min_length=current_app.config["PASSWORD_MIN_LENGTH"],
            )
        except service.InvalidUsername:
            form.username.errors = [_("Use 2 to 63 lower-case letters, digits, dots, dashes or underscores.")]
        except service.UsernameTaken:
            form.username.errors = [_("This username is already in use. Choose another one.")]
        except service.PasswordTooShort as short:
            form.password.errors = [_("Use at least %(count)s characters.", count=short.args[0])]
        else:
            audit(Action.ACCOUNT_CHANGE, object_type="account", object_id=user.id, change="created")
            db.session.commit()
            flash(_("Account %(name)s created.", name=user.username), "success")
            return redirect(url_for("admin.home"))
    return render_template("admin/create.html", form=form)


@bp.route("/accounts/<int:user_id>/active", methods=["POST"])
@role_required(Role.ADMIN)
def set_active(user_id: int) -> Response:
    """Deactivate or reactivate an account (an admin cannot deactivate their own)."""
    form = ConfirmForm()
    user = _account_or_404(user_id)
    me = current_user()
    if form.validate_on_submit():
        make_active = not user.active
        if not make_active and me is not None and me.id == user.id:
            flash(_("You cannot deactivate your own account."), "error")
        else:
            service.set_active(db.session, user.id, make_active)
            audit(
                Action.ACCOUNT_CHANGE,
                object_type="account",
                object_id=user.id,
                change="reactivated" if make_active else "deactivated",
            )
            db.session.commit()
            if make_active:
                flash(_("Account %(name)s is active again.", name=user.username), "success")
            else:
                flash(_("Account %(name)s is deactivated.", name=user.username), "success")
    return redirect(url_for("admin.home"))


@bp.route("/accounts/<int:user_id>/password", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def reset_password(user_id: int) -> Response | str:
    """Set a new password for an account; its sessions end."""
    user = _account_or_404(user_id)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            service.reset_password(
                db.session,
                user.id,
                form.password.data or "",
                min_length=current_app.config["PASSWORD_MIN_LENGTH"],
                now=utcnow(),
            )
        except service.PasswordTooShort as short:
            form.password.errors = [_("Use at least %(count)s characters.", count=short.args[0])]
        else:
            second_factor.notify(db.session, user.id, "password_reset", utcnow())
            audit(Action.ACCOUNT_CHANGE, object_type="account", object_id=user.id, change="password_reset")
            db.session.commit()
            flash(_("New password set for %(name)s.", name=user.username), "success")
            return redirect(url_for("admin.home"))
    return render_template("admin/password.html", form=form, account=user)


def _account_or_404(user_id: int) -> User:
    try:
        return service.get_account(db.session, user_id)
    except service.UnknownAccount:
        abort(404)
