"""`flask keys` and `flask audit`: key generation, key rotation and audit-chain verification."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from easyreport.audit.anchor import verify_against_head
from easyreport.audit.chain import Action
from easyreport.audit.storage import append
from easyreport.db_base import Base
from easyreport.extensions import db
from easyreport.purge import purge
from easyreport.retention import RecordKind, RetentionPolicy
from easyreport.security.crypto import generate_key
from easyreport.security.encrypted_types import current_keyring
from easyreport.security.rotation import encrypted_columns, reencrypt_all
from easyreport.security.seal_plain import seal_plain_client_codes
from easyreport.timeutil import utcnow

keys_cli = AppGroup("keys", help="Encryption and audit keys.")
audit_cli = AppGroup("audit", help="The tamper-evident audit log.")


@keys_cli.command("new")
def new_key() -> None:
    """Print a new random 256-bit key (for EASYREPORT_ENCRYPTION_KEYS or EASYREPORT_AUDIT_KEY)."""
    click.echo(generate_key())


@keys_cli.command("rotate")
def rotate_keys() -> None:
    """Re-encrypt every encrypted value under the active key (set the new key active first)."""
    ring = current_keyring()
    sealed = seal_plain_client_codes(db.session)
    report = reencrypt_all(db.session, encrypted_columns(Base.metadata), ring)
    append(
        db.session,
        current_app.extensions["easyreport.audit_key"],
        action=Action.KEY_ROTATION,
        metadata={"active_key": ring.active_key_id, "values": report.reencrypted, "sealed_plain": sealed},
    )
    db.session.commit()
    for column in report.columns:
        click.echo(f"{column.table}.{column.column}: {column.reencrypted} re-encrypted")
    click.echo(f"{sealed} client codes moved from plain text into their encrypted column")
    click.echo(
        f"Done: {report.reencrypted} values now use key {ring.active_key_id!r}, bound to their column."
    )


@click.command("purge")
@with_appcontext
def purge_expired() -> None:
    """Delete expired preparations (with their answers, notes, consent and shares), shares, sessions."""
    cfg = current_app.config["EASYREPORT"]
    policy = RetentionPolicy.from_days(**{RecordKind.PREPARATION.value: cfg.RETENTION_PREPARATION_DAYS})
    report = purge(
        db.session,
        policy,
        utcnow(),
        timedelta(minutes=cfg.SESSION_IDLE_MINUTES),
        client_mode_max=timedelta(hours=cfg.SESSION_MAX_HOURS),
    )
    append(
        db.session,
        current_app.extensions["easyreport.audit_key"],
        action=Action.PURGE,
        metadata=report.as_metadata(),
    )
    db.session.commit()
    click.echo(
        f"Purged {report.preparations} preparations, {report.shares} shares, {report.sheet_pdfs} stored sheet PDFs, "
        f"{report.sheets} stored sheets, "
        f"{report.sessions} sessions, "
        f"{report.login_attempts} login attempts."
    )


@audit_cli.command("verify")
def verify_audit() -> None:
    """Check the whole audit chain against the signed head file; exit 1 and name every problem.

    Altered, removed or moved entries show in the chain; entries cut off the end show against the head file,
    with the range that is missing.
    """
    cfg = current_app.config["EASYREPORT"]
    problems = verify_against_head(
        db.session, current_app.extensions["easyreport.audit_key"], Path(cfg.AUDIT_HEAD_FILE)
    )
    if not problems:
        click.echo("Audit log intact.")
        return
    for problem in problems:
        missing = f" (missing: {problem.missing[0]} to {problem.missing[1]})" if problem.missing else ""
        click.echo(f"entry {problem.seq}: {problem.kind} — {problem.detail}{missing}")
    raise SystemExit(1)
