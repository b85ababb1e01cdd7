"""The PostgreSQL pass runs only the tests that use the database; a misclassed test fails instead of dropping out."""

from __future__ import annotations

import pytest

from tests.database_tests import check_may_make_app


def test_a_test_classed_as_not_using_the_database_cannot_make_an_app():
    # This test has no database fixture and its module makes no app, so it is classed pure.
    with pytest.raises(pytest.fail.Exception, match="PostgreSQL pass would skip it"):
        check_may_make_app()


def test_a_test_with_the_app_fixture_may(app):
    check_may_make_app()  # classed as a database test: no failure
