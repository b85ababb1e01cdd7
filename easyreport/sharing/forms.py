"""Forms for sharing a sheet and for the officer's feedback."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectMultipleField, SubmitField
from wtforms.validators import InputRequired, NumberRange
from wtforms.widgets import CheckboxInput, ListWidget

from easyreport.forms import BaseForm
from easyreport.sharing.access import DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS


class ShareForm(BaseForm):
    """Officers to share with and for how many days."""

    officers = SelectMultipleField(
        _l("Share with"),
        choices=[],
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    days = IntegerField(
        _l("Days the officers can open the sheet"),
        description=_l("From 1 to %(max)s days.", max=MAX_EXPIRY_DAYS),
        default=DEFAULT_EXPIRY_DAYS,
        validators=[
            InputRequired(_l("Enter a number of days.")),
            NumberRange(
                min=1,
                max=MAX_EXPIRY_DAYS,
                message=_l("Enter a number from 1 to %(max)s.", max=MAX_EXPIRY_DAYS),
            ),
        ],
    )
    submit = SubmitField(_l("Share the sheet"))


class AppliedForm(BaseForm):
    """Which recommendations the officer applied in the interview."""

    rules = SelectMultipleField(
        _l("Recommendations you applied"),
        choices=[],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    submit = SubmitField(_l("Save what you applied"))


class ButtonForm(BaseForm):
    """A form with only a button and its CSRF token."""

    submit = SubmitField(_l("Confirm"))
