"""The audit chain's head, anchored outside the database in an HMAC-signed file (no Flask).

The chain's MACs show altered or removed entries in the middle, but not the newest entries removed from the
end: a shorter chain is still a valid chain. So after every commit that appended entries, the newest
sequence number and MAC are written, signed with the audit key, to a file outside the database.
`flask audit verify` then knows how far the chain must reach. The head only moves forward, and only along
the chain it already vouches for: a chain cut short and regrown does not move it.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("easyreport.audit.head")
_DOMAIN = b"easyreport-audit-head\x00"
SESSION_KEY = "easyreport.audit_appended"


class HeadFileError(ValueError):
    """The head file is unreadable or its signature does not hold (the message says which)."""


@dataclass(frozen=True)
class ChainHead:
    """The newest entry the anchor vouches for."""

    seq: int
    mac: str


@dataclass(frozen=True)
class Appended:
    """One entry appended in a transaction, as the head writer needs it."""

    seq: int
    mac: str
    prev_mac: str


def _signature(head: ChainHead, key: bytes) -> str:
    return hmac.new(key, _DOMAIN + f"{head.seq}:{head.mac}".encode(), hashlib.sha256).hexdigest()


def read_head(path: Path, key: bytes) -> ChainHead | None:
    """Return the signed head, None when there is no file yet; HeadFileError when it cannot be trusted."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw)
        head = ChainHead(seq=int(data["seq"]), mac=str(data["mac"]))
        signature = str(data["signature"])
    except (ValueError, KeyError, TypeError) as exc:
        raise HeadFileError(f"the audit head file {path} is not readable") from exc
    if not hmac.compare_digest(signature, _signature(head, key)):
        raise HeadFileError(f"the signature of the audit head file {path} does not match")
    return head


def _write(path: Path, head: ChainHead, key: bytes) -> None:
    body = json.dumps({"seq": head.seq, "mac": head.mac, "signature": _signature(head, key)})
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(body)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def advance(
    path: Path, appended: list[Appended], key: bytes, mac_at: Callable[[int], str | None]
) -> ChainHead | None:
    """Move the head to the newest appended entry when it extends the anchored chain; return the new head.

    mac_at(seq) reads a stored entry's MAC; it is needed only when this transaction's entries do not link
    straight onto the anchored head (another process's write came first, or a write was missed).
    """
    if not appended:
        return None
    newest = max(appended, key=lambda entry: entry.seq)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one writer at a time, across processes
        current = read_head(path, key)
        if current is not None:
            if newest.seq <= current.seq:
                return current  # a later transaction already moved it
            first = min(appended, key=lambda entry: entry.seq)
            linked = first.seq == current.seq + 1 and hmac.compare_digest(first.prev_mac, current.mac)
            if not linked and mac_at(current.seq) != current.mac:
                log.error("audit chain no longer holds the anchored head %s: the head stays", current.seq)
                return current
        head = ChainHead(newest.seq, newest.mac)
        _write(path, head, key)
    # A line for an external append-only sink (syslog, journald) when logging is routed there.
    log.info("audit head seq=%s mac=%s", head.seq, head.mac)
    return head
