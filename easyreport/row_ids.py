"""The range of row ids every supported database can hold (no Flask)."""

from __future__ import annotations

# Integer primary keys are 32-bit signed on PostgreSQL; SQLite's 64-bit limit is larger, so this one bound
# suits both. Larger numbers cannot name a row: the lookup would overflow in the driver (SQLite) or be refused
# by the server ("integer out of range" on PostgreSQL).
MAX_ID = 2**31 - 1
MAX_ID_DIGITS = len(str(MAX_ID))


def is_valid_id(value: object) -> bool:
    """Whether value is an int a row id column can hold (1 … MAX_ID)."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID
