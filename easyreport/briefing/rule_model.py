"""The shape of a recommendation rule: its condition over need ids, its kind and its text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


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


@dataclass(frozen=True)
class Recommendation:
    """A rule that fired, with the needs that made it fire."""

    rule: Rule
    because: frozenset[str]

    @property
    def id(self) -> str:
        """Return the rule id."""
        return self.rule.id
