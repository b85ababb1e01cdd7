"""Languages: Dutch by default, English on request; the choice is kept in the session."""

from __future__ import annotations

from flask import Flask, current_app, session
from flask_babel import get_locale

from easyreport.extensions import babel

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
RTL_LOCALES: frozenset[str] = frozenset()  # none yet; kept so <html dir> stays right when one is added


def select_locale() -> str:
    """The session's language if it is one we offer, else the default."""
    languages: tuple[str, ...] = current_app.config["LANGUAGES"]
    chosen = session.get("locale")
    return chosen if chosen in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def text_direction() -> str:
    """Return 'rtl' or 'ltr' for the current locale."""
    return "rtl" if str(get_locale()) in RTL_LOCALES else "ltr"


def init_i18n(app: Flask, translations_dir: str) -> None:
    """Bind Flask-Babel and expose the locale helpers to templates."""
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = translations_dir
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals.update(
        get_locale=get_locale, text_direction=text_direction, language_names=LANGUAGE_NAMES
    )
