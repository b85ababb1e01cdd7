"""SQLAlchemy column types that encrypt on the way into the database and decrypt on the way out.

The key ring is process-wide: the app factory calls ``set_keyring`` once at start, before any query.
Every encrypted column of the app's tables is bound to its place ("table.column", set by
``bind_encrypted_columns`` when the models are imported) *and* to its row: the place and the row's primary
key are in the token's associated data (a v3 token), so a token copied into another column, another table
or another row of the same column fails to decrypt.

A column type cannot see the row it serves, so the row comes in two ways:
- reading: ``column_expression`` makes every SELECT of an encrypted column return ``token#<row key>``,
  the row key computed by the database from the row the value was read from (a moved token meets the wrong
  key). A read that cannot name the row (a subquery without the key) gets the bare token and fails closed;
- writing: the column type seals a value for a placeholder row that no read ever accepts, and
  ``easyreport.security.row_binding`` re-seals it for its row as soon as the ORM knows the row's key, in the
  same flush. So a value only becomes readable once it is bound to its row.

Old v1 (unbound) and v2 (bound to the column only) tokens stay readable until ``flask keys rotate`` rewrites
them as v3. The key id in the token makes sure a value is always read with the key it was written with, and
that re-labelling fails.

Encrypted values cannot be searched or compared in SQL (every encryption uses a fresh nonce), so the
column types refuse such comparisons instead of silently matching nothing; ``IS NULL`` still works.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import MetaData, cast, literal_column, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.operators import OperatorType
from sqlalchemy.types import Text, TypeDecorator

from easyreport.security.crypto import DecryptionError, DecryptionFailure, KeyRing

_keyring: KeyRing | None = None

# Between the row key the database adds to a token on reading; never part of a token or of an integer key.
ROW_SEPARATOR = "#"
# The row a value is sealed for before its row key is known. No read names it, so such a token never decrypts.
PENDING_ROW = "?pending"


class KeyRingNotConfiguredError(RuntimeError):
    """An encrypted column was used before the app factory called set_keyring()."""

    def __init__(self) -> None:
        super().__init__(
            "no encryption key ring is configured: call easyreport.security.encrypted_types.set_keyring() "
            "at application start, before the database is used"
        )


class EncryptedComparisonError(TypeError):
    """SQL tried to compare or search an encrypted column by value, which can never match."""


def set_keyring(keyring: KeyRing) -> None:
    """Make a key ring the one every encrypted column in this process uses."""
    global _keyring  # one process-wide ring is the point of this registry
    if not isinstance(keyring, KeyRing):
        raise TypeError("set_keyring() needs a KeyRing")
    _keyring = keyring


def clear_keyring() -> None:
    """Forget the process-wide key ring (for tests and shutdown)."""
    global _keyring
    _keyring = None


def current_keyring() -> KeyRing:
    """Return the process-wide key ring or raise KeyRingNotConfiguredError."""
    if _keyring is None:
        raise KeyRingNotConfiguredError
    return _keyring


# Operators that still make sense on ciphertext: NULL tests and (meaningless but harmless) ordering.
_ALLOWED_OPERATORS: frozenset[Any] = frozenset(
    {
        operators.is_,
        operators.is_not,
        operators.asc_op,
        operators.desc_op,
        operators.nulls_first_op,
        operators.nulls_last_op,
        operators.distinct_op,
    }
)


def _check_operator(op: OperatorType, other: tuple[Any, ...]) -> None:
    if op in _ALLOWED_OPERATORS:
        return
    if op in (operators.eq, operators.ne) and all(value is None for value in other):
        return  # "column == None" renders as IS NULL
    name = getattr(op, "__name__", repr(op))
    raise EncryptedComparisonError(
        f"an encrypted column cannot be used with SQL operator {name!r}: its stored value is ciphertext; "
        "load the rows and compare in Python"
    )


class _EncryptedComparator(TypeDecorator.Comparator[Any]):
    """Refuse value comparisons on ciphertext."""

    __slots__ = ()

    def operate(self, op: OperatorType, *other: Any, **kwargs: Any) -> ColumnElement[Any]:
        _check_operator(op, other)
        return super().operate(op, *other, **kwargs)

    def reverse_operate(self, op: OperatorType, other: Any, **kwargs: Any) -> ColumnElement[Any]:
        _check_operator(op, (other,))
        return super().reverse_operate(op, other, **kwargs)


class _Placed(TypeDecorator[Any]):
    """Shared by the encrypted types: the place the column is bound to, and sealing bytes there."""

    impl = Text
    cache_ok = True
    comparator_factory = _EncryptedComparator

    def __init__(self, place: str | None = None) -> None:
        super().__init__()
        self.place = place  # "table.column"; None only for tables outside the app (unbound v1 tokens)

    def _seal(self, data: bytes) -> str:
        ring = current_keyring()
        return (
            ring.encrypt_bytes(data) if self.place is None else ring.seal_row(data, self.place, PENDING_ROW)
        )

    def _unseal(self, value: str) -> bytes:
        ring = current_keyring()
        if self.place is None:
            return ring.decrypt_bytes(value)
        token, separator, row = value.partition(ROW_SEPARATOR)
        return ring.unseal(token, self.place, row if separator else None)

    def _text(self, token: str) -> str:
        data = self._unseal(token)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise DecryptionError(DecryptionFailure.NOT_TEXT) from None

    def seal_for_row(self, value: Any, row: str) -> str:
        """Return the stored token for a value of this column in the row with this key (see row_binding)."""
        if self.place is None:
            raise TypeError("only a column bound to its place can be bound to a row")
        return current_keyring().seal_row(self._encode(value), self.place, row)

    def _encode(self, value: Any) -> bytes:
        raise NotImplementedError

    def column_expression(self, colexpr: ColumnElement[Any]) -> ColumnElement[Any]:
        """Select ``token#<row key>``: the database names the row each token was read from."""
        if self.place is None:
            return colexpr
        table = getattr(colexpr, "table", None)
        keys = [column for column in table.c if column.primary_key] if table is not None else []
        if not keys:
            return colexpr  # no row key to add: a v3 token read this way fails closed
        selected: ColumnElement[Any] = type_coerce(colexpr, Text) + literal_column(f"'{ROW_SEPARATOR}'")
        selected = selected + row_key_expression(keys)
        return type_coerce(selected, self)


def row_key_expression(keys: list[Any]) -> ColumnElement[Any]:
    """The row key as SQL text: the primary key columns as text, joined by ",", as ``row_key`` does in Python."""
    expression: ColumnElement[Any] = cast(keys[0], Text)
    for key in keys[1:]:
        expression = expression + literal_column("','") + cast(key, Text)
    return expression


def row_key(values: tuple[Any, ...]) -> str:
    """The row key of a primary key's values, as the database computes it in ``row_key_expression``."""
    return ",".join(str(value) for value in values)


class EncryptedText(_Placed):
    """A text value stored as an AES-GCM token in a Text column; None stays NULL."""

    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        """Encrypt a str under the active key, bound to this column."""
        if value is None:
            return None
        return self._seal(self._encode(value))

    def _encode(self, value: Any) -> bytes:
        if not isinstance(value, str):
            raise TypeError(f"EncryptedText stores str values, not {type(value).__name__}")
        return value.encode("utf-8")

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        """Decrypt a stored token."""
        if value is None:
            return None
        return self._text(value)

    @property
    def python_type(self) -> type[str]:
        """Return str: the type the application sees."""
        return str


class EncryptedBytes(_Placed):
    """A binary value (such as a rendered PDF) stored as an AES-GCM token in a Text column; None stays NULL."""

    cache_ok = True

    def process_bind_param(self, value: bytes | None, dialect: Dialect) -> str | None:
        """Encrypt bytes under the active key, bound to this column."""
        if value is None:
            return None
        return self._seal(self._encode(value))

    def _encode(self, value: Any) -> bytes:
        if not isinstance(value, bytes):
            raise TypeError(f"EncryptedBytes stores bytes values, not {type(value).__name__}")
        return value

    def process_result_value(self, value: str | None, dialect: Dialect) -> bytes | None:
        """Decrypt a stored token."""
        if value is None:
            return None
        return self._unseal(value)

    @property
    def python_type(self) -> type[bytes]:
        """Return bytes: the type the application sees."""
        return bytes


class EncryptedJSON(_Placed):
    """A JSON-serialisable value stored encrypted; Python None is SQL NULL (a JSON null is not kept apart).

    Changes inside a loaded dict or list are not tracked: assign a new value to save a change.
    """

    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        """Serialise to compact JSON and encrypt it."""
        if value is None:
            return None
        return self._seal(self._encode(value))

    def _encode(self, value: Any) -> bytes:
        # allow_nan=False: NaN is not JSON and would not survive another reader.
        document = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        return document.encode("utf-8")

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        """Decrypt and parse a stored token."""
        if value is None:
            return None
        document = self._text(value)
        try:
            return json.loads(document)
        except ValueError:
            # Authenticated ciphertext that is not JSON means a column type was swapped, not tampering.
            raise DecryptionError(DecryptionFailure.NOT_JSON) from None


# Every encrypted column type, for the code that finds encrypted columns (key rotation).
ENCRYPTED_TYPES = (EncryptedText, EncryptedJSON, EncryptedBytes)


def bind_encrypted_columns(metadata: MetaData) -> None:
    """Bind every encrypted column of these tables to its place "table.column" (once, before any query)."""
    for table in metadata.tables.values():
        for column in table.columns:
            if isinstance(column.type, ENCRYPTED_TYPES):
                column.type.place = f"{table.name}.{column.name}"
