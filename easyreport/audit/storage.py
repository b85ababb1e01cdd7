"""The audit log table, its append-only guard and serialised appends (SQLite and PostgreSQL).

Why appends cannot fork the chain: every append first takes a lock that one writer at a time can hold until
its transaction ends (PostgreSQL: a transaction-level advisory lock; SQLite: the database write lock), then
reads the head and writes the next entry. The primary key on ``seq`` is the last line: two entries with
the same number can never both be stored, whatever a writer does.

The audit entry is written in the caller's transaction, so it commits or rolls back together with the
action it records. Keep that transaction short: other audited actions wait for it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Connection,
    Engine,
    Index,
    Integer,
    String,
    Table,
    Text,
    event,
    insert,
    select,
    text,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from easyreport.audit.chain import (
    GENESIS_MAC,
    Action,
    ChainEntry,
    VerificationProblem,
    new_entry,
    seal,
    utc_timestamp,
    verify,
)
from easyreport.audit.head import SESSION_KEY, Appended
from easyreport.db_base import Base

# Any constant works, as long as nothing else in the database uses it for pg_advisory_xact_lock.
ADVISORY_LOCK_KEY = 0x6561_7564_6974_6C67  # "eauditlg"
SUPPORTED_DIALECTS = ("sqlite", "postgresql")


class UnsupportedDatabaseError(RuntimeError):
    """The audit log only knows how to serialise writers and guard rows on SQLite and PostgreSQL."""


class AuditEntry(Base):
    """One stored audit entry; rows are only ever inserted."""

    __tablename__ = "audit_log"
    __table_args__ = (
        CheckConstraint("seq >= 1", name="audit_log_seq_positive"),
        Index("ix_audit_log_object", "object_type", "object_id"),
        Index("ix_audit_log_actor", "actor"),
    )

    # The primary key makes seq unique: the database itself refuses a fork.
    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    )
    # Text, not DateTime: the MAC covers these exact characters, which must survive every driver.
    timestamp: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str | None] = mapped_column(String(64))
    actor_role: Mapped[str | None] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(64))
    metadata_json: Mapped[str] = mapped_column(Text)
    prev_mac: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))

    def to_chain_entry(self) -> ChainEntry:
        """Return the entry as the chain logic sees it."""
        return _row_to_entry(self)


def _row_to_entry(row: Any) -> ChainEntry:
    try:
        metadata = json.loads(row.metadata_json)
    except (TypeError, ValueError):
        metadata = None
    if not isinstance(metadata, dict):
        # Keep the entry verifiable: an unreadable value simply fails its MAC.
        metadata = {"unreadable_metadata": str(row.metadata_json)}
    return ChainEntry(
        seq=row.seq,
        timestamp=row.timestamp,
        actor=row.actor,
        actor_role=row.actor_role,
        action=row.action,
        object_type=row.object_type,
        object_id=row.object_id,
        metadata=metadata,
        prev_mac=row.prev_mac,
        mac=row.mac,
    )


def _lock_chain_head(connection: Connection) -> None:
    dialect = connection.dialect.name
    if dialect == "postgresql":
        # Held until this transaction commits or rolls back.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
    elif dialect == "sqlite":
        # A write that touches no row still takes the database write lock, and the Python sqlite3
        # driver opens the transaction right before it; a writer that starts while another holds the
        # lock waits (busy timeout). WHERE 0 means the delete guard trigger never fires.
        connection.exec_driver_sql("DELETE FROM audit_log WHERE 0")
    else:
        raise UnsupportedDatabaseError(f"the audit log does not support the {dialect!r} database")


def append(
    session: Session,
    key: bytes,
    *,
    action: Action | str,
    actor: str | int | None = None,
    actor_role: str | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    metadata: Mapping[str, Any] | None = None,
    now: datetime | None = None,
) -> ChainEntry:
    """Append one entry in the session's transaction (the caller commits) and return it sealed."""
    # Validate before taking the lock, so a bad call never holds up other writers.
    draft = new_entry(
        seq=1,
        action=action,
        timestamp=now,
        actor=actor,
        actor_role=actor_role,
        object_type=object_type,
        object_id=object_id,
        metadata=metadata,
    )
    _lock_chain_head(session.connection())
    head = session.execute(
        select(AuditEntry.seq, AuditEntry.mac).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq, prev_mac = (head.seq + 1, head.mac) if head is not None else (1, GENESIS_MAC)
    # Stamp after the lock, so time follows the sequence.
    entry = seal(replace(draft, seq=seq, timestamp=utc_timestamp(now)), prev_mac, key)
    session.execute(
        insert(AuditEntry).values(
            seq=entry.seq,
            timestamp=entry.timestamp,
            actor=entry.actor,
            actor_role=entry.actor_role,
            action=entry.action,
            object_type=entry.object_type,
            object_id=entry.object_id,
            metadata_json=json.dumps(dict(entry.metadata), sort_keys=True, separators=(",", ":")),
            prev_mac=entry.prev_mac,
            mac=entry.mac,
        )
    )
    # Picked up after the commit, to move the head file (audit.head); dropped on rollback.
    session.info.setdefault(SESSION_KEY, []).append(Appended(entry.seq, str(entry.mac), str(entry.prev_mac)))
    return entry


def read_entries(session: Session, *, after_seq: int = 0, limit: int | None = None) -> list[ChainEntry]:
    """Return stored entries with seq above after_seq, oldest first."""
    statement = select(AuditEntry.__table__).where(AuditEntry.seq > after_seq).order_by(AuditEntry.seq)
    if limit is not None:
        statement = statement.limit(limit)
    return [_row_to_entry(row) for row in session.execute(statement)]


def verify_log(
    session: Session, key: bytes, *, page_size: int = 1000, expected_last_seq: int | None = None
) -> list[VerificationProblem]:
    """Verify the whole stored chain page by page and return every problem found."""
    if page_size < 1:
        raise ValueError("page_size must be at least 1")
    problems: list[VerificationProblem] = []
    last: ChainEntry | None = None
    while True:
        page = read_entries(session, after_seq=last.seq if last else 0, limit=page_size)
        if not page:
            break
        problems.extend(verify(page, key, after=last))
        last = page[-1]
    if expected_last_seq is not None:
        # An empty batch after the last entry checks only how far the chain reaches.
        problems.extend(verify([], key, after=last, expected_last_seq=expected_last_seq))
    return problems


def _guard_statements(dialect: str, table: str) -> list[str]:
    if dialect == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {op} refused'); END"
            for op in ("UPDATE", "DELETE")
        ]
    if dialect == "postgresql":
        # No '%' anywhere: the driver would read it as a parameter marker.
        return [
            f"CREATE OR REPLACE FUNCTION {table}_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION USING MESSAGE = '{table} is append-only: ' || TG_OP || ' refused', "
            "ERRCODE = 'insufficient_privilege'; END $$",
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_refuse_change()",
            f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_refuse_change()",
        ]
    raise UnsupportedDatabaseError(f"the audit log does not support the {dialect!r} database")


def _install_guard(connection: Connection) -> None:
    for statement in _guard_statements(connection.dialect.name, AuditEntry.__tablename__):
        connection.exec_driver_sql(statement)


def install_append_only_guard(bind: Engine | Connection) -> None:
    """Make the database refuse UPDATE and DELETE (and TRUNCATE) on audit_log; safe to run again.

    ``create_all`` installs it too (an after_create hook); call this for a table made some other way.
    """
    if isinstance(bind, Engine):
        with bind.begin() as connection:
            _install_guard(connection)
    else:
        _install_guard(bind)


@event.listens_for(AuditEntry.__table__, "after_create")
def _guard_after_create(target: Table, connection: Connection, **kw: Any) -> None:
    _install_guard(connection)
