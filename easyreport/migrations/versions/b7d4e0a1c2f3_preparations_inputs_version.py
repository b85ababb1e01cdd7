"""preparations: inputs_version, raised by the database whenever a row the sheet is built from changes

Revision ID: b7d4e0a1c2f3
Revises: 1c6bc21c7b5b
Created: 2026-12-03 19:20:00

Before committing: read every operation. A drop (table or column) or a narrowing change goes through
easyreport.migrations.safety (refuse_data_loss, drop_column, drop_table), never a bare op.drop_*: see README
"Migrations".

The triggers are written out here, frozen like the tables, as easyreport.briefing.inputs_version makes
them for create_all.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b7d4e0a1c2f3"
down_revision = "1c6bc21c7b5b"
branch_labels = None
depends_on = None

TABLES = ("answers", "observations", "sheet_settings", "consent_records")


def triggers(dialect: str) -> list[str]:
    """Every insert, update and delete of an input row raises its preparation's inputs_version."""
    if dialect == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {table}_inputs_version_{verb.lower()} AFTER {verb} ON {table} "  # noqa: S608 - constants
            f"BEGIN UPDATE preparations SET inputs_version = inputs_version + 1 WHERE id IN ({ids}); END"
            for table in TABLES
            for verb, ids in (
                ("INSERT", "NEW.preparation_id"),
                ("UPDATE", "OLD.preparation_id, NEW.preparation_id"),
                ("DELETE", "OLD.preparation_id"),
            )
        ]
    if dialect == "postgresql":
        statements = [
            "CREATE OR REPLACE FUNCTION preparations_inputs_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF TG_OP = 'TRUNCATE' THEN UPDATE preparations SET inputs_version = inputs_version + 1; "
            "RETURN NULL; END IF; "
            "IF TG_OP <> 'INSERT' THEN "
            "UPDATE preparations SET inputs_version = inputs_version + 1 WHERE id = OLD.preparation_id; END IF; "
            "IF TG_OP = 'INSERT' OR NEW.preparation_id IS DISTINCT FROM OLD.preparation_id THEN "
            "UPDATE preparations SET inputs_version = inputs_version + 1 WHERE id = NEW.preparation_id; END IF; "
            "RETURN NULL; END $$"
        ]
        for table in TABLES:
            statements += [
                f"DROP TRIGGER IF EXISTS {table}_inputs_version ON {table}",
                f"CREATE TRIGGER {table}_inputs_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION preparations_inputs_changed()",
                f"DROP TRIGGER IF EXISTS {table}_inputs_version_truncate ON {table}",
                f"CREATE TRIGGER {table}_inputs_version_truncate AFTER TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION preparations_inputs_changed()",
            ]
        return statements
    raise RuntimeError(f"easyreport supports SQLite and PostgreSQL, not {dialect!r}")


def upgrade() -> None:
    # Existing preparations start at 0: their stored sheets were kept under a digest without this number,
    # so none of them is used again; each is built once more at its next view.
    with op.batch_alter_table("preparations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("inputs_version", sa.Integer(), nullable=False, server_default="0"))
    for statement in triggers(op.get_bind().dialect.name):
        op.execute(sa.text(statement))


def downgrade() -> None:
    # A derived number, not data: dropping it loses nothing (the stored sheets it keyed are only copies).
    bind = op.get_bind()
    for table in TABLES:
        if bind.dialect.name == "sqlite":
            for verb in ("insert", "update", "delete"):
                op.execute(sa.text(f"DROP TRIGGER IF EXISTS {table}_inputs_version_{verb}"))
        else:
            op.execute(sa.text(f"DROP TRIGGER IF EXISTS {table}_inputs_version ON {table}"))
            op.execute(sa.text(f"DROP TRIGGER IF EXISTS {table}_inputs_version_truncate ON {table}"))
    if bind.dialect.name == "postgresql":
        op.execute(sa.text("DROP FUNCTION IF EXISTS preparations_inputs_changed()"))
    op.execute(sa.text("DELETE FROM stored_sheets"))
    with op.batch_alter_table("preparations", schema=None) as batch_op:
        batch_op.drop_column("inputs_version")
