"""A tamper-evident hash chain of audit entries, as pure logic (no database).

Each entry carries the MAC of the entry before it (``prev_mac``) and its own MAC: HMAC-SHA256, under a key
kept outside the database, over a canonical JSON of its fields and ``prev_mac``. So whoever can write to the
database but does not hold the key cannot change, remove or reorder entries without ``verify`` naming the
entry where it happened. Deleting the newest entries leaves no trace inside the chain itself: compare the
head with a copy kept elsewhere (``expected_last_seq``).

Entries hold who, what, when and which object, as pseudonymous ids; never client content.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

CHAIN_FORMAT = 1
GENESIS_MAC = "0" * 64
MIN_KEY_BYTES = 32
MAX_METADATA_ITEMS = 12
MAX_METADATA_TEXT = 120

_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
_CODE = re.compile(r"[a-z][a-z0-9_]{0,39}")


class Action(StrEnum):
    """What happened; extend this list when a new kind of event is audited."""

    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGIN_STEP = "login_step"  # password right, second factor still to come
    LOGOUT = "logout"
    SHARE = "share"
    REVOKE = "revoke"
    VIEW_SHEET = "view_sheet"
    DOWNLOAD_PDF = "download_pdf"
    EXPORT_JSON = "export_json"
    CONSENT_CHANGE = "consent_change"
    STATEMENT_READ = "statement_read"
    PURGE = "purge"
    ACCOUNT_CHANGE = "account_change"
    KEY_ROTATION = "key_rotation"
    FEEDBACK = "feedback"  # an officer gave or changed feedback on a share; an interview date was set
    # The counsellor confirmed that free text the needs-only check flagged holds no account.
    TEXT_CONFIRMED = "text_confirmed"


_ACTIONS = frozenset(action.value for action in Action)


class AuditEntryError(ValueError):
    """An audit entry was built with a field that is not allowed (the message names the field)."""


class AuditKeyError(ValueError):
    """The audit MAC key configuration is malformed (the message never echoes key material)."""


@dataclass(frozen=True, slots=True)
class ChainEntry:
    """One audit entry; ``prev_mac`` and ``mac`` are filled in by ``seal``."""

    seq: int
    timestamp: str
    actor: str | None
    actor_role: str | None
    action: str
    object_type: str | None
    object_id: str | None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    prev_mac: str = ""
    mac: str = ""


class ProblemKind(StrEnum):
    """What verify found wrong at an entry."""

    ALTERED = "altered"  # the MAC does not match the entry's fields
    MISSING = "missing"  # entries before this one are gone (a gap in the sequence)
    LINK_BROKEN = "link_broken"  # prev_mac is not the MAC of the entry before: spliced or forked
    OUT_OF_ORDER = "out_of_order"  # the entry sits at the wrong place in the list
    DUPLICATE = "duplicate"  # a second entry with the same sequence number
    TRUNCATED = "truncated"  # the newest entries are gone


@dataclass(frozen=True, slots=True)
class VerificationProblem:
    """One finding of verify, for an operator's report (not shown to clients)."""

    seq: int
    kind: ProblemKind
    detail: str
    missing: tuple[int, int] | None = None


def parse_audit_key(text: str) -> bytes:
    """Decode the base64 audit MAC key from configuration; it must hold at least 32 bytes."""
    cleaned = text.strip().replace("-", "+").replace("_", "/")
    cleaned += "=" * (-len(cleaned) % 4)
    try:
        key = base64.b64decode(cleaned, validate=True)
    except (binascii.Error, ValueError):
        raise AuditKeyError("the audit key is not valid base64") from None
    if len(key) < MIN_KEY_BYTES:
        raise AuditKeyError(f"the audit key has {len(key)} bytes; it needs at least {MIN_KEY_BYTES}")
    return key


def utc_timestamp(moment: datetime | None = None) -> str:
    """Return a moment (default now) as the canonical UTC ISO text entries carry."""
    moment = datetime.now(UTC) if moment is None else moment
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise AuditEntryError("timestamp must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _check_id(name: str, value: str | int | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise AuditEntryError(f"{name} must be a pseudonymous id (str or int)")
    text = str(value)
    if not _ID.fullmatch(text):
        raise AuditEntryError(f"{name} must be 1-64 characters from A-Z, a-z, 0-9 and '_.:-'")
    return text


def _check_code(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _CODE.fullmatch(value):
        raise AuditEntryError(f"{name} must be a short lower-case code")
    return value


def _check_metadata(metadata: Mapping[str, Any] | None) -> Mapping[str, Any]:
    if metadata is None:
        return MappingProxyType({})
    if not isinstance(metadata, Mapping):
        raise AuditEntryError("metadata must be a mapping")
    if len(metadata) > MAX_METADATA_ITEMS:
        raise AuditEntryError(f"metadata holds at most {MAX_METADATA_ITEMS} items")
    for key, value in metadata.items():
        if not isinstance(key, str) or not _CODE.fullmatch(key):
            raise AuditEntryError("metadata keys must be short lower-case codes")
        # Scalars only, and short text: metadata is for ids, counts and codes, never client content.
        # Floats are refused because their text form is not canonical across platforms.
        if value is None or isinstance(value, bool | int):
            continue
        if isinstance(value, str) and len(value) <= MAX_METADATA_TEXT:
            continue
        raise AuditEntryError(
            f"metadata value for {key!r} must be None, a bool, an int or text of at most "
            f"{MAX_METADATA_TEXT} characters"
        )
    return MappingProxyType(dict(metadata))


def new_entry(
    *,
    seq: int,
    action: str,
    timestamp: str | datetime | None = None,
    actor: str | int | None = None,
    actor_role: str | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> ChainEntry:
    """Validate fields and return an unsealed entry."""
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise AuditEntryError("seq must be a positive int")
    if action not in _ACTIONS:
        raise AuditEntryError(f"action {action!r} is not a known audit action")
    if isinstance(timestamp, str):
        try:
            parsed = datetime.fromisoformat(timestamp)
        except ValueError:
            raise AuditEntryError("timestamp must be ISO 8601") from None
        if utc_timestamp(parsed) != timestamp:
            raise AuditEntryError("timestamp must be canonical UTC ISO text (use utc_timestamp())")
        stamp = timestamp
    else:
        stamp = utc_timestamp(timestamp)
    return ChainEntry(
        seq=seq,
        timestamp=stamp,
        actor=_check_id("actor", actor),
        actor_role=_check_code("actor_role", actor_role),
        action=str(action),
        object_type=_check_code("object_type", object_type),
        object_id=_check_id("object_id", object_id),
        metadata=_check_metadata(metadata),
    )


def canonical_bytes(entry: ChainEntry, prev_mac: str) -> bytes:
    """Return the exact bytes the MAC covers: sorted compact ASCII JSON of the fields and prev_mac."""
    document = {
        "format": CHAIN_FORMAT,
        "seq": entry.seq,
        "timestamp": entry.timestamp,
        "actor": entry.actor,
        "actor_role": entry.actor_role,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "metadata": dict(entry.metadata),
        "prev_mac": prev_mac,
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def compute_mac(entry: ChainEntry, prev_mac: str, key: bytes) -> str:
    """Return the hex HMAC-SHA256 of an entry chained to prev_mac (the entry's own MAC fields are ignored)."""
    if len(key) < MIN_KEY_BYTES:
        raise AuditKeyError(f"the audit key needs at least {MIN_KEY_BYTES} bytes")
    return hmac.new(key, canonical_bytes(entry, prev_mac), hashlib.sha256).hexdigest()


def seal(entry: ChainEntry, prev_mac: str, key: bytes) -> ChainEntry:
    """Return the entry with prev_mac and its MAC filled in."""
    return replace(entry, prev_mac=prev_mac, mac=compute_mac(entry, prev_mac, key))


def _in_order(seqs: Sequence[int]) -> list[bool]:
    """Mark the entries of one longest strictly increasing run (by seq, in list order) as in order.

    Whatever is not on that run is the smallest set of entries that were moved: one moved entry is
    reported once, however far it moved.
    """
    tails: list[int] = []  # tails[k]: seq at the end of the best run of length k + 1
    tail_index: list[int] = []
    parent = [-1] * len(seqs)
    for index, seq in enumerate(seqs):
        length = bisect_left(tails, seq)
        if length == len(tails):
            tails.append(seq)
            tail_index.append(index)
        else:
            tails[length] = seq
            tail_index[length] = index
        parent[index] = tail_index[length - 1] if length else -1
    keep = [False] * len(seqs)
    index = tail_index[-1] if tail_index else -1
    while index != -1:
        keep[index] = True
        index = parent[index]
    return keep


def verify(
    entries: Iterable[ChainEntry],
    key: bytes,
    *,
    after: ChainEntry | None = None,
    expected_last_seq: int | None = None,
) -> list[VerificationProblem]:
    """Check a chain in list order and return every problem, naming the entry where it shows.

    ``after`` is the last already-verified entry before this batch (for checking a long log in pages);
    without it the chain must start at seq 1 from the genesis MAC.
    """
    listed = list(entries)
    problems: list[VerificationProblem] = []

    altered: set[int] = set()
    if after is not None and not hmac.compare_digest(
        compute_mac(after, after.prev_mac, key).encode(), str(after.mac).encode()
    ):
        altered.add(id(after))  # reported with the page it belongs to; only its links are skipped here
    for entry in listed:
        expected = compute_mac(entry, entry.prev_mac, key)
        if not hmac.compare_digest(expected.encode(), str(entry.mac).encode()):
            altered.add(id(entry))
            problems.append(
                VerificationProblem(entry.seq, ProblemKind.ALTERED, "the MAC does not match the entry")
            )

    counts = Counter(entry.seq for entry in listed)
    by_seq: dict[int, ChainEntry] = {}
    for entry, in_order in zip(listed, _in_order([e.seq for e in listed]), strict=True):
        if entry.seq in by_seq or (after is not None and entry.seq <= after.seq):
            problems.append(
                VerificationProblem(
                    entry.seq, ProblemKind.DUPLICATE, "another entry has this sequence number"
                )
            )
        elif not in_order and counts[entry.seq] == 1:
            problems.append(
                VerificationProblem(entry.seq, ProblemKind.OUT_OF_ORDER, "the entry is listed out of order")
            )
        by_seq.setdefault(entry.seq, entry)

    # Links are checked between entries whose own MACs hold: an altered entry is reported once, as
    # altered, and not again as the broken link it also causes.
    previous: ChainEntry | None = after
    previous_seq, previous_mac = (after.seq, after.mac) if after is not None else (0, GENESIS_MAC)
    for seq in sorted(by_seq):
        entry = by_seq[seq]
        if seq <= previous_seq:
            continue  # already reported as a duplicate of the anchor
        if seq > previous_seq + 1:
            first_missing, last_missing = previous_seq + 1, seq - 1
            problems.append(
                VerificationProblem(
                    seq,
                    ProblemKind.MISSING,
                    f"entries {first_missing} to {last_missing} before this one are missing",
                    (first_missing, last_missing),
                )
            )
        elif (
            id(entry) not in altered
            and (previous is None or id(previous) not in altered)
            and not hmac.compare_digest(str(entry.prev_mac).encode(), previous_mac.encode())
        ):
            problems.append(
                VerificationProblem(
                    seq, ProblemKind.LINK_BROKEN, "prev_mac is not the MAC of the entry before it"
                )
            )
        previous, previous_seq, previous_mac = entry, seq, str(entry.mac)

    if expected_last_seq is not None and previous_seq < expected_last_seq:
        problems.append(
            VerificationProblem(
                previous_seq,
                ProblemKind.TRUNCATED,
                f"the chain ends at {previous_seq} but should reach {expected_last_seq}",
                (previous_seq + 1, expected_last_seq),
            )
        )
    order = list(ProblemKind)
    problems.sort(key=lambda problem: (problem.seq, order.index(problem.kind)))
    return problems
