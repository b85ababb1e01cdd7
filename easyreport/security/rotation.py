"""Re-encrypt every stored value under the active key, so an old key can be retired.

Rotation also rewrites older values of bound columns, unbound (v1) or bound to their column only (v2), into
tokens bound to their column and row (v3).

Rotation, step by step: add the new key to the configuration and make it active (keep the old one),
restart, run ``reencrypt_all`` (a CLI command) and commit, check ``count_stale`` is 0 everywhere, then
remove the old key from the configuration.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, MetaData, Table, Text, and_, func, not_, select, tuple_, type_coerce, update
from sqlalchemy.orm import ColumnProperty, QueryableAttribute, Session

from easyreport.security.crypto import FORMAT_VERSION, ROW_VERSION, KeyRing
from easyreport.security.encrypted_types import ENCRYPTED_TYPES, row_key

EncryptedColumn = Column[Any] | QueryableAttribute[Any]


@dataclass(frozen=True, slots=True)
class ColumnRotation:
    """What rotation did to one column."""

    table: str
    column: str
    stored: int
    reencrypted: int
    changed_meanwhile: int


@dataclass(frozen=True, slots=True)
class RotationReport:
    """What rotation did, column by column."""

    active_key_id: str
    columns: tuple[ColumnRotation, ...]

    @property
    def reencrypted(self) -> int:
        """Return how many values were re-encrypted in all."""
        return sum(column.reencrypted for column in self.columns)


def encrypted_columns(metadata: MetaData) -> list[Column[Any]]:
    """Return every encrypted (text, JSON, bytes) column declared in a metadata, in a stable order."""
    found: list[Column[Any]] = []
    for table in metadata.sorted_tables:
        found.extend(column for column in table.columns if isinstance(column.type, ENCRYPTED_TYPES))
    return found


def _resolve(target: EncryptedColumn) -> Column[Any]:
    column: Any = target
    if isinstance(target, QueryableAttribute):
        prop = target.property
        if not (isinstance(prop, ColumnProperty) and len(prop.columns) == 1):
            raise TypeError(f"{target} is not a plain column attribute")
        column = prop.columns[0]
    if not isinstance(column, Column) or not isinstance(column.table, Table):
        raise TypeError(f"{target!r} is not a table column")
    if not isinstance(column.type, ENCRYPTED_TYPES):
        # Refuse: "re-encrypting" a plaintext column would overwrite it with garbage reads later.
        raise ValueError(f"column {column.table.name}.{column.name} is not an encrypted column")
    if not column.table.primary_key.columns:
        raise ValueError(f"table {column.table.name} has no primary key to update rows by")
    return column


def _stale_condition(token: Any, keyring: KeyRing, place: str | None = None) -> Any:
    # A bound column is stale until its token is v3 (bound to column and row) under the active key.
    # Key ids may contain "_", a LIKE wildcard: escape it.
    version = FORMAT_VERSION if place is None else ROW_VERSION
    prefix = f"{version}.{keyring.active_key_id}.".replace("_", "\\_")
    return and_(token.is_not(None), not_(token.like(prefix + "%", escape="\\")))


def count_stale(session: Session, target: EncryptedColumn, keyring: KeyRing) -> int:
    """Count the values in a column that are not encrypted under the active key."""
    column = _resolve(target)
    token = type_coerce(column, Text)
    statement = (
        select(func.count()).select_from(column.table).where(_stale_condition(token, keyring, _place(column)))
    )
    return int(session.execute(statement).scalar_one())


def _place(column: Column[Any]) -> str | None:
    place: str | None = getattr(column.type, "place", None)
    return place


def _rotate_column(
    session: Session, column: Column[Any], keyring: KeyRing, batch_size: int
) -> ColumnRotation:
    table = column.table
    assert isinstance(table, Table)
    key_columns: Sequence[Column[Any]] = list(table.primary_key.columns)
    # type_coerce reads and writes the raw token: the column type would decrypt or encrypt it again.
    token = type_coerce(column, Text)
    place = _place(column)
    stored = int(
        session.execute(select(func.count()).select_from(table).where(token.is_not(None))).scalar_one()
    )
    stale_keys = [
        tuple(row)
        for row in session.execute(select(*key_columns).where(_stale_condition(token, keyring, place))).all()
    ]
    reencrypted = changed = 0
    for start in range(0, len(stale_keys), batch_size):
        batch = stale_keys[start : start + batch_size]
        rows = session.execute(
            select(*key_columns, token.label("token")).where(tuple_(*key_columns).in_(batch))
        ).all()
        for row in rows:
            old_token: str = row.token
            if place is None:
                new_token = keyring.reencrypt(old_token)
            else:
                new_token = keyring.reseal(old_token, place, row_key(tuple(row[:-1])))
            key_match = [key_column == value for key_column, value in zip(key_columns, row[:-1], strict=True)]
            # Update only if the cell still holds the token we read: a concurrent write wins.
            statement = (
                update(table)
                .where(*key_match, token == old_token)
                .values({column.name: type_coerce(new_token, Text)})
            )
            if session.execute(statement).rowcount == 1:  # type: ignore[attr-defined]
                reencrypted += 1
            else:
                changed += 1
    return ColumnRotation(table.name, column.name, stored, reencrypted, changed)


def reencrypt_all(
    session: Session, columns: Iterable[EncryptedColumn], keyring: KeyRing, *, batch_size: int = 500
) -> RotationReport:
    """Re-encrypt every value of the given columns under the active key; the caller commits."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    resolved = [_resolve(target) for target in columns]
    session.flush()
    results = tuple(_rotate_column(session, column, keyring, batch_size) for column in resolved)
    return RotationReport(keyring.active_key_id, results)
