"""What the needs-only check reports: the kinds of account content, a flag, the result."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from easyreport.translatable import N_


class Category(StrEnum):
    """A kind of content that belongs to the account of what happened, not to the client's needs."""

    DATE = "date"
    WEEKDAY_MONTH = "weekday_month"
    CLOCK_TIME = "clock_time"
    AGE_OF_OTHER = "age_of_other"
    ADDRESS_POSTCODE = "address_postcode"
    PLACE_NAME = "place_name"
    PERSONAL_NAME = "personal_name"
    MONEY = "money"
    EVENT_VERB = "event_verb"
    # Letters of two alphabets in one word: the usual way to hide a word from a check like this one.
    MIXED_SCRIPT = "mixed_script"


# A plain explanation per kind, for the counsellor who sees the marked words (domain.md §5.1).
EXPLANATIONS: dict[Category, str] = {
    Category.DATE: N_("A date or a moment in the past. The sheet never says when something happened."),
    Category.WEEKDAY_MONTH: N_("A day of the week or a month. The sheet never says when something happened."),
    Category.CLOCK_TIME: N_("A time of day. The sheet never says when something happened."),
    Category.AGE_OF_OTHER: N_("An age of a person. The sheet never describes other people."),
    Category.ADDRESS_POSTCODE: N_(
        "A street, an address or a postcode. The sheet never says where something happened."
    ),
    Category.PLACE_NAME: N_("A place, a station or a hotel. The sheet never says where something happened."),
    Category.PERSONAL_NAME: N_("A name or a nickname of a person. The sheet never says who was involved."),
    Category.MONEY: N_("An amount of money. The sheet never says what happened."),
    Category.EVENT_VERB: N_(
        "Words about what happened, such as violence or being forced. The sheet only describes needs."
    ),
    Category.MIXED_SCRIPT: N_(
        "Letters from different alphabets in one word. Type the word with normal letters."
    ),
}


@dataclass(frozen=True)
class Flag:
    """One stretch of the original text that looks like account content; ``text`` is text[start:end]."""

    start: int
    end: int
    text: str
    category: Category

    @property
    def explanation(self) -> str:
        """Return the msgid that explains this kind of flag to the counsellor."""
        return EXPLANATIONS[self.category]


@dataclass(frozen=True)
class NeedsCheckResult:
    """The flags found in one text, in text order, never overlapping."""

    flags: tuple[Flag, ...] = ()

    @property
    def ok(self) -> bool:
        """Return whether nothing was flagged."""
        return not self.flags

    @property
    def categories(self) -> tuple[Category, ...]:
        """Return the kinds of flag found, each once, in the order of the Category enum."""
        found = {flag.category for flag in self.flags}
        return tuple(category for category in Category if category in found)
