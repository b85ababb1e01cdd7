"""The database raises a preparation's inputs_version on every change to a row its sheet is built from.

Whatever writes the row: plain SQL here, not the app's services, because the point is that no code path can
change an input without the stored sheet noticing (tests/briefing/test_sheet_store_differential.py shows
the sheet store relies on nothing else). Runs on SQLite and, in the PostgreSQL pass, on PostgreSQL; the
newest migration makes the same triggers as create_all on both.
"""

from __future__ import annotations

import uuid

import pytest
from alembic import command
from flask import Flask
from sqlalchemy import Connection, create_engine, inspect, text

from easyreport.briefing import inputs_version
from easyreport.briefing.inputs_version import INPUT_TABLES
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.db_base import Base
from easyreport.extensions import db
from easyreport.migrations import runner
from easyreport.preparation import service as preparations
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from tests.briefing.factory import get_preparation, ready_sheet
from tests.pg_fixture import postgres_server  # noqa: F401

pytestmark = pytest.mark.usefixtures("compiled_catalogues")

REVISION_BEFORE = "1c6bc21c7b5b"  # the revision before the one that added inputs_version
# Columns whose value must differ in a copied row (unique together with the preparation, or alone).
UNIQUE_ELSEWHERE = {"sheet_settings": {"sheet_id": "'ER-COPY-0001'"}}


def _versions(connection: Connection) -> dict[int, int]:
    return {row[0]: row[1] for row in connection.execute(text("SELECT id, inputs_version FROM preparations"))}


def _copy_row(connection: Connection, table: str, source: int, target: int) -> None:
    """Copy the source preparation's first row of ``table`` to the target preparation, in plain SQL."""
    columns = [c.name for c in Base.metadata.tables[table].columns if c.name not in ("id", "preparation_id")]
    values = [UNIQUE_ELSEWHERE.get(table, {}).get(name, name) for name in columns]
    first = connection.scalar(text(f"SELECT min(id) FROM {table} WHERE preparation_id = :p"), {"p": source})
    assert first is not None, f"the source preparation has no row in {table}"
    connection.execute(
        text(
            f"INSERT INTO {table} (preparation_id, {', '.join(columns)}) "
            f"SELECT :target, {', '.join(values)} FROM {table} WHERE id = :first"
        ),
        {"target": target, "first": first},
    )


@pytest.mark.parametrize("table", INPUT_TABLES)
def test_every_insert_update_move_and_delete_raises_the_number_of_each_preparation_it_touches(
    app: Flask, make_user, table: str
):
    owner = make_user(Role.COUNSELLOR)
    public_ids = [ready_sheet(app, owner.id) for _ in range(3)]
    with app.app_context():
        source, target, other = (get_preparation(public_id).id for public_id in public_ids)
        engine = db.engine

    def grown(*statements: str) -> set[int]:
        """Run plain SQL statements in one transaction; return the preparations whose number grew."""
        with engine.begin() as connection:
            before = _versions(connection)
            for statement in statements:
                if statement == "copy":
                    _copy_row(connection, table, source, target)
                else:
                    connection.execute(text(statement), {"s": source, "t": target, "o": other})
            after = _versions(connection)
        return {key for key in after if after[key] > before[key]}

    rows = f"FROM {table} WHERE preparation_id"
    assert grown(f"DELETE {rows} = :t", f"DELETE {rows} = :o") == {target, other}
    assert grown("copy") == {target}
    assert grown(f"UPDATE {table} SET preparation_id = preparation_id WHERE preparation_id = :t") == {target}
    assert grown(f"UPDATE {table} SET preparation_id = :o WHERE preparation_id = :t") == {target, other}
    assert grown(f"DELETE {rows} = :o") == {other}
    # Each step compared the whole set of preparations that grew: the source, copied from, never did.
    with engine.connect() as connection:
        assert connection.scalar(text(f"SELECT count(*) {rows} = :s"), {"s": source}), (
            "the source kept its rows"
        )


def test_the_apps_own_writes_raise_it_before_they_are_committed(app: Flask, make_user):
    """inputs_version.current reads the database after a flush; a loaded row still shows the old number."""
    owner = make_user(Role.COUNSELLOR)
    public_id = ready_sheet(app, owner.id)
    with app.app_context():
        preparation = get_preparation(public_id)
        loaded = preparation.inputs_version
        before = inputs_version.current(db.session, preparation.id)
        assert before == loaded > 0
        question = QUESTIONNAIRE.questions[0]
        other = next(
            o.id
            for o in question.content_options
            if (o.id,) != tuple(preparations.answers(db.session, preparation).get(question.id, ()))
        )
        preparations.record_answer(
            db.session,
            preparation,
            QUESTIONNAIRE,
            question.id,
            [other],
            entered_by="counsellor",
            now=utcnow(),
        )
        assert inputs_version.current(db.session, preparation.id) > before
        assert preparation.inputs_version == loaded  # why the sheet store never reads the loaded value
        db.session.rollback()
        assert inputs_version.current(db.session, preparation.id) == before


def _triggers(connection: Connection, table: str) -> set[str]:
    if connection.dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"
    else:
        query = "SELECT tgname FROM pg_trigger WHERE tgrelid = CAST(:t AS regclass) AND NOT tgisinternal"
    return set(connection.execute(text(query), {"t": table}).scalars())


@pytest.fixture(params=["sqlite", "postgresql"])
def migrated_and_created(request, tmp_path):
    """Two empty databases of one kind: one made by the migrations, one by create_all."""
    if request.param == "sqlite":
        urls = [f"sqlite:///{tmp_path / name}.sqlite" for name in ("migrated", "created")]
    else:
        server = request.getfixturevalue("postgres_server")
        names = [f"test_{uuid.uuid4().hex[:12]}" for _ in range(2)]
        admin = create_engine(server.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        urls = [server.url_for(name).render_as_string(hide_password=False) for name in names]
    engines = [create_engine(url) for url in urls]
    runner.upgrade(engines[0])
    Base.metadata.create_all(engines[1])
    yield engines
    for engine in engines:
        engine.dispose()
    if request.param == "postgresql":
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_the_newest_migration_makes_the_same_triggers_as_create_all(migrated_and_created):
    """A later migration that rebuilds an input table on SQLite (batch "move and copy") loses them: fails here."""
    migrated, created = migrated_and_created
    with migrated.connect() as left, created.connect() as right:
        for table in INPUT_TABLES:
            made = _triggers(right, table)
            assert made, f"create_all made no trigger on {table}"
            assert _triggers(left, table) == made, table


def test_the_revision_goes_down_and_up_again(migrated_and_created):
    """Development only (production restores a backup): down removes the triggers and the number, up remakes them."""
    migrated, _created = migrated_and_created
    with migrated.begin() as connection:
        command.downgrade(runner.alembic_config(connection), REVISION_BEFORE)
        assert all(not _triggers(connection, table) for table in INPUT_TABLES)
        assert "inputs_version" not in {c["name"] for c in inspect(connection).get_columns("preparations")}
    runner.upgrade(migrated)
    with migrated.connect() as connection:
        assert all(_triggers(connection, table) for table in INPUT_TABLES)
