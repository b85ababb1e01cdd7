"""The free-text values that can reach an output, and the rule that none does unchecked (no Flask).

Every free-text value passes the needs-only check (easyreport.needs_check). A flagged value is only
used once the counsellor confirms that it holds no account; the confirmation is stored with a digest
of the exact value, so changing the text needs a new check. Values saved before the check existed are
checked when the sheet is next built (``unchecked_fields``).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from easyreport.needs_check import Category, NeedsCheckResult, check_text

# The contact name and the client's pseudonym or name are names by purpose: a name is no flag there.
NAME_FIELDS = frozenset({Category.PERSONAL_NAME})


@dataclass(frozen=True)
class FreeTextField:
    """One free-text field of the sheet settings that reaches the sheet."""

    name: str
    max_length: int
    expected: frozenset[Category] = frozenset()


FREE_TEXT_FIELDS: dict[str, FreeTextField] = {
    "identification_value": FreeTextField("identification_value", 80, NAME_FIELDS),
    "contact_name": FreeTextField("contact_name", 80, NAME_FIELDS),
    # The lawyer's name, office and phone (suspect.LAWYER_CONTACT_MAX): a name is the point here too.
    "lawyer_contact": FreeTextField("lawyer_contact", 200, NAME_FIELDS),
    # The name the client wants to be called (communication) and a language not on the list (practical).
    "preferred_name": FreeTextField("preferred_name", 40, NAME_FIELDS),
    "interpreter_language_other": FreeTextField("interpreter_language_other", 60),
}
# The phone number is no free text: it may hold only digits, spaces and + - ( ) (service.valid_phone).


class TextProblem(StrEnum):
    """Why a typed value is refused before it is checked at all."""

    TOO_LONG = "too_long"
    HIDDEN_CHARACTERS = "hidden_characters"
    MARKUP = "markup"


class UncheckedText(Exception):
    """A free-text value that is neither clean nor confirmed would reach an output."""

    def __init__(self, fields: tuple[str, ...]) -> None:
        super().__init__(", ".join(fields))
        self.fields = fields


def problem(raw: str, field: FreeTextField) -> TextProblem | None:
    """Return why a typed value cannot be taken at all, or None."""
    if len(raw) > field.max_length:
        return TextProblem.TOO_LONG
    # NUL, other control characters and invisible format characters (zero-width, bidi) hide text.
    if any(unicodedata.category(char) in {"Cc", "Cf", "Cs"} for char in raw):
        return TextProblem.HIDDEN_CHARACTERS
    if "<" in raw or ">" in raw:
        return TextProblem.MARKUP
    return None


def check_value(value: str, field: FreeTextField, locale: str) -> NeedsCheckResult:
    """Run the needs-only check for one field's value."""
    return check_text(value, locale, expected=field.expected)


def confirmable(result: NeedsCheckResult) -> bool:
    """Return whether the counsellor may confirm a flagged value; letters of mixed alphabets must be retyped."""
    return Category.MIXED_SCRIPT not in result.categories


def digest(value: str) -> str:
    """Return a digest of a value, to bind a confirmation to exactly the text that was shown."""
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def check_record(value: str, result: NeedsCheckResult, *, confirmed: bool) -> dict[str, Any]:
    """Return what is stored about a saved value: checked, clean or confirmed, for this exact text."""
    return {"digest": digest(value), "clean": result.ok, "confirmed": bool(confirmed and not result.ok)}


def usable(value: str, field: FreeTextField, record: Mapping[str, Any] | None, locale: str) -> bool:
    """Return whether a stored value may reach an output: empty, clean now, or confirmed as it is."""
    if not value:
        return True
    result = check_value(value, field, locale)
    if result.ok:
        return True
    return bool(
        record and record.get("confirmed") and record.get("digest") == digest(value) and confirmable(result)
    )


def unchecked_fields(
    values: Mapping[str, str], records: Mapping[str, Any] | None, locale: str
) -> tuple[str, ...]:
    """Return the fields whose stored value may not reach an output, in FREE_TEXT_FIELDS order."""
    records = records or {}
    return tuple(
        name
        for name, field in FREE_TEXT_FIELDS.items()
        if not usable(values.get(name, ""), field, records.get(name), locale)
    )
