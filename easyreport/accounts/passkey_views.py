"""Passkey pages: adding one after login, and using one instead of the authenticator code at login."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from webauthn.helpers import bytes_to_base64url
from werkzeug.wrappers import Response

from easyreport.accounts import passkeys, second_factor, throttle
from easyreport.accounts.forms import PasskeyForm, SecondFactorForm
from easyreport.accounts.login_flow import finish_login, pending_user
from easyreport.accounts.passkey_web import (
    LOGIN_CHALLENGE,
    REGISTER_CHALLENGE,
    enabled,
    login_options,
    relying_party,
    take_challenge,
)
from easyreport.accounts.passkeys import PasskeyProblem, PasskeyRefused
from easyreport.accounts.second_factor_views import _count_failure, _expired, _throttle_check
from easyreport.accounts.views import bp
from easyreport.accounts.web_throttle import source_address
from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.auth import current_user, public, role_required
from easyreport.catalogue_lookup import gettext as _
from easyreport.extensions import db
from easyreport.roles import Role
from easyreport.timeutil import utcnow


def problem_message(problem: PasskeyProblem) -> str:
    """The message for a refused passkey answer, in the user's language."""
    return {
        PasskeyProblem.MALFORMED: _("The answer from your passkey could not be read. Try again."),
        PasskeyProblem.NO_CHALLENGE: _("This passkey request was used already or has expired. Try again."),
        PasskeyProblem.UNKNOWN: _(
            "That passkey does not belong to this account. Use another passkey or a code."
        ),
        PasskeyProblem.REFUSED: _("Your passkey was not accepted. Try again, or use a code."),
        PasskeyProblem.TOO_MANY: _("You cannot add more passkeys to this account."),
    }[problem]


@bp.route("/login/passkey", methods=["POST"])
@public
def passkey_login() -> Response | str | tuple[str, int]:
    """Pass the second factor with a passkey instead of a code."""
    user = pending_user()
    if user is None or not enabled():
        return _expired()
    form = PasskeyForm()
    challenge = take_challenge(LOGIN_CHALLENGE)
    error = _throttle_check(user)
    if error is None:
        try:
            if not form.validate_on_submit():
                raise PasskeyRefused(PasskeyProblem.MALFORMED)
            passkeys.authenticate(
                db.session, user, form.credential.data or "", challenge, relying_party(), utcnow()
            )
        except PasskeyRefused as refused:
            db.session.rollback()
            _count_failure(user, refused.problem.value)
            error = problem_message(refused.problem)
        else:
            return redirect(finish_login(user, "passkey"))
    return render_template(
        "accounts/second_factor.html",
        form=SecondFactorForm(formdata=None),
        passkey_form=PasskeyForm(formdata=None),
        passkey_options=login_options(user),
        error=error,
    ), 400


@bp.route("/account/passkeys", methods=["GET", "POST"])
@role_required(*Role)  # every account, the coordinator too
def passkey_settings() -> Response | str | tuple[str, int]:
    """List the account's passkeys and add one (for accounts whose authenticator app is set up)."""
    user = current_user()
    assert user is not None  # role_required
    may_add = enabled() and second_factor.is_enrolled(db.session, user.id)
    form = PasskeyForm()
    error = None
    if may_add and request.method == "POST":
        challenge = take_challenge(REGISTER_CHALLENGE)
        error = _throttle_check(user)
        if error is None:
            try:
                if not form.validate_on_submit():
                    raise PasskeyRefused(PasskeyProblem.MALFORMED)
                passkeys.register(
                    db.session, user, form.credential.data or "", challenge, relying_party(), utcnow()
                )
            except PasskeyRefused as refused:
                db.session.rollback()
                throttle.record(
                    db.session,
                    user.username,
                    source_address(),
                    utcnow(),
                    succeeded=False,
                    kind="second_factor",
                )
                audit(
                    Action.ACCOUNT_CHANGE,
                    object_type="account",
                    object_id=user.id,
                    change="passkey_registration_failed",
                    reason=refused.problem.value,
                )
                db.session.commit()
                error = problem_message(refused.problem)
            else:
                audit(Action.ACCOUNT_CHANGE, object_type="account", object_id=user.id, change="passkey_added")
                db.session.commit()
                flash(_("Your passkey is added. Next time you can log in with it."), "success")
                return redirect(url_for("accounts.passkey_settings"))
    options = None
    if may_add:
        try:
            options, challenge_bytes = passkeys.registration_options(db.session, user, relying_party())
        except PasskeyRefused as refused:
            error = error or problem_message(refused.problem)
        else:
            session[REGISTER_CHALLENGE] = bytes_to_base64url(challenge_bytes)
    return render_template(
        "accounts/passkeys.html",
        credentials=passkeys.credentials_of(db.session, user.id),
        may_add=may_add,
        options=options,
        form=PasskeyForm(formdata=None),
        error=error,
    ), 200 if error is None else 400


@bp.route("/account/passkeys/<int:credential_row>/remove", methods=["POST"])
@role_required(*Role)  # every account, the coordinator too
def passkey_remove(credential_row: int) -> Response:
    """Remove one passkey of one's own account; the authenticator code keeps working."""
    user = current_user()
    assert user is not None  # role_required
    if not passkeys.remove(db.session, user.id, credential_row):
        abort(404)  # not this account's passkey: the same answer as one that does not exist
    audit(Action.ACCOUNT_CHANGE, object_type="account", object_id=user.id, change="passkey_removed")
    db.session.commit()
    flash(_("The passkey is removed. It can no longer log in to your account."), "success")
    return redirect(url_for("accounts.passkey_settings"))
