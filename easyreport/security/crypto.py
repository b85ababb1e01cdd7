"""Encrypt values at rest with AES-256-GCM under named, rotatable keys.

A token is plain ASCII text, safe for a Text column, a JSON file or a URL::

    v1.<key id>.<base64url(nonce | ciphertext with tag)>

The version and the key id are bound into the associated data, so a token cannot be re-labelled with
another key id (or another format version) without failing authentication, even when two ids happen to
carry the same key bytes. Keys come from configuration or the environment, never from the database.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Iterator, Mapping
from enum import StrEnum
from types import MappingProxyType

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT_VERSION = "v1"
# Tokens bound to the database cell they were written for ("table.column"): the place is in the associated
# data, so a token copied into another column does not decrypt. v1 tokens (no place) stay readable.
BOUND_VERSION = "v2"
# Tokens bound to their cell *and row* ("table.column" and the row's primary key): a token moved to another
# row of the same column does not decrypt either. v2 tokens stay readable until `flask keys rotate`.
ROW_VERSION = "v3"
_VERSIONS = (FORMAT_VERSION, BOUND_VERSION, ROW_VERSION)
KEY_BYTES = 32
NONCE_BYTES = 12
_TAG_BYTES = 16
_KEY_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")
# Domain separation: a token made by another program with the same key must not decrypt here.
_AAD_PREFIX = b"easyreport/encrypted-value/"
_BAD_KEY_ID = "a key id must be 1-32 characters from A-Z, a-z, 0-9, '_' and '-'"


class DecryptionFailure(StrEnum):
    """Why a token could not be decrypted (safe to log: it never holds key material or plaintext)."""

    MALFORMED = "malformed"
    UNSUPPORTED_VERSION = "unsupported_version"
    UNKNOWN_KEY = "unknown_key"
    AUTHENTICATION_FAILED = "authentication_failed"
    NOT_TEXT = "not_text"
    NOT_JSON = "not_json"
    ROW_MISSING = "row_missing"


class DecryptionError(Exception):
    """A token was malformed, tampered with, or made under a key this key ring does not hold."""

    def __init__(self, reason: DecryptionFailure, key_id: str | None = None) -> None:
        self.reason = reason
        self.key_id = key_id
        where = f" (key id {key_id!r})" if key_id is not None else ""
        super().__init__(f"cannot decrypt value: {reason.value}{where}")


class KeyConfigError(ValueError):
    """The key configuration is malformed; the message names the entry but never echoes key material."""


def generate_key() -> str:
    """Return a new random 256-bit key as standard base64, ready for the key configuration."""
    return base64.b64encode(os.urandom(KEY_BYTES)).decode("ascii")


def decode_key(text: str, *, label: str = "key") -> bytes:
    """Decode a base64 (standard or URL-safe, padding optional) 256-bit key or raise KeyConfigError."""
    cleaned = text.strip().replace("-", "+").replace("_", "/")
    cleaned += "=" * (-len(cleaned) % 4)
    try:
        raw = base64.b64decode(cleaned, validate=True)
    except (binascii.Error, ValueError):
        raise KeyConfigError(f"{label} is not valid base64") from None
    if len(raw) != KEY_BYTES:
        raise KeyConfigError(
            f"{label} decodes to {len(raw)} bytes; AES-256 needs exactly {KEY_BYTES} (use generate_key())"
        )
    return raw


def key_id_of(token: str) -> str:
    """Return the key id a token was encrypted under, without decrypting it."""
    return _split(token)[0]


def version_of(token: str) -> str:
    """Return the token's format version (v1: unbound, v2: bound to its place, v3: to its place and row)."""
    _split(token)
    return token.split(".", 1)[0]


def _split(token: str) -> tuple[str, bytes]:
    if not isinstance(token, str):
        raise DecryptionError(DecryptionFailure.MALFORMED)
    parts = token.split(".")
    if len(parts) != 3:
        raise DecryptionError(DecryptionFailure.MALFORMED)
    version, key_id, body = parts
    if version not in _VERSIONS:
        raise DecryptionError(DecryptionFailure.UNSUPPORTED_VERSION)
    if not _KEY_ID.fullmatch(key_id):
        raise DecryptionError(DecryptionFailure.MALFORMED)
    try:
        blob = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise DecryptionError(DecryptionFailure.MALFORMED, key_id) from None
    if len(blob) < NONCE_BYTES + _TAG_BYTES:
        raise DecryptionError(DecryptionFailure.MALFORMED, key_id)
    return key_id, blob


def _associated_data(key_id: str, aad: bytes, version: str = FORMAT_VERSION) -> bytes:
    # The NUL cannot occur in a key id, so "k1" + aad and "k" + "1..." never collide.
    return _AAD_PREFIX + version.encode() + b"/" + key_id.encode("ascii") + b"\x00" + aad


def _place_data(place: str) -> bytes:
    return b"cell:" + place.encode("utf-8")


def _row_data(place: str, row: str) -> bytes:
    # The NUL cannot occur in a place or a row key, so place and row never run into each other.
    return _place_data(place) + b"\x00row:" + row.encode("utf-8")


class KeyRing:
    """Named AES-256 keys and the one new values are encrypted under; older keys only decrypt."""

    __slots__ = ("_active", "_ciphers", "_key_ids")

    def __init__(self, keys: Mapping[str, bytes], active: str) -> None:
        if not keys:
            raise KeyConfigError("the key ring needs at least one key")
        seen: dict[bytes, str] = {}
        for key_id, key in keys.items():
            if not _KEY_ID.fullmatch(key_id):
                # Do not echo the id: a swapped "<key>:<id>" entry would print the key.
                raise KeyConfigError(_BAD_KEY_ID)
            if len(key) != KEY_BYTES:
                raise KeyConfigError(f"key {key_id!r} has {len(key)} bytes; AES-256 needs {KEY_BYTES}")
            if key in seen:
                # Two ids for one key make rotation a no-op while looking done.
                raise KeyConfigError(f"keys {seen[key]!r} and {key_id!r} are the same key")
            seen[bytes(key)] = key_id
        if active not in keys:
            shown = repr(active) if _KEY_ID.fullmatch(active) else "(not a valid key id)"
            raise KeyConfigError(f"the active key id {shown} is not among the configured keys")
        self._active = active
        self._key_ids = tuple(keys)
        self._ciphers: Mapping[str, AESGCM] = MappingProxyType(
            {key_id: AESGCM(bytes(key)) for key_id, key in keys.items()}
        )

    @classmethod
    def from_config(cls, keys: str, active: str | None = None) -> KeyRing:
        """Parse "k1:<base64>,k2:<base64>"; active may be omitted when exactly one key is configured."""
        parsed: dict[str, bytes] = {}
        entries = [entry.strip() for entry in keys.replace("\n", ",").split(",")]
        # A trailing comma or blank line in an environment variable is harmless; skip empty entries.
        for position, entry in enumerate((e for e in entries if e), start=1):
            key_id, colon, encoded = entry.partition(":")
            key_id = key_id.strip()
            if not colon or not key_id or not encoded.strip():
                raise KeyConfigError(f"key entry {position} must look like '<key id>:<base64 key>'")
            if not _KEY_ID.fullmatch(key_id):
                # Do not echo the id: a swapped "<key>:<id>" entry would print the key.
                raise KeyConfigError(f"key entry {position}: {_BAD_KEY_ID}")
            if key_id in parsed:
                raise KeyConfigError(f"key id {key_id!r} is configured twice")
            parsed[key_id] = decode_key(encoded, label=f"key {key_id!r}")
        if not parsed:
            raise KeyConfigError("no encryption keys are configured")
        if active is None or not active.strip():
            if len(parsed) != 1:
                raise KeyConfigError("several keys are configured: name the active key id")
            active = next(iter(parsed))
        return cls(parsed, active.strip())

    @property
    def active_key_id(self) -> str:
        """Return the id of the key new values are encrypted under."""
        return self._active

    @property
    def key_ids(self) -> tuple[str, ...]:
        """Return every key id this ring can decrypt with."""
        return self._key_ids

    def __contains__(self, key_id: object) -> bool:
        return key_id in self._ciphers

    def __iter__(self) -> Iterator[str]:
        return iter(self._key_ids)

    def __repr__(self) -> str:
        # Never show key bytes, not even in a debugger or a crash report.
        return f"KeyRing(active={self._active!r}, key_ids={self._key_ids!r})"

    def encrypt_bytes(self, data: bytes, *, aad: bytes = b"") -> str:
        """Encrypt bytes under the active key and return a text token."""
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._ciphers[self._active].encrypt(nonce, data, _associated_data(self._active, aad))
        body = base64.urlsafe_b64encode(nonce + sealed).rstrip(b"=").decode("ascii")
        return f"{FORMAT_VERSION}.{self._active}.{body}"

    def decrypt_bytes(self, token: str, *, aad: bytes = b"") -> bytes:
        """Decrypt a token to bytes or raise DecryptionError."""
        key_id, blob = _split(token)
        if not token.startswith(FORMAT_VERSION + "."):
            raise DecryptionError(DecryptionFailure.UNSUPPORTED_VERSION, key_id)  # v2 needs its place: unseal
        cipher = self._ciphers.get(key_id)
        if cipher is None:
            raise DecryptionError(DecryptionFailure.UNKNOWN_KEY, key_id)
        try:
            return cipher.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], _associated_data(key_id, aad))
        except InvalidTag:
            raise DecryptionError(DecryptionFailure.AUTHENTICATION_FAILED, key_id) from None

    def encrypt(self, plaintext: str, *, aad: bytes = b"") -> str:
        """Encrypt text (as UTF-8) under the active key and return a text token."""
        return self.encrypt_bytes(plaintext.encode("utf-8"), aad=aad)

    def decrypt(self, token: str, *, aad: bytes = b"") -> str:
        """Decrypt a token made by encrypt() or raise DecryptionError."""
        data = self.decrypt_bytes(token, aad=aad)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise DecryptionError(DecryptionFailure.NOT_TEXT, key_id_of(token)) from None

    def needs_rotation(self, token: str) -> bool:
        """Return True when a token was encrypted under a key other than the active one."""
        return key_id_of(token) != self._active

    def seal(self, data: bytes, place: str) -> str:
        """Encrypt bytes bound to a place ("table.column") under the active key: a v2 token."""
        return self._seal(data, BOUND_VERSION, _place_data(place))

    def seal_row(self, data: bytes, place: str, row: str) -> str:
        """Encrypt bytes bound to a place and a row key under the active key: a v3 token."""
        return self._seal(data, ROW_VERSION, _row_data(place, row))

    def _seal(self, data: bytes, version: str, aad: bytes) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._ciphers[self._active].encrypt(
            nonce, data, _associated_data(self._active, aad, version)
        )
        body = base64.urlsafe_b64encode(nonce + sealed).rstrip(b"=").decode("ascii")
        return f"{version}.{self._active}.{body}"

    def unseal(self, token: str, place: str, row: str | None = None) -> bytes:
        """Decrypt a token for this place (and row), or an older, less bound one; raise DecryptionError otherwise.

        v3 tokens need the row key they were sealed for: without one (a read that did not select the row's
        key) they fail closed. v2 and v1 tokens are what older versions wrote; they read until rotation.
        """
        key_id, blob = _split(token)
        version = token.split(".", 1)[0]
        if version == FORMAT_VERSION:
            return self.decrypt_bytes(token)
        if version == ROW_VERSION:
            if row is None:
                raise DecryptionError(DecryptionFailure.ROW_MISSING, key_id)
            aad = _row_data(place, row)
        else:
            aad = _place_data(place)
        cipher = self._ciphers.get(key_id)
        if cipher is None:
            raise DecryptionError(DecryptionFailure.UNKNOWN_KEY, key_id)
        try:
            return cipher.decrypt(
                blob[:NONCE_BYTES], blob[NONCE_BYTES:], _associated_data(key_id, aad, version)
            )
        except InvalidTag:
            raise DecryptionError(DecryptionFailure.AUTHENTICATION_FAILED, key_id) from None

    def reseal(self, token: str, place: str, row: str | None = None) -> str:
        """Return the token as bound as it can be under the active key (unchanged when it already is).

        With a row key that is a v3 token for this place and row, without one a v2 token for this place.
        """
        version = BOUND_VERSION if row is None else ROW_VERSION
        if token.startswith(f"{version}.{self._active}."):
            return token
        data = self.unseal(token, place, row)
        return self.seal(data, place) if row is None else self.seal_row(data, place, row)

    def reencrypt(self, token: str, *, aad: bytes = b"") -> str:
        """Return the token re-encrypted under the active key (unchanged when it already is)."""
        if not self.needs_rotation(token):
            return token
        return self.encrypt_bytes(self.decrypt_bytes(token, aad=aad), aad=aad)
