"""The throttle as the web layer sees it: the policy from the config and the request's source address."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from flask import current_app, request

from easyreport.accounts.throttle import ThrottlePolicy


def policy() -> ThrottlePolicy:
    """The guessing limits from the configuration."""
    cfg = current_app.config["EASYREPORT"]
    return ThrottlePolicy(
        max_failures=cfg.LOGIN_MAX_FAILURES,
        window=timedelta(minutes=cfg.LOGIN_WINDOW_MINUTES),
        lock=timedelta(minutes=cfg.LOGIN_LOCK_MINUTES),
        account_delay=timedelta(seconds=cfg.LOGIN_ACCOUNT_DELAY_SECONDS),
        address_max_failures=cfg.LOGIN_ADDRESS_MAX_FAILURES,
    )


def source_address() -> str | None:
    """A keyed hash of the client's address (after ProxyFix, which trusts only the configured proxies)."""
    address = request.remote_addr
    if not address:
        return None
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"login-address:" + address.encode(), hashlib.sha256).hexdigest()
