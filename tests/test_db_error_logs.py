"""Database errors reach the logs with their SQL but without the values bound into it."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

from easyreport.accounts.models import User
from easyreport.extensions import db
from easyreport.roles import Role

SECRET = "tok-3b1f9e7c-do-not-log"


def test_a_failed_statement_logs_no_parameters(app, make_user, caplog):
    user = make_user(Role.COUNSELLOR)
    caplog.set_level(logging.DEBUG)
    with app.app_context():
        db.session.add(User(username=user.username, password_hash=SECRET, role="counsellor"))
        with pytest.raises(IntegrityError) as caught:
            db.session.commit()
        db.session.rollback()
        # What an error handler writes: the message and traceback of the exception.
        logging.getLogger("easyreport.test").exception("database error", exc_info=caught.value)
    assert "INSERT INTO users" in str(caught.value)
    assert SECRET not in str(caught.value)
    assert SECRET not in caplog.text
    assert "hide_parameters" in caplog.text


def test_a_request_failing_in_the_database_does_not_log_the_session(app, client):
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(text("DROP TABLE sessions"))
    with pytest.raises(DBAPIError) as caught:
        client.get("/login")  # stores a new session with its CSRF token: the insert fails
    assert "INSERT INTO sessions" in str(caught.value)
    assert "csrf_token" not in str(caught.value)
