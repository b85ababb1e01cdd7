"""Tables of the evaluation.

``evaluation_tallies`` holds only counts: when a preparation is purged, what it contributed to the
evaluation is added here and the preparation itself goes. ``share_traces`` keeps, for as long as the
preparation is kept (ON DELETE CASCADE), what an expired share contributed (its unit, whether the sheet
was read), because shares are purged at their expiry, much earlier than the preparation.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from easyreport.db_base import Base


class EvaluationTally(Base):
    """How many purged preparations of a month (and unit) counted for one figure."""

    __tablename__ = "evaluation_tallies"
    __table_args__ = (UniqueConstraint("month", "unit_key", "metric", "category"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM of the preparation's start
    unit_key: Mapped[str] = mapped_column(String(32))  # "*" for all units together
    metric: Mapped[str] = mapped_column(String(48))
    category: Mapped[str] = mapped_column(String(64), default="")
    count: Mapped[int] = mapped_column(Integer, default=0)


class ShareTrace(Base):
    """What an expired, purged share still tells the evaluation, kept with its preparation."""

    __tablename__ = "share_traces"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    preparation_id: Mapped[int] = mapped_column(ForeignKey("preparations.id", ondelete="CASCADE"), index=True)
    unit_key: Mapped[str | None] = mapped_column(String(32), default=None)
    read_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
