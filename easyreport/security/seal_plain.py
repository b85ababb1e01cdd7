"""Move values kept in plain text by older versions into their encrypted columns (part of `flask keys rotate`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from easyreport.preparation.models import Preparation


def seal_plain_client_codes(session: Session) -> int:
    """Encrypt every client code still in the old plain column and blank that column; return how many."""
    rows = session.scalars(
        select(Preparation).where(
            Preparation.client_code_plain != "", Preparation.client_code_sealed.is_(None)
        )
    ).all()
    for preparation in rows:
        preparation.client_code = (
            preparation.client_code_plain
        )  # the setter seals it and blanks the plain one
    session.flush()
    return len(rows)
