"""Foundation journeys in real Chromium: login, role homes, language, account management, errors."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from easyreport.roles import Role
from tests.browser.a11y import check_page
from tests.browser.actions import choose_language, log_in, log_in_with_keyboard, log_out

pytestmark = pytest.mark.browser

HOMES = {
    Role.COUNSELLOR: ("/counsellor/", {"nl": "Je voorbereidingen", "en": "Your preparations"}),
    Role.OFFICER: ("/officer/", {"nl": "Bladen die met u gedeeld zijn", "en": "Sheets shared with you"}),
    Role.ADMIN: ("/admin/", {"nl": "Accounts", "en": "Accounts"}),
    Role.COORDINATOR: ("/coordinator/evaluation", {"nl": "Evaluatie", "en": "Evaluation"}),
}


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_login_with_keyboard_only(page: Page, live_server, locale):
    page.goto(f"{live_server.url}/login")
    if locale == "en":
        choose_language(page, "en")
    check_page(page)
    log_in_with_keyboard(page, "counsellor")
    expect(page).to_have_url(f"{live_server.url}/counsellor/")
    expect(page.get_by_role("heading", level=1)).to_have_text(HOMES[Role.COUNSELLOR][1][locale])
    check_page(page)


@pytest.mark.parametrize("locale", ["nl", "en"])
@pytest.mark.parametrize("role", list(Role))
def test_each_role_lands_on_its_home(page: Page, live_server, role, locale):
    log_in(page, live_server.url, role.value, locale=locale)
    path, headings = HOMES[role]
    expect(page).to_have_url(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(headings[locale])
    check_page(page)
    log_out(page, locale)
    check_page(page)


def test_wrong_password_shows_an_accessible_error(page: Page, live_server):
    log_in(page, live_server.url, "officer", "not the password")
    expect(page.get_by_role("alert")).to_contain_text("klopt niet")
    check_page(page)


def test_language_switch_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/about")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.get_by_role("button", name="English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server.url}/about")
    expect(page.get_by_role("heading", level=1)).to_have_text("About easyreport")
    page.goto(f"{live_server.url}/login")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in to easyreport")
    context.close()


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_admin_manages_accounts(page: Page, live_server, locale):
    texts = {
        "nl": {
            "create": "Account aanmaken",
            "username": "Gebruikersnaam",
            "role": "Rol",
            "password": "Eerste wachtwoord",
            "officer": "Verhoorder",
            "deactivate": "Deactiveren",
            "reactivate": "Weer activeren",
            "reset": "Wachtwoord opnieuw instellen",
            "new": "Nieuw wachtwoord",
            "set": "Nieuw wachtwoord instellen",
            "inactive": "Gedeactiveerd",
            "active": "Actief",
        },
        "en": {
            "create": "Create account",
            "username": "Username",
            "role": "Role",
            "password": "First password",
            "officer": "Police officer",
            "deactivate": "Deactivate",
            "reactivate": "Reactivate",
            "reset": "Reset password",
            "new": "New password",
            "set": "Set new password",
            "inactive": "Deactivated",
            "active": "Active",
        },
    }[locale]
    name = f"new.officer.{locale}"
    log_in(page, live_server.url, "admin", locale=locale)
    check_page(page)
    page.get_by_role("link", name=texts["create"]).click()
    check_page(page)
    page.get_by_role("button", name=texts["create"]).click()  # empty form: errors first
    expect(page.get_by_role("alert")).to_be_visible()
    check_page(page)
    page.get_by_label(texts["username"], exact=True).fill(name)
    page.get_by_label(texts["role"], exact=True).select_option(label=texts["officer"])
    page.get_by_label(texts["password"], exact=True).fill("a long first password")
    page.get_by_role("button", name=texts["create"]).click()
    row = page.get_by_role("row", name=re.compile(re.escape(name)))
    expect(row).to_contain_text(texts["active"])
    check_page(page)
    row.get_by_role("button", name=re.compile(texts["deactivate"])).click()
    expect(page.get_by_role("row", name=re.compile(re.escape(name)))).to_contain_text(texts["inactive"])
    page.get_by_role("row", name=re.compile(re.escape(name))).get_by_role(
        "button", name=re.compile(texts["reactivate"])
    ).click()
    expect(page.get_by_role("row", name=re.compile(re.escape(name)))).to_contain_text(texts["active"])
    page.get_by_role("row", name=re.compile(re.escape(name))).get_by_role(
        "link", name=re.compile(texts["reset"])
    ).click()
    check_page(page)
    page.get_by_label(texts["new"], exact=True).fill("a brand new password")
    page.get_by_role("button", name=texts["set"]).click()
    expect(page).to_have_url(f"{live_server.url}/admin/")
    log_out(page, locale)
    log_in(page, live_server.url, name, "a brand new password", locale=locale)
    expect(page).to_have_url(f"{live_server.url}/officer/")


@pytest.mark.parametrize(
    ("locale", "forbidden", "missing"),
    [
        ("nl", "Je kunt deze pagina niet openen", "Pagina niet gevonden"),
        ("en", "You cannot open this page", "Page not found"),
    ],
)
def test_error_pages(page: Page, live_server, locale, forbidden, missing):
    log_in(page, live_server.url, "officer", locale=locale)
    response = page.goto(f"{live_server.url}/admin/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(forbidden)
    check_page(page)
    response = page.goto(f"{live_server.url}/no/such/page")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text(missing)
    check_page(page)


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_admin_units_and_audit_pages(page: Page, live_server, locale):
    log_in(page, live_server.url, "admin", locale=locale)
    page.goto(f"{live_server.url}/admin/units")
    check_page(page)
    page.goto(f"{live_server.url}/admin/audit")
    expect(page.locator("table")).to_contain_text("login")
    check_page(page)
