"""The PostgreSQL pass runs only the tests that use the database; a misclassed test fails instead of dropping out."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from easyreport.extensions import db
from tests.database_tests import check_may_make_app


def test_a_test_classed_as_not_using_the_database_cannot_make_an_app():
    # This test has no database fixture and its module makes no app, so it is classed pure.
    with pytest.raises(pytest.fail.Exception, match="PostgreSQL pass would skip it"):
        check_may_make_app()


def test_a_test_with_the_app_fixture_may(app):
    check_may_make_app()  # classed as a database test: no failure


def test_an_app_without_a_database_fails_any_use_of_one_and_is_classed_as_not_using_one(app_without_database):
    with app_without_database.app_context(), pytest.raises(OperationalError, match="unable to open database"):
        db.session.execute(text("SELECT 1"))
    with pytest.raises(pytest.fail.Exception, match="PostgreSQL pass would skip it"):
        check_may_make_app()
