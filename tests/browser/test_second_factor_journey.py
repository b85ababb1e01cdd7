"""An officer sets up the second factor and logs in with it, in Dutch and English, checked with axe."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator

import pyotp
import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from easyreport.extensions import db
from easyreport.roles import Role
from tests.browser.a11y import check_page
from tests.browser.actions import log_in, log_out
from tests.browser.conftest import LiveServer, closing_early
from tests.conftest import make_test_app

pytestmark = pytest.mark.browser

TEXTS = {
    "nl": {
        "code": "Code uit de app",
        "on": "Aanzetten",
        "continue": "Ik heb ze bewaard: verder",
        "login_code": "Code",
        "go": "Verder",
    },
    "en": {
        "code": "Code from the app",
        "on": "Turn on",
        "continue": "I have kept them: continue",
        "login_code": "Code",
        "go": "Continue",
    },
}


@pytest.fixture(scope="module")
def second_factor_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    app = make_test_app(tmp_path_factory.mktemp("live2fa"), SECOND_FACTOR_ROLES="officer,admin")
    server = make_server("127.0.0.1", 0, closing_early(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    live = LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    for locale in TEXTS:
        live.add_user(Role.OFFICER, f"officer-{locale}")
    yield live
    server.shutdown()
    thread.join(timeout=5)
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_officer_enrols_and_logs_in_with_a_code(page: Page, second_factor_server: LiveServer, locale: str):
    texts, base = TEXTS[locale], second_factor_server.url
    log_in(page, base, f"officer-{locale}", locale=locale)
    expect(page).to_have_url(f"{base}/login/enrol")
    check_page(page)
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    page.get_by_label(texts["code"], exact=True).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name=texts["on"]).click()
    codes = page.locator(".recovery-codes code")
    expect(codes).to_have_count(10)
    check_page(page)
    page.get_by_role("link", name=texts["continue"]).click()
    expect(page).to_have_url(f"{base}/officer/")
    log_out(page, locale)
    log_in(page, base, f"officer-{locale}", locale=locale)
    expect(page).to_have_url(f"{base}/login/code")
    check_page(page)
    code = pyotp.TOTP(secret).at(time.time() + 30)  # the next step: the enrolment used the current one
    page.get_by_label(texts["login_code"], exact=True).fill(f"{code[:3]} {code[3:]}")
    page.get_by_role("button", name=texts["go"]).click()
    expect(page).to_have_url(re.compile(rf"{re.escape(base)}/officer/$"))
