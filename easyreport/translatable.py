"""Mark strings for translation in data modules, and translate outside a request.

Content modules (questions, options, rules) must not import Flask, so they mark their
English source text with ``N_``; pybabel extracts it (``-k N_``) and views translate it
at render time with ``gettext``. Code that runs outside a request (speech pre-generation,
PDF rendering for a forced locale) uses ``translate``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.support import NullTranslations, Translations

from easyreport.paths import TRANSLATIONS_DIR


def N_(message: str) -> str:
    """Mark a message for extraction without translating it."""
    return message


@cache
def _catalog(locale: str, directory: Path = TRANSLATIONS_DIR) -> NullTranslations:
    return Translations.load(str(directory), [locale])


def translate(message: str, locale: str) -> str:
    """Translate a marked message into a locale, falling back to the source text."""
    return _catalog(locale).gettext(message)
