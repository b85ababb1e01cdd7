"""The languages a client can use: Dutch and English (all pages) and the client-only languages.

Staff pages stay Dutch and English (config LANGUAGES). The client-only languages have catalogues that hold only
the client-facing strings (babel-client.cfg, translations/client.pot). A language is offered only when it is
``enabled``, and it may be enabled only when its catalogue is complete (tests/test_client_translations.py fails
otherwise). ``reviewed`` says whether a native speaker has checked the translation; while it is False the
counsellor sees a note when starting client mode, and ``flask content language`` says so.

Translation status is data: change it here, in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Final

from easyreport.translatable import N_


@dataclass(frozen=True)
class ClientLanguage:
    """One language for the client's screens."""

    code: str
    own_name: str  # the language's name in its own script, as the client sees it
    english_name: str  # msgid of the name in the staff languages (translated on staff pages and the sheet)
    voice: str  # espeak-ng voice id as pyttsx3 reports it
    rtl: bool = False
    enabled: bool = False  # offered to counsellors and clients; only with a complete catalogue
    reviewed: bool = False  # checked by a native speaker


# Dutch and English are complete for every page (translations/messages.pot); they were written by the team.
STAFF_LANGUAGES: Final = (
    ClientLanguage("nl", "Nederlands", N_("Dutch"), "gmw/nl", enabled=True, reviewed=True),
    ClientLanguage("en", "English", N_("English"), "gmw/en", enabled=True, reviewed=True),
)

# Client-only languages, in the order of the choice screen.
CLIENT_ONLY_LANGUAGES: Final = (
    ClientLanguage("ar", "العربية", N_("Arabic"), "sem/ar", rtl=True, enabled=True),
    ClientLanguage("uk", "Українська", N_("Ukrainian"), "zle/uk", enabled=True),
    ClientLanguage("pl", "Polski", N_("Polish"), "zlw/pl", enabled=True),
    ClientLanguage("ro", "Română", N_("Romanian"), "roa/ro", enabled=True),
    ClientLanguage("bg", "Български", N_("Bulgarian"), "zls/bg", enabled=True),
)

ALL_LANGUAGES: Final = MappingProxyType(
    {language.code: language for language in STAFF_LANGUAGES + CLIENT_ONLY_LANGUAGES}
)
CLIENT_ONLY_CODES: Final = tuple(language.code for language in CLIENT_ONLY_LANGUAGES)
RTL_CODES: Final = frozenset(language.code for language in ALL_LANGUAGES.values() if language.rtl)


def client_languages(staff_codes: tuple[str, ...] = ("nl", "en")) -> tuple[ClientLanguage, ...]:
    """Return the languages a client may use: the staff languages first, then the enabled client-only ones."""
    staff = tuple(ALL_LANGUAGES[code] for code in staff_codes if code in ALL_LANGUAGES)
    return staff + tuple(language for language in CLIENT_ONLY_LANGUAGES if language.enabled)


def client_codes(staff_codes: tuple[str, ...] = ("nl", "en")) -> tuple[str, ...]:
    """Return the codes of client_languages()."""
    return tuple(language.code for language in client_languages(staff_codes))


def pick(code: str | None, fallback: str, staff_codes: tuple[str, ...] = ("nl", "en")) -> tuple[str, bool]:
    """Return (code, True) when the code is a language the client may use, else (fallback, False)."""
    if code in client_codes(staff_codes):
        return str(code), True
    return fallback, False


def needs_review_note(code: str) -> bool:
    """Return True when the language's translation has not been checked by a native speaker."""
    language = ALL_LANGUAGES.get(code)
    return language is not None and not language.reviewed


def language_status(code: str) -> str:
    """Return one line about a language: enabled or not, and whether a native speaker reviewed it."""
    language = ALL_LANGUAGES[code]
    offered = "enabled" if language.enabled else "not enabled (translation not complete)"
    checked = (
        "reviewed by a native speaker"
        if language.reviewed
        else "NOT reviewed by a native speaker: machine-assisted translation, have it checked"
    )
    return f"{code} {language.own_name} ({language.english_name}): {offered}; {checked}"


def client_catalogue(code: str, translations: Path | None = None) -> tuple[int, int, Callable[[str], str]]:
    """Return (translated, total, translator) for a client-only language; the translator gives "" when missing."""
    from babel.messages.pofile import read_po

    from easyreport.paths import TRANSLATIONS_DIR

    po = (translations or TRANSLATIONS_DIR) / code / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    strings = {
        str(message.id): str(message.string)
        for message in catalog
        if isinstance(message.id, str) and message.id and message.string and "fuzzy" not in message.flags
    }
    total = sum(1 for message in catalog if message.id)
    return len(strings), total, lambda msgid: strings.get(msgid, "")
