"""An officer adds a passkey and logs in with it (Chromium's virtual authenticator), in Dutch and English."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import select
from werkzeug.serving import make_server

from easyreport.accounts.models import User
from easyreport.accounts.second_factor_models import PasskeyCredential
from easyreport.extensions import db
from easyreport.roles import Role
from tests.browser.a11y import check_page
from tests.browser.actions import log_in, log_out
from tests.browser.conftest import LiveServer, closing_early
from tests.conftest import make_test_app

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"

TEXTS = {
    "nl": {
        "code": "Code uit de app",
        "on": "Aanzetten",
        "continue": "Ik heb ze bewaard: verder",
        "add": "Passkey toevoegen",
        "added": "Je passkey is toegevoegd",
        "use": "Inloggen met passkey",
        "remove": "Passkey 1 verwijderen",
        "removed": "De passkey is verwijderd",
    },
    "en": {
        "code": "Code from the app",
        "on": "Turn on",
        "continue": "I have kept them: continue",
        "add": "Add a passkey",
        "added": "Your passkey is added",
        "use": "Log in with passkey",
        "remove": "Remove passkey 1",
        "removed": "The passkey is removed",
    },
}


@pytest.fixture(scope="module")
def passkey_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    app = make_test_app(tmp_path_factory.mktemp("livepasskey"), SECOND_FACTOR_ROLES="officer,admin")
    server = make_server("127.0.0.1", 0, closing_early(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # WebAuthn needs a secure context: http://localhost is one, http://127.0.0.1 is not for every check.
    live = LiveServer(app, f"http://localhost:{server.server_port}")
    for locale in TEXTS:
        live.add_user(Role.OFFICER, f"passkey-{locale}")
    yield live
    server.shutdown()
    thread.join(timeout=5)
    with app.app_context():
        db.engine.dispose()


def _virtual_authenticator(context: BrowserContext, page: Page) -> None:
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_officer_adds_a_passkey_and_logs_in_with_it(
    context: BrowserContext, page: Page, passkey_server: LiveServer, locale: str
):
    texts, base = TEXTS[locale], passkey_server.url
    _virtual_authenticator(context, page)
    log_in(page, base, f"passkey-{locale}", locale=locale)
    expect(page).to_have_url(f"{base}/login/enrol")
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    page.get_by_label(texts["code"], exact=True).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name=texts["on"]).click()
    page.get_by_role("link", name=texts["continue"]).click()
    page.get_by_role("link", name="Passkeys").click()
    expect(page).to_have_url(f"{base}/account/passkeys")
    add = page.get_by_role("button", name=texts["add"])
    expect(add).to_be_visible()  # shown by the script only because the browser offers WebAuthn
    check_page(page)
    add.click()
    expect(page.locator(".flash")).to_contain_text(texts["added"])
    expect(page.locator(".passkey-list li")).to_have_count(1)
    check_page(page)
    log_out(page, locale)
    log_in(page, base, f"passkey-{locale}", locale=locale)
    expect(page).to_have_url(f"{base}/login/code")
    use = page.get_by_role("button", name=texts["use"])
    expect(use).to_be_visible()
    check_page(page)
    use.click()
    expect(page).to_have_url(re.compile(rf"{re.escape(base)}/officer/$"))
    with passkey_server.app.app_context():
        rows = db.session.scalars(select(PasskeyCredential)).all()
        assert any(row.last_used_at is not None for row in rows)
    # A lost device: its owner removes that passkey; the page says so and lists none.
    page.goto(f"{base}/account/passkeys")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1024, 768), (320, 640)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(SCREENSHOTS / f"passkeys-{locale}-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("button", name=texts["remove"]).click()
    expect(page.locator(".flash")).to_contain_text(texts["removed"])
    expect(page.locator(".passkey-list li")).to_have_count(0)
    check_page(page)


def test_without_javascript_the_passkey_stays_hidden_and_the_code_works(
    browser: Browser, passkey_server: LiveServer
):
    base = passkey_server.url
    passkey_server.add_user(Role.OFFICER, "passkey-nojs")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, base, "passkey-nojs", locale="en")
        secret = page.locator("code.secret").inner_text().replace(" ", "")
        page.get_by_label(TEXTS["en"]["code"], exact=True).fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name=TEXTS["en"]["on"]).click()
        page.get_by_role("link", name=TEXTS["en"]["continue"]).click()
        with passkey_server.app.app_context():
            user_id = db.session.scalar(select(User.id).where(User.username == "passkey-nojs"))
            # Never verified here: without JavaScript the browser cannot answer with it anyway.
            db.session.add(PasskeyCredential(user_id=user_id, credential_id="AAAA", public_key="AAAA"))
            db.session.commit()
        log_out(page, "en")
        log_in(page, base, "passkey-nojs", locale="en")
        expect(page).to_have_url(f"{base}/login/code")
        expect(page.get_by_role("button", name=TEXTS["en"]["use"])).to_be_hidden()
        page.get_by_label("Code", exact=True).fill(pyotp.TOTP(secret).at(time.time() + 30))
        page.get_by_role("button", name="Continue").click()
        expect(page).to_have_url(re.compile(rf"{re.escape(base)}/officer/$"))
    finally:
        context.close()
