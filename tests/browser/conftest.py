"""Browser tests: a live server on loopback and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from flask import Flask
from playwright.sync_api import Page
from werkzeug.serving import make_server

from easyreport.accounts import service
from easyreport.extensions import db
from easyreport.roles import Role
from tests.conftest import PASSWORD, make_test_app

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
    """Launch the system Chromium; Playwright's own browser download is not possible here."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@dataclass
class LiveServer:
    """A running app and its address."""

    app: Flask
    url: str

    def add_user(self, role: Role, username: str, password: str = PASSWORD) -> None:
        with self.app.app_context():
            service.create_account(db.session, username, role, password, min_length=1)
            db.session.commit()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    app = make_test_app(tmp_path_factory.mktemp("live"))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    live = LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    for role in Role:
        live.add_user(role, role.value)
    yield live
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(autouse=True)
def _only_local_requests(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a browser test if the page asks any host other than the app itself."""
    if "page" not in request.fixturenames:
        yield
        return
    page: Page = request.getfixturevalue("page")
    foreign: list[str] = []

    def check(req: object) -> None:
        url = getattr(req, "url", "")
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:", "about:")):
            return
        if host not in ("127.0.0.1", "localhost"):
            foreign.append(url)

    page.on("request", check)
    yield
    assert not foreign, f"requests to other hosts: {foreign}"
