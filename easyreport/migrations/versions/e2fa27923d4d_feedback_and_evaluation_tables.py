"""feedback and evaluation tables

Revision ID: e2fa27923d4d
Revises: 6893357a64ed
Created: 2026-12-02 14:20:45.952589

Before committing: read every operation. A drop (table or column) or a narrowing change goes through
easyreport.migrations.safety (refuse_data_loss, drop_column, drop_table), never a bare op.drop_*: see README
"Migrations".
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from easyreport.migrations import safety

revision = "e2fa27923d4d"
down_revision = "6893357a64ed"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evaluation_tallies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("unit_key", sa.String(length=32), nullable=False),
        sa.Column("metric", sa.String(length=48), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("month", "unit_key", "metric", "category"),
    )
    op.create_table(
        "client_feedback",
        sa.Column("preparation_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["preparation_id"], ["preparations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("preparation_id"),
    )
    op.create_table(
        "interview_dates",
        sa.Column("preparation_id", sa.Integer(), nullable=False),
        sa.Column("interview_on", sa.Date(), nullable=False),
        sa.Column("entered_by_role", sa.String(length=16), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["preparation_id"], ["preparations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("preparation_id"),
    )
    op.create_table(
        "officer_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("share_public_id", sa.String(length=32), nullable=False),
        sa.Column("preparation_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("unit_key", sa.String(length=32), nullable=True),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("other_missing", sa.Text(), nullable=True),
        sa.Column("other_check", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(["preparation_id"], ["preparations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("share_public_id"),
    )
    with op.batch_alter_table("officer_feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_officer_feedback_officer_id"), ["officer_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_officer_feedback_preparation_id"), ["preparation_id"], unique=False
        )

    op.create_table(
        "share_traces",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("preparation_id", sa.Integer(), nullable=False),
        sa.Column("unit_key", sa.String(length=32), nullable=True),
        sa.Column("read_confirmed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["preparation_id"], ["preparations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("share_traces", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_share_traces_preparation_id"), ["preparation_id"], unique=False)


def downgrade() -> None:
    # Refuses while any table still holds feedback or counts (safety.drop_table drops its indexes with it).
    for table in (
        "share_traces",
        "officer_feedback",
        "interview_dates",
        "client_feedback",
        "evaluation_tallies",
    ):
        safety.drop_table(table)
