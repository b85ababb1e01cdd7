"""preparations: interpreter needed

Revision ID: 8fb779bb897b
Revises: e2fa27923d4d
Created: 2026-12-02 14:26:05.077284

Before committing: read every operation. A drop (table or column) or a narrowing change goes through
easyreport.migrations.safety (refuse_data_loss, drop_column, drop_table), never a bare op.drop_*: see README
"Migrations".
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from easyreport.migrations import safety

revision = "8fb779bb897b"
down_revision = "e2fa27923d4d"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing preparations get False: nobody said an interpreter is needed for them.
    with op.batch_alter_table("preparations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("interpreter_needed", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    # Refuses while any preparation says an interpreter is needed.
    safety.refuse_data_loss(
        "preparations",
        column="interpreter_needed",
        change="dropping column preparations.interpreter_needed",
        where="interpreter_needed",
    )
    with op.batch_alter_table("preparations", schema=None) as batch_op:
        batch_op.drop_column("interpreter_needed")
