"""Forms for the interview date and the officer's feedback (the per-recommendation choices are read by name)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from easyreport.feedback.officer import MISSING_LABELS, OTHER_MAX, READ_LABELS
from easyreport.forms import BaseForm

DATE_MESSAGE = _l("Enter a real date, for example 2026-03-14.")


class InterviewDateForm(BaseForm):
    """The date of the police interview."""

    interview_on = DateField(
        _l("Date of the interview"),
        validators=[InputRequired(DATE_MESSAGE)],
        invalid_value_message=DATE_MESSAGE,
    )
    submit = SubmitField(_l("Save the date"))


class OfficerFeedbackForm(BaseForm):
    """The fixed part of the officer's feedback; each recommendation's outcome and reason are read by name."""

    interview_on = DateField(
        _l("Date of the interview"), validators=[Optional()], invalid_value_message=DATE_MESSAGE
    )
    read_before = RadioField(
        _l("Did you read the sheet before the interview?"),
        choices=[SelectChoice(key.value, _l(label)) for key, label in READ_LABELS.items()],
        validate_choice=False,
    )
    missing = SelectMultipleField(
        _l("Was anything missing on the sheet?"),
        description=_l("Choose what you needed to know and did not find."),
        choices=[SelectChoice(key.value, _l(label)) for key, label in MISSING_LABELS.items()],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=False,
    )
    other_missing = TextAreaField(
        _l("Something else that was missing"),
        description=_l(
            "Only what the person needed, at most %(max)s characters. Never what happened, who, where or when.",
            max=OTHER_MAX,
        ),
        render_kw={"maxlength": OTHER_MAX, "rows": 3},
    )
    confirm_other = BooleanField(_l("I confirm that this text holds no account of what happened."))
    reviewed_other = HiddenField()
    submit = SubmitField(_l("Save the feedback"))
