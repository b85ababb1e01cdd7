"""The base form every easyreport form extends."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm


def strip_nul(value: Any) -> Any:
    """Drop NUL characters: PostgreSQL refuses them even as bound parameters."""
    return value.replace("\x00", "") if isinstance(value, str) else value


class BaseForm(FlaskForm):
    """A CSRF-protected form that cleans every field's input."""

    class Meta:
        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
            filters = [strip_nul, *unbound_field.kwargs.get("filters", [])]
            field = unbound_field.bind(form=form, filters=filters, **options)
            if options.get("name") == "csrf_token":
                # Rendered without id="csrf_token": a page with two forms would hold that id twice.
                field.render_kw = {**(field.render_kw or {}), "id": False}
            return field
