"""A withheld section leaves no trace on the client's card (issue 16), in the style of test_consent_differential.

For generated preparations and every section the client withheld, the card of the case equals the card of the
same case with that section's data removed: the card data, and its HTML in Dutch and in the client's language.
"""

from __future__ import annotations

from collections import Counter

import pytest

from easyreport.briefing.card import card_for
from easyreport.briefing.card_render import Layout, render_card_html, render_card_pdf
from easyreport.briefing.service import BuiltSheet
from tests.briefing.generated import build, generate, pdf_text, without

pytestmark = pytest.mark.usefixtures("compiled_catalogues")

MIN_CASES = 300
PDF_CASES = 8  # typesetting is slow: a small sample of the PDF's text


def test_a_withheld_section_leaves_no_trace_on_the_card(app_without_database):
    checked: Counter[str] = Counter()
    differs = 0
    seed = 0
    with app_without_database.test_request_context():
        while sum(checked.values()) < MIN_CASES:
            seed += 1
            case = generate(seed)
            built = build(case)
            if not isinstance(built, BuiltSheet):
                continue
            card, html = card_for(built.sheet), render_card_html(built, Layout.CARD)
            for section in case.withheld:
                reference = build(without(case, section))
                assert isinstance(reference, BuiltSheet), (seed, section)
                assert card_for(reference.sheet) == card, (seed, section)
                assert render_card_html(reference, Layout.CARD) == html, (seed, section)
                if sum(checked.values()) < PDF_CASES:
                    assert pdf_text(render_card_pdf(reference)) == pdf_text(render_card_pdf(built)), (
                        seed,
                        section,
                    )
                checked[section] += 1
            differs += bool(card.needs or card.helps)
    assert differs > 0, "not vacuous: cards do show needs"
    assert len(checked) >= 5, checked
