"""The shape of a recommendation rule: its condition over need ids, its kind, its text and its place on the sheet.

Where a rule goes on the sheet:
- ``arrange`` names a topic of the "arrange before the interview" block on page one (ARRANGE_TOPICS): things
  someone must organise beforehand (a female interviewer, an interpreter, the room, the session length and
  breaks, how to contact the person, a lawyer, what happens afterwards). Such a rule is never in the top three
  or the do's and don'ts: it is printed once, in that block.
- ``warning`` puts the rule in the safety warning on page one.
- every other rule is questioning advice: the top three, then the grouped do's and don'ts.

How rules that fire together are reconciled (rules.resolve):
- ``supersedes``: rule ids this rule replaces when both fire; the more specific rule wins ("plan a break
  at least every 30 minutes" replaces "plan one or two breaks").
- ``conflicts``: rule ids that must never print next to this one (either side may declare it); the rule
  with the higher priority (then the lower id) is kept.
Every field has a default, so rules defined in other data files need not name any of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from easyreport.translatable import N_


class Kind(StrEnum):
    """Whether a recommendation tells the officer to do or to avoid something."""

    DO = "do"
    DONT = "dont"


@dataclass(frozen=True)
class Condition:
    """When a rule fires: always, or over need ids (any_of and/or all_of)."""

    any_of: frozenset[str] = field(default_factory=frozenset)
    all_of: frozenset[str] = field(default_factory=frozenset)
    always: bool = False

    def __post_init__(self) -> None:
        if self.always == bool(self.any_of or self.all_of):
            raise ValueError("A condition is either 'always' or names need ids, not both or neither.")

    def holds(self, needs: Iterable[str]) -> bool:
        """Return whether the condition is met by these needs."""
        if self.always:
            return True
        present = set(needs)
        if self.all_of and not self.all_of <= present:
            return False
        return not self.any_of or bool(self.any_of & present)

    def matched(self, needs: Iterable[str]) -> frozenset[str]:
        """Return the need ids that made the condition hold (empty for 'always')."""
        return (self.any_of | self.all_of) & set(needs)

    @property
    def need_ids(self) -> frozenset[str]:
        """Return every need id the condition names."""
        return self.any_of | self.all_of

    def describe(self) -> str:
        """Describe the condition for a reviewer, e.g. 'any of: a, b + all of: c'."""
        if self.always:
            return "always"
        parts = []
        if self.any_of:
            parts.append("any of: " + ", ".join(sorted(self.any_of)))
        if self.all_of:
            parts.append("all of: " + ", ".join(sorted(self.all_of)))
        return " + ".join(parts)


ALWAYS = Condition(always=True)

# The topics of "arrange before the interview" on page one, in the order printed.
ARRANGE_TOPICS: dict[str, str] = {
    "interview": N_("Kind of interview"),
    "interviewer": N_("Interviewer"),
    "interpreter": N_("Interpreter"),
    "support": N_("Support person"),
    "room": N_("Room"),
    "session": N_("Session length and breaks"),
    "contact": N_("Contact with the person"),
    "lawyer": N_("Lawyer"),
    "aftercare": N_("After the interview"),
}


def any_of(*need_ids: str) -> Condition:
    """Build a condition that holds when at least one of the needs is present."""
    return Condition(any_of=frozenset(need_ids))


def all_of(*need_ids: str) -> Condition:
    """Build a condition that holds when every one of the needs is present."""
    return Condition(all_of=frozenset(need_ids))


@dataclass(frozen=True)
class Rule:
    """One recommendation rule: when it fires and what the officer reads."""

    id: str
    when: Condition
    kind: Kind
    text: str  # an N_ msgid: imperative, officer-facing
    priority: int  # 1 = highest; orders the "read this first" box
    section: str  # the sheet section the advice belongs to
    source: str  # short citation, see domain.md §3
    pair: int | None = None  # the row of domain.md §3 the rule implements, if any
    supersedes: frozenset[str] = frozenset()  # rule ids this one replaces when both fire
    conflicts: frozenset[str] = frozenset()  # rule ids that never print together with this one
    arrange: str | None = None  # an ARRANGE_TOPICS id: printed in "arrange before the interview"
    warning: bool = False  # printed in the safety warning on page one

    def __post_init__(self) -> None:
        if self.arrange is not None and self.arrange not in ARRANGE_TOPICS:
            raise ValueError(f"{self.id}: unknown arrange topic {self.arrange!r}")
        if self.arrange is not None and self.warning:
            raise ValueError(f"{self.id}: a rule is either arranged beforehand or a warning, not both")
        if self.id in self.supersedes or self.id in self.conflicts:
            raise ValueError(f"{self.id}: a rule cannot supersede or conflict with itself")

    @property
    def questioning(self) -> bool:
        """Return whether the rule is advice for the questioning itself (top three, do's and don'ts)."""
        return self.arrange is None and not self.warning

    def clashes_with(self, other: Rule) -> bool:
        """Return whether the two rules must not print together (declared on either side)."""
        return other.id in self.conflicts or self.id in other.conflicts


@dataclass(frozen=True)
class Recommendation:
    """A rule that fired, with the needs that made it fire."""

    rule: Rule
    because: frozenset[str]

    @property
    def id(self) -> str:
        """Return the rule id."""
        return self.rule.id
