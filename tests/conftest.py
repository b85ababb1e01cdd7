"""Fixtures shared by every test: an app on a fresh database, a client, account factories."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from playwright.sync_api import Browser
from sqlalchemy import Engine

import easyreport.models  # noqa: F401 - every table on Base.metadata, for drop_all
from easyreport import create_app
from easyreport.accounts import passwords, service
from easyreport.accounts.models import User
from easyreport.db_base import Base
from easyreport.extensions import db
from easyreport.roles import Role
from tests import route_builders
from tests.pg_databases import Databases

pytest_plugins = ["tests.database_tests"]

PASSWORD = "correct horse battery"
# Set to a PostgreSQL URL to run the same tests there (scripts/test.sh does this for the PostgreSQL pass).
TEST_DATA_KEY = "dGVzdC1kYXRhLWtleS0wMTIzNDU2Nzg5YWJjZGVmMDE="  # 32 bytes, test only
TEST_AUDIT_KEY = "YXVkaXQta2V5LTAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5"  # 36 bytes, test only
TEST_DATABASE_URL = os.environ.get("EASYREPORT_TEST_DATABASE_URL", "")
# Apps in tests run without the speech worker (one process per app would slow every test); the speech
# tests turn the real engine on for their own apps. Export EASYREPORT_SPEECH_ENGINE=espeak to run all with it.
os.environ.setdefault("EASYREPORT_SPEECH_ENGINE", "none")
# argon2id with its recommended parameters costs ~0.3 s a hash on a busy machine, and tests make and log in
# thousands of accounts; the same code runs with the cheapest parameters (subprocess servers keep the real ones).
passwords.use_parameters(time_cost=1, memory_cost=8, parallelism=1)
route_builders.keep_compiled_builders()


# Debian's Chromium in two builds of the same source and version: the headless shell drives the suite (the
# same Blink and V8 without the full browser around them: a third less CPU per browser test, measured on the
# whole browser suite); the full browser, which users' browsers are, checks the client screens once more
# (tests/browser/test_client_screens.py), since its text metrics differ by a fraction of a pixel.
CHROMIUM = "/usr/bin/chromium-headless-shell"
FULL_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch the system Chromium for every browser test (one Playwright per session, shared by all folders)."""
    # A generous ceiling for the start: a busy machine can take far longer than the usual half second.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_ARGS,
        "timeout": 180_000,
    }


@pytest.fixture(scope="session")
def _browser_holder() -> Iterator[dict[str, Browser]]:
    holder: dict[str, Browser] = {}
    yield holder
    if "browser" in holder and holder["browser"].is_connected():
        holder["browser"].close()


@pytest.fixture
def browser(launch_browser: Callable[[], Browser], _browser_holder: dict[str, Browser]) -> Browser:
    """The session's Chromium, launched anew when it went away since the last test.

    pytest-playwright keeps one browser for the session, so a Chromium that crashed mid-run (a busy machine)
    failed every browser test after it; now it fails at most the test it crashed in.
    """
    return connected_browser(_browser_holder, launch_browser)


def connected_browser(holder: dict[str, Browser], launch: Callable[[], Browser]) -> Browser:
    """Return the browser in holder, launching one first when there is none or it is no longer connected."""
    current = holder.get("browser")
    if current is None or not current.is_connected():
        current = launch()
        holder["browser"] = current
    return current


def app_settings(tmp_path: Path, **overrides: object) -> dict[str, object]:
    """The settings of a test app: test keys, files under tmp_path, the suite's database unless overridden."""
    settings: dict[str, object] = {
        "ENV": "test",
        "SECRET_KEY": "test-secret-key-not-for-production",
        "ENCRYPTION_KEYS": f"test:{TEST_DATA_KEY}",
        "AUDIT_KEY": TEST_AUDIT_KEY,
        "SPEECH_CACHE_DIR": str(tmp_path / "audio"),
        "AUDIT_HEAD_FILE": str(tmp_path / "audit_head.json"),
    }
    settings.update(overrides)
    return settings


def make_test_app(tmp_path: Path, *, fresh: bool = True, **overrides: object) -> Flask:
    """Create an app for tests on an empty database (fresh=False keeps what a shared database holds).

    The empty database is a copy of one made once per test process (an SQLite file copied, or a PostgreSQL
    database made from a template): creating forty tables for every test cost more than most tests.
    """
    from tests.database_tests import check_may_make_app  # loaded by pytest_plugins first (assert rewriting)

    check_may_make_app()
    settings = app_settings(tmp_path, **overrides)
    made = False
    if "DATABASE_URL" not in overrides:
        if TEST_DATABASE_URL:
            settings["DATABASE_URL"] = _postgres().empty(fresh)
            made = True
        else:
            path = tmp_path / "test.sqlite"
            if not path.exists():
                tmp_path.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(_empty_sqlite_file(), path)
                made = True
            settings["DATABASE_URL"] = f"sqlite:///{path}"
    app = create_app(settings)
    _created_apps.append(app)
    if not made:
        with app.app_context():
            if TEST_DATABASE_URL and fresh:
                Base.metadata.drop_all(db.engine)
            db.create_all()
    return app


def _schema_app(url: str, home: Path) -> None:
    """Create every table in the database at url, as an app does, and close its connections."""
    app = create_app(
        {
            "ENV": "test",
            "SECRET_KEY": "test-secret-key-not-for-production",
            "DATABASE_URL": url,
            "ENCRYPTION_KEYS": f"test:{TEST_DATA_KEY}",
            "AUDIT_KEY": TEST_AUDIT_KEY,
            "SPEECH_CACHE_DIR": str(home / "audio"),
            "AUDIT_HEAD_FILE": str(home / "audit_head.json"),
            "SPEECH_ENGINE": "none",
        }
    )
    with app.app_context():
        db.create_all()
        db.engine.dispose()


@cache
def _empty_sqlite_file() -> Path:
    """Return an SQLite file holding the empty schema, made once per test process."""
    home = Path(tempfile.mkdtemp(prefix="easyreport-schema-"))
    path = home / "empty.sqlite"
    _schema_app(f"sqlite:///{path}", home)
    with sqlite3.connect(path) as connection:  # fold the write-ahead log into the file, so one file is enough
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path


_pg: list[Databases] = []


def _postgres() -> Databases:
    if not _pg:
        _pg.append(Databases(TEST_DATABASE_URL, lambda url: _schema_app(url, Path(tempfile.mkdtemp()))))
    return _pg[0]


_created_apps: list[Flask] = []


@pytest.fixture(autouse=True)
def _dispose_engines() -> Iterator[None]:
    """Close every connection a test's apps opened, and fail a test that left one checked out.

    A connection still checked out of an app's pool at the end of its test was never given back: reporting it
    here names the test that leaked it (collecting garbage after every test did that too, but cost a tenth of
    a second a test on the PostgreSQL pass). Then the PostgreSQL databases of the test's apps are dropped or
    emptied (tests/pg_databases.py); a module-scoped app, set up before this fixture, keeps its database.
    """
    copies_before = _postgres().test_started() if TEST_DATABASE_URL else 0
    yield
    leaked = 0
    while _created_apps:
        with _created_apps.pop().app_context():
            leaked += _checked_out(db.engine)
            db.engine.dispose()
    if TEST_DATABASE_URL:
        _postgres().test_ended(copies_before)
    if leaked:
        pytest.fail(f"the test left {leaked} database connection(s) checked out of an app's pool")


def _checked_out(engine: Engine) -> int:
    """Connections taken from the engine's pool and not given back (0 for pools that keep none)."""
    count = getattr(engine.pool, "checkedout", None)
    return count() if callable(count) else 0


@pytest.fixture(scope="session", autouse=True)
def _drop_remaining_databases() -> Iterator[None]:
    yield
    if TEST_DATABASE_URL:
        _postgres().drop_all()


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    return make_test_app(tmp_path)


def unreachable_database_app(tmp_path: Path) -> Flask:
    """An app whose database cannot be opened (its folder does not exist): any use of it fails the test."""
    return create_app(
        app_settings(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'no-such-folder' / 'x.sqlite'}")
    )


@pytest.fixture
def app_without_database(tmp_path: Path) -> Flask:
    """For tests that build and render in memory: they never open a database, which this app proves.

    So tests/database_tests.py classes them as not using the database, and the PostgreSQL pass, which would
    prove nothing new, skips them.
    """
    return unreachable_database_app(tmp_path)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    """Return a factory that creates an account and returns it."""
    counter = {"n": 0}

    def factory(role: Role = Role.COUNSELLOR, username: str | None = None, password: str = PASSWORD) -> User:
        counter["n"] += 1
        with app.app_context():
            user = service.create_account(
                db.session, username or f"{role.value}{counter['n']}", role, password, min_length=1
            )
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user

    return factory


def csrf_token(html: str) -> str:
    """Pull the CSRF token out of a rendered page."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def login(client: FlaskClient, username: str, password: str = PASSWORD, *, follow: bool = False):
    """Log in through the real form, CSRF token included."""
    page = client.get("/login")
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_token(page.text)},
        follow_redirects=follow,
    )


@pytest.fixture
def logged_in(client: FlaskClient, make_user: Callable[..., User]) -> Callable[[Role], User]:
    """Return a function that creates an account of a role and logs the client in as it."""

    def do(role: Role) -> User:
        user = make_user(role)
        response = login(client, user.username)
        assert response.status_code == 302
        return user

    return do
