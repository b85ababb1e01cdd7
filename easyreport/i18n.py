"""Languages: Dutch by default, English on request; the choice is kept in the session.

Staff pages are Dutch or English (config LANGUAGES). In client mode the session may also hold one of the
enabled client-only languages (easyreport/client_languages.py): their catalogues hold only the client-facing
strings, which is all a client can reach while the device is locked to the client's screens.
"""

from __future__ import annotations

from flask import Flask, current_app, session
from flask_babel import get_locale

from easyreport import catalogue_lookup
from easyreport.auth import CLIENT_MODE_KEY
from easyreport.client_languages import ALL_LANGUAGES, RTL_CODES, client_codes
from easyreport.extensions import babel

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
RTL_LOCALES: frozenset[str] = RTL_CODES
# Pictograms whose direction means something (back, go on): mirrored in a right-to-left language.
MIRRORED_PICTOGRAMS = frozenset({"back_arrow", "play"})
OWN_NAMES = {code: language.own_name for code, language in ALL_LANGUAGES.items()}


def offered_client_locales() -> tuple[str, ...]:
    """Return the languages a client may use here: the staff languages and the enabled client-only ones."""
    return client_codes(tuple(current_app.config["LANGUAGES"]))


def select_locale() -> str:
    """The session's language if it is one we offer, else the default (client-only languages in client mode)."""
    languages: tuple[str, ...] = current_app.config["LANGUAGES"]
    chosen = session.get("locale")
    if chosen in languages:
        return str(chosen)
    if session.get(CLIENT_MODE_KEY) is not None and chosen in offered_client_locales():
        return str(chosen)
    return str(current_app.config["BABEL_DEFAULT_LOCALE"])


def text_direction() -> str:
    """Return 'rtl' or 'ltr' for the current locale."""
    return "rtl" if str(get_locale()) in RTL_LOCALES else "ltr"


def init_i18n(app: Flask, translations_dir: str) -> None:
    """Bind Flask-Babel and expose the locale helpers to templates."""
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = translations_dir
    babel.init_app(app, locale_selector=select_locale)
    catalogue_lookup.install(app)  # in place of Flask-Babel's lookups, which find the catalogue per string
    app.jinja_env.globals.update(
        get_locale=get_locale,
        text_direction=text_direction,
        language_names=LANGUAGE_NAMES,
        own_language_names=OWN_NAMES,
        mirrored_pictograms=MIRRORED_PICTOGRAMS,
    )
