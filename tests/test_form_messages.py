"""WTForms' own messages come in the reader's language, read once per process and never mixed up."""

from __future__ import annotations

import pytest
from flask_babel import force_locale
from werkzeug.datastructures import MultiDict
from wtforms import IntegerField

from easyreport.forms import BaseForm


class _NumberForm(BaseForm):
    number = IntegerField()


@pytest.mark.parametrize(
    ("locales", "expected"),
    [
        (("nl", "en", "nl"), ("Ongeldig getal.", "Not a valid integer value.", "Ongeldig getal.")),
        (("en", "nl"), ("Not a valid integer value.", "Ongeldig getal.")),
    ],
)
def test_the_built_in_messages_follow_the_locale_of_each_request(app, locales, expected):
    app.config["WTF_CSRF_ENABLED"] = False
    seen = []
    for locale in locales:
        with app.test_request_context("/", method="POST"), force_locale(locale):
            form = _NumberForm(formdata=MultiDict({"number": "twelve"}))
            assert not form.validate()
            seen.append(form.number.errors[0])
    assert tuple(seen) == expected
