"""Login and account management forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from easyreport.forms import BaseForm
from easyreport.roles import Role

TOO_LONG = _l("Use at most %(max)d characters.")


class LoginForm(BaseForm):
    """Username and password."""

    username = StringField(
        _l("Username"),
        validators=[DataRequired(_l("Enter your username.")), Length(max=64, message=TOO_LONG)],
        render_kw={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password.")), Length(max=256, message=TOO_LONG)],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Log in"))


def _role_choices() -> list[tuple[str, str]]:
    labels = {
        Role.COUNSELLOR: _l("Counsellor"),
        Role.OFFICER: _l("Police officer"),
        Role.ADMIN: _l("Administrator"),
        Role.COORDINATOR: _l("Coordinator (evaluation only)"),
    }
    # An empty first option: a required select must not preselect a role (and HTML requires it to be empty).
    return [("", str(_l("Choose")))] + [(role.value, str(labels[role])) for role in Role]


class CreateAccountForm(BaseForm):
    """A new staff account."""

    username = StringField(
        _l("Username"),
        description=_l("Lower-case letters, digits, dots, dashes. For example: j.devries"),
        validators=[
            DataRequired(_l("Enter a username.")),
            Length(min=2, max=63, message=_l("Use 2 to 63 characters.")),
        ],
        render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"},
    )
    role = SelectField(_l("Role"), validators=[DataRequired(_l("Choose a role."))])
    password = PasswordField(
        _l("First password"),
        validators=[DataRequired(_l("Enter a password.")), Length(max=256, message=TOO_LONG)],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Create account"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = _role_choices()


class ResetPasswordForm(BaseForm):
    """A new password set by an admin."""

    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(_l("Enter a password.")), Length(max=256, message=TOO_LONG)],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Set new password"))


class ConfirmForm(BaseForm):
    """A form with only a button (and its CSRF token), for actions like deactivate."""

    submit = SubmitField(_l("Confirm"))


class SecondFactorForm(BaseForm):
    """A code from the authenticator app, or a recovery code."""

    code = StringField(
        _l("Code"),
        description=_l("The 6 digits from your authenticator app, or one of your recovery codes."),
        validators=[DataRequired(_l("Enter the code.")), Length(max=64, message=TOO_LONG)],
        render_kw={
            "autocomplete": "one-time-code",
            "autocapitalize": "none",
            "spellcheck": "false",
            "inputmode": "text",
        },
    )
    submit = SubmitField(_l("Continue"))


class EnrolForm(BaseForm):
    """The first code from a newly added authenticator app."""

    code = StringField(
        _l("Code from the app"),
        description=_l("The 6 digits the app shows now."),
        validators=[DataRequired(_l("Enter the code.")), Length(max=64, message=TOO_LONG)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )
    submit = SubmitField(_l("Turn on"))


class PasskeyForm(BaseForm):
    """The browser's answer from a passkey (filled in by static/js/passkeys.js), as WebAuthn JSON."""

    credential = HiddenField(validators=[DataRequired(_l("Your passkey did not answer. Try again."))])
