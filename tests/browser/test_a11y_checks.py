"""The page check's single axe pass still holds client screens to 7:1 and staff screens to 4.5:1."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.a11y import ENHANCED_CONTRAST, run_axe

pytestmark = pytest.mark.browser

PAGE = (
    "<!doctype html><html lang='en'><head><title>Contrast</title></head>"
    "<body><main><h1>Contrast</h1><p style='color:{color};background:#fff'>Some text.</p></main></body></html>"
)


def _violations(page: Page, color: str, *, enhanced: bool) -> set[str]:
    page.set_content(PAGE.format(color=color))
    return {violation["id"] for violation in run_axe(page, enhanced_contrast=enhanced).response["violations"]}


@pytest.mark.parametrize(
    ("color", "staff", "client"),
    [
        ("#333", set(), set()),  # 12.6:1 passes both
        ("#767676", set(), {ENHANCED_CONTRAST}),  # 4.5:1: enough for staff, not for a client
        ("#999", {"color-contrast"}, {"color-contrast"}),  # 2.8:1 fails both
    ],
)
def test_one_pass_checks_the_contrast_each_screen_needs(page: Page, color, staff, client):
    assert _violations(page, color, enhanced=False) == staff
    page.reload()  # a new document: axe is loaded again, as on every page a journey visits
    assert _violations(page, color, enhanced=True) == client
