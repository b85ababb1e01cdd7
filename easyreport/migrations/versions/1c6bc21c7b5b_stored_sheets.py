"""stored sheets: the built and rendered sheet, kept per preparation, language and kind of output

Revision ID: 1c6bc21c7b5b
Revises: 8fb779bb897b
Created: 2026-12-02 18:02:33.526789

Before committing: read every operation. A drop (table or column) or a narrowing change goes through
easyreport.migrations.safety (refuse_data_loss, drop_column, drop_table), never a bare op.drop_*: see README
"Migrations".
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from easyreport.migrations import safety

revision = "1c6bc21c7b5b"
down_revision = "8fb779bb897b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Empty at first: each sheet is stored at its next view (easyreport/briefing/sheet_store.py).
    op.create_table(
        "stored_sheets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("preparation_id", sa.Integer(), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("digest", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["preparation_id"], ["preparations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("preparation_id", "locale", "kind"),
    )
    with op.batch_alter_table("stored_sheets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stored_sheets_preparation_id"), ["preparation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stored_sheets_valid_until"), ["valid_until"], unique=False)


def downgrade() -> None:
    # Only copies: every stored sheet is built again from the tables that stay, so they are emptied on purpose
    # before the guarded drop (which drops the indexes with the table).
    op.execute(sa.text("DELETE FROM stored_sheets"))
    safety.drop_table("stored_sheets")
