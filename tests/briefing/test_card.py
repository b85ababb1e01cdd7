"""The card the client carries (card.py): chosen from the built sheet's shared needs only, short client words."""

from __future__ import annotations

from dataclasses import replace

import pytest

from easyreport.briefing.card import CARD_NEEDS, HELP_NEEDS, MAX_NEEDS, card_for
from easyreport.briefing.consent import Decision
from easyreport.briefing.needs import get_need
from easyreport.briefing.service import BuiltSheet
from easyreport.briefing.sheet import SheetSection
from easyreport.content.pictograms import pictogram
from easyreport.translatable import translate
from tests.briefing.generated import build, generate

pytestmark = pytest.mark.usefixtures("compiled_catalogues")


def _built(seed: int) -> BuiltSheet:
    while True:
        built = build(generate(seed))
        if isinstance(built, BuiltSheet):
            return built
        seed += 1000


def _with_needs(built: BuiltSheet, section: str, needs: tuple[str, ...], decision: Decision) -> BuiltSheet:
    sections = tuple(
        SheetSection(s.id, decision, needs, ()) if s.id == section else s for s in built.sheet.sections
    )
    return replace(built, sheet=replace(built.sheet, sections=sections))


def test_every_card_line_has_a_known_need_a_pictogram_and_words_in_every_client_language():
    for need_id, line in CARD_NEEDS:
        assert get_need(need_id)
        assert pictogram(line.pictogram)
        for locale in ("nl", "ar", "uk", "pl", "ro", "bg"):
            assert translate(line.text, locale) != line.text or locale == "en", (need_id, locale)
    assert {get_need(n).section for n in HELP_NEEDS} == {"stress"}


def test_the_front_shows_at_most_five_needs_in_order_each_once():
    built = _built(1)
    every = tuple(need_id for need_id, _line in CARD_NEEDS)
    card = card_for(_with_needs(built, "communication", every, Decision.YES).sheet)
    assert len(card.needs) == MAX_NEEDS
    assert len({line.text for line in card.needs}) == MAX_NEEDS
    assert card.needs[0].text == CARD_NEEDS[0][1].text


def test_what_helps_comes_from_the_shared_stress_section_only():
    built = _built(2)
    shared = card_for(_with_needs(built, "stress", ("helps_water", "helps_music"), Decision.YES).sheet)
    assert [line.text for line in shared.helps] == ["A glass of water", "Music"]
    # The builder empties a withheld section; even a section marked "no" that kept needs shows nothing.
    withheld = card_for(_with_needs(built, "stress", ("helps_water",), Decision.NO).sheet)
    assert withheld.helps == ()


def test_name_and_contact_come_from_the_sheet_as_built():
    built = _built(3)
    sheet = built.sheet
    sheet = replace(
        sheet,
        meta=replace(sheet.meta, contact_name=" J. Jansen ", contact_phone="+31 6 1234 5678"),
        name_and_language=replace(sheet.name_and_language, preferred_name=""),
    )
    card = card_for(sheet)
    assert (card.contact_name, card.contact_phone, card.preferred_name) == (
        "J. Jansen",
        "+31 6 1234 5678",
        "",
    )
    named = card_for(replace(sheet, name_and_language=replace(sheet.name_and_language, preferred_name="Sam")))
    assert named.preferred_name == "Sam"


def test_nothing_from_goal_or_safety_can_reach_the_card():
    goal_or_safety = {
        need_id for need_id, _line in CARD_NEEDS if get_need(need_id).section in ("goal", "safety")
    }
    assert goal_or_safety == set()
