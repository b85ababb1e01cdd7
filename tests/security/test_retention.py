from datetime import UTC, datetime, timedelta, timezone

import pytest

from easyreport.retention import (
    RecordKind,
    RetentionError,
    RetentionPolicy,
    RetentionRecord,
    expired_by_kind,
    select_expired,
)

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)
POLICY = RetentionPolicy.from_days(preparation=30, sheet=30, statement=7, session=1)


def changed(kind: str, age: timedelta, name: str = "r") -> RetentionRecord:
    return RetentionRecord(kind, name, NOW - age)


@pytest.mark.parametrize(
    ("kind", "days"),
    [
        (RecordKind.PREPARATION, 30),
        (RecordKind.SHEET, 30),
        (RecordKind.STATEMENT, 7),
        (RecordKind.SESSION, 1),
    ],
)
def test_boundaries_one_day_and_one_second_around_the_period(kind, days):
    period = timedelta(days=days)
    assert not POLICY.is_expired(kind, NOW - period + timedelta(days=1), NOW)  # one day before
    assert not POLICY.is_expired(kind, NOW - period + timedelta(seconds=1), NOW)  # one second before
    assert POLICY.is_expired(kind, NOW - period, NOW)  # exactly N days: expired
    assert POLICY.is_expired(kind, NOW - period - timedelta(days=1), NOW)  # one day after


def test_select_expired_keeps_order_and_only_expired():
    records = [
        changed("preparation", timedelta(days=31), "p-old"),
        changed("preparation", timedelta(days=29), "p-new"),
        changed("statement", timedelta(days=8), "s-old"),
        changed("statement", timedelta(days=6), "s-new"),
        changed("session", timedelta(hours=25), "sess-old"),
        changed("session", timedelta(hours=23), "sess-new"),
        changed("sheet", timedelta(days=30), "sheet-edge"),
    ]
    assert [r.record_id for r in select_expired(records, POLICY, NOW)] == [
        "p-old",
        "s-old",
        "sess-old",
        "sheet-edge",
    ]
    grouped = expired_by_kind(records, POLICY, NOW)
    assert {kind: [r.record_id for r in rs] for kind, rs in grouped.items()} == {
        "preparation": ["p-old"],
        "statement": ["s-old"],
        "session": ["sess-old"],
        "sheet": ["sheet-edge"],
    }


def test_cutoff_and_expires_at_agree_with_is_expired():
    cutoff = POLICY.cutoff("preparation", NOW)
    assert cutoff == datetime(2025, 5, 16, 12, 0, tzinfo=UTC)
    assert POLICY.is_expired("preparation", cutoff, NOW)
    assert not POLICY.is_expired("preparation", cutoff + timedelta(microseconds=1), NOW)
    last = datetime(2025, 1, 1, 8, 30, tzinfo=UTC)
    assert POLICY.expires_at("statement", last) == datetime(2025, 1, 8, 8, 30, tzinfo=UTC)


def test_time_zones_are_compared_as_instants():
    amsterdam_summer = timezone(timedelta(hours=2))
    # The 1-day session cutoff is 14 June 12:00 UTC. 13:30 in Amsterdam is 11:30 UTC: expired, although
    # its wall-clock time is later than the cutoff's. 14:30 in Amsterdam is 12:30 UTC: not yet.
    assert POLICY.is_expired("session", datetime(2025, 6, 14, 13, 30, tzinfo=amsterdam_summer), NOW)
    later = datetime(2025, 6, 14, 14, 30, tzinfo=amsterdam_summer)
    assert not POLICY.is_expired("session", later, NOW)
    assert POLICY.is_expired("session", later, NOW + timedelta(minutes=30))
    assert POLICY.cutoff("session", NOW.astimezone(amsterdam_summer)).tzinfo is UTC


def test_a_change_in_the_future_is_not_expired():
    assert not POLICY.is_expired("session", NOW + timedelta(days=3), NOW)


def test_naive_times_are_refused():
    naive = datetime(2025, 6, 15, 12, 0)
    with pytest.raises(RetentionError, match="timezone-aware"):
        POLICY.is_expired("session", naive, NOW)
    with pytest.raises(RetentionError, match="timezone-aware"):
        POLICY.cutoff("session", naive)
    with pytest.raises(RetentionError, match="datetime"):
        POLICY.is_expired("session", "2025-06-15", NOW)  # type: ignore[arg-type]


def test_unknown_kind_is_an_error_not_keep_forever():
    with pytest.raises(RetentionError, match="'upload'"):
        select_expired([changed("upload", timedelta(days=400))], POLICY, NOW)


@pytest.mark.parametrize("days", [0, -1, 1.5, "30", True, None])
def test_policy_refuses_unusable_periods(days):
    with pytest.raises(RetentionError, match="at least 1"):
        RetentionPolicy({"preparation": days})


def test_policy_is_immutable():
    source = {"preparation": 30}
    policy = RetentionPolicy(source)
    source["preparation"] = 1
    assert policy.period("preparation") == timedelta(days=30)
    with pytest.raises(TypeError):
        policy.days["preparation"] = 1  # type: ignore[index]
