"""sheet settings: preferred name and interpreter language

Revision ID: 6893357a64ed
Revises: c0a1e5f3b001
Created: 2026-12-02 14:14:54.712876

Before committing: read every operation. A drop (table or column) or a narrowing change goes through
easyreport.migrations.safety (refuse_data_loss, drop_column, drop_table), never a bare op.drop_*: see README
"Migrations".
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from easyreport.migrations import safety

revision = "6893357a64ed"
down_revision = "c0a1e5f3b001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sheet_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("preferred_name", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("interpreter_language", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("interpreter_language_other", sa.Text(), nullable=True))


def downgrade() -> None:
    # Refuses while any preparation still holds a preferred name or a language (safety.drop_column).
    for column in ("interpreter_language_other", "interpreter_language", "preferred_name"):
        safety.drop_column("sheet_settings", column)
