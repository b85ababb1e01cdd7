"""Decide which stored records have outlived their retention period (pure: the purge command deletes).

A record of a kind kept N days expires exactly N x 24 hours after its last change: at that moment and
later it is expired, one second earlier it is not. Every time must be timezone-aware; a naive one is
refused, because guessing its zone could purge a day early or keep data a day too long.

The purge command can filter in SQL with ``policy.cutoff(kind, now)`` (expired when last change <= cutoff)
and use ``is_expired`` / ``select_expired`` on loaded rows: both apply the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Protocol, TypeVar


class RecordKind(StrEnum):
    """Kinds of stored data with their own retention period."""

    PREPARATION = "preparation"  # answers, observations and consent, from the last change
    SHEET = "sheet"  # generated pre-briefing sheets and their shares
    STATEMENT = "statement"  # a spontaneous-statement note
    SESSION = "session"  # a login session, from the last activity


class RetentionError(ValueError):
    """A retention policy or a time given to it is not usable."""


class Retainable(Protocol):
    """Anything with a kind and the moment it last changed."""

    @property
    def kind(self) -> str:
        """Return the record kind, e.g. RecordKind.PREPARATION."""
        ...

    @property
    def last_changed(self) -> datetime:
        """Return when the record last changed (timezone-aware)."""
        ...


R = TypeVar("R", bound=Retainable)


@dataclass(frozen=True, slots=True)
class RetentionRecord:
    """A plain record to decide about: its kind, its id and when it last changed."""

    kind: str
    record_id: str
    last_changed: datetime


def _aware(moment: datetime, name: str) -> datetime:
    if not isinstance(moment, datetime):
        raise RetentionError(f"{name} must be a datetime")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise RetentionError(f"{name} must be timezone-aware (UTC), not naive")
    return moment


@dataclass(frozen=True)
class RetentionPolicy:
    """How many days each kind of record is kept after its last change."""

    days: Mapping[str, int]

    def __post_init__(self) -> None:
        checked: dict[str, int] = {}
        for kind, days in self.days.items():
            if not isinstance(kind, str) or not kind:
                raise RetentionError("a record kind must be a non-empty string")
            if isinstance(days, bool) or not isinstance(days, int) or days < 1:
                raise RetentionError(f"retention for {kind!r} must be a whole number of days, at least 1")
            checked[str(kind)] = days
        object.__setattr__(self, "days", MappingProxyType(checked))

    @classmethod
    def from_days(cls, **days: int) -> RetentionPolicy:
        """Build a policy from keyword arguments, e.g. from_days(preparation=30, session=1)."""
        return cls(days)

    def period(self, kind: str) -> timedelta:
        """Return how long a kind is kept; an unknown kind is an error, never "keep forever"."""
        try:
            return timedelta(days=self.days[kind])
        except KeyError:
            raise RetentionError(f"no retention period is configured for {kind!r}") from None

    def cutoff(self, kind: str, now: datetime) -> datetime:
        """Return the UTC moment at or before which a last change means the record is expired."""
        return _aware(now, "now").astimezone(UTC) - self.period(kind)

    def expires_at(self, kind: str, last_changed: datetime) -> datetime:
        """Return the UTC moment a record that last changed then becomes expired."""
        return _aware(last_changed, "last_changed").astimezone(UTC) + self.period(kind)

    def is_expired(self, kind: str, last_changed: datetime, now: datetime) -> bool:
        """Return True when the retention period has fully passed."""
        return _aware(last_changed, "last_changed") <= self.cutoff(kind, now)


def select_expired(records: Iterable[R], policy: RetentionPolicy, now: datetime) -> list[R]:
    """Return the records that are expired at now, in their original order."""
    return [record for record in records if policy.is_expired(record.kind, record.last_changed, now)]


def expired_by_kind(records: Iterable[R], policy: RetentionPolicy, now: datetime) -> dict[str, list[R]]:
    """Group the expired records by kind (for a purge report: counts, never contents)."""
    grouped: dict[str, list[R]] = {}
    for record in select_expired(records, policy, now):
        grouped.setdefault(record.kind, []).append(record)
    return grouped
