"""EncryptedBytes: binary documents (stored PDFs) encrypted at rest, on SQLite and PostgreSQL, and rotated."""

import os

import pytest
from sqlalchemy import String, create_engine, select, text
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from easyreport.security.crypto import KEY_BYTES, DecryptionError, KeyRing, key_id_of
from easyreport.security.encrypted_types import EncryptedBytes, clear_keyring, set_keyring
from easyreport.security.rotation import encrypted_columns, reencrypt_all

# Bytes that are not UTF-8 and hold a readable marker, like a PDF with an uncompressed text stream.
DOCUMENT = b"%PDF-1.7\n\xff\xfe\x00 BT (Wil een tolk die Pools spreekt) Tj ET \x00\x01"


class Base(DeclarativeBase):
    pass


class Stored(Base):
    __tablename__ = "stored"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(16))
    document: Mapped[bytes | None] = mapped_column(EncryptedBytes())


@pytest.fixture
def keys() -> dict[str, bytes]:
    return {"k1": os.urandom(KEY_BYTES), "k2": os.urandom(KEY_BYTES)}


@pytest.fixture(autouse=True)
def ring_k1(keys):
    ring = KeyRing({"k1": keys["k1"]}, "k1")
    set_keyring(ring)
    yield ring
    clear_keyring()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'bytes.sqlite'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


def add_rows(engine) -> None:
    with Session(engine) as session:
        session.add_all(
            [Stored(id=1, label="A7", document=DOCUMENT), Stored(id=2, label="B3", document=None)]
        )
        session.commit()


def raw_token(engine) -> str:
    with engine.connect() as connection:
        return connection.execute(text("SELECT document FROM stored WHERE id = 1")).scalar_one()


def test_round_trip_keeps_every_byte_and_null(engine):
    add_rows(engine)
    with Session(engine) as session:
        assert session.get_one(Stored, 1).document == DOCUMENT
        assert session.get_one(Stored, 2).document is None
    token = raw_token(engine)
    assert token.startswith("v1.k1.") and "Pools" not in token


def test_the_database_file_holds_no_plaintext(tmp_path):
    path = tmp_path / "raw.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    add_rows(engine)
    engine.dispose()
    raw = path.read_bytes()
    assert b"A7" in raw  # the plain label is found: the scan does see plain text
    assert b"Pools" not in raw and b"%PDF" not in raw


def test_only_bytes_are_stored(engine):
    with Session(engine) as session:
        session.add(Stored(id=9, label="Z", document="a text"))  # type: ignore[arg-type]
        with pytest.raises(StatementError, match="stores bytes values"):
            session.flush()


def test_a_tampered_document_fails_typed(engine):
    add_rows(engine)
    token = raw_token(engine)
    forged = token[:-4] + ("AAAA" if token[-4:] != "AAAA" else "BBBB")
    with engine.begin() as connection:
        connection.execute(text("UPDATE stored SET document = :t WHERE id = 1"), {"t": forged})
    with Session(engine) as session, pytest.raises(DecryptionError):
        session.get(Stored, 1)


def test_key_rotation_covers_encrypted_bytes(engine, keys):
    add_rows(engine)
    assert [(c.table.name, c.name) for c in encrypted_columns(Base.metadata)] == [("stored", "document")]
    both = KeyRing(keys, active="k2")
    set_keyring(both)
    with Session(engine) as session:
        report = reencrypt_all(session, encrypted_columns(Base.metadata), both)
        session.commit()
    assert report.reencrypted == 1 and key_id_of(raw_token(engine)) == "k2"
    set_keyring(KeyRing({"k2": keys["k2"]}, "k2"))
    with Session(engine) as session:
        assert session.scalars(select(Stored.document).where(Stored.id == 1)).one() == DOCUMENT
