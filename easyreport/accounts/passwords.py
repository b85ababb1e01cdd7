"""Password hashing with argon2id."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Checked against when the username is unknown, so a wrong username costs the same time as a wrong password.
_DUMMY_HASH = _hasher.hash("easyreport-no-such-account")


def use_parameters(*, time_cost: int, memory_cost: int, parallelism: int) -> None:
    """Hash with other argon2id parameters from now on (the test suite uses the cheapest, thousands of times)."""
    global _hasher, _DUMMY_HASH
    _hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)
    _DUMMY_HASH = _hasher.hash("easyreport-no-such-account")


def hash_password(password: str) -> str:
    """Hash a password for storage."""
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Check a password against a stored hash; an absent hash still costs one verification."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether the hash was made with older parameters."""
    return _hasher.check_needs_rehash(stored_hash)
