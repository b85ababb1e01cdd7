"""Fixtures shared by every test: an app on a fresh database, a client, account factories."""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

import easyreport.models  # noqa: F401 - every table on Base.metadata, for drop_all
from easyreport import create_app
from easyreport.accounts import service
from easyreport.accounts.models import User
from easyreport.db_base import Base
from easyreport.extensions import db
from easyreport.roles import Role

PASSWORD = "correct horse battery"
# Set to a PostgreSQL URL to run the same tests there (scripts/test.sh does this for the PostgreSQL pass).
TEST_DATA_KEY = "dGVzdC1kYXRhLWtleS0wMTIzNDU2Nzg5YWJjZGVmMDE="  # 32 bytes, test only
TEST_AUDIT_KEY = "YXVkaXQta2V5LTAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5"  # 36 bytes, test only
TEST_DATABASE_URL = os.environ.get("EASYREPORT_TEST_DATABASE_URL", "")
# Apps in tests run without the speech worker (one process per app would slow every test); the speech
# tests turn the real engine on for their own apps. Export EASYREPORT_SPEECH_ENGINE=espeak to run all with it.
os.environ.setdefault("EASYREPORT_SPEECH_ENGINE", "none")


CHROMIUM = "/usr/bin/chromium"
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
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


def app_settings(tmp_path: Path, **overrides: object) -> dict[str, object]:
    """The settings of a test app: test keys, files under tmp_path, the suite's database unless overridden."""
    settings: dict[str, object] = {
        "ENV": "test",
        "SECRET_KEY": "test-secret-key-not-for-production",
        "DATABASE_URL": TEST_DATABASE_URL or f"sqlite:///{tmp_path / 'test.sqlite'}",
        "ENCRYPTION_KEYS": f"test:{TEST_DATA_KEY}",
        "AUDIT_KEY": TEST_AUDIT_KEY,
        "SPEECH_CACHE_DIR": str(tmp_path / "audio"),
        "AUDIT_HEAD_FILE": str(tmp_path / "audit_head.json"),
    }
    settings.update(overrides)
    return settings


def make_test_app(tmp_path: Path, *, fresh: bool = True, **overrides: object) -> Flask:
    """Create an app for tests on an empty database (fresh=False keeps what a shared database holds)."""
    app = create_app(app_settings(tmp_path, **overrides))
    _created_apps.append(app)
    with app.app_context():
        if TEST_DATABASE_URL and fresh:
            Base.metadata.drop_all(db.engine)
        db.create_all()
    return app


_created_apps: list[Flask] = []


@pytest.fixture(autouse=True)
def _dispose_engines() -> Iterator[None]:
    """Close every connection a test's apps opened (PostgreSQL warns about connections left to the GC)."""
    yield
    while _created_apps:
        with _created_apps.pop().app_context():
            db.engine.dispose()
    if TEST_DATABASE_URL:
        # Collect now, so a connection some test left open is reported against that test, not a later one.
        gc.collect()


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    return make_test_app(tmp_path)


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
