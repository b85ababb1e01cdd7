"""Tables of the second factor: TOTP secret, recovery codes, passkeys, and notices for the account holder."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from easyreport.db_base import Base
from easyreport.security.encrypted_types import EncryptedText
from easyreport.timeutil import utcnow


class TotpFactor(Base):
    """An account's authenticator app: the shared secret (encrypted), confirmed once a code matched."""

    __tablename__ = "totp_factors"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    secret: Mapped[str] = mapped_column(EncryptedText)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # The newest 30-second step a code was accepted for: a code is never accepted twice (no replay).
    last_step: Mapped[int | None] = mapped_column(Integer, nullable=True)


class RecoveryCode(Base):
    """One single-use recovery code, kept only as a hash."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AccountNotice(Base):
    """Something the account holder is told at their next login, e.g. that an admin reset their password."""

    __tablename__ = "account_notices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    shown_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class PasskeyCredential(Base):
    """A WebAuthn credential (passkey or security key) of an account: its public key and sign count."""

    __tablename__ = "passkey_credentials"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # base64url of the authenticator's credential id; unique over all accounts.
    credential_id: Mapped[str] = mapped_column(String(1400), unique=True)
    # base64url of the COSE public key (public, so not encrypted).
    public_key: Mapped[str] = mapped_column(String(2000))
    # The authenticator's counter: an assertion must raise it (or both stay 0), else it may be a clone.
    sign_count: Mapped[int] = mapped_column(BigInteger, default=0)  # 32 bits unsigned
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
