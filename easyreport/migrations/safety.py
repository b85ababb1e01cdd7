"""Steps for revisions that could lose data: they refuse, and say why, when there is data to lose.

Autogenerate writes ``op.drop_column`` / ``op.drop_table`` for a column or table that left the models.
Run on a live database that deletes whatever it holds, silently. In a revision use these instead:

    from easyreport.migrations import safety

    def upgrade() -> None:
        safety.drop_column("preparations", "old_note")      # refuses while any row has a value
        safety.drop_table("old_things")                     # refuses while the table has rows
        safety.refuse_data_loss("users", column="nickname", change="shortening users.nickname",
                                where="length(nickname) > 40")  # any other narrowing change

When it refuses, the upgrade stops with ``DataLossRefused`` naming the table, column and row count, and
the step changes nothing (on PostgreSQL the whole upgrade is rolled back). Move or convert the values
in an earlier revision (or empty them on purpose), then upgrade again. A test fails on any bare
``drop_column`` / ``drop_table`` in ``versions/``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


class DataLossRefused(RuntimeError):
    """A migration step would delete stored data; nothing was changed by it."""


def refuse_data_loss(table: str, *, change: str, column: str | None = None, where: str | None = None) -> None:
    """Raise DataLossRefused when ``table`` has rows (with ``column`` set, matching ``where``)."""
    query = sa.select(sa.func.count()).select_from(sa.table(table))
    if column is not None:
        query = query.where(sa.column(column).is_not(None))
    if where is not None:
        query = query.where(sa.text(where))
    count = op.get_bind().scalar(query) or 0
    if count:
        place = f"{table}.{column}" if column else f"table {table}"
        raise DataLossRefused(
            f"Refused: {change} would delete {count} stored value(s) in {place}. Nothing was changed by this "
            "step. Move or convert them in an earlier revision (or empty them on purpose), then upgrade again."
        )


def drop_column(table: str, column: str) -> None:
    """Drop a column that holds no values; refuse while any row has one."""
    refuse_data_loss(table, column=column, change=f"dropping column {table}.{column}")
    with op.batch_alter_table(table) as batch:
        batch.drop_column(column)


def drop_table(table: str) -> None:
    """Drop a table that has no rows; refuse while it has any."""
    refuse_data_loss(table, change=f"dropping table {table}")
    op.drop_table(table)
