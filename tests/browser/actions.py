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


# How many presses of Tab from the focused element reach the first element matching a predicate, by the rules
# of sequential focus navigation for pages without positive tabindex; -1 when unsure. Only a guess: the real
# presses decide, and a wrong guess falls back to pressing Tab one at a time.
TABS_TO = """
(() => {
  const matches = el => { %s };
  const candidates = [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex], [contenteditable]')];
  if (candidates.some(el => el.tabIndex > 0)) return -1;
  const order = candidates.filter(el => {
    if (el.disabled || el.tabIndex < 0 || el.closest('[inert]')) return false;
    if (!el.checkVisibility({visibilityProperty: true})) return false;
    if (el.type === 'radio' && el.name) {
      const group = [...(el.form || document).querySelectorAll(`input[type=radio][name="${CSS.escape(el.name)}"]`)];
      const checked = group.find(r => r.checked);
      return checked ? el === checked : el === group[0];
    }
    return true;
  });
  const start = order.indexOf(document.activeElement);
  for (let i = start + 1; i < order.length; i++) if (matches(order[i])) return i - start;
  return -1;
})()
"""


def press_tab_until(page: Page, predicate_js: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches a JS predicate over `el` (keyboard-only navigation).

    Tab is pressed as often as a model of the tab order expects, and only then is the focused element checked
    (a check after every press was half of a keyboard journey's browser calls); when it does not match, Tab
    is pressed one at a time, each followed by the check.
    """
    check = f"(() => {{ const el = document.activeElement; return !!el && ({predicate_js}); }})()"
    presses = page.evaluate(TABS_TO % f"return {predicate_js};")
    if 0 < presses <= limit:
        for _ in range(presses):
            page.keyboard.press("Tab")
        if page.evaluate(check):
            return
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(check):
            return
    raise AssertionError(f"no focusable element matching {predicate_js} on {page.url}")


def activate_with_keyboard(
    page: Page, predicate_js: str, key: str = "Enter", *, navigates: bool = True
) -> None:
    """Tab to an element and press a key on it; wait for the page it leads to."""
    press_tab_until(page, predicate_js)
    if navigates:
        with page.expect_navigation():
            page.keyboard.press(key)
    else:
        page.keyboard.press(key)


def answer_with_keyboard(page: Page, option_ids: tuple[str, ...], several: bool) -> None:
    """Choose answers with Tab and Space/Enter; several-choice questions end with the Ready button.

    On a several-choice screen every answer is a tick box, "I don't know" and "I'd rather not say" too: only
    Ready sends the choice, so none of them can send the screen by accident.
    """
    if several:
        for option_id in option_ids:
            press_tab_until(page, f"el.type === 'checkbox' && el.value === '{option_id}'")
            if not page.evaluate("document.activeElement.checked"):
                page.keyboard.press("Space")
        activate_with_keyboard(page, "el.classList.contains('answer-ready')")
    else:
        activate_with_keyboard(page, f"el.tagName === 'BUTTON' && el.value === '{option_ids[0]}'")
