"""The flask commands for the database, demo accounts and account management."""

from __future__ import annotations

from sqlalchemy import inspect, select, text

from easyreport.accounts.models import User
from easyreport.db_base import Base
from easyreport.extensions import db
from tests.conftest import login


def _user(app, name):
    with app.app_context():
        return db.session.scalar(select(User).where(User.username == name))


def test_seed_demo_is_idempotent_and_uses_the_demo_password(app, client, monkeypatch):
    monkeypatch.setenv("EASYREPORT_DEMO_PASSWORD", "demo-password-here")
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert "Created demo account counsellor." in first.output
    assert "Added demo organisation" in first.output  # the settings page needs one to make a sheet
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0 and "Created" not in second.output and "Added" not in second.output
    for name in ("counsellor", "officer", "admin"):
        assert _user(app, name).role == name
    assert login(client, "admin", "demo-password-here").status_code == 302


def test_users_commands(app, client):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["users", "create", "j.devries", "--role", "officer", "--password", "a good password"]
    )
    assert result.exit_code == 0, result.output
    assert _user(app, "j.devries").role == "officer"
    duplicate = runner.invoke(
        args=["users", "create", "j.devries", "--role", "officer", "--password", "another one1"]
    )
    assert duplicate.exit_code != 0 and "already in use" in duplicate.output
    short = runner.invoke(args=["users", "create", "k.smit", "--role", "admin", "--password", "short"])
    assert short.exit_code != 0 and "at least" in short.output

    assert runner.invoke(args=["users", "deactivate", "j.devries"]).exit_code == 0
    assert _user(app, "j.devries").active is False
    assert login(client, "j.devries", "a good password").status_code == 200
    assert runner.invoke(args=["users", "reactivate", "j.devries"]).exit_code == 0
    assert (
        runner.invoke(
            args=["users", "reset-password", "j.devries", "--password", "new good password"]
        ).exit_code
        == 0
    )
    assert login(client, "j.devries", "new good password").status_code == 302
    listing = runner.invoke(args=["users", "list"]).output
    assert "j.devries" in listing and "officer" in listing
    assert runner.invoke(args=["users", "deactivate", "nobody"]).exit_code != 0


def test_init_db_creates_tables(app):
    with app.app_context():
        Base.metadata.drop_all(db.engine)
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0 and "Database ready." in result.output
    with app.app_context():
        assert "users" in inspect(db.engine).get_table_names()
        with db.engine.begin() as connection:  # a shared PostgreSQL database starts the next test clean
            connection.execute(text("DROP TABLE alembic_version"))
