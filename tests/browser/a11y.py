"""Checks run on every page a browser test visits: axe (WCAG 2.x A/AA), reflow at 320 px, headings, title."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.base import AXE_SCRIPT, AxeResults
from playwright.sync_api import Page

from easyreport import accessibility
from easyreport.client_languages import client_codes

# The same figures the accessibility statement shows (easyreport/accessibility.py).
WCAG_TAGS = list(accessibility.WCAG_TAGS)
ENHANCED_CONTRAST = "color-contrast-enhanced"
_seen_titles: dict[str, str] = {}


def check_page(page: Page, *, reflow: bool = True, client: bool = False) -> None:
    """Fail on any axe violation, a page that scrolls sideways at 320 px, or a missing/duplicate h1.

    client=True adds the client-screen rules: 7:1 contrast (axe's enhanced contrast rule), body text of at
    least 20 px and answer buttons at least 64 px high.
    """
    page.wait_for_load_state("load")  # styles applied: a scan of an unstyled page measures the wrong thing
    results = run_axe(page, enhanced_contrast=client)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
    if client:
        assert_client_rules(page)
    # One round trip for the small facts (each browser call costs more than the check it makes).
    h1s, title, lang = page.evaluate(
        "[document.querySelectorAll('h1').length, document.title, document.documentElement.lang]"
    )
    assert h1s == 1, f"{page.url} must have exactly one h1"
    assert title.strip(), f"{page.url} has no title"
    assert lang in client_codes(), (
        f"{page.url} has lang={lang!r}"
    )  # staff pages nl/en; client ones any offered
    if reflow:
        assert_reflows(page, 320, 640)  # 400 % and 200 % zoom of a 1280 px window


def run_axe(page: Page, *, enhanced_contrast: bool = False) -> AxeResults:
    """Run axe's WCAG A/AA rules (and the 7:1 contrast rule if asked) in one pass; report violations only.

    One pass instead of two, axe loaded once per document, and no list of passing nodes sent back: the
    wrapper's own run() did all three, which was 40 % of a long journey's time.
    """
    options: dict[str, Any] = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    if enhanced_contrast:  # a rule outside the tags, switched on by name (axe-core's documented way)
        options["rules"] = {ENHANCED_CONTRAST: {"enabled": True}}
    run = "options => typeof window.axe === 'object' ? axe.run(document, options) : null"
    response = page.evaluate(run, options)
    if response is None:  # a new document: load axe, then run
        page.evaluate(AXE_SCRIPT)
        response = page.evaluate(run, options)
    return AxeResults(response)


def assert_client_rules(page: Page) -> None:
    """Client screens (axe's 7:1 contrast rule runs in check_page): text 20 px or more, big answer buttons."""
    body_px, heights, small = page.evaluate(
        """min => [
          parseFloat(getComputedStyle(document.body).fontSize),
          [...document.querySelectorAll('.answer-button')].map(e => e.getBoundingClientRect().height),
          [...document.querySelectorAll(
            'a[href], button, summary, select, textarea, input:not([type=hidden]):not(.answer-check), [tabindex="0"]')]
          .filter(e => e.offsetParent !== null && !e.closest('.visually-hidden, .skip-link'))
          .map(e => [e, e.getBoundingClientRect()])
          .filter(([e, r]) => r.width < min - 0.5 || r.height < min - 0.5)
          .map(([e, r]) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(r.width)}x${Math.round(r.height)}`)
        ]""",
        accessibility.TARGET_PX,
    )
    assert body_px >= accessibility.BODY_TEXT_PX, f"{page.url}: body text {body_px}px"
    assert all(h >= accessibility.ANSWER_PX for h in heights), f"{page.url}: answer buttons {heights}"
    # Every visible control the client can press is at least 44 x 44 px (a tick box's target is its answer).
    assert not small, f"{page.url}: targets under {accessibility.TARGET_PX}px: {small}"


def assert_reflows(page: Page, *widths: int) -> None:
    """At each width (320 CSS px is WCAG 1.4.10) nothing may need horizontal scrolling."""
    original = page.viewport_size
    try:
        for width in widths:
            page.set_viewport_size({"width": width, "height": 640})
            overflow, culprits = page.evaluate(
                """width => {
                  const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
                  const culprits = overflow <= 0 ? [] : [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > width + 1)
                    .map(e => e.tagName.toLowerCase() + '.' + e.className + '#' + e.id).slice(0, 6);
                  return [overflow, culprits];
                }""",
                width,
            )
            assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {width}px: {culprits}"
    finally:
        if original:
            page.set_viewport_size(original)
