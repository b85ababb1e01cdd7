"""User actions for browser journeys, located by role and accessible name (which tests the names too)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD

LABELS = {
    "nl": {
        "username": "Gebruikersnaam",
        "password": "Wachtwoord",
        "login": "Inloggen",
        "logout": "Uitloggen",
    },
    "en": {"username": "Username", "password": "Password", "login": "Log in", "logout": "Log out"},
}


def choose_language(page: Page, locale: str) -> None:
    """Press the language button in the header."""
    name = {"nl": "Nederlands", "en": "English"}[locale]
    page.get_by_role("button", name=name, exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", locale)


def log_in(page: Page, base_url: str, username: str, password: str = PASSWORD, locale: str = "nl") -> None:
    """Open the login page and log in with the mouse."""
    page.goto(f"{base_url}/login")
    if page.locator("html").get_attribute("lang") != locale:
        choose_language(page, locale)
    labels = LABELS[locale]
    page.get_by_label(labels["username"], exact=True).fill(username)
    page.get_by_label(labels["password"], exact=True).fill(password)
    page.get_by_role("button", name=labels["login"], exact=True).click()


def log_in_with_keyboard(page: Page, username: str, password: str = PASSWORD) -> None:
    """Tab to the username field from the top of the page, type, and submit with Enter."""
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.name") == "username":
            break
    else:
        raise AssertionError("the username field cannot be reached with Tab")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type(password)
    page.keyboard.press("Enter")


def log_out(page: Page, locale: str = "nl") -> None:
    """Press the logout button."""
    page.get_by_role("button", name=LABELS[locale]["logout"]).click()
    expect(page).to_have_url(re.compile(r"/login$"))
