import base64
import os

import pytest

from easyreport.security.crypto import (
    KEY_BYTES,
    DecryptionError,
    DecryptionFailure,
    KeyConfigError,
    KeyRing,
    decode_key,
    generate_key,
    key_id_of,
)

SECRET = "Ik wil een tolk die Pools spreekt"


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


@pytest.fixture
def k1() -> bytes:
    return os.urandom(KEY_BYTES)


@pytest.fixture
def k2() -> bytes:
    return os.urandom(KEY_BYTES)


@pytest.fixture
def ring(k1, k2) -> KeyRing:
    return KeyRing({"k1": k1, "k2": k2}, active="k2")


def test_round_trip_unicode_and_empty(ring):
    for text in [SECRET, "", "Zażółć gęślą jaźń", "مرحبا", "😀 emoji", "x" * 100_000]:
        assert ring.decrypt(ring.encrypt(text)) == text


def test_token_format_carries_version_and_active_key_id(ring):
    token = ring.encrypt(SECRET)
    version, key_id, body = token.split(".")
    assert (version, key_id) == ("v1", "k2")
    assert key_id_of(token) == "k2"
    assert token.isascii() and "=" not in body and "+" not in body and "/" not in body
    assert SECRET not in token


def test_same_plaintext_gives_different_tokens(ring):
    assert ring.encrypt(SECRET) != ring.encrypt(SECRET)


def test_old_key_still_decrypts_and_needs_rotation(k1, k2):
    old = KeyRing({"k1": k1}, active="k1")
    token = old.encrypt(SECRET)
    new = KeyRing({"k1": k1, "k2": k2}, active="k2")
    assert new.decrypt(token) == SECRET
    assert new.needs_rotation(token)
    rotated = new.reencrypt(token)
    assert key_id_of(rotated) == "k2" and not new.needs_rotation(rotated)
    assert new.decrypt(rotated) == SECRET
    assert new.reencrypt(rotated) is rotated


@pytest.mark.parametrize("position", [0, 5, 12, 20, -1])
def test_any_flipped_byte_fails_authentication(ring, position):
    token = ring.encrypt(SECRET)
    prefix, body = token.rsplit(".", 1)
    blob = bytearray(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    blob[position] ^= 0x01
    forged = prefix + "." + base64.urlsafe_b64encode(bytes(blob)).rstrip(b"=").decode()
    with pytest.raises(DecryptionError) as caught:
        ring.decrypt(forged)
    assert caught.value.reason is DecryptionFailure.AUTHENTICATION_FAILED


def test_unknown_key_is_a_typed_error(k1, ring):
    other = KeyRing({"k9": os.urandom(KEY_BYTES)}, active="k9")
    with pytest.raises(DecryptionError) as caught:
        ring.decrypt(other.encrypt(SECRET))
    assert caught.value.reason is DecryptionFailure.UNKNOWN_KEY
    assert caught.value.key_id == "k9"


def test_relabelled_key_id_fails_even_with_identical_key_bytes(k1):
    # The same bytes under two names: only the key id in the associated data tells them apart.
    first = KeyRing({"k1": k1}, active="k1")
    second = KeyRing({"k2": k1}, active="k2")
    token = first.encrypt(SECRET)
    relabelled = token.replace("v1.k1.", "v1.k2.", 1)
    with pytest.raises(DecryptionError) as caught:
        second.decrypt(relabelled)
    assert caught.value.reason is DecryptionFailure.AUTHENTICATION_FAILED


def test_associated_data_must_match(ring):
    token = ring.encrypt(SECRET, aad=b"preparation:7")
    assert ring.decrypt(token, aad=b"preparation:7") == SECRET
    with pytest.raises(DecryptionError):
        ring.decrypt(token, aad=b"preparation:8")
    with pytest.raises(DecryptionError):
        ring.decrypt(token)


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        ("", DecryptionFailure.MALFORMED),
        ("plain text", DecryptionFailure.MALFORMED),
        ("v1.k2", DecryptionFailure.MALFORMED),
        ("v1.k2.abc.def", DecryptionFailure.MALFORMED),
        ("v1.k 2.AAAA", DecryptionFailure.MALFORMED),
        ("v1.k2.!!!!", DecryptionFailure.MALFORMED),
        ("v1.k2.AAAA", DecryptionFailure.MALFORMED),
        ("v2.k2." + "A" * 60, DecryptionFailure.UNSUPPORTED_VERSION),
    ],
)
def test_malformed_tokens(ring, token, reason):
    with pytest.raises(DecryptionError) as caught:
        ring.decrypt(token)
    assert caught.value.reason is reason


def test_non_string_token_is_malformed(ring):
    with pytest.raises(DecryptionError):
        ring.decrypt(b"v1.k2.AAAA")  # type: ignore[arg-type]


def test_error_reveals_no_plaintext_key_or_cause(k2, ring):
    token = ring.encrypt(SECRET)
    tampered = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    with pytest.raises(DecryptionError) as caught:
        ring.decrypt(tampered)
    error = caught.value
    text = str(error) + repr(error) + repr(error.args)
    assert SECRET not in text and "Pools" not in text
    assert b64(k2) not in text and tampered not in text
    assert error.__cause__ is None and error.__suppress_context__


def test_binary_token_decrypted_as_text_is_typed(ring):
    token = ring.encrypt_bytes(b"\xff\xfe\x00")
    assert ring.decrypt_bytes(token) == b"\xff\xfe\x00"
    with pytest.raises(DecryptionError) as caught:
        ring.decrypt(token)
    assert caught.value.reason is DecryptionFailure.NOT_TEXT


def test_repr_never_shows_key_material(k1, k2, ring):
    shown = repr(ring) + str(ring)
    assert "k1" in shown and "k2" in shown
    for key in (k1, k2):
        assert b64(key) not in shown and key.hex() not in shown and repr(key) not in shown


# --- configuration ---------------------------------------------------------------------------------


def test_from_config_parses_several_keys_and_whitespace(k1, k2):
    config = f" k1:{b64(k1)} ,\n k2 : {b64(k2)},"
    ring = KeyRing.from_config(config, "k2")
    assert ring.key_ids == ("k1", "k2") and ring.active_key_id == "k2"
    assert KeyRing({"k1": k1}, "k1").decrypt(KeyRing.from_config(config, "k1").encrypt("a")) == "a"


def test_from_config_single_key_needs_no_active(k1):
    assert KeyRing.from_config(f"main:{b64(k1)}").active_key_id == "main"


def test_from_config_accepts_urlsafe_and_unpadded(k1):
    urlsafe = base64.urlsafe_b64encode(k1).decode().rstrip("=")
    ring = KeyRing.from_config(f"k1:{urlsafe}")
    assert ring.decrypt(KeyRing({"k1": k1}, "k1").encrypt(SECRET)) == SECRET


def test_generate_key_is_valid_config_and_random():
    first, second = generate_key(), generate_key()
    assert first != second
    assert len(decode_key(first)) == KEY_BYTES
    KeyRing.from_config(f"a:{first},b:{second}", "b")


@pytest.mark.parametrize(
    ("config", "active", "fragment"),
    [
        ("", None, "no encryption keys"),
        (" , ,", None, "no encryption keys"),
        ("k1", None, "entry 1 must look like"),
        ("k1:", None, "entry 1 must look like"),
        (":QUJD", None, "entry 1 must look like"),
        ("k1:not base64!!", None, "not valid base64"),
        ("k1:" + b64(b"short"), None, "decodes to 5 bytes"),
        ("k.1:" + b64(bytes(32)), None, "key id must be"),
        ("k1:{k},k2:{k2}", None, "name the active key"),
        ("k1:{k},k2:{k2}", "k3", "'k3' is not among"),
        ("k1:{k},k1:{k2}", "k1", "configured twice"),
        ("k1:{k},k2:{k}", "k1", "are the same key"),
    ],
)
def test_from_config_errors_are_helpful(config, active, fragment):
    config = config.replace("{k}", b64(b"\x01" * 32)).replace("{k2}", b64(b"\x02" * 32))
    with pytest.raises(KeyConfigError, match=fragment):
        KeyRing.from_config(config, active)


def test_config_errors_never_echo_key_material():
    key = generate_key()
    for config, active in [
        (f"{key}:k1", None),  # id and key swapped
        (f"k1:{key[:-4]}", None),  # truncated key
        (f"k1:{key}", key),  # key pasted as the active id
    ]:
        with pytest.raises(KeyConfigError) as caught:
            KeyRing.from_config(config, active)
        assert key not in str(caught.value) and key[:20] not in str(caught.value)


def test_constructor_validates(k1):
    with pytest.raises(KeyConfigError):
        KeyRing({}, "k1")
    with pytest.raises(KeyConfigError):
        KeyRing({"k1": k1[:16]}, "k1")
    with pytest.raises(KeyConfigError):
        KeyRing({"k1": k1}, "k2")
