import threading
import time
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, delete, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateTable

from easyreport.audit.chain import GENESIS_MAC, Action, ProblemKind, seal, verify
from easyreport.audit.storage import (
    AuditEntry,
    append,
    install_append_only_guard,
    read_entries,
    verify_log,
)

KEY = bytes(range(32))
WRITERS = 8
APPENDS_PER_WRITER = 25


def make_engine(url: str):
    # A generous busy timeout: SQLite writers queue on the database lock.
    options = {"connect_args": {"timeout": 30}} if url.startswith("sqlite") else {"pool_size": 10}
    return create_engine(url, **options)


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'audit.sqlite'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request):
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")


@pytest.fixture
def bare_engine(database_url):
    """An engine on an empty database: no audit table yet."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def engine(bare_engine):
    AuditEntry.__table__.create(bare_engine)
    return bare_engine


@pytest.fixture
def pg_engine(postgres_url):
    engine = make_engine(postgres_url)
    AuditEntry.__table__.create(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(sqlite_url):
    engine = make_engine(sqlite_url)
    AuditEntry.__table__.create(engine)
    yield engine
    engine.dispose()


def add_some(engine, count=3):
    with Session(engine) as session:
        for n in range(count):
            append(
                session,
                KEY,
                action=Action.SHARE,
                actor=n + 1,
                actor_role="counsellor",
                object_type="sheet",
                object_id=f"S-{n}",
                metadata={"officer": 40 + n, "days": 30},
            )
        session.commit()


def test_append_stores_a_verifiable_chain(engine):
    with Session(engine) as session:
        first = append(session, KEY, action="login", actor=5, actor_role="counsellor")
        second = append(
            session,
            KEY,
            action=Action.VIEW_SHEET,
            actor="7",
            actor_role="officer",
            object_type="sheet",
            object_id="S-3f9a",
            metadata={"version": 2},
            now=datetime(2025, 1, 1, 12, 0, tzinfo=UTC),
        )
        session.commit()
    assert (first.seq, first.prev_mac) == (1, GENESIS_MAC)
    assert (second.seq, second.prev_mac) == (2, first.mac)
    with Session(engine) as session:
        stored = read_entries(session)
        assert stored == [first, second]
        assert stored[1].timestamp == "2025-01-01T12:00:00.000000+00:00"
        assert stored[1].metadata == {"version": 2}
        assert verify_log(session, KEY) == []
        assert verify_log(session, KEY, expected_last_seq=2) == []
        assert [p.kind for p in verify_log(session, KEY, expected_last_seq=3)] == [ProblemKind.TRUNCATED]


def test_rolled_back_append_leaves_no_trace(engine):
    with Session(engine) as session:
        append(session, KEY, action="share")
        session.rollback()
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0
        assert append(session, KEY, action="share").seq == 1
        session.commit()


def test_database_refuses_update_and_delete(engine):
    add_some(engine)
    attempts = [
        update(AuditEntry).where(AuditEntry.seq == 2).values(action="purge"),
        update(AuditEntry).values(metadata_json="{}"),
        delete(AuditEntry).where(AuditEntry.seq == 3),
        delete(AuditEntry),
    ]
    for statement in attempts:
        with Session(engine) as session, pytest.raises(DBAPIError, match="append-only"):
            session.execute(statement)
            session.commit()
    with engine.connect() as connection, pytest.raises(DBAPIError, match="append-only"):
        connection.exec_driver_sql("UPDATE audit_log SET actor = NULL")
    with Session(engine) as session:
        assert [e.seq for e in read_entries(session)] == [1, 2, 3]
        assert verify_log(session, KEY) == []


def test_orm_changes_to_a_loaded_entry_are_refused(engine):
    add_some(engine, 1)
    with Session(engine) as session:
        row = session.get_one(AuditEntry, 1)
        row.actor = "99"
        with pytest.raises(DBAPIError, match="append-only"):
            session.commit()
    with Session(engine) as session:
        session.delete(session.get_one(AuditEntry, 1))
        with pytest.raises(DBAPIError, match="append-only"):
            session.commit()


def test_postgresql_refuses_truncate(pg_engine):
    # SQLite has no TRUNCATE; its "DELETE FROM audit_log" is refused in the test above.
    add_some(pg_engine, 1)
    with pg_engine.connect() as connection, pytest.raises(DBAPIError, match="append-only"):
        connection.exec_driver_sql("TRUNCATE audit_log")


def test_guard_can_be_installed_on_a_table_made_elsewhere_and_twice(bare_engine):
    # A table created from raw DDL (as a migration tool might) gets no after_create hook.
    with bare_engine.begin() as connection:
        connection.exec_driver_sql(
            str(CreateTable(AuditEntry.__table__).compile(dialect=bare_engine.dialect))
        )
    add_some(bare_engine, 2)
    with bare_engine.begin() as connection:
        connection.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(actor="99"))  # still allowed
    install_append_only_guard(bare_engine)
    install_append_only_guard(bare_engine)
    with bare_engine.connect() as connection, pytest.raises(DBAPIError, match="append-only"):
        connection.execute(delete(AuditEntry))
    with Session(bare_engine) as session:
        assert [(p.seq, p.kind) for p in verify_log(session, KEY)] == [(2, ProblemKind.ALTERED)]


def test_tampering_past_the_guard_is_named_by_verify(engine):
    add_some(engine, 12)
    # Someone with DDL rights drops the guard and edits history: the MAC still tells.
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("DROP TRIGGER audit_log_no_update")
            connection.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
        else:
            connection.exec_driver_sql("DROP TRIGGER audit_log_append_only ON audit_log")
        connection.execute(update(AuditEntry).where(AuditEntry.seq == 7).values(object_id="S-999"))
        connection.execute(delete(AuditEntry).where(AuditEntry.seq == 10))
        connection.execute(update(AuditEntry).where(AuditEntry.seq == 4).values(metadata_json="not json"))
    with Session(engine) as session:
        problems = verify_log(session, KEY, page_size=5)
    assert [(p.seq, p.kind) for p in problems] == [
        (4, ProblemKind.ALTERED),
        (7, ProblemKind.ALTERED),
        (11, ProblemKind.MISSING),
    ]


def test_primary_key_refuses_a_forked_entry(engine):
    add_some(engine, 2)
    with Session(engine) as session:
        head = read_entries(session)[-1]
        fork = seal(
            replace(head, seq=2, action="revoke", prev_mac="", mac=""), read_entries(session)[0].mac, KEY
        )
        with pytest.raises(IntegrityError):
            session.execute(
                insert(AuditEntry).values(
                    seq=fork.seq,
                    timestamp=fork.timestamp,
                    actor=fork.actor,
                    actor_role=fork.actor_role,
                    action=fork.action,
                    object_type=fork.object_type,
                    object_id=fork.object_id,
                    metadata_json="{}",
                    prev_mac=fork.prev_mac,
                    mac=fork.mac,
                )
            )


def test_second_writer_waits_for_the_first_to_commit(engine):
    """While one transaction holds the chain head, another append blocks, then continues from it."""
    first = Session(engine)
    append(first, KEY, action="share", object_type="sheet", object_id="S-1")
    done = threading.Event()
    result = {}

    def second_writer():
        try:
            with Session(engine) as session:
                result["entry"] = append(session, KEY, action="revoke", object_type="sheet", object_id="S-1")
                session.commit()
        except Exception as error:  # asserted below
            result["error"] = error
        done.set()

    thread = threading.Thread(target=second_writer)
    thread.start()
    assert not done.wait(0.5), "the second append did not wait for the lock"
    first.commit()
    first.close()
    thread.join(20)
    assert done.is_set()
    assert "error" not in result, result.get("error")
    assert result["entry"].seq == 2
    with Session(engine) as session:
        assert verify_log(session, KEY) == []


def test_concurrent_writers_never_fork_the_chain(engine):
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            barrier.wait()
            for n in range(APPENDS_PER_WRITER):
                with Session(engine) as session:
                    append(
                        session,
                        KEY,
                        action="view_sheet",
                        actor=number,
                        actor_role="officer",
                        object_type="sheet",
                        object_id=f"S-{n}",
                        metadata={"writer": number, "n": n},
                    )
                    session.commit()
        except BaseException as error:  # reported below
            errors.append(error)

    started = time.perf_counter()
    threads = [threading.Thread(target=writer, args=(number,)) for number in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    elapsed = time.perf_counter() - started

    assert errors == []
    with Session(engine) as session:
        entries = read_entries(session)
        problems = verify_log(session, KEY, expected_last_seq=WRITERS * APPENDS_PER_WRITER)
    seqs = [entry.seq for entry in entries]
    forks = len(entries) - len({entry.prev_mac for entry in entries})
    print(
        f"\n{engine.dialect.name}: writers={WRITERS} entries={len(entries)} forks={forks} "
        f"problems={len(problems)} seconds={elapsed:.2f}"
    )
    assert seqs == list(range(1, WRITERS * APPENDS_PER_WRITER + 1))
    assert forks == 0
    assert problems == []
    assert verify(entries, KEY) == []
    per_writer = {number: 0 for number in range(WRITERS)}
    for entry in entries:
        per_writer[entry.metadata["writer"]] += 1
    assert set(per_writer.values()) == {APPENDS_PER_WRITER}


def test_append_refuses_bad_fields_before_touching_the_database(engine):
    with Session(engine) as session:
        with pytest.raises(ValueError, match="not a known audit action"):
            append(session, KEY, action="read_answers")
        with pytest.raises(ValueError, match="metadata"):
            append(session, KEY, action="share", metadata={"answer": "x" * 500})
        assert (
            not session.in_transaction() or session.scalar(select(func.count()).select_from(AuditEntry)) == 0
        )


def test_sqlite_lock_statement_is_harmless_without_rows(sqlite_engine):
    """The no-row delete used as a write lock must neither remove rows nor trip the guard."""
    add_some(sqlite_engine, 2)
    with sqlite_engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log WHERE 0"))
    with Session(sqlite_engine) as session:
        assert len(read_entries(session)) == 2
