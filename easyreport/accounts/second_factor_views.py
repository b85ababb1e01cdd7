"""The second factor pages: the code after the password, enrolment with a QR code, and the admin's reset."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from easyreport.accounts import passkeys, second_factor, service, throttle
from easyreport.accounts.forms import ConfirmForm, EnrolForm, PasskeyForm, SecondFactorForm
from easyreport.accounts.login_flow import finish_login, pending_user
from easyreport.accounts.models import User
from easyreport.accounts.passkey_web import login_options
from easyreport.accounts.second_factor import CodeProblem, CodeRefused
from easyreport.accounts.views import bp
from easyreport.accounts.web_throttle import policy, source_address
from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.auth import public, role_required
from easyreport.catalogue_lookup import gettext as _
from easyreport.extensions import db
from easyreport.roles import Role
from easyreport.timeutil import utcnow


def _problem_message(problem: CodeProblem) -> str:
    return {
        CodeProblem.WRONG_FORMAT: _(
            "Enter the 6 digits from your app, or a recovery code (12 letters and digits)."
        ),
        CodeProblem.WRONG: _("That code is not right. Check the time on your phone and try again."),
        CodeProblem.REPLAYED: _("That code was used already. Wait for the next code in your app."),
        CodeProblem.RECOVERY_USED: _("That recovery code was used already. Each code works once."),
    }[problem]


def _throttled_message(refused: throttle.Throttled) -> str:
    if isinstance(refused, throttle.AddressBlocked):
        return _("Too many failed attempts. Wait %(minutes)s minutes and try again.", minutes=refused.minutes)
    return _(
        "Too many failed attempts for this account. Wait %(seconds)s seconds and try again.",
        seconds=refused.seconds,
    )


def _count_failure(user: User, reason: str) -> None:
    throttle.record(
        db.session, user.username, source_address(), utcnow(), succeeded=False, kind="second_factor"
    )
    audit(Action.LOGIN_FAILED, actor_id=user.id, actor_role=user.role, reason=reason)
    db.session.commit()


def _throttle_check(user: User) -> str | None:
    try:
        throttle.check(db.session, user.username, source_address(), utcnow(), policy())
    except throttle.Throttled as refused:
        audit(Action.LOGIN_FAILED, actor_id=user.id, actor_role=user.role, reason="second_factor_throttled")
        db.session.commit()
        return _throttled_message(refused)
    return None


def _expired() -> Response:
    flash(_("Please log in again."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/login/code", methods=["GET", "POST"])
@public
def code() -> Response | str:
    """Ask for the authenticator code (or a recovery code) after a right password."""
    user = pending_user()
    if user is None:
        return _expired()
    if not second_factor_is_enrolled(user):
        return redirect(url_for("accounts.enrol"))
    form = SecondFactorForm()
    error = None
    if form.validate_on_submit():
        error = _throttle_check(user)
        if error is None:
            try:
                accepted = second_factor.check_code(db.session, user, form.code.data or "", utcnow())
            except CodeRefused as refused:
                db.session.rollback()
                _count_failure(user, f"second_factor_{refused.problem.value}")
                error = _problem_message(refused.problem)
            else:
                if accepted.method == "recovery":
                    audit(
                        Action.ACCOUNT_CHANGE,
                        object_type="account",
                        object_id=user.id,
                        change="recovery_code_used",
                    )
                    flash(
                        _("You used a recovery code. %(count)s are left.", count=accepted.recovery_left or 0),
                        "warning",
                    )
                return redirect(finish_login(user, accepted.method))
    return render_template(
        "accounts/second_factor.html",
        form=form,
        error=error,
        passkey_form=PasskeyForm(formdata=None),
        passkey_options=login_options(user),
    ), 200 if error is None else 400  # type: ignore[return-value]


def second_factor_is_enrolled(user: User) -> bool:
    """Whether the pending account has a confirmed authenticator."""
    return second_factor.is_enrolled(db.session, user.id)


@bp.route("/login/enrol", methods=["GET", "POST"])
@public
def enrol() -> Response | str:
    """Add an authenticator app (QR code made here), confirm it with a code, then show the recovery codes."""
    user = pending_user()
    if user is None:
        return _expired()
    if second_factor_is_enrolled(user):
        return redirect(url_for("accounts.code"))
    factor = second_factor.start_enrolment(db.session, user.id)
    db.session.commit()
    form = EnrolForm()
    error = None
    if form.validate_on_submit():
        error = _throttle_check(user)
        if error is None:
            try:
                codes = second_factor.confirm_enrolment(db.session, factor, form.code.data or "", utcnow())
            except CodeRefused as refused:
                db.session.rollback()
                _count_failure(user, f"enrol_{refused.problem.value}")
                error = _problem_message(refused.problem)
            else:
                audit(
                    Action.ACCOUNT_CHANGE,
                    object_type="account",
                    object_id=user.id,
                    change="second_factor_enrolled",
                )
                home = finish_login(user, "totp_enrolled")
                return render_template("accounts/recovery_codes.html", codes=codes, home=home)
    uri = second_factor.provisioning_uri(factor, user.username)
    secret = " ".join(factor.secret[i : i + 4] for i in range(0, len(factor.secret), 4))
    return render_template(
        "accounts/enrol.html", form=form, error=error, qr=second_factor.qr_svg(uri), secret=secret
    ), 200 if error is None else 400  # type: ignore[return-value]


@bp.route("/admin/accounts/<int:user_id>/second-factor", methods=["POST"])
@role_required(Role.ADMIN)
def reset_second_factor(user_id: int) -> Response:
    """Clear an account's authenticator and recovery codes; it enrols again at its next login (and is told)."""
    form = ConfirmForm()
    try:
        user = service.get_account(db.session, user_id)
    except service.UnknownAccount:
        abort(404)
    if form.validate_on_submit():
        passkey_count = len(passkeys.credentials_of(db.session, user.id))
        second_factor.reset_factor(db.session, user.id, utcnow())
        service.end_sessions(db.session, user.id)
        audit(
            Action.ACCOUNT_CHANGE,
            object_type="account",
            object_id=user.id,
            change="second_factor_reset",
            passkeys_removed=passkey_count,
        )
        db.session.commit()
        flash(
            _(
                "Second factor of %(name)s reset. They set it up again at their next login.",
                name=user.username,
            ),
            "success",
        )
    return redirect(url_for("admin.home"))
