"""gettext with the current catalogue found once per language per request, for templates and Python code.

Python code uses ``gettext`` (no view needs plurals or contexts yet); templates get all four forms.

Flask-Babel looks the catalogue up again on every call: the request's Babel state through ``flask.g``
three times, the domain, the locale and its name, then its cache. That is tens of microseconds per string,
and a sheet renders some seven hundred strings: a profile of the consent differential test put 42 % of
its time there, and 6-8 % of a page's. Here the catalogue Flask-Babel returns is remembered on the same
request state, next to the locale object it was found for. ``force_locale`` and ``refresh`` replace or
remove that locale object, so any change of language makes the next call look the catalogue up again.

The texts are Flask-Babel's own: the same catalogue object, the same ``%`` formatting. Lazy strings
(``lazy_gettext``) still go through Flask-Babel, when they are turned into text.
"""

from __future__ import annotations

from typing import Any

from babel import support
from flask import Flask, g
from flask_babel import get_translations
from jinja2.runtime import Context
from jinja2.utils import pass_context
from markupsafe import Markup

_NULL = support.NullTranslations()
_MEMO = "easyreport_catalogue"  # attribute on Flask-Babel's per-request namespace
_STATE = "_flask_babel"  # where Flask-Babel keeps that namespace on ``g``


def current_translations() -> support.NullTranslations:
    """The catalogue Flask-Babel would use now; NullTranslations outside an application context."""
    if not g:
        return _NULL
    state = vars(g._get_current_object()).get(_STATE)
    if state is not None:
        memo = getattr(state, _MEMO, None)
        locale = getattr(state, "babel_locale", None)
        domain = getattr(state, "babel_domain", None)
        if memo is not None and locale is not None and memo[0] is locale and memo[1] is domain:
            return memo[2]
    translations = get_translations()  # chooses the locale (and makes the namespace) when not yet done
    state = vars(g._get_current_object()).get(_STATE)
    if state is not None:
        setattr(
            state,
            _MEMO,
            (getattr(state, "babel_locale", None), getattr(state, "babel_domain", None), translations),
        )
    return translations


def gettext(string: str, **variables: Any) -> str:
    """Translate ``string`` into the current language, then fill in ``variables`` (as flask_babel.gettext)."""
    text: str = current_translations().ugettext(string)
    return text if not variables else text % variables


def _formatted(context: Context, text: str, variables: dict[str, Any]) -> str:
    """As Jinja's new-style gettext: Markup when autoescaping, and always a format string.

    The catalogue's texts are trusted markup, as Jinja treats them; the values put into them are escaped.
    """
    if context.eval_ctx.autoescape:
        if not variables and "%" not in text:
            return Markup(text)  # noqa: S704 - what Markup(text) % {} gives, without formatting
        return Markup(text) % variables  # noqa: S704
    return text % variables


@pass_context
def _template_gettext(context: Context, string: str, **variables: Any) -> str:
    return _formatted(context, current_translations().ugettext(string), variables)


@pass_context
def _template_ngettext(context: Context, singular: str, plural: str, num: int, **variables: Any) -> str:
    variables.setdefault("num", num)
    return _formatted(context, current_translations().ungettext(singular, plural, num), variables)


@pass_context
def _template_pgettext(context: Context, string_context: str, string: str, **variables: Any) -> str:
    variables.setdefault("context", string_context)
    return _formatted(context, current_translations().upgettext(string_context, string), variables)


@pass_context
def _template_npgettext(
    context: Context, string_context: str, singular: str, plural: str, num: int, **variables: Any
) -> str:
    variables.setdefault("context", string_context)
    variables.setdefault("num", num)
    text = current_translations().unpgettext(string_context, singular, plural, num)
    return _formatted(context, text, variables)


def install(app: Flask) -> None:
    """Give the app's templates these lookups, in place of the ones Flask-Babel's init_app installed.

    They behave as Jinja's new-style gettext (jinja2.ext._make_new_gettext and its siblings) around
    Flask-Babel's lookups, in one call: Jinja's way makes three (``_`` resolves ``gettext`` at each call,
    which calls the lookup through the template context), a third of a sheet's rendering.
    """
    env = app.jinja_env
    env.newstyle_gettext = True  # type: ignore[attr-defined]  # how {% trans %} blocks are compiled
    env.globals.update(
        _=_template_gettext,
        gettext=_template_gettext,
        ngettext=_template_ngettext,
        pgettext=_template_pgettext,
        npgettext=_template_npgettext,
    )
