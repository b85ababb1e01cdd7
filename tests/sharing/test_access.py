"""The access rules of sharing, on plain data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from easyreport.roles import Role
from easyreport.sharing.access import (
    InvalidExpiry,
    ShareFacts,
    ShareState,
    counsellor_may_manage,
    expiry_for,
    officer_may_open,
    role_may_read_client_content,
    share_state,
)

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_share_is_active_until_its_expiry_moment():
    share = ShareFacts(officer_id=7, expires_at=NOW + timedelta(days=1), revoked_at=None)
    assert share_state(share, NOW + timedelta(days=1, seconds=-1)) is ShareState.ACTIVE
    assert share_state(share, NOW + timedelta(days=1)) is ShareState.EXPIRED


def test_revoked_wins_over_active_and_expired():
    share = ShareFacts(officer_id=7, expires_at=NOW + timedelta(days=1), revoked_at=NOW)
    assert share_state(share, NOW) is ShareState.REVOKED
    assert share_state(share, NOW + timedelta(days=2)) is ShareState.REVOKED


def test_only_the_named_officer_on_an_active_share_may_open():
    share = ShareFacts(officer_id=7, expires_at=NOW + timedelta(days=14), revoked_at=None)
    assert officer_may_open(share, 7, Role.OFFICER, NOW)
    assert not officer_may_open(share, 8, Role.OFFICER, NOW)
    assert not officer_may_open(share, 7, Role.COUNSELLOR, NOW)
    assert not officer_may_open(share, 7, Role.OFFICER, NOW + timedelta(days=15))
    revoked = ShareFacts(officer_id=7, expires_at=NOW + timedelta(days=14), revoked_at=NOW)
    assert not officer_may_open(revoked, 7, Role.OFFICER, NOW)


def test_counsellor_manages_only_own_and_admin_reads_no_content():
    assert counsellor_may_manage(3, 3, Role.COUNSELLOR)
    assert not counsellor_may_manage(3, 4, Role.COUNSELLOR)
    assert not counsellor_may_manage(3, 3, Role.ADMIN)
    assert not role_may_read_client_content(Role.ADMIN)
    assert role_may_read_client_content(Role.OFFICER)


@pytest.mark.parametrize("days", [0, -1, 91, 10_000, True])
def test_expiry_outside_one_to_ninety_days_is_refused(days):
    with pytest.raises(InvalidExpiry):
        expiry_for(days, NOW)


def test_expiry_default_and_maximum():
    assert expiry_for(14, NOW) == NOW + timedelta(days=14)
    assert expiry_for(90, NOW) == NOW + timedelta(days=90)
