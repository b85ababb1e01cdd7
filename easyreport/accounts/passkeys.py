"""WebAuthn passkeys as the stronger second factor, with py_webauthn doing the verification (no Flask).

The caller keeps each challenge server-side (in the session) and hands it back exactly once; this module
builds the options the browser needs and checks what the authenticator answered against them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from easyreport.accounts.models import User
from easyreport.accounts.second_factor_models import PasskeyCredential

RP_NAME = "easyreport"
MAX_RESPONSE_CHARS = 64_000  # a real answer is a few kB; anything larger is refused unread
MAX_PASSKEYS = 10
# A credential id is base64url without padding. Checking its alphabet before it reaches a query keeps
# bytes such as NUL, which PostgreSQL text refuses, from turning garbled input into a 500.
_CREDENTIAL_ID = re.compile(r"[A-Za-z0-9_-]{1,1400}")


class PasskeyProblem(StrEnum):
    """Why a passkey answer was refused; each has its own message."""

    MALFORMED = "passkey_malformed"  # not a WebAuthn answer at all
    NO_CHALLENGE = "passkey_no_challenge"  # no open challenge: expired, used already, or never asked
    UNKNOWN = "passkey_unknown"  # a credential this account does not have (another account's, or foreign)
    REFUSED = "passkey_refused"  # the library's checks failed (signature, origin, challenge, sign count)
    TOO_MANY = "passkey_too_many"


class PasskeyRefused(Exception):
    """The passkey answer does not pass."""

    def __init__(self, problem: PasskeyProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class RelyingParty:
    """Who the credentials are bound to: the site's domain and its exact origin."""

    rp_id: str
    origin: str


def credentials_of(session: Session, user_id: int) -> list[PasskeyCredential]:
    """The account's passkeys, oldest first."""
    return list(
        session.scalars(
            select(PasskeyCredential)
            .where(PasskeyCredential.user_id == user_id)
            .order_by(PasskeyCredential.id)
        )
    )


def has_passkey(session: Session, user_id: int) -> bool:
    """Whether the account has at least one passkey."""
    return (
        session.scalar(select(PasskeyCredential.id).where(PasskeyCredential.user_id == user_id)) is not None
    )


def _descriptors(credentials: list[PasskeyCredential]) -> list[PublicKeyCredentialDescriptor]:
    return [PublicKeyCredentialDescriptor(id=base64url_to_bytes(c.credential_id)) for c in credentials]


def registration_options(session: Session, user: User, rp: RelyingParty) -> tuple[str, bytes]:
    """Options for navigator.credentials.create() as JSON, and the challenge to keep."""
    existing = credentials_of(session, user.id)
    if len(existing) >= MAX_PASSKEYS:
        raise PasskeyRefused(PasskeyProblem.TOO_MANY)
    options = generate_registration_options(
        rp_id=rp.rp_id,
        rp_name=RP_NAME,
        user_name=user.username,
        user_id=f"easyreport-user-{user.id}".encode(),
        exclude_credentials=_descriptors(existing),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
    )
    return options_to_json(options), options.challenge


def _parse(raw: str) -> dict[str, Any]:
    if not isinstance(raw, str) or len(raw) > MAX_RESPONSE_CHARS:
        raise PasskeyRefused(PasskeyProblem.MALFORMED)
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise PasskeyRefused(PasskeyProblem.MALFORMED) from exc
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("id"), str)
        or not _CREDENTIAL_ID.fullmatch(data["id"])
        or not isinstance(data.get("response"), dict)
    ):
        raise PasskeyRefused(PasskeyProblem.MALFORMED)
    return data


def register(
    session: Session, user: User, raw: str, challenge: bytes | None, rp: RelyingParty, now: datetime
) -> PasskeyCredential:
    """Check a new credential against the kept challenge and store it; raise PasskeyRefused otherwise."""
    data = _parse(raw)
    if not challenge:
        raise PasskeyRefused(PasskeyProblem.NO_CHALLENGE)
    try:
        verified = verify_registration_response(
            credential=data, expected_challenge=challenge, expected_rp_id=rp.rp_id, expected_origin=rp.origin
        )
    except (WebAuthnException, ValueError, TypeError, KeyError) as exc:
        raise PasskeyRefused(PasskeyProblem.REFUSED) from exc
    credential_id = bytes_to_base64url(verified.credential_id)
    if session.scalar(select(PasskeyCredential.id).where(PasskeyCredential.credential_id == credential_id)):
        raise PasskeyRefused(PasskeyProblem.REFUSED)
    row = PasskeyCredential(
        user_id=user.id,
        credential_id=credential_id,
        public_key=bytes_to_base64url(verified.credential_public_key),
        sign_count=verified.sign_count,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def authentication_options(session: Session, user: User, rp: RelyingParty) -> tuple[str, bytes]:
    """Options for navigator.credentials.get() (only this account's passkeys), and the challenge to keep."""
    options = generate_authentication_options(
        rp_id=rp.rp_id,
        allow_credentials=_descriptors(credentials_of(session, user.id)),
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    return options_to_json(options), options.challenge


def authenticate(
    session: Session, user: User, raw: str, challenge: bytes | None, rp: RelyingParty, now: datetime
) -> PasskeyCredential:
    """Check an assertion of one of this account's passkeys; raise the sign count; raise PasskeyRefused."""
    data = _parse(raw)
    if not challenge:
        raise PasskeyRefused(PasskeyProblem.NO_CHALLENGE)
    credential_id = data["id"]
    row = session.scalar(
        select(PasskeyCredential).where(
            PasskeyCredential.user_id == user.id, PasskeyCredential.credential_id == credential_id
        )
    )
    if row is None:
        raise PasskeyRefused(PasskeyProblem.UNKNOWN)
    try:
        verified = verify_authentication_response(
            credential=data,
            expected_challenge=challenge,
            expected_rp_id=rp.rp_id,
            expected_origin=rp.origin,
            credential_public_key=base64url_to_bytes(row.public_key),
            credential_current_sign_count=row.sign_count,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError) as exc:
        raise PasskeyRefused(PasskeyProblem.REFUSED) from exc
    row.sign_count = verified.new_sign_count
    row.last_used_at = now
    session.flush()
    return row


def remove(session: Session, user_id: int, credential_row: int) -> bool:
    """Remove one of the account's own passkeys (a lost or replaced device); False when it is not theirs."""
    row = session.scalar(
        select(PasskeyCredential).where(
            PasskeyCredential.id == credential_row, PasskeyCredential.user_id == user_id
        )
    )
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def remove_all(session: Session, user_id: int) -> None:
    """Remove the account's passkeys (an admin's reset of the second factor)."""
    session.execute(delete(PasskeyCredential).where(PasskeyCredential.user_id == user_id))
