"""Schema migrations (Alembic): fresh, versioned and legacy databases reach the newest revision with their data.

Every test runs on SQLite and on PostgreSQL (a throwaway server from tests/pg_fixture.py, also in the
PostgreSQL pass). The newest revision must match the models: a model change without a revision fails here.
"""

from __future__ import annotations

import ast
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, Table, create_engine, inspect, text

from easyreport.db_base import Base
from easyreport.extensions import db
from easyreport.migrations import runner
from easyreport.migrations.safety import DataLossRefused
from tests.pg_fixture import postgres_server, postgres_url  # noqa: F401

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'migrate.sqlite'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    engine = create_engine(url)
    yield engine
    engine.dispose()


def _add_data(engine) -> None:
    """Rows in tables of the first revision, written the way the first revision's schema takes them."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (id, username, password_hash, role, active, created_at, password_changed_at) "
                "VALUES (7, 'counsellor', 'hash', 'counsellor', :yes, :now, :now)"
            ),
            {"yes": True, "now": NOW},
        )
        connection.execute(
            text(
                "INSERT INTO login_attempts (id, username, at, succeeded, address, kind) "
                "VALUES (1, 'counsellor', :now, :no, '127.0.0.1', 'password')"
            ),
            {"no": False, "now": NOW},
        )
        connection.execute(
            text(
                "INSERT INTO audit_log (seq, timestamp, action, metadata_json, prev_mac, mac) "
                "VALUES (1, '2026-01-02T03:04:05Z', 'login', '{}', :zero, :mac)"
            ),
            {"zero": "0" * 64, "mac": "a" * 64},
        )


def _assert_data_intact(engine) -> None:
    with engine.connect() as connection:
        user = connection.execute(text("SELECT username, role, active FROM users WHERE id = 7")).one()
        assert tuple(user) == ("counsellor", "counsellor", True)
        attempt = connection.execute(text("SELECT username, address, kind FROM login_attempts")).one()
        assert tuple(attempt) == ("counsellor", "127.0.0.1", "password")
        entry = connection.execute(text("SELECT seq, action, mac FROM audit_log")).one()
        assert tuple(entry) == (1, "login", "a" * 64)


def _revision(engine) -> str | None:
    with engine.connect() as connection:
        return runner.current_revision(connection)


def _make_legacy(engine) -> None:
    """A database as the hand-written upgrader left it: the first revision's tables, no alembic_version."""
    runner.upgrade(engine, runner.BASELINE)
    with engine.begin() as connection:
        connection.execute(text(f"DROP TABLE {runner.VERSION_TABLE}"))


def test_a_fresh_database_upgrades_to_the_newest_revision_and_matches_the_models(engine):
    result = runner.upgrade(engine)
    assert (result.before, result.after, result.adopted_legacy) == (None, runner.head_revision(), False)
    with engine.connect() as connection:
        differences = runner.model_differences(connection)
    assert differences == [], (
        "the models differ from the newest revision: write one with `flask db revision -m MESSAGE` "
        f"(README, Migrations): {differences}"
    )
    again = runner.upgrade(engine)
    assert again.before == again.after == runner.head_revision()


def test_data_written_at_the_first_revision_is_intact_at_the_newest(engine):
    runner.upgrade(engine, runner.BASELINE)
    _add_data(engine)
    runner.upgrade(engine)
    assert _revision(engine) == runner.head_revision()
    _assert_data_intact(engine)


def test_a_database_made_before_migrations_is_stamped_and_carried_forward(engine):
    _make_legacy(engine)
    _add_data(engine)
    with engine.connect() as connection:
        assert runner.database_state(connection) == "legacy"
    result = runner.upgrade(engine)
    assert result.adopted_legacy and result.after == runner.head_revision()
    _assert_data_intact(engine)
    # The audit log is still append-only after adoption.
    with pytest.raises(Exception, match="append-only"), engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log"))
    assert runner.upgrade(engine).adopted_legacy is False


def test_what_a_database_made_before_migrations_lacks_is_added_as_the_old_upgrader_did(engine):
    _make_legacy(engine)
    _add_data(engine)
    with engine.begin() as connection:  # as made by an older release: no unit members yet, no address
        connection.execute(text("DROP TABLE unit_members"))
        connection.execute(text("DROP INDEX ix_login_attempts_address"))
        connection.execute(text("ALTER TABLE login_attempts DROP COLUMN address"))
    result = runner.upgrade(engine)
    assert result.adopted_legacy
    assert result.added == ("table unit_members", "column login_attempts.address")
    inspector = inspect(engine)
    assert "unit_members" in inspector.get_table_names()
    assert any(index["column_names"] == ["address"] for index in inspector.get_indexes("login_attempts"))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT username, address FROM login_attempts")).one() == (
            "counsellor",
            None,
        )
        assert (
            connection.execute(text("SELECT username FROM users WHERE id = 7")).scalar_one() == "counsellor"
        )
        assert runner.model_differences(connection) == []


def test_a_database_made_before_migrations_lacking_a_required_column_is_refused_untouched(engine):
    _make_legacy(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_login_attempts_username_at"))
        connection.execute(text("ALTER TABLE login_attempts DROP COLUMN username"))
        connection.execute(text("DROP TABLE unit_members"))
    with pytest.raises(runner.MigrationError, match=r"login_attempts\.username is required") as refused:
        runner.upgrade(engine)
    assert "Nothing was changed" in str(refused.value)
    tables = inspect(engine).get_table_names()
    assert runner.VERSION_TABLE not in tables and "unit_members" not in tables


def _as_made_before_migrations(app) -> None:
    """Replace the test app's tables (made from today's models) by the first revision's, without a version."""
    with app.app_context():
        Base.metadata.drop_all(db.engine)
        _make_legacy(db.engine)


def test_flask_init_db_adds_a_column_an_older_database_lacks(app):
    _as_made_before_migrations(app)
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(text("ALTER TABLE sheet_settings DROP COLUMN not_with_client_reason"))
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert "Added column sheet_settings.not_with_client_reason." in result.output
    with app.app_context():
        assert "not_with_client_reason" in {
            c["name"] for c in inspect(db.engine).get_columns("sheet_settings")
        }
    again = app.test_cli_runner().invoke(args=["init-db"])
    assert again.exit_code == 0 and "Added column" not in again.output and "nothing to do" in again.output
    with app.app_context(), db.engine.begin() as connection:  # a shared PostgreSQL database starts clean
        connection.execute(text(f"DROP TABLE {runner.VERSION_TABLE}"))


SAMPLE_DROP = '''"""sample: drop login_attempts.kind"""

from alembic import op  # noqa: F401

from easyreport.migrations import safety

revision = "5a3p1e000001"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    safety.drop_column("login_attempts", "kind")


def downgrade() -> None:
    pass
'''


@pytest.fixture
def scripts_with_a_drop(tmp_path) -> Path:
    """Our revisions plus a sample one that drops a column holding data."""
    location = tmp_path / "migrations"
    shutil.copytree(runner.MIGRATIONS_DIR, location, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    (location / "versions" / "5a3p1e000001_sample_drop.py").write_text(
        SAMPLE_DROP.format(down=runner.head_revision())
    )
    return location


def test_a_revision_that_would_delete_data_refuses_and_says_why(engine, scripts_with_a_drop):
    runner.upgrade(engine)
    _add_data(engine)
    with pytest.raises(DataLossRefused) as refused:
        runner.upgrade(engine, script_location=scripts_with_a_drop)
    message = str(refused.value)
    assert "dropping column login_attempts.kind" in message and "1 stored value" in message
    assert "Nothing was changed" in message
    assert _revision(engine) == runner.head_revision()
    _assert_data_intact(engine)
    # Once the values are gone on purpose, the same revision runs.
    with engine.begin() as connection:
        connection.execute(text("UPDATE login_attempts SET kind = NULL"))
    result = runner.upgrade(engine, script_location=scripts_with_a_drop)
    assert result.after == "5a3p1e000001"
    assert "kind" not in {column["name"] for column in inspect(engine).get_columns("login_attempts")}


def _upgrade_source(path: Path) -> str:
    source = path.read_text()
    tree = ast.parse(source)
    upgrades = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "upgrade"]
    return "".join(ast.get_source_segment(source, node) or "" for node in upgrades)


def test_no_revision_drops_a_column_or_table_without_the_data_loss_guard():
    # Upgrades only: downgrades are for development (production restores a backup, README "Migrations").
    bare = re.compile(r"(?<!safety\.)\b(?:op|batch_op|batch)\.drop_(?:column|table)\(")
    offenders = [
        path.name
        for path in (runner.MIGRATIONS_DIR / "versions").glob("*.py")
        if bare.search(_upgrade_source(path))
    ]
    assert offenders == [], f"use easyreport.migrations.safety for drops in: {offenders}"
    sample = SAMPLE_DROP.replace("safety.drop_column(", "op.drop_column(")
    assert bare.search(sample.split("def downgrade")[0])  # the check finds a bare drop


def test_a_model_change_gets_an_autogenerated_revision(tmp_path):
    location = tmp_path / "migrations"
    shutil.copytree(runner.MIGRATIONS_DIR, location, ignore=shutil.ignore_patterns("__pycache__"))
    assert runner.autogenerate_revision("nothing", script_location=location) == []
    table = Table("sample_feedback", Base.metadata, Column("id", Integer, primary_key=True))
    try:
        [written] = runner.autogenerate_revision("add sample feedback", script_location=location)
    finally:
        Base.metadata.remove(table)
    source = written.read_text()
    assert written.name.endswith("_add_sample_feedback.py")
    assert (
        'op.create_table(\n        "sample_feedback"' in source
        or "op.create_table('sample_feedback'" in source
    )
    assert f'down_revision = "{runner.head_revision()}"' in source or (
        f"down_revision = '{runner.head_revision()}'" in source
    )


def test_flask_db_upgrade_and_check(app):
    with app.app_context():
        Base.metadata.drop_all(db.engine)
    runner_cli = app.test_cli_runner()
    upgraded = runner_cli.invoke(args=["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    assert runner.head_revision() in upgraded.output
    current = runner_cli.invoke(args=["db", "current"])
    assert "(up to date)" in current.output
    checked = runner_cli.invoke(args=["db", "check"])
    assert checked.exit_code == 0 and "Models match" in checked.output
    # A shared PostgreSQL database (the PostgreSQL pass) starts the next test clean.
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(text(f"DROP TABLE {runner.VERSION_TABLE}"))
