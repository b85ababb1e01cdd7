import os
from typing import Any

import pytest
from sqlalchemy import ForeignKey, String, create_engine, select, text
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from easyreport.security import encrypted_types
from easyreport.security.crypto import KEY_BYTES, DecryptionError, KeyRing, key_id_of
from easyreport.security.encrypted_types import (
    EncryptedComparisonError,
    EncryptedJSON,
    EncryptedText,
    KeyRingNotConfiguredError,
    clear_keyring,
    current_keyring,
    set_keyring,
)
from easyreport.security.rotation import count_stale, encrypted_columns, reencrypt_all

NEED = "Ik wil een tolk die Pools spreekt"
OBSERVATION = "Praat zacht en kijkt weg bij harde geluiden"
ANSWERS = {"q_interpreter": "ja-pools", "q_break": "vaak", "note": "Wil de vrouwelijke agent"}


class Base(DeclarativeBase):
    pass


class Preparation(Base):
    __tablename__ = "preparation"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_code: Mapped[str] = mapped_column(String(16))
    observation: Mapped[str | None] = mapped_column(EncryptedText())
    answers: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON())


class Statement(Base):
    """A composite primary key, to prove rotation does not assume a single id column."""

    __tablename__ = "statement"
    preparation_id: Mapped[int] = mapped_column(ForeignKey("preparation.id"), primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True)
    words: Mapped[str] = mapped_column(EncryptedText())


@pytest.fixture
def keys() -> dict[str, bytes]:
    return {"k1": os.urandom(KEY_BYTES), "k2": os.urandom(KEY_BYTES)}


@pytest.fixture
def ring_k1(keys):
    ring = KeyRing({"k1": keys["k1"]}, "k1")
    set_keyring(ring)
    yield ring
    clear_keyring()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "easyreport.sqlite"


@pytest.fixture
def sqlite_engine(db_path):
    engine = create_engine(f"sqlite:///{db_path}")
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request):
    """The same behaviour on the embedded default and on the production database."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_engine")
    engine = create_engine(request.getfixturevalue("postgres_url"))
    Base.metadata.create_all(engine)
    request.addfinalizer(engine.dispose)
    return engine


def add_rows(engine) -> None:
    with Session(engine) as session:
        session.add_all(
            [
                Preparation(id=1, client_code="A7", observation=OBSERVATION, answers=ANSWERS),
                Preparation(id=2, client_code="B3", observation=None, answers=None),
                Preparation(id=3, client_code="C1", observation="", answers=[1, "twee", None, True]),
            ]
        )
        session.flush()
        session.add_all([Statement(preparation_id=1, number=n, words=f"{NEED} {n}") for n in range(1, 4)])
        session.commit()


def raw_tokens(engine) -> list[str]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT observation, answers FROM preparation")).all()
        rows += connection.execute(text("SELECT words, NULL FROM statement")).all()
    return [value for row in rows for value in row if value is not None]


def test_round_trip_and_null_stays_null(engine, ring_k1):
    add_rows(engine)
    with Session(engine) as session:
        first, second, third = session.scalars(select(Preparation).order_by(Preparation.id)).all()
        assert (first.observation, first.answers) == (OBSERVATION, ANSWERS)
        assert (second.observation, second.answers) == (None, None)
        assert (third.observation, third.answers) == ("", [1, "twee", None, True])
        assert session.scalars(select(Statement.words).order_by(Statement.number)).all() == [
            f"{NEED} {n}" for n in range(1, 4)
        ]
    with engine.connect() as connection:
        nulls = connection.execute(text("SELECT observation, answers FROM preparation WHERE id = 2")).one()
    assert tuple(nulls) == (None, None)
    assert all(token.startswith("v1.k1.") for token in raw_tokens(engine))


def test_database_file_holds_no_plaintext(sqlite_engine, db_path, ring_k1):
    add_rows(sqlite_engine)
    sqlite_engine.dispose()
    raw = db_path.read_bytes()
    assert b"A7" in raw  # the unencrypted client code is there: the scan does find plain text
    for secret in [NEED, OBSERVATION, "Pools", "tolk", "vrouwelijke", "q_interpreter", "twee"]:
        assert secret.encode("utf-8") not in raw
        assert secret.encode("utf-16-le") not in raw
    assert not list(db_path.parent.glob("*-journal")) and not list(db_path.parent.glob("*-wal"))


def test_unset_keyring_is_a_clear_error(engine):
    clear_keyring()
    with pytest.raises(KeyRingNotConfiguredError, match="set_keyring"):
        current_keyring()
    with Session(engine) as session:
        session.add(Preparation(id=9, client_code="Z", observation="x"))
        with pytest.raises(StatementError) as caught:
            session.flush()
    assert isinstance(caught.value.orig, KeyRingNotConfiguredError)


def test_set_keyring_refuses_other_objects():
    with pytest.raises(TypeError):
        set_keyring("k1:abc")  # type: ignore[arg-type]


def test_wrong_python_type_is_refused(engine, ring_k1):
    with Session(engine) as session:
        session.add(Preparation(id=9, client_code="Z", observation=42))  # type: ignore[arg-type]
        with pytest.raises(StatementError, match="stores str values"):
            session.flush()


def test_reading_with_a_ring_without_the_key_fails_typed(engine, keys, ring_k1):
    add_rows(engine)
    set_keyring(KeyRing({"k2": keys["k2"]}, "k2"))
    with Session(engine) as session, pytest.raises(DecryptionError) as caught:
        session.get(Preparation, 1)
    assert NEED not in str(caught.value) and OBSERVATION not in str(caught.value)


def test_tampered_cell_fails_typed(engine, ring_k1):
    add_rows(engine)
    with engine.begin() as connection:
        token = connection.execute(text("SELECT observation FROM preparation WHERE id = 1")).scalar_one()
        forged = token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")
        connection.execute(text("UPDATE preparation SET observation = :t WHERE id = 1"), {"t": forged})
    with Session(engine) as session, pytest.raises(DecryptionError):
        session.get(Preparation, 1)


def test_comparing_encrypted_columns_is_refused_but_null_tests_work(engine, ring_k1):
    add_rows(engine)
    for build in [
        lambda: Preparation.observation == OBSERVATION,
        lambda: Preparation.observation != OBSERVATION,
        lambda: Preparation.observation.like("%Pools%"),
        lambda: Preparation.observation.in_([OBSERVATION]),
        lambda: Preparation.answers.contains("x"),
        lambda: Preparation.observation > "a",
    ]:
        with pytest.raises(EncryptedComparisonError):
            build()
    with Session(engine) as session:
        empty = select(Preparation.id).where(Preparation.observation.is_(None))
        assert session.scalars(empty).all() == [2]
        assert session.scalars(select(Preparation.id).where(Preparation.answers == None)).all() == [2]  # noqa: E711
        filled = select(Preparation.id).where(Preparation.answers.is_not(None)).order_by(Preparation.id)
        assert session.scalars(filled).all() == [1, 3]


def test_encrypted_columns_finds_every_encrypted_column():
    found = [(column.table.name, column.name) for column in encrypted_columns(Base.metadata)]
    assert found == [("preparation", "observation"), ("preparation", "answers"), ("statement", "words")]


def test_rotation_reencrypts_everything_under_the_active_key(engine, keys, ring_k1):
    add_rows(engine)
    before = raw_tokens(engine)
    assert {key_id_of(token) for token in before} == {"k1"}

    both = KeyRing(keys, active="k2")
    set_keyring(both)
    with Session(engine) as session:
        # A value written after the switch is already under k2 and must be left alone.
        session.get_one(Preparation, 2).observation = "nieuw"
        session.commit()
        assert count_stale(session, Preparation.observation, both) == 2
        report = reencrypt_all(session, encrypted_columns(Base.metadata), both, batch_size=2)
        session.commit()
    by_column = {(c.table, c.column): (c.stored, c.reencrypted) for c in report.columns}
    assert by_column == {
        ("preparation", "observation"): (3, 2),
        ("preparation", "answers"): (2, 2),
        ("statement", "words"): (3, 3),
    }
    assert report.reencrypted == 7 and report.active_key_id == "k2"

    after = raw_tokens(engine)
    assert len(after) == len(before) + 1
    assert {key_id_of(token) for token in after} == {"k2"}
    assert not any(token.startswith("v1.k1.") for token in after)

    # The old key can now be dropped: everything reads back with k2 alone.
    set_keyring(KeyRing({"k2": keys["k2"]}, "k2"))
    with Session(engine) as session:
        rows = session.scalars(select(Preparation).order_by(Preparation.id)).all()
        assert [(p.observation, p.answers) for p in rows] == [
            (OBSERVATION, ANSWERS),
            ("nieuw", None),
            ("", [1, "twee", None, True]),
        ]
        assert len(session.scalars(select(Statement)).all()) == 3
        for column in encrypted_columns(Base.metadata):
            assert count_stale(session, column, both) == 0


def test_rotation_is_idempotent_and_accepts_orm_attributes(engine, keys, ring_k1):
    add_rows(engine)
    both = KeyRing(keys, active="k2")
    set_keyring(both)
    with Session(engine) as session:
        first = reencrypt_all(session, [Preparation.observation, Statement.words], both)
        second = reencrypt_all(session, [Preparation.observation, Statement.words], both)
        session.commit()
    assert first.reencrypted == 5 and second.reencrypted == 0


def test_rotation_handles_key_ids_with_like_wildcards(engine, keys, ring_k1):
    add_rows(engine)
    # "k_2" as a LIKE pattern would also match "kx2"; the prefix must be escaped.
    ring = KeyRing({"k1": keys["k1"], "k_2": keys["k2"]}, active="k_2")
    set_keyring(ring)
    with Session(engine) as session:
        assert reencrypt_all(session, [Statement.words], ring).reencrypted == 3
        assert count_stale(session, Statement.words, ring) == 0


def test_rotation_refuses_plaintext_columns(ring_k1):
    with pytest.raises(ValueError, match="not an encrypted column"):
        reencrypt_all(Session(), [Preparation.client_code], ring_k1)


def test_registry_is_process_wide(ring_k1):
    assert encrypted_types.current_keyring() is ring_k1


def test_rotation_never_overwrites_a_value_changed_meanwhile(engine, keys, ring_k1):
    add_rows(engine)

    class RacingKeyRing(KeyRing):
        """Between reading a token and writing it back, the app saves a new value in that cell."""

        __slots__ = ()

        def reencrypt(self, token: str, *, aad: bytes = b"") -> str:
            if self.decrypt(token) == OBSERVATION:
                with engine.begin() as other:
                    other.execute(
                        text("UPDATE preparation SET observation = :t WHERE id = 1"),
                        {"t": self.encrypt("door de app gewijzigd")},
                    )
            return super().reencrypt(token, aad=aad)

    ring = RacingKeyRing(keys, "k2")
    set_keyring(ring)
    with Session(engine) as session:
        report = reencrypt_all(session, [Preparation.observation], ring)
        session.commit()
        assert session.get_one(Preparation, 1).observation == "door de app gewijzigd"
    assert [(c.reencrypted, c.changed_meanwhile) for c in report.columns] == [(1, 1)]
