"""Bring an existing database up to the schema the code declares, for additive changes only.

``create_all`` makes missing tables but never changes a table that exists. When a release adds a
nullable column, this adds it to the existing table (``ALTER TABLE ... ADD COLUMN``), with an index if
the column has one, on SQLite and PostgreSQL alike. Existing rows get NULL, which the code must read
as "not given". Anything that is not purely additive (a required column, a new foreign key, a changed
type) is refused with a message naming the column: that needs a written migration, not a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Column, Engine, Index, MetaData, Table, inspect
from sqlalchemy.schema import CreateIndex

_SUPPORTED = ("sqlite", "postgresql")


class SchemaUpgradeError(RuntimeError):
    """The database differs from the code in a way that cannot be added safely."""


@dataclass(frozen=True)
class MissingColumn:
    """A column the code declares that the database table lacks."""

    table: Table
    column: Column[object]

    @property
    def name(self) -> str:
        """Return "table.column"."""
        return f"{self.table.name}.{self.column.name}"


def missing_columns(engine: Engine, metadata: MetaData) -> list[MissingColumn]:
    """Return the declared columns that existing tables lack (tables that do not exist are not listed)."""
    inspector = inspect(engine)
    existing_tables = set(inspector.get_table_names())
    missing: list[MissingColumn] = []
    for table in metadata.sorted_tables:
        if table.name not in existing_tables:
            continue
        present = {column["name"] for column in inspector.get_columns(table.name)}
        missing.extend(MissingColumn(table, column) for column in table.columns if column.name not in present)
    return missing


def _refusal(missing: MissingColumn) -> str | None:
    column = missing.column
    if column.primary_key:
        return "is part of the primary key"
    if not column.nullable:
        return "is required (NOT NULL); existing rows would have no value"
    if column.foreign_keys:
        return "is a foreign key"
    if column.server_default is not None:
        return "has a database default"
    return None


def add_missing_columns(engine: Engine, metadata: MetaData) -> list[str]:
    """Add every missing nullable column (and its index) to existing tables; return "table.column" names.

    Checks everything first and changes nothing if any missing column cannot be added safely.
    """
    if engine.dialect.name not in _SUPPORTED:
        raise SchemaUpgradeError(
            f"schema upgrades support {', '.join(_SUPPORTED)}, not {engine.dialect.name}"
        )
    missing = missing_columns(engine, metadata)
    refused = [f"{item.name} {reason}" for item in missing if (reason := _refusal(item)) is not None]
    if refused:
        raise SchemaUpgradeError(
            "these columns need a written migration: " + "; ".join(refused) + ". Nothing was changed."
        )
    preparer = engine.dialect.identifier_preparer
    added = {(item.table.name, item.column.name) for item in missing}
    with engine.begin() as connection:
        for item in missing:
            column_type = item.column.type.compile(dialect=engine.dialect)
            connection.exec_driver_sql(
                f"ALTER TABLE {preparer.format_table(item.table)} "
                f"ADD COLUMN {preparer.format_column(item.column)} {column_type}"
            )
        for index in _new_indexes(missing, added):
            connection.execute(CreateIndex(index))
    return [item.name for item in missing]


def _new_indexes(missing: list[MissingColumn], added: set[tuple[str, str]]) -> list[Index]:
    """Indexes whose columns were all just added (an index over old columns already exists)."""
    tables = {item.table.name: item.table for item in missing}
    return [
        index
        for table in tables.values()
        for index in sorted(table.indexes, key=lambda i: str(i.name))
        if all((table.name, column.name) in added for column in index.columns)
    ]
