"""The accessibility statement: the four parts of a toegankelijkheidsverklaring, figures from the code, linked."""

from __future__ import annotations

import re

import pytest

from easyreport import accessibility
from easyreport.roles import Role

PARTS = {
    "nl": (
        "Toegankelijkheidsverklaring",
        "Status",
        "Wat is getest en hoe",
        "Bekende tekortkomingen",
        "Contact",
    ),
    "en": ("Accessibility statement", "Status", "What was tested and how", "Known gaps", "Contact"),
}


def _in(client, locale: str) -> None:
    with client.session_transaction() as session:
        session["locale"] = locale


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_the_statement_has_every_part_and_the_suites_figures(client, locale):
    _in(client, locale)
    page = client.get("/accessibility")
    assert page.status_code == 200
    headings = re.findall(r"<h[12][^>]*>([^<]+)</h[12]>", page.text)
    assert list(PARTS[locale]) == headings
    text = re.sub(r"\s+", " ", page.text)
    combinations = accessibility.display_combinations()
    assert len(combinations) == 12 and len(set(combinations)) == 12
    total = len(accessibility.CLIENT_SCREEN_TYPES) * 12 * len(accessibility.LANGUAGES)
    assert accessibility.client_checks() == total
    for figure in (f"{accessibility.CLIENT_CONTRAST}:1", f" {total} ", "1024×768 / 320×640", "320 / 640"):
        assert figure in text, figure
    assert f"{accessibility.STANDARD} " in text and f" {accessibility.LEVEL}" in text


def test_every_staff_page_footer_and_the_about_page_link_to_it(client, logged_in):
    assert 'href="/accessibility"' in client.get("/login").text
    assert 'href="/accessibility"' in client.get("/about").text.split("<footer", 1)[0]
    logged_in(Role.COUNSELLOR)
    home = client.get("/counsellor/", follow_redirects=True)
    assert 'href="/accessibility"' in home.text.split("<footer", 1)[1]


def test_the_browser_checks_use_the_same_figures():
    from tests.browser import a11y

    assert tuple(a11y.WCAG_TAGS) == accessibility.WCAG_TAGS
