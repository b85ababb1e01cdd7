"""Tables of the consent and the sheet: consent records, the consent walk in progress, the sheet settings.

What the client agreed to, the counsellor's reasoning and every choice that says something about the
client (goal, route, suspect mark, name) is encrypted at rest. Readable columns are ids, times, the
account that asked and how, which is what lists, audits and retention need.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from easyreport.db_base import Base
from easyreport.security.encrypted_types import EncryptedBytes, EncryptedJSON, EncryptedText
from easyreport.timeutil import utcnow


def new_sheet_id() -> str:
    """A short random sheet number to print and to quote on the phone: nothing to guess, no client data."""
    return "ER-" + secrets.token_hex(4).upper()


class ConsentRecord(Base):
    """One recorded consent; a new record for every change, the newest one counts."""

    __tablename__ = "consent_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    preparation_id: Mapped[int] = mapped_column(ForeignKey("preparations.id", ondelete="CASCADE"), index=True)
    asked_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    method: Mapped[str] = mapped_column(String(16))  # "oral" or "written"
    # Consent.to_dict(): decisions, teach-back, legal basis, reasoning, fingerprint, who/when/how.
    data: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON)


class ConsentDraft(Base):
    """The consent walk in progress: the intro seen and the client's choice per section so far."""

    __tablename__ = "consent_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    preparation_id: Mapped[int] = mapped_column(
        ForeignKey("preparations.id", ondelete="CASCADE"), unique=True, index=True
    )
    decisions: Mapped[dict[str, str]] = mapped_column(EncryptedJSON, default=dict)
    intro_seen: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SheetSettings(Base):
    """The counsellor's choices for one preparation's sheet."""

    __tablename__ = "sheet_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    preparation_id: Mapped[int] = mapped_column(
        ForeignKey("preparations.id", ondelete="CASCADE"), unique=True, index=True
    )
    sheet_id: Mapped[str] = mapped_column(String(16), unique=True, default=new_sheet_id)
    identification: Mapped[str] = mapped_column(String(16), default="anonymous")
    identification_value: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    goal: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    # RoutingInput as plain data: {"exploitation": [...], "sexual_offence": bool, ...}
    routing: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON, default=None)
    possible_suspect: Mapped[bool] = mapped_column(EncryptedJSON, default=False)
    # Whether the client already has a lawyer ("yes", "no", "unknown"; None = not asked) and an optional
    # contact; on the sheet only with the client's consent to the suspect card (suspect.py).
    has_lawyer: Mapped[str | None] = mapped_column(EncryptedText, default=None, nullable=True)
    lawyer_contact: Mapped[str | None] = mapped_column(EncryptedText, default=None, nullable=True)
    # How soon the police should talk with the client ("soon", "no_rush"; None = not said) and the process
    # points the client already had explained (process_info.py ids; None = saved before this was asked).
    urgency: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    informed_about: Mapped[list[str] | None] = mapped_column(EncryptedJSON, default=None)
    chosen_top: Mapped[list[str] | None] = mapped_column(EncryptedJSON, default=None)
    # A meta_choices.CounsellorRole value (older rows may hold typed text: reviewed before the next sheet).
    prepared_by_role: Mapped[str] = mapped_column(String(80), default="")
    # One of the organisation names the admin entered (Organisation below), copied when chosen.
    prepared_by_organisation: Mapped[str] = mapped_column(String(120), default="")
    # The counsellor's own name and phone for the police, only when they agree (domain.md §2.0).
    contact_name: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    contact_phone: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    prepared_with_client: Mapped[bool] = mapped_column(Boolean, default=True)
    # A meta_choices.AbsenceReason value (older rows may hold typed text).
    not_with_client_reason: Mapped[str | None] = mapped_column(EncryptedText, default=None)
    # Per free-text field, the needs-only check of the saved value: {"digest", "clean", "confirmed"}
    # (free_text.py). None for rows saved before the check: their values are checked when the sheet is built.
    text_checks: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON, default=None)
    # The name the client wants to be called (typed, communication section), the interpreter's language (a
    # content.languages code or "other", practical section) and a typed language for "other" (issue 12).
    preferred_name: Mapped[str | None] = mapped_column(EncryptedText, default=None, nullable=True)
    interpreter_language: Mapped[str | None] = mapped_column(EncryptedText, default=None, nullable=True)
    interpreter_language_other: Mapped[str | None] = mapped_column(EncryptedText, default=None, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StoredSheetPdf(Base):
    """The last PDF typeset for a preparation's sheet in one language, kept so it is not typeset again.

    The digest says exactly which document the PDF was made from (see pdf_store.py); both it and the PDF
    are encrypted. valid_until is the sheet's own end date, so the purge removes the copy with the sheet.
    """

    __tablename__ = "stored_sheet_pdfs"
    __table_args__ = (UniqueConstraint("preparation_id", "locale"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    preparation_id: Mapped[int] = mapped_column(ForeignKey("preparations.id", ondelete="CASCADE"), index=True)
    locale: Mapped[str] = mapped_column(String(8))
    digest: Mapped[str] = mapped_column(EncryptedText)
    pdf: Mapped[bytes] = mapped_column(EncryptedBytes)
    valid_until: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    rendered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StoredSheet(Base):
    """A preparation's sheet as last built and rendered for one language and one kind of output.

    Kept so that a view does not build and render the same sheet again (sheet_store.py). The digest is of
    what the sheet was built from (sheet_inputs.digest: the preparation's row, its inputs_version, the
    organisations) plus the code, templates and translations; a view uses the row only when the digest it
    takes now is the same. Digest, summary and body are
    encrypted like the sheet itself. valid_until is the sheet's own end date, so the purge removes it.
    """

    __tablename__ = "stored_sheets"
    __table_args__ = (UniqueConstraint("preparation_id", "locale", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    preparation_id: Mapped[int] = mapped_column(ForeignKey("preparations.id", ondelete="CASCADE"), index=True)
    locale: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(16))  # sheet_store.SheetKind
    digest: Mapped[str] = mapped_column(EncryptedText)
    # What the page around the body needs: sheet id, end date, the recommendations (id, msgid).
    summary: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON)
    body: Mapped[str] = mapped_column(EncryptedText)
    valid_until: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    built_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Organisation(Base):
    """An organisation name the admin entered once; counsellors pick from these for the sheet's header."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    # Whether the admin confirmed a name the needs-only check flagged (a place in the name, say).
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
