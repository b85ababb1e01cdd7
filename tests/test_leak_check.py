"""The suite's end-of-test check finds a database connection a test kept (tests/conftest.py)."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import text

from easyreport.extensions import db
from tests.conftest import _checked_out


def test_a_connection_not_given_back_is_counted_until_it_is_closed(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
        assert _checked_out(engine) == 0
        kept = engine.connect()
        kept.execute(text("SELECT 1"))
        assert _checked_out(engine) == 1
        kept.close()
        assert _checked_out(engine) == 0


def test_a_request_gives_its_connection_back(app: Flask) -> None:
    assert app.test_client().get("/login").status_code == 200
    with app.app_context():
        assert _checked_out(db.engine) == 0
