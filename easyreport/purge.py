"""Delete what has outlived its retention period (the database side of retention.py; no Flask).

Preparations go a set number of days after their last change, with everything hanging off them
(answers, observations, statement notes, consent, shares) through ON DELETE CASCADE. Shares go at
their expiry (the evaluation keeps a trace of them with the preparation), stored sheet PDFs and stored sheets (sheet_store.py) when the sheet's validity ends (and with their preparation).
Login sessions go after their idle limit, login attempts after a day. The audit log stays: it holds no client content, and its entries name objects by pseudonymous ids only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, not_
from sqlalchemy.orm import Session

from easyreport.accounts.models import LoginAttempt, StoredSession
from easyreport.briefing.models import StoredSheet, StoredSheetPdf
from easyreport.evaluation.service import keep_before_purge
from easyreport.preparation.models import Preparation
from easyreport.retention import RecordKind, RetentionPolicy
from easyreport.sharing.models import Share

LOGIN_ATTEMPTS_KEPT = timedelta(days=1)
CLIENT_MODE_KEY = (
    "client_mode"  # the session key of easyreport.auth.CLIENT_MODE_KEY (that module needs Flask)
)


@dataclass(frozen=True)
class PurgeReport:
    """How many rows of each kind were deleted."""

    preparations: int
    shares: int
    sheet_pdfs: int
    sheets: int
    sessions: int
    login_attempts: int

    def as_metadata(self) -> dict[str, int]:
        """The counts, for the audit entry of the purge."""
        return {
            "preparations": self.preparations,
            "shares": self.shares,
            "sheet_pdfs": self.sheet_pdfs,
            "sheets": self.sheets,
            "sessions": self.sessions,
            "login_attempts": self.login_attempts,
        }


def purge(
    session: Session,
    policy: RetentionPolicy,
    now: datetime,
    session_idle: timedelta,
    client_mode_max: timedelta = timedelta(hours=12),
) -> PurgeReport:
    """Delete everything expired at `now`; the caller commits.

    A session in client mode is not idle-purged: a client may take a long break, and a device left
    untouched shows the locked screen instead (web_session). It goes after client_mode_max without use.
    """
    prep_cutoff = policy.cutoff(RecordKind.PREPARATION, now)
    # The evaluation keeps counts only: what the expiring rows contributed is added up before they go.
    keep_before_purge(session, prep_cutoff, now)
    # "fetch": rows already loaded (keep_before_purge loads the expiring preparations) are matched by primary key,
    # not by evaluating the criteria in Python, where SQLite's naive datetimes cannot be compared with `now`.
    sync = {"synchronize_session": "fetch"}
    shares = session.execute(delete(Share).where(Share.expires_at <= now), execution_options=sync)
    preparations = session.execute(
        delete(Preparation).where(Preparation.updated_at <= prep_cutoff), execution_options=sync
    )
    sheet_pdfs = session.execute(
        delete(StoredSheetPdf).where(StoredSheetPdf.valid_until <= now), execution_options=sync
    )
    # Rows of preparations deleted above went with them (ON DELETE CASCADE); these are the expired sheets.
    sheets = session.execute(
        delete(StoredSheet).where(StoredSheet.valid_until <= now), execution_options=sync
    )
    in_client_mode = StoredSession.data.like(f'%"{CLIENT_MODE_KEY}":%')
    sessions = session.execute(
        delete(StoredSession).where(StoredSession.last_seen < now - session_idle, not_(in_client_mode)),
        execution_options=sync,
    )
    client_sessions = session.execute(
        delete(StoredSession).where(StoredSession.last_seen < now - client_mode_max, in_client_mode),
        execution_options=sync,
    )
    attempts = session.execute(
        delete(LoginAttempt).where(LoginAttempt.at < now - LOGIN_ATTEMPTS_KEPT), execution_options=sync
    )
    return PurgeReport(
        preparations=_count(preparations),
        shares=_count(shares),
        sheet_pdfs=_count(sheet_pdfs),
        sessions=_count(sessions) + _count(client_sessions),
        sheets=_count(sheets),
        login_attempts=_count(attempts),
    )


def _count(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
