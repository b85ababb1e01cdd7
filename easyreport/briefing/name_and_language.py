"""How to address the person and in which language: the name they want to be called and the interpreter's language.

A builder input and a part of the sheet (no Flask). The preferred name belongs to the communication section
and the interpreter's language to the practical matters (output_fields.INPUTS): a withheld section takes its
part with it. Both typed values pass the needs-only check before they are saved (free_text.FREE_TEXT_FIELDS).
"""

from __future__ import annotations

from dataclasses import dataclass

from easyreport.content.languages import BY_CODE, OTHER_LANGUAGE, SIGN_LANGUAGE
from easyreport.translatable import N_

# Translators: on the officer's sheet, the name the client wants to be called.
PREFERRED_NAME = N_("Wants to be called")
# Translators: on the officer's sheet, the language for the interpreter.
INTERPRETER_LANGUAGE = N_("Language for the interpreter")


@dataclass(frozen=True)
class NameAndLanguage:
    """The preferred name (typed), the interpreter's language (a code from the list) and a typed other language."""

    preferred_name: str = ""
    interpreter_language: str = ""  # a content.languages code, "other", or "" when not given
    interpreter_language_other: str = ""  # only with "other"

    def __post_init__(self) -> None:
        if self.interpreter_language and self.interpreter_language not in BY_CODE | {OTHER_LANGUAGE: None}:
            object.__setattr__(self, "interpreter_language", "")  # a code this version does not know
        if self.interpreter_language != OTHER_LANGUAGE:
            object.__setattr__(self, "interpreter_language_other", "")

    @property
    def language_label(self) -> str:
        """Return the msgid of the language's name for the officer, or "" for none or a typed language."""
        language = BY_CODE.get(self.interpreter_language)
        return language.name if language is not None else ""

    @property
    def language_own_name(self) -> str:
        """Return the language's own name ("Polski"), or ""."""
        language = BY_CODE.get(self.interpreter_language)
        return language.own_name if language is not None else ""

    def needs(self) -> dict[str, set[str]]:
        """Return the needs the language signals, by section: an interpreter, or a sign language interpreter."""
        if not self.interpreter_language:
            return {}
        if self.interpreter_language == SIGN_LANGUAGE:
            return {"practical": {"sign_language"}}
        return {"practical": {"interpreter"}}


def name_and_language_json(value: NameAndLanguage, locale: str) -> dict[str, object]:
    """Return the part as JSON-ready data: empty strings and null mean "not given" (or withheld)."""
    from easyreport.translatable import translate

    code = value.interpreter_language
    return {
        "preferred_name": value.preferred_name,
        "interpreter_language": None
        if not code
        else {
            "id": code,
            "text": translate(value.language_label, locale) if value.language_label else "",
            "own_name": value.language_own_name,
        },
        "interpreter_language_other": value.interpreter_language_other,
    }
