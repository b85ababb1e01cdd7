"""Tables for police units and shares."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from easyreport.db_base import Base
from easyreport.preparation.models import new_public_id
from easyreport.security.encrypted_types import EncryptedJSON
from easyreport.timeutil import utcnow


class Unit(Base):
    """A police unit: the trafficking team, Zeden, a Basisteam, or another the admin adds."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)  # routing unit id for the built-in ones
    name: Mapped[str] = mapped_column(String(120))


class UnitMember(Base):
    """An officer's unit, and whether they are one of its fixed contacts (the pilot's small core team)."""

    __tablename__ = "unit_members"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    fixed_contact: Mapped[bool] = mapped_column(Boolean, default=False)


class Share(Base):
    """One officer's access to one preparation's sheet, until it expires or is revoked."""

    __tablename__ = "shares"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    preparation_id: Mapped[int] = mapped_column(ForeignKey("preparations.id", ondelete="CASCADE"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    shared_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    first_opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    last_opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    read_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    applied_rule_ids: Mapped[list[str] | None] = mapped_column(EncryptedJSON, default=None)
