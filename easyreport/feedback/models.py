"""Tables of the feedback after an interview.

Both hang off the preparation (ON DELETE CASCADE), so they follow its retention: a share is purged at its
expiry, but the feedback given on it stays as long as the preparation does. The officer's answers are
encrypted at rest like everything else about a client; only ids, dates and the unit stay readable.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from easyreport.db_base import Base
from easyreport.security.encrypted_types import EncryptedJSON, EncryptedText
from easyreport.timeutil import utcnow


class InterviewDate(Base):
    """The date of a preparation's police interview, entered by its counsellor or an officer it was shared with."""

    __tablename__ = "interview_dates"

    preparation_id: Mapped[int] = mapped_column(
        ForeignKey("preparations.id", ondelete="CASCADE"), primary_key=True
    )
    interview_on: Mapped[date] = mapped_column(Date)
    entered_by_role: Mapped[str] = mapped_column(String(16))  # "counsellor" or "officer"
    entered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OfficerFeedback(Base):
    """One officer's feedback on one share: read before the interview, per recommendation, what was missing."""

    __tablename__ = "officer_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The share's public id, not a foreign key: shares are purged at their expiry, the feedback is not.
    share_public_id: Mapped[str] = mapped_column(String(32), unique=True)
    preparation_id: Mapped[int] = mapped_column(ForeignKey("preparations.id", ondelete="CASCADE"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    unit_key: Mapped[str | None] = mapped_column(String(32), default=None)  # the officer's unit when given
    answers: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON)  # see feedback.officer.FeedbackAnswers
    other_missing: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    other_check: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ClientFeedback(Base):
    """The client's own answers after the interview: one row per preparation, never on the sheet."""

    __tablename__ = "client_feedback"

    preparation_id: Mapped[int] = mapped_column(
        ForeignKey("preparations.id", ondelete="CASCADE"), primary_key=True
    )
    answers: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON, default=dict)  # question id -> option id
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
