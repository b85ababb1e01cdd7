"""Delete what has outlived its retention period (the database side of retention.py; no Flask).

Preparations go a set number of days after their last change, with everything hanging off them
(answers, observations, statement notes, consent, shares) through ON DELETE CASCADE. Shares go at
their expiry, stored sheet PDFs when the sheet's validity ends. Login sessions go after their idle limit, login attempts after a day. The audit log
stays: it holds no client content, and its entries name objects by pseudonymous ids only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from easyreport.accounts.models import LoginAttempt, StoredSession
from easyreport.briefing.models import StoredSheetPdf
from easyreport.preparation.models import Preparation
from easyreport.retention import RecordKind, RetentionPolicy
from easyreport.sharing.models import Share

LOGIN_ATTEMPTS_KEPT = timedelta(days=1)


@dataclass(frozen=True)
class PurgeReport:
    """How many rows of each kind were deleted."""

    preparations: int
    shares: int
    sheet_pdfs: int
    sessions: int
    login_attempts: int

    def as_metadata(self) -> dict[str, int]:
        """The counts, for the audit entry of the purge."""
        return {
            "preparations": self.preparations,
            "shares": self.shares,
            "sheet_pdfs": self.sheet_pdfs,
            "sessions": self.sessions,
            "login_attempts": self.login_attempts,
        }


def purge(session: Session, policy: RetentionPolicy, now: datetime, session_idle: timedelta) -> PurgeReport:
    """Delete everything expired at `now`; the caller commits."""
    prep_cutoff = policy.cutoff(RecordKind.PREPARATION, now)
    shares = session.execute(delete(Share).where(Share.expires_at <= now))
    preparations = session.execute(delete(Preparation).where(Preparation.updated_at <= prep_cutoff))
    sheet_pdfs = session.execute(delete(StoredSheetPdf).where(StoredSheetPdf.valid_until <= now))
    sessions = session.execute(delete(StoredSession).where(StoredSession.last_seen < now - session_idle))
    attempts = session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - LOGIN_ATTEMPTS_KEPT))
    return PurgeReport(
        preparations=_count(preparations),
        shares=_count(shares),
        sheet_pdfs=_count(sheet_pdfs),
        sessions=_count(sessions),
        login_attempts=_count(attempts),
    )


def _count(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
