"""Browser tests: a live server on loopback and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import brotli
import pytest
from flask import Flask
from playwright.sync_api import Page, Playwright
from werkzeug.serving import make_server

from easyreport.accounts import service
from easyreport.extensions import db
from easyreport.roles import Role
from easyreport.speech.web import close_speech
from tests.browser.html_check import ServedPages, vnu_errors
from tests.conftest import CHROMIUM_ARGS, FULL_CHROMIUM, PASSWORD, make_test_app

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment


def closing_early(app: WSGIApplication, served: ServedPages | None = None) -> WSGIApplication:
    """Read each response body and close it before the server writes it.

    Werkzeug's development server closes the body (an open static file) only after draining the
    socket, and skips that when the browser has already reset the connection, as Chromium does with a
    favicon request cut short by the next navigation: the file is then left to the garbage collector
    and its ResourceWarning fails whichever test is running. The app's responses are small.
    Every HTML page goes to ``served`` too, for the Nu HTML Checker at the end of the session.
    """

    def wsgi(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        seen: dict[str, str] = {}

        def recording(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> object:
            seen["status"] = status
            seen["type"] = next((v for k, v in headers if k.lower() == "content-type"), "")
            seen["encoding"] = next((v for k, v in headers if k.lower() == "content-encoding"), "")
            return start_response(status, headers, exc_info)  # type: ignore[arg-type]

        body = app(environ, recording)  # type: ignore[arg-type]
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        if served is not None and seen.get("type", "").startswith("text/html") and content:
            query = environ.get("QUERY_STRING", "")
            served.add(environ.get("PATH_INFO", "") + (f"?{query}" if query else ""), _decoded(content, seen))
        return [content]

    return wsgi


def _decoded(content: bytes, seen: dict[str, str]) -> bytes:
    """Undo the page's compression (the browser asks for brotli), so the HTML checker reads the HTML."""
    encoding = seen.get("encoding", "")
    if encoding == "br":
        return bytes(brotli.decompress(content))
    if encoding == "gzip":
        return gzip.decompress(content)
    return content


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
    # The real speech engine, so client screens in the browser read aloud as they do for users.
    app = make_test_app(tmp_path_factory.mktemp("live"), SPEECH_ENGINE="espeak")
    served = ServedPages()
    server = make_server("127.0.0.1", 0, closing_early(app, served), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    live = LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    for role in Role:
        live.add_user(role, role.value)
    yield live
    server.shutdown()
    thread.join(timeout=5)
    close_speech(app)
    with app.app_context():
        db.engine.dispose()
    # Every page the browser tests were served, in both languages, must be valid HTML (one vnu run).
    checked, errors = vnu_errors(served)
    assert not errors, f"Nu HTML Checker: {len(errors)} errors in {checked} pages\n" + "\n".join(errors)


@pytest.fixture(autouse=True)
def _only_local_requests(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a browser test if the page asks any host other than the app itself."""
    names = [name for name in ("page", "full_chromium_page") if name in request.fixturenames]
    if not names:
        yield
        return
    foreign: list[str] = []
    for name in names:
        watch_hosts(request.getfixturevalue(name), foreign)
    yield
    assert not foreign, f"requests to other hosts: {foreign}"


def watch_hosts(page: Page, foreign: list[str]) -> None:
    """Add to foreign every address the page requests outside loopback."""

    def check(req: object) -> None:
        url = getattr(req, "url", "")
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:", "about:")):
            return
        if host not in ("127.0.0.1", "localhost"):
            foreign.append(url)

    page.on("request", check)


@pytest.fixture
def full_chromium_page(playwright: Playwright, browser_context_args: dict) -> Iterator[Page]:
    """A page in the full Chromium browser (the suite's other pages are in its headless shell)."""
    browser = playwright.chromium.launch(
        executable_path=FULL_CHROMIUM, headless=True, args=CHROMIUM_ARGS, timeout=180_000
    )
    try:
        yield browser.new_context(**browser_context_args).new_page()
    finally:
        browser.close()
