"""Forms of the preparation pages (the client's answer buttons are plain inputs parsed by AnswerForm)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from easyreport.client_languages import client_languages
from easyreport.forms import BaseForm
from easyreport.preparation.service import AGE_BANDS, NOTE_MAX, STATEMENT_MAX


class NewPreparationForm(BaseForm):
    """Start a preparation: a code and an age band, nothing that names the client."""

    client_code = StringField(
        _l("Client code"),
        description=_l("A short code, for example A7. Never a name or initials."),
        validators=[
            DataRequired(_l("Enter a client code.")),
            Regexp(r"^[A-Za-z0-9-]{1,12}$", message=_l("Use 1 to 12 letters, digits or dashes.")),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    age_band = SelectField(_l("Age"), choices=[], validators=[DataRequired(_l("Choose an age band."))])
    # Any code is accepted here and checked by the view: an unknown one falls back with a note, not an error.
    client_locale = SelectField(
        _l("Language of the questions"), choices=[], default="nl", validate_choice=False
    )
    pin = PasswordField(
        _l("PIN to leave client mode (optional)"),
        description=_l("4 to 8 digits. Without a PIN, your password is needed."),
        validators=[Optional(), Regexp(r"^[0-9]{4,8}$", message=_l("Use 4 to 8 digits."))],
        render_kw={"inputmode": "numeric", "autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Create preparation"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        labels = {
            "12-15": _l("12 to 15 years"),
            "16-17": _l("16 or 17 years"),
            "18-22": _l("18 to 22 years"),
            "23-29": _l("23 to 29 years"),
            "30-plus": _l("30 years or older"),
        }
        self.age_band.choices = [("", _l("Choose"))] + [(band, labels[band]) for band in AGE_BANDS]
        self.client_locale.choices = language_choices()


def language_choices() -> list[tuple[str, str]]:
    """The client languages as (code, "own name (name in the staff language)"); the own name in its own script."""
    from flask import current_app

    from easyreport.catalogue_lookup import gettext

    choices = []
    for language in client_languages(tuple(current_app.config["LANGUAGES"])):
        translated = gettext(language.english_name)
        label = (
            language.own_name if translated == language.own_name else f"{language.own_name} ({translated})"
        )
        choices.append((language.code, label))
    return choices


class ClientLanguageForm(BaseForm):
    """The client's language, and whether an interpreter for it is needed at the police."""

    client_locale = SelectField(_l("Language of the client screens"), choices=[], validate_choice=False)
    interpreter_needed = BooleanField(_l("An interpreter for this language is needed at the police"))
    save_language = SubmitField(_l("Save language"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.client_locale.choices = language_choices()


class AnswerForm(BaseForm):
    """The hidden fields that travel with an answer; the chosen options come as repeated `option` values."""

    version = IntegerField(validators=[Optional(), NumberRange(min=0, max=1_000_000)])
    shown_at = HiddenField()


class UnlockForm(BaseForm):
    """The counsellor's password or PIN, to leave client mode."""

    secret = PasswordField(
        _l("Password or PIN of the counsellor"),
        validators=[DataRequired(_l("Enter your password or PIN.")), Length(max=256)],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Unlock"))


class ObservationForm(BaseForm):
    """Tick boxes and a short note for one module."""

    choices = SelectMultipleField(
        _l("What you noticed"),
        choices=[],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    note = TextAreaField(
        _l("Other observations about needs (optional)"),
        validators=[Length(max=NOTE_MAX, message=_l("Use at most %(max)d characters."))],
    )
    submit = SubmitField(_l("Save observations"))


class StatementForm(BaseForm):
    """A spontaneous statement: exact words, when, who was there."""

    words = TextAreaField(
        _l("The client's exact words"),
        validators=[
            DataRequired(_l("Write down the exact words.")),
            Length(max=STATEMENT_MAX, message=_l("Use at most %(max)d characters.")),
        ],
    )
    said_at = StringField(
        _l("When the client said it"),
        description=_l("Date and time, for example 28-11-2026 14:10."),
        validators=[DataRequired(_l("Write down when it was said.")), Length(max=64)],
    )
    present = StringField(
        _l("Who was present"),
        description=_l("Roles, for example: counsellor, colleague."),
        validators=[DataRequired(_l("Write down who was present.")), Length(max=500)],
    )
    submit = SubmitField(_l("Save statement"))


class SpeechSettingsForm(BaseForm):
    """Read-aloud settings of a preparation."""

    speed = SelectField(_l("Speed of the voice"), choices=[])
    read_aloud_auto = BooleanField(_l("Read each question aloud when it opens"))
    submit = SubmitField(_l("Save settings"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.speed.choices = [("normal", _l("Normal")), ("slow", _l("Slower"))]
