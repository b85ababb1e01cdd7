"""Keep the head file in step with committed audit entries, and check the chain against it (no Flask)."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session, sessionmaker

from easyreport.audit.chain import ProblemKind, VerificationProblem
from easyreport.audit.head import SESSION_KEY, HeadFileError, advance, read_head
from easyreport.audit.storage import AuditEntry, verify_log

log = logging.getLogger("easyreport.audit.head")


def _stored_mac(engine: Engine, seq: int) -> str | None:
    with engine.connect() as connection:
        mac: str | None = connection.execute(select(AuditEntry.mac).where(AuditEntry.seq == seq)).scalar()
        return mac


def install_head_anchor(factory: sessionmaker[Session], engine: Engine, path: Path, key: bytes) -> None:
    """After each commit that appended audit entries, move the head file forward."""

    @event.listens_for(factory, "after_commit")
    def _after_commit(session: Session) -> None:
        appended = session.info.pop(SESSION_KEY, None)
        if not appended:
            return
        try:
            advance(path, appended, key, lambda seq: _stored_mac(engine, seq))
        except (OSError, HeadFileError):
            # The action is committed already; `flask audit verify` reports a head that fell behind.
            log.exception("could not write the audit head file %s", path)

    @event.listens_for(factory, "after_rollback")
    def _after_rollback(session: Session) -> None:
        session.info.pop(SESSION_KEY, None)


def verify_against_head(session: Session, key: bytes, path: Path) -> list[VerificationProblem]:
    """Verify the chain, and that it reaches the signed head and still holds the head's entry."""
    try:
        head = read_head(path, key)
    except HeadFileError as exc:
        return [VerificationProblem(0, ProblemKind.ALTERED, str(exc))]
    problems = verify_log(session, key, expected_last_seq=head.seq if head is not None else None)
    if head is None:
        if session.scalar(select(func.count()).select_from(AuditEntry)):
            problems.append(
                VerificationProblem(
                    0,
                    ProblemKind.TRUNCATED,
                    f"no audit head file at {path}: a cut-off end cannot be detected",
                )
            )
        return problems
    stored = session.scalar(select(AuditEntry.mac).where(AuditEntry.seq == head.seq))
    if stored is not None and stored != head.mac:
        problems.append(
            VerificationProblem(head.seq, ProblemKind.ALTERED, "the entry differs from the signed head file")
        )
    return problems
