"""Schema upgrade: new nullable columns reach existing databases; anything else is refused, untouched.

Run on SQLite and on PostgreSQL (the PostgreSQL pass sets EASYREPORT_TEST_DATABASE_URL; here the
``engine`` fixture starts its own throwaway server through tests/pg_fixture.py).
"""

from __future__ import annotations

import pytest
from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    inspect,
    select,
    text,
)

from easyreport.extensions import db
from easyreport.schema_upgrade import SchemaUpgradeError, add_missing_columns, missing_columns
from easyreport.security.encrypted_types import EncryptedText
from tests.pg_fixture import postgres_server, postgres_url  # noqa: F401


def version_one() -> MetaData:
    metadata = MetaData()
    Table("notes", metadata, Column("id", Integer, primary_key=True), Column("title", String(40)))
    return metadata


def version_two(*extra: Column) -> MetaData:
    metadata = MetaData()
    Table(
        "notes",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("title", String(40)),
        Column("contact", EncryptedText, nullable=True),
        Column("rank", Integer, nullable=True, index=True),
        *extra,
    )
    Table("tags", metadata, Column("id", Integer, primary_key=True))
    return metadata


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'upgrade.sqlite'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    engine = create_engine(url)
    version_one().create_all(engine)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO notes (id, title) VALUES (1, 'kept')"))
    yield engine
    engine.dispose()


def test_new_nullable_columns_and_their_index_are_added_and_rows_kept(engine):
    metadata = version_two()
    assert [m.name for m in missing_columns(engine, metadata)] == ["notes.contact", "notes.rank"]
    assert add_missing_columns(engine, metadata) == ["notes.contact", "notes.rank"]
    inspector = inspect(engine)
    assert {c["name"] for c in inspector.get_columns("notes")} == {"id", "title", "contact", "rank"}
    assert any(index["column_names"] == ["rank"] for index in inspector.get_indexes("notes"))
    notes = metadata.tables["notes"]
    with engine.begin() as connection:
        row = connection.execute(select(notes).where(notes.c.id == 1)).one()
        assert (row.title, row.contact, row.rank) == ("kept", None, None)
        connection.execute(notes.update().where(notes.c.id == 1).values(rank=3))
        assert connection.execute(select(notes.c.rank)).scalar_one() == 3
    # A table that does not exist yet is create_all's work, not the upgrade's.
    assert "tags" not in inspect(engine).get_table_names()
    assert add_missing_columns(engine, metadata) == []  # idempotent


@pytest.mark.parametrize(
    ("make_extra", "reason"),
    [
        (lambda: Column("required", String(10), nullable=False), "NOT NULL"),
        (lambda: Column("owner_id", Integer, ForeignKey("notes.id"), nullable=True), "foreign key"),
        (lambda: Column("flag", Integer, nullable=True, server_default="0"), "database default"),
    ],
)
def test_what_is_not_purely_additive_is_refused_and_nothing_changes(engine, make_extra, reason):
    extra = make_extra()  # a Column belongs to one table: a fresh one for each database
    with pytest.raises(SchemaUpgradeError, match=reason) as refused:
        add_missing_columns(engine, version_two(extra))
    assert f"notes.{extra.name}" in str(refused.value)
    assert {c["name"] for c in inspect(engine).get_columns("notes")} == {"id", "title"}


def test_flask_init_db_adds_a_column_an_older_database_lacks(app):
    with app.app_context():
        db.create_all()
        with db.engine.begin() as connection:
            connection.execute(text("ALTER TABLE sheet_settings DROP COLUMN not_with_client_reason"))
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert "Added column sheet_settings.not_with_client_reason." in result.output
    with app.app_context():
        columns = {c["name"] for c in inspect(db.engine).get_columns("sheet_settings")}
        assert "not_with_client_reason" in columns
    again = app.test_cli_runner().invoke(args=["init-db"])
    assert again.exit_code == 0 and "Added column" not in again.output
