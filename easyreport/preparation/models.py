"""Tables of a preparation: the client's answers, the counsellor's observations and statement notes.

Everything a client said or a counsellor wrote about them is encrypted at rest (EncryptedJSON/Text);
only ids, timestamps and who entered what stay readable, which is what lists and retention need.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from easyreport.db_base import Base
from easyreport.security.encrypted_types import EncryptedJSON, EncryptedText
from easyreport.timeutil import utcnow


def new_public_id() -> str:
    """A random id for URLs: nothing to guess, nothing sequential."""
    return secrets.token_urlsafe(12)


_PUBLIC_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


def is_public_id(value: str) -> bool:
    """Whether a value from a URL can be a public id at all (checked before any query: PostgreSQL refuses NUL)."""
    return bool(_PUBLIC_ID.match(value))


class Preparation(Base):
    """One client's preparation for a police interview, owned by one counsellor."""

    __tablename__ = "preparations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    counsellor_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # The client code is kept encrypted in client_code_sealed. The old plain column stays (existing databases
    # have it NOT NULL) and holds "" for new rows; `flask keys rotate` moves old plain codes into the sealed one.
    client_code_plain: Mapped[str] = mapped_column("client_code", String(16), default="")
    client_code_sealed: Mapped[str | None] = mapped_column(EncryptedText, nullable=True, default=None)
    age_band: Mapped[str] = mapped_column(String(16))
    client_locale: Mapped[str] = mapped_column(String(8), default="nl")
    # The counsellor says an interpreter for the client's language is needed at the police (shown on the sheet).
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    speech_speed: Mapped[str] = mapped_column(String(8), default="normal")
    read_aloud_auto: Mapped[bool] = mapped_column(Boolean, default=False)
    unlock_pin_hash: Mapped[str | None] = mapped_column(String(255), default=None)
    # Display settings of the client screens (display.py); NULL means the default.
    display_text_size: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)
    display_wide_spacing: Mapped[bool | None] = mapped_column(Boolean, nullable=True, default=None)
    display_high_contrast: Mapped[bool | None] = mapped_column(Boolean, nullable=True, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Raised by the database on every change to a row the sheet is built from (briefing/inputs_version.py).
    # Never written by the app: read it with inputs_version.current, a loaded row keeps an older value.
    inputs_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    @property
    def client_code(self) -> str:
        """The client's code (encrypted at rest; plain only in rows not rotated yet)."""
        return self.client_code_sealed if self.client_code_sealed is not None else self.client_code_plain

    @client_code.setter
    def client_code(self, code: str) -> None:
        self.client_code_sealed = code
        self.client_code_plain = ""


class Answer(Base):
    """The current answer to one question; version grows with each change (stale forms are detected)."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("preparation_id", "question_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    preparation_id: Mapped[int] = mapped_column(ForeignKey("preparations.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    option_ids: Mapped[list[str]] = mapped_column(EncryptedJSON)
    entered_by: Mapped[str] = mapped_column(String(16))  # "client" or "counsellor"
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    seconds_taken: Mapped[float | None] = mapped_column(default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)


class Observation(Base):
    """The counsellor's structured observations and short note for one module."""

    __tablename__ = "observations"
    __table_args__ = (UniqueConstraint("preparation_id", "module_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    preparation_id: Mapped[int] = mapped_column(ForeignKey("preparations.id", ondelete="CASCADE"), index=True)
    module_id: Mapped[str] = mapped_column(String(32))
    choice_ids: Mapped[list[str]] = mapped_column(EncryptedJSON)
    note: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StatementNote(Base):
    """A client's spontaneous words, recorded exactly; never on a sheet, readable by its author only."""

    __tablename__ = "statement_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    preparation_id: Mapped[int] = mapped_column(ForeignKey("preparations.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    words: Mapped[str] = mapped_column(EncryptedText)
    said_at: Mapped[str] = mapped_column(EncryptedText)  # as the author wrote it: "today about 14:10"
    present: Mapped[str] = mapped_column(EncryptedText)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
