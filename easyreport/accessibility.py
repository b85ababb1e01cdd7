"""What the accessibility checks cover, in one place: the browser tests use it and the statement page shows it.

The accessibility statement (/accessibility) states its figures from these constants, so the page cannot claim
more than the test suite checks; tests/browser/a11y.py and tests/browser/test_client_screens.py read the same
values. No Flask here.
"""

from __future__ import annotations

from itertools import product

from easyreport.preparation.display import CONTRASTS, SPACINGS, TEXT_SIZES, DisplaySettings

STANDARD = "WCAG 2.2"
LEVEL = "AA"
# axe-core rule tags run on every page a browser test visits.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa")
# Client screens: contrast of at least 7:1 (WCAG AAA 1.4.6), targets of 44 px, answers of 64 px, text of 20 px.
CLIENT_CONTRAST = 7
TARGET_PX = 44
ANSWER_PX = 64
BODY_TEXT_PX = 20
# Window sizes: a tablet on its side, and a small phone (also WCAG 1.4.10 reflow at 320 CSS px).
CLIENT_VIEWPORTS = ((1024, 768), (320, 640))
REFLOW_WIDTHS = (320, 640)
# The kinds of client screen the browser tests open in every display setting, with screenshots.
CLIENT_SCREEN_TYPES = ("welcome", "question", "several", "explanation", "display", "break", "stop", "locked")
LANGUAGES = ("nl", "en")


def display_combinations() -> tuple[DisplaySettings, ...]:
    """Every combination of text size, line spacing and contrast a client can choose."""
    return tuple(DisplaySettings(*values) for values in product(TEXT_SIZES, SPACINGS, CONTRASTS))


def client_checks() -> int:
    """How many client screens the browser tests check: every type, setting and language."""
    return len(CLIENT_SCREEN_TYPES) * len(display_combinations()) * len(LANGUAGES)
