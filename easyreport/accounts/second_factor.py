"""The second factor: TOTP codes (no replay) and single-use recovery codes (no Flask).

Officers and admins (and counsellors where configured) must pass it after their password; until then the
session is not logged in. Recovery codes are random and long, so a keyed-free SHA-256 is enough to keep
them unreadable in the database (a slow password hash protects guessable secrets, not random ones).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import pyotp
import segno
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from easyreport.accounts.models import User
from easyreport.accounts.second_factor_models import (
    AccountNotice,
    PasskeyCredential,
    RecoveryCode,
    TotpFactor,
)

ISSUER = "easyreport"
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i look-alikes
_RECOVERY_LENGTH = 12  # about 59 bits each
STEP_SECONDS = 30


class CodeProblem(StrEnum):
    """Why a code was refused; each has its own message."""

    WRONG_FORMAT = "wrong_format"
    WRONG = "wrong"
    REPLAYED = "replayed"
    RECOVERY_USED = "recovery_used"


class CodeRefused(Exception):
    """The code does not let this account in."""

    def __init__(self, problem: CodeProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class Accepted:
    """How the second factor was passed."""

    method: str  # "totp" or "recovery"
    recovery_left: int | None = None


def normalise_code(typed: str) -> str:
    """Drop spaces and dashes people type or paste, and compare case-insensitively."""
    return re.sub(r"[\s\-]", "", typed).lower()


def factor_of(session: Session, user_id: int) -> TotpFactor | None:
    """The account's authenticator, confirmed or not."""
    return session.get(TotpFactor, user_id)


def is_enrolled(session: Session, user_id: int) -> bool:
    """Whether the account has a confirmed authenticator."""
    factor = factor_of(session, user_id)
    return factor is not None and factor.confirmed_at is not None


def start_enrolment(session: Session, user_id: int) -> TotpFactor:
    """Give the account a new, unconfirmed secret (an unconfirmed one from before is kept)."""
    factor = factor_of(session, user_id)
    if factor is not None and factor.confirmed_at is None:
        return factor
    if factor is not None:
        session.delete(factor)
        session.flush()
    factor = TotpFactor(user_id=user_id, secret=pyotp.random_base32(), confirmed_at=None, last_step=None)
    session.add(factor)
    session.flush()
    return factor


def provisioning_uri(factor: TotpFactor, username: str) -> str:
    """The otpauth:// URI the authenticator app reads from the QR code."""
    return pyotp.TOTP(factor.secret).provisioning_uri(name=username, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The QR code as inline SVG markup, made here (no external service, no inline style for the CSP)."""
    return str(segno.make(uri, error="m").svg_inline(scale=5, dark="#000", light="#fff", title=None))


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    totp = pyotp.TOTP(secret)
    current = int(now.timestamp()) // STEP_SECONDS
    for step in (current, current - 1, current + 1):  # one step of clock drift either way
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def check_totp(factor: TotpFactor, typed: str, now: datetime) -> None:
    """Accept a current TOTP code once; raise CodeRefused otherwise."""
    code = normalise_code(typed)
    if not re.fullmatch(r"\d{6}", code):
        raise CodeRefused(CodeProblem.WRONG_FORMAT)
    step = _matching_step(factor.secret, code, now)
    if step is None:
        raise CodeRefused(CodeProblem.WRONG)
    if factor.last_step is not None and step <= factor.last_step:
        raise CodeRefused(CodeProblem.REPLAYED)
    factor.last_step = step


def confirm_enrolment(session: Session, factor: TotpFactor, typed: str, now: datetime) -> list[str]:
    """Confirm the authenticator with a first code; return new recovery codes (shown once)."""
    check_totp(factor, typed, now)
    factor.confirmed_at = now
    return new_recovery_codes(session, factor.user_id)


def _hash_code(code: str) -> str:
    return hashlib.sha256(b"easyreport-recovery\x00" + code.encode()).hexdigest()


def new_recovery_codes(session: Session, user_id: int) -> list[str]:
    """Replace the account's recovery codes with fresh ones; return them in plain text for showing once."""
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
    codes = [
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    session.add_all(RecoveryCode(user_id=user_id, code_hash=_hash_code(code)) for code in codes)
    session.flush()
    return [f"{code[:4]}-{code[4:8]}-{code[8:]}" for code in codes]


def use_recovery_code(session: Session, user_id: int, typed: str, now: datetime) -> int:
    """Use up one recovery code; return how many are left. Raise CodeRefused when it does not fit."""
    code = normalise_code(typed)
    if len(code) != _RECOVERY_LENGTH or any(ch not in _RECOVERY_ALPHABET for ch in code):
        raise CodeRefused(CodeProblem.WRONG_FORMAT)
    row = session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user_id, RecoveryCode.code_hash == _hash_code(code)
        )
    )
    if row is None:
        raise CodeRefused(CodeProblem.WRONG)
    if row.used_at is not None:
        raise CodeRefused(CodeProblem.RECOVERY_USED)
    row.used_at = now
    session.flush()
    return len(
        session.scalars(
            select(RecoveryCode.id).where(RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None))
        ).all()
    )


def check_code(session: Session, user: User, typed: str, now: datetime) -> Accepted:
    """Pass the second factor with a TOTP code (6 digits) or a recovery code; raise CodeRefused otherwise."""
    factor = factor_of(session, user.id)
    if factor is None or factor.confirmed_at is None:
        raise CodeRefused(CodeProblem.WRONG)
    code = normalise_code(typed)
    if code.isdigit():
        check_totp(factor, code, now)
        session.flush()
        return Accepted("totp")
    left = use_recovery_code(session, user.id, code, now)
    return Accepted("recovery", left)


def reset_factor(session: Session, user_id: int, now: datetime) -> None:
    """Remove the authenticator, recovery codes and passkeys: the account enrols again at its next login."""
    session.execute(delete(TotpFactor).where(TotpFactor.user_id == user_id))
    session.execute(delete(PasskeyCredential).where(PasskeyCredential.user_id == user_id))
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
    notify(session, user_id, "second_factor_reset", now)


def notify(session: Session, user_id: int, kind: str, now: datetime) -> None:
    """Keep a notice for the account holder's next login."""
    session.add(AccountNotice(user_id=user_id, kind=kind, at=now))
    session.flush()


def take_notices(session: Session, user_id: int, now: datetime) -> list[AccountNotice]:
    """Return the notices not shown yet and mark them shown."""
    notices = list(
        session.scalars(
            select(AccountNotice)
            .where(AccountNotice.user_id == user_id, AccountNotice.shown_at.is_(None))
            .order_by(AccountNotice.at)
        )
    )
    for notice in notices:
        notice.shown_at = now
    session.flush()
    return notices
