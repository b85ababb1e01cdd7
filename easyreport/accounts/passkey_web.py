"""Flask helpers for passkeys: the relying party of this request and the challenge kept in the session."""

from __future__ import annotations

from flask import current_app, request, session
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

from easyreport.accounts import passkeys
from easyreport.accounts.models import User
from easyreport.accounts.passkeys import RelyingParty
from easyreport.extensions import db

# The one open challenge of this session, kept server-side and taken (popped) by the answer that uses it.
REGISTER_CHALLENGE = "passkey_register_challenge"
LOGIN_CHALLENGE = "passkey_login_challenge"


def enabled() -> bool:
    """Whether passkeys are offered at all."""
    return bool(current_app.config["EASYREPORT"].WEBAUTHN_ENABLED)


def relying_party() -> RelyingParty:
    """The configured relying party; in development and test the host the browser used."""
    config = current_app.config["EASYREPORT"]
    if config.WEBAUTHN_RP_ID and config.WEBAUTHN_ORIGIN:
        return RelyingParty(config.WEBAUTHN_RP_ID, config.WEBAUTHN_ORIGIN)
    return RelyingParty(request.host.rsplit(":", 1)[0], request.host_url.rstrip("/"))


def take_challenge(key: str) -> bytes | None:
    """Take the kept challenge: it can be used only once."""
    kept = session.pop(key, None)
    return base64url_to_bytes(kept) if isinstance(kept, str) and kept else None


def login_options(user: User) -> str | None:
    """Passkey options for the code page (a fresh challenge kept in the session), or None without passkeys."""
    if not enabled() or not passkeys.has_passkey(db.session, user.id):
        return None
    options, challenge = passkeys.authentication_options(db.session, user, relying_party())
    session[LOGIN_CHALLENGE] = bytes_to_base64url(challenge)
    return options
