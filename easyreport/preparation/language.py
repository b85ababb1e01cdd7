"""The client's language in the preparation pages: the notes a counsellor sees about it."""

from __future__ import annotations

from easyreport.catalogue_lookup import gettext as _
from easyreport.client_languages import ALL_LANGUAGES, needs_review_note

DEFAULT_CLIENT_LOCALE = "nl"


def language_name(code: str) -> str:
    """Return the language's name in the staff language ("Arabisch"), never in the client's own script."""
    language = ALL_LANGUAGES.get(code)
    return _(language.english_name) if language is not None else code


def unknown_language_note(kept: str) -> str:
    """Say that a language code was not one on offer, and which language the client screens use instead."""
    return _(
        "That language is not offered. The client screens stay in %(language)s.", language=language_name(kept)
    )


def review_note(code: str) -> str | None:
    """The counsellor's note when a language's translation has not been checked by a native speaker."""
    if not needs_review_note(code):
        return None
    return _(
        "The %(language)s texts have not been checked by a native speaker yet. Stay close and check that the client "
        "understands them.",
        language=language_name(code),
    )
