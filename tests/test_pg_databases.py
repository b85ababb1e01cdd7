"""The PostgreSQL pass's reused database (tests/pg_databases.py) is as empty as a new copy after every test."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from easyreport import create_app
from easyreport.accounts import service
from easyreport.extensions import db
from easyreport.roles import Role
from tests.conftest import _schema_app, app_settings, login
from tests.pg_databases import TABLES, Databases
from tests.pg_fixture import PostgresServer, postgres_server  # noqa: F401 - the throwaway server


@pytest.fixture
def server(request: pytest.FixtureRequest) -> PostgresServer:
    return request.getfixturevalue("postgres_server")


def _databases(server: PostgresServer, tmp_path: Path) -> Databases:
    url = server.url.render_as_string(hide_password=False)
    return Databases(url, lambda database: _schema_app(database, tmp_path / "schema"))


def _rows_and_next_ids(url: str) -> tuple[dict[str, int], int]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:  # nextval takes a number: only look after a test, as here
            tables = connection.execute(text(TABLES)).scalars().all()
            rows = {t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}
            next_id = connection.execute(
                text("SELECT nextval(pg_get_serial_sequence('users', 'id'))")
            ).scalar_one()
            return rows, next_id
    finally:
        engine.dispose()


def _use(url: str, tmp_path: Path) -> None:
    """Write what tests write: an account, failed logins (the append-only audit log), throttle rows."""
    app = create_app(app_settings(tmp_path, DATABASE_URL=url))
    with app.app_context():
        service.create_account(db.session, "someone", Role.COUNSELLOR, "a password", min_length=1)
        db.session.commit()
    client = app.test_client()
    for _ in range(3):
        login(client, "someone", "wrong")
    with app.app_context():
        db.engine.dispose()


def test_the_reused_database_holds_no_row_and_starts_its_numbers_again_after_a_test(server, tmp_path):
    databases = _databases(server, tmp_path)
    try:
        databases.test_started()
        url = databases.empty(fresh=True)
        _use(url, tmp_path / "first")
        rows, _ = _rows_and_next_ids(url)
        assert rows["users"] == 1 and rows["audit_log"] >= 3  # audit_log refuses DELETE: replica mode needed
        databases.test_ended(0)

        databases.test_started()
        assert databases.empty(fresh=True) == url, "the emptied database is handed out again"
        rows, next_id = _rows_and_next_ids(url)
        assert set(rows.values()) == {0}, rows
        assert next_id == 1
        databases.test_ended(0)
    finally:
        databases.drop_all()


def test_a_database_whose_schema_a_test_changed_is_dropped_and_never_handed_out_again(server, tmp_path):
    databases = _databases(server, tmp_path)
    admin = create_engine(server.url, isolation_level="AUTOCOMMIT")
    try:
        databases.test_started()
        url = databases.empty(fresh=True)
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("ALTER TABLE users ADD COLUMN extra integer"))
        engine.dispose()
        databases.test_ended(0)

        databases.test_started()
        second = databases.empty(fresh=True)
        assert second != url
        with admin.connect() as connection:
            names = set(connection.execute(text("SELECT datname FROM pg_database")).scalars())
        assert make_url(url).database not in names
        databases.test_ended(0)
    finally:
        databases.drop_all()
        admin.dispose()


def test_a_second_app_in_a_test_and_an_app_made_outside_a_test_get_copies_that_go_when_their_owner_ends(
    server, tmp_path
):
    databases = _databases(server, tmp_path)
    admin = create_engine(server.url, isolation_level="AUTOCOMMIT")

    def existing() -> set[str]:
        with admin.connect() as connection:
            return set(connection.execute(text("SELECT datname FROM pg_database")).scalars())

    try:
        wider = databases.empty(fresh=True)  # a module-scoped fixture, before any test started
        before = databases.test_started()
        reused = databases.empty(fresh=True)
        second = databases.empty(fresh=True)
        assert databases.empty(fresh=False) == second
        assert len({wider, reused, second}) == 3
        databases.test_ended(before)
        names = existing()
        wider, reused, second = (make_url(url).database for url in (wider, reused, second))
        assert wider in names and reused in names and second not in names
        template = databases.template
        databases.drop_all()
        assert not {wider, reused, template} & existing()
    finally:
        databases.drop_all()
        admin.dispose()
