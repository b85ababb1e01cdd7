"""Bind every encrypted value to its row as soon as the ORM knows the row's key, in the same flush.

The column types seal a value for a placeholder row (see ``encrypted_types``); right after the ORM has
inserted or updated a row, these mapper events seal the row's new encrypted values again, now for the row's
primary key, and write them over the placeholders on the same connection. Until then no read accepts the
value, so nothing is ever stored readable but unbound. The cost is one more UPDATE per written row that has
encrypted columns, inside the transaction that wrote it.

Writes that bypass the ORM (Core ``insert``/``update`` statements) must call ``bind_cells`` themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from sqlalchemy import Table, Text, event, inspect, type_coerce, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import ColumnProperty, Mapper

from easyreport.security.encrypted_types import (
    ENCRYPTED_TYPES,
    EncryptedBytes,
    EncryptedJSON,
    EncryptedText,
    row_key,
)

_installed = False


@cache
def _encrypted_attributes(mapper: Mapper[Any]) -> tuple[tuple[str, str], ...]:
    """(attribute key, column name) of every row-bound encrypted column a mapper writes."""
    found = []
    for prop in mapper.column_attrs:
        if not isinstance(prop, ColumnProperty) or len(prop.columns) != 1:
            continue
        column = prop.columns[0]
        if isinstance(column.type, ENCRYPTED_TYPES) and column.type.place is not None:
            found.append((prop.key, column.name))
    return tuple(found)


def _column_type(table: Table, name: str) -> EncryptedText | EncryptedJSON | EncryptedBytes:
    column_type = table.c[name].type
    if not isinstance(column_type, ENCRYPTED_TYPES):
        raise TypeError(f"{table.name}.{name} is not an encrypted column")
    return column_type


def bind_cells(
    connection: Connection, table: Table, key: Mapping[str, Any], values: Mapping[str, Any]
) -> None:
    """Write these plain values of one row's encrypted columns, sealed for that row (key: primary key columns)."""
    if not values:
        return
    keys = [column for column in table.c if column.primary_key]
    row = row_key(tuple(key[column.name] for column in keys))
    tokens = {
        name: type_coerce(_column_type(table, name).seal_for_row(value, row), Text)
        for name, value in values.items()
    }
    where = [column == key[column.name] for column in keys]
    connection.execute(update(table).where(*where).values(tokens))


def _bind(mapper: Mapper[Any], connection: Connection, target: Any, *, inserted: bool) -> None:
    attributes = _encrypted_attributes(mapper)
    if not attributes:
        return
    state = inspect(target)
    values = {}
    for key, name in attributes:
        if inserted:
            value = state.dict.get(key)
        else:
            added = state.attrs[key].history.added
            value = added[0] if added else None
        if value is not None:
            values[name] = value
    table = mapper.local_table
    assert isinstance(table, Table)
    primary_key = dict(
        zip((c.name for c in mapper.primary_key), mapper.primary_key_from_instance(target), strict=True)
    )
    bind_cells(connection, table, primary_key, values)


def _after_insert(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    _bind(mapper, connection, target, inserted=True)


def _after_update(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    _bind(mapper, connection, target, inserted=False)


def install() -> None:
    """Listen on every mapper (once per process)."""
    global _installed  # mapper events are process-wide; listening twice would seal every value twice
    if _installed:
        return
    event.listen(Mapper, "after_insert", _after_insert)
    event.listen(Mapper, "after_update", _after_update)
    _installed = True
