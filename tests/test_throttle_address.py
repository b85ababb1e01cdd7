"""Guessing from one address is blocked for any usernames; nobody can lock someone else out at will."""

from __future__ import annotations

from datetime import timedelta

import pytest

from easyreport.accounts import service
from easyreport.accounts.throttle import AccountSlowedDown, AddressBlocked, ThrottlePolicy
from easyreport.extensions import db
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from tests.conftest import PASSWORD, csrf_token, make_test_app


def _login(client, username, password=PASSWORD, **environ):
    page = client.get("/login", environ_base=environ)
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_token(page.text)},
        environ_base=environ,
    )


def test_many_names_from_one_address_block_that_address(client, make_user):
    user = make_user(Role.OFFICER)
    attacker = {"REMOTE_ADDR": "203.0.113.9"}
    for i in range(20):
        _login(client, f"name{i}", "wrong password", **attacker)
    refused = _login(client, user.username, **attacker)
    assert refused.status_code == 200
    assert "Te vaak geprobeerd" in refused.text
    # The same account from another address is not blocked.
    other = client.application.test_client()
    assert _login(other, user.username, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_an_attacker_only_slows_the_victim_down(app, make_user):
    victim = make_user(Role.OFFICER)
    policy = ThrottlePolicy()
    now = utcnow()
    with app.app_context():
        for i in range(12):
            with pytest.raises((service.LoginFailed, AccountSlowedDown)):
                service.authenticate(
                    db.session, victim.username, "guess", now + timedelta(seconds=i), policy, "attacker"
                )
        # The victim, a little later and from their own address, gets in: a slow-down, not a lock.
        later = now + timedelta(seconds=5 + policy.account_delay.total_seconds())
        assert (
            service.authenticate(db.session, victim.username, PASSWORD, later, policy, "victim").id
            == victim.id
        )


def test_a_blocked_address_stays_blocked_for_the_lock_time(app, make_user):
    user = make_user(Role.COUNSELLOR)
    policy = ThrottlePolicy(address_max_failures=3)
    now = utcnow()
    with app.app_context():
        for i in range(3):
            with pytest.raises(service.LoginFailed):
                service.authenticate(db.session, f"x{i}", "guess", now, policy, "attacker")
        with pytest.raises(AddressBlocked) as blocked:
            service.authenticate(
                db.session, user.username, PASSWORD, now + timedelta(minutes=14), policy, "attacker"
            )
        assert blocked.value.minutes == 1
        later = now + policy.lock + timedelta(seconds=1)
        assert (
            service.authenticate(db.session, user.username, PASSWORD, later, policy, "attacker").id == user.id
        )


def test_forwarded_for_is_ignored_unless_a_proxy_is_configured(tmp_path, make_user):
    user = make_user(Role.COUNSELLOR)
    app = make_test_app(tmp_path, fresh=False, LOGIN_ADDRESS_MAX_FAILURES=3)
    client_direct = app.test_client()
    for i in range(3):
        _login(client_direct, f"n{i}", "bad", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    # Without a configured proxy the header is not trusted: it is one address, and it is blocked.
    refused = _login(client_direct, user.username, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert "Te vaak geprobeerd" in refused.text
    proxied = make_test_app(tmp_path, fresh=False, LOGIN_ADDRESS_MAX_FAILURES=3, PROXY_X_FOR=1)
    client = proxied.test_client()
    # Behind one trusted proxy the forwarded address counts: another client behind the proxy gets in.
    ok = _login(client, user.username, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert ok.status_code == 302


def test_limits_come_from_the_configuration(tmp_path):
    app = make_test_app(tmp_path, LOGIN_ACCOUNT_DELAY_SECONDS=7, LOGIN_ADDRESS_MAX_FAILURES=9)
    with app.test_request_context():
        from easyreport.accounts.web_throttle import policy

        assert policy().account_delay == timedelta(seconds=7)
        assert policy().address_max_failures == 9
