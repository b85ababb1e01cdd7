import base64
import hashlib
import hmac
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from easyreport.audit.chain import (
    GENESIS_MAC,
    Action,
    AuditEntryError,
    AuditKeyError,
    ChainEntry,
    ProblemKind,
    canonical_bytes,
    compute_mac,
    new_entry,
    parse_audit_key,
    seal,
    utc_timestamp,
    verify,
)

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
ACTIONS = list(Action)


def build_chain(count: int = 50, key: bytes = KEY) -> list[ChainEntry]:
    chain: list[ChainEntry] = []
    prev = GENESIS_MAC
    for seq in range(1, count + 1):
        entry = new_entry(
            seq=seq,
            action=ACTIONS[seq % len(ACTIONS)],
            timestamp=START + timedelta(minutes=seq),
            actor=seq % 3 or None,
            actor_role="counsellor" if seq % 2 else "officer",
            object_type="sheet",
            object_id=f"S-{seq % 7}",
            metadata={"version": seq % 3, "via": "web"},
        )
        chain.append(seal(entry, prev, key))
        prev = chain[-1].mac
    return chain


def summary(problems):
    return [(p.seq, p.kind) for p in problems]


def test_intact_chain_has_no_problems():
    assert verify(build_chain(), KEY) == []


def test_wrong_key_flags_every_entry():
    assert {p.kind for p in verify(build_chain(), OTHER_KEY)} == {ProblemKind.ALTERED}
    assert len(verify(build_chain(), OTHER_KEY)) == 50


@pytest.mark.parametrize(
    "change",
    [
        {"action": "purge"},
        {"actor": "99"},
        {"actor": "2 "},
        {"actor": None},
        {"actor_role": "admin"},
        {"object_type": "preparation"},
        {"object_id": "S-60"},
        {"metadata": {"version": 9, "via": "web"}},
        {"metadata": {"version": "2", "via": "web"}},
        {"metadata": {"version": 1}},
        {"timestamp": utc_timestamp(START + timedelta(minutes=20, seconds=1))},
        {"prev_mac": "f" * 64},
    ],
)
def test_one_altered_entry_of_fifty_is_named_exactly(change):
    chain = build_chain()
    assert chain[19].actor == "2" and chain[19].metadata == {"version": 2, "via": "web"}
    chain[19] = replace(chain[19], **change)
    assert summary(verify(chain, KEY)) == [(20, ProblemKind.ALTERED)]


def test_altered_entry_with_a_guessed_mac_is_named_once():
    chain = build_chain()
    forged = replace(chain[19], action="purge")
    chain[19] = replace(forged, mac=compute_mac(forged, forged.prev_mac, OTHER_KEY))
    assert summary(verify(chain, KEY)) == [(20, ProblemKind.ALTERED)]


def test_changed_seq_is_caught():
    chain = build_chain()
    chain[19] = replace(chain[19], seq=200)
    problems = summary(verify(chain, KEY))
    assert (200, ProblemKind.ALTERED) in problems
    assert (21, ProblemKind.MISSING) in problems


def test_deleted_entry_is_named_at_the_first_entry_after_it():
    chain = build_chain()
    del chain[19]
    problems = verify(chain, KEY)
    assert summary(problems) == [(21, ProblemKind.MISSING)]
    assert problems[0].missing == (20, 20)


def test_deleted_run_and_deleted_first_entry():
    chain = build_chain()
    del chain[29:33]  # seq 30..33
    del chain[0]
    problems = verify(chain, KEY)
    assert summary(problems) == [(2, ProblemKind.MISSING), (34, ProblemKind.MISSING)]
    assert [p.missing for p in problems] == [(1, 1), (30, 33)]


def test_truncation_needs_the_expected_head():
    chain = build_chain()[:45]
    assert verify(chain, KEY) == []  # invisible from inside the chain
    problems = verify(chain, KEY, expected_last_seq=50)
    assert summary(problems) == [(45, ProblemKind.TRUNCATED)]
    assert problems[0].missing == (46, 50)
    assert verify(build_chain(), KEY, expected_last_seq=50) == []


@pytest.mark.parametrize(("source", "target"), [(29, 39), (29, 19), (0, 49), (49, 0)])
def test_one_moved_entry_is_named_exactly(source, target):
    chain = build_chain()
    moved = chain.pop(source)
    chain.insert(target, moved)
    assert summary(verify(chain, KEY)) == [(moved.seq, ProblemKind.OUT_OF_ORDER)]


def test_swapped_neighbours_give_one_problem_at_one_of_them():
    chain = build_chain()
    chain[10], chain[11] = chain[11], chain[10]
    problems = summary(verify(chain, KEY))
    assert len(problems) == 1 and problems[0] in [
        (11, ProblemKind.OUT_OF_ORDER),
        (12, ProblemKind.OUT_OF_ORDER),
    ]


def test_forked_entry_is_a_duplicate():
    chain = build_chain()
    fork = seal(replace(chain[19], action="revoke", prev_mac="", mac=""), chain[18].mac, KEY)
    chain.insert(20, fork)
    assert summary(verify(chain, KEY)) == [(20, ProblemKind.DUPLICATE)]


def test_entry_spliced_from_another_chain_breaks_links():
    chain = build_chain()
    # Same key, but a different history: the other chain has other metadata.
    other = []
    prev = GENESIS_MAC
    for entry in build_chain():
        entry = seal(replace(entry, metadata={"via": "cli"}), prev, KEY)
        other.append(entry)
        prev = entry.mac
    chain[19] = other[19]
    assert summary(verify(chain, KEY)) == [(20, ProblemKind.LINK_BROKEN), (21, ProblemKind.LINK_BROKEN)]


def test_verifying_in_pages_matches_verifying_at_once():
    chain = build_chain()
    del chain[24]
    chain[9] = replace(chain[9], actor="7")
    whole = verify(chain, KEY)
    paged = []
    last = None
    for start in range(0, len(chain), 8):
        page = chain[start : start + 8]
        paged += verify(page, KEY, after=last)
        last = page[-1]
    assert summary(paged) == summary(whole) == [(10, ProblemKind.ALTERED), (26, ProblemKind.MISSING)]


def test_paging_across_an_entry_with_a_forged_mac_reports_it_once():
    chain = build_chain(16)
    forged = replace(chain[7], action="purge")
    chain[7] = replace(forged, mac=compute_mac(forged, forged.prev_mac, OTHER_KEY))
    first, second = verify(chain[:8], KEY), verify(chain[8:], KEY, after=chain[7])
    assert summary(first + second) == summary(verify(chain, KEY)) == [(8, ProblemKind.ALTERED)]


def test_mac_ignores_the_entry_own_mac_fields_and_depends_on_prev():
    entry = build_chain(1)[0]
    bare = replace(entry, prev_mac="", mac="")
    assert compute_mac(bare, GENESIS_MAC, KEY) == compute_mac(entry, GENESIS_MAC, KEY) == entry.mac
    assert compute_mac(entry, "1" * 64, KEY) != entry.mac


def test_mac_format_is_stable():
    # Changing the canonical form would make every stored log fail verification: this must not move.
    entry = new_entry(
        seq=1,
        action=Action.SHARE,
        timestamp=datetime(2025, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
        actor=12,
        actor_role="counsellor",
        object_type="sheet",
        object_id="S-3f9a",
        metadata={"officer": 7, "days": 30},
    )
    assert entry.timestamp == "2025-01-02T03:04:05.000006+00:00"
    canonical = (
        b'{"action":"share","actor":"12","actor_role":"counsellor","format":1,'
        b'"metadata":{"days":30,"officer":7},"object_id":"S-3f9a","object_type":"sheet",'
        b'"prev_mac":"' + GENESIS_MAC.encode() + b'","seq":1,"timestamp":"2025-01-02T03:04:05.000006+00:00"}'
    )
    assert canonical_bytes(entry, GENESIS_MAC) == canonical
    assert compute_mac(entry, GENESIS_MAC, KEY) == hmac.new(KEY, canonical, hashlib.sha256).hexdigest()
    assert (
        compute_mac(entry, GENESIS_MAC, KEY)
        == "14026eaa09d8f81c38c44330fd56f9c13cd8aa0643edd32f1ea5adc35dd03c3f"
    )


def test_timestamps_are_canonical_utc():
    local = datetime(2025, 6, 1, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    assert utc_timestamp(local) == "2025-06-01T12:00:00.000000+00:00"
    assert utc_timestamp().endswith("+00:00")
    with pytest.raises(AuditEntryError):
        utc_timestamp(datetime(2025, 6, 1, 12, 0))  # naive
    with pytest.raises(AuditEntryError):
        new_entry(seq=1, action="login", timestamp="2025-06-01T14:00:00+02:00")


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"action": "delete_everything"}, "not a known audit action"),
        ({"seq": 0}, "seq"),
        ({"seq": True}, "seq"),
        ({"actor": "jan de vries"}, "actor"),
        ({"actor": True}, "actor"),
        ({"object_id": "x" * 65}, "object_id"),
        ({"actor_role": "Counsellor"}, "actor_role"),
        ({"object_type": ""}, "object_type"),
        ({"metadata": {"note": "x" * 121}}, "at most 120"),
        ({"metadata": {"score": 0.5}}, "must be None, a bool"),
        ({"metadata": {"nested": {"a": 1}}}, "must be None, a bool"),
        ({"metadata": {"Bad Key": 1}}, "keys"),
        ({"metadata": {f"k{i}": i for i in range(13)}}, "at most 12"),
        ({"metadata": ["a"]}, "mapping"),
        ({"timestamp": "yesterday"}, "ISO"),
    ],
)
def test_new_entry_refuses_bad_fields(fields, fragment):
    arguments = {"seq": 1, "action": "login", **fields}
    with pytest.raises(AuditEntryError, match=fragment):
        new_entry(**arguments)


def test_parse_audit_key():
    raw = bytes(range(40))
    assert parse_audit_key(base64.b64encode(raw).decode()) == raw
    assert parse_audit_key(base64.urlsafe_b64encode(raw).decode().rstrip("=")) == raw
    with pytest.raises(AuditKeyError, match="at least 32"):
        parse_audit_key(base64.b64encode(bytes(16)).decode())
    with pytest.raises(AuditKeyError, match="base64"):
        parse_audit_key("not a key!")
    with pytest.raises(AuditKeyError):
        compute_mac(build_chain(1)[0], GENESIS_MAC, b"short")
