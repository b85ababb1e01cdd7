"""Which tests use the suite's database, so the PostgreSQL pass runs exactly those.

The PostgreSQL pass re-ran every test, also the many that never open a database (rules, content, the
needs-only check, pure property tests): minutes of a ten-minute budget spent proving nothing new. A test uses
the database when one of its fixtures makes an app (``app`` and everything built on it, the throwaway
PostgreSQL server's fixtures, or any fixture whose code calls ``make_test_app``/``create_app``), or when its
module makes apps itself.

The classification is checked on every run: a test classed as not using the database that makes a test app
anyway fails with a message, so a new database test can never silently drop out of the PostgreSQL pass.
"""

from __future__ import annotations

import inspect
import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest

# Set by scripts/test.sh for the PostgreSQL pass: deselect the tests that do not use the database.
ONLY_ENV = "EASYREPORT_TEST_DATABASE_ONLY"
DATABASE_FIXTURES = frozenset({"app", "postgres_url", "postgres_server"})
_MAKES_APPS = ("make_test_app(", "create_app(")
_USES_DATABASE = pytest.StashKey[bool]()
_current: dict[str, bool] = {"pure": False}


@cache
def _file_source(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


@cache
def _function_source(function: Any) -> str:
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def _makes_apps(source: str) -> bool:
    return any(marker in source for marker in _MAKES_APPS)


def uses_database(item: pytest.Item) -> bool:
    """Return True when the test, its module or one of its fixtures makes an app on the suite's database."""
    if set(getattr(item, "fixturenames", ())) & DATABASE_FIXTURES:
        return True
    module_file = getattr(getattr(item, "module", None), "__file__", None)
    if module_file and _makes_apps(_file_source(module_file)):
        return True
    info = getattr(item, "_fixtureinfo", None)
    definitions = info.name2fixturedefs.values() if info is not None else ()
    return any(_makes_apps(_function_source(d.func)) for defs in definitions for d in defs)


def check_may_make_app() -> None:
    """Fail a test classed as not using the database that makes a test app after all."""
    if _current["pure"]:
        pytest.fail(
            "this test makes a test app but tests/database_tests.py classed it as not using the database, "
            "so the PostgreSQL pass would skip it: request the `app` fixture (or add its fixture to "
            "DATABASE_FIXTURES)",
            pytrace=False,
        )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Class every test; in the PostgreSQL pass, deselect those that do not use the database."""
    for item in items:
        item.stash[_USES_DATABASE] = uses_database(item)
    if os.environ.get(ONLY_ENV) != "1":
        return
    kept = [item for item in items if item.stash[_USES_DATABASE]]
    dropped = [item for item in items if not item.stash[_USES_DATABASE]]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(autouse=True)
def _database_classification(request: pytest.FixtureRequest) -> Any:
    _current["pure"] = not request.node.stash.get(_USES_DATABASE, True)
    yield
    _current["pure"] = False
