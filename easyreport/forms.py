"""The base form every easyreport form extends."""

from __future__ import annotations

from functools import cache
from typing import Any

from babel import support
from flask import current_app, has_request_context
from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms.i18n import messages_path


def strip_nul(value: Any) -> Any:
    """Drop NUL characters: PostgreSQL refuses them even as bound parameters."""
    return value.replace("\x00", "") if isinstance(value, str) else value


@cache
def _wtforms_translations(locale: str) -> support.NullTranslations:
    """WTForms' own messages in one language, read once per process (Flask-WTF reads the file per request)."""
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class BaseForm(FlaskForm):
    """A CSRF-protected form that cleans every field's input."""

    class Meta:
        def get_translations(self, form: Any) -> Any:
            if not has_request_context() or not current_app.config.get("WTF_I18N_ENABLED", True):
                return FlaskForm.Meta.get_translations(self, form)
            return _wtforms_translations(str(get_locale()))

        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
            filters = [strip_nul, *unbound_field.kwargs.get("filters", [])]
            field = unbound_field.bind(form=form, filters=filters, **options)
            if options.get("name") == "csrf_token":
                # Rendered without id="csrf_token": a page with two forms would hold that id twice.
                field.render_kw = {**(field.render_kw or {}), "id": False}
            return field
