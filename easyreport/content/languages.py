"""The languages a counsellor can choose for the interpreter, each by its own name and by its Dutch name.

The counsellor chooses with the client, so each language shows as the client knows it ("Polski") next to the
name the officer reads ("Pools" in Dutch; ``name`` is the English msgid). Sign language of the Netherlands is on
the list as a language of its own. "Something else" takes a short typed name, which passes the needs-only check
like every typed field (briefing/free_text.py: ``interpreter_language_other``).
"""

from __future__ import annotations

from dataclasses import dataclass

from easyreport.translatable import N_

OTHER_LANGUAGE = "other"
SIGN_LANGUAGE = "dse"  # ISO 639-3 for Sign Language of the Netherlands (NGT)


@dataclass(frozen=True)
class Language:
    """One language: a stable code, its own name and its name for the officer (an English msgid)."""

    code: str
    own_name: str
    name: str


LANGUAGES: tuple[Language, ...] = (
    Language("ar", "العربية", N_("Arabic")),
    Language("pl", "Polski", N_("Polish")),
    Language("ro", "Română", N_("Romanian")),
    Language("bg", "Български", N_("Bulgarian")),
    Language("uk", "Українська", N_("Ukrainian")),
    Language("ti", "ትግርኛ", N_("Tigrinya")),
    Language("so", "Soomaali", N_("Somali")),
    Language("tr", "Türkçe", N_("Turkish")),
    Language("es", "Español", N_("Spanish")),
    Language("pt", "Português", N_("Portuguese")),
    Language("hu", "Magyar", N_("Hungarian")),
    Language("zh", "中文", N_("Chinese")),
    Language("vi", "Tiếng Việt", N_("Vietnamese")),
    Language("pcm", "Naijá", N_("Nigerian Pidgin")),
    Language("en", "English", N_("English")),
    Language("fr", "Français", N_("French")),
    Language("ru", "Русский", N_("Russian")),
    Language("fa", "فارسی", N_("Persian (Farsi)")),
    Language("prs", "دری", N_("Dari")),
    Language("ku", "Kurdî", N_("Kurdish")),
    Language("am", "አማርኛ", N_("Amharic")),
    Language("sq", "Shqip", N_("Albanian")),
    Language(SIGN_LANGUAGE, "Nederlandse Gebarentaal", N_("Sign language of the Netherlands (NGT)")),
)
# Translators: the last choice of the interpreter's language list; a short name is typed next to it.
OTHER_LANGUAGE_LABEL = N_("Something else")

BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}
CODES: frozenset[str] = frozenset(BY_CODE) | {OTHER_LANGUAGE}


def known_language(code: str | None) -> str | None:
    """Return the code when it is on the list (or "other"), else None."""
    return code if code in CODES else None
