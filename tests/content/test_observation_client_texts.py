"""Every observation the counsellor can tick has an easy-read line and a pictogram the client sees before deciding."""

from __future__ import annotations

import pytest

from easyreport.briefing.consent_walk import GoalExtras, build_cards, route_block
from easyreport.briefing.needs import SECTIONS
from easyreport.briefing.routing import Unit
from easyreport.content import consent_cards
from easyreport.content import plain_language as pl
from easyreport.content.observations import OBSERVATIONS, Observation, observations_for, ticked_in
from easyreport.content.pictograms import has_pictogram, pictogram
from easyreport.content.texts import all_client_texts
from easyreport.speech.texts import catalogue_messages
from easyreport.translatable import translate


@pytest.mark.parametrize("observation", OBSERVATIONS, ids=lambda o: f"{o.module_id}.{o.id}")
def test_every_observation_has_an_easy_read_text_and_a_known_pictogram(observation):
    assert has_pictogram(observation.pictogram)
    assert pictogram(observation.pictogram).alt
    assert observation.client_text != observation.text  # the client's words, not the counsellor's
    assert (
        observation.client_text in all_client_texts()
    )  # checked, and its audio made, like every client text


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_the_observation_texts_pass_the_plain_language_check(locale):
    violations = [
        violation
        for observation in OBSERVATIONS
        for violation in pl.check_unit(observation.id, (translate(observation.client_text, locale),), locale)
    ]
    assert not violations, "\n".join(map(str, violations))


def test_every_observation_text_is_translated_into_dutch():
    translated = {o.client_text: translate(o.client_text, "nl") for o in OBSERVATIONS}
    assert all(nl and nl != en for en, nl in translated.items()), [
        en for en, nl in translated.items() if nl == en
    ]


def test_a_library_observation_without_a_client_text_or_pictogram_is_refused():
    with pytest.raises(ValueError):
        Observation("x", "communication", "Staff text", ("short_sentences",), "speaker", "  ")
    with pytest.raises(ValueError):
        Observation("x", "communication", "Staff text", ("short_sentences",), "No Such Picture", "Text.")


def test_ticked_keeps_library_order_and_drops_unknown_ids():
    library = [o.id for o in observations_for("communication")]
    chosen = [library[3], "gone_from_the_library", library[0]]
    assert [o.id for o in ticked_in("communication", chosen)] == [library[0], library[3]]
    assert ticked_in("communication", []) == ()


@pytest.mark.parametrize("unit", [u for u in Unit if u is not Unit.EMERGENCY_112])
def test_every_team_the_route_can_suggest_has_easy_words(unit):
    assert unit.value in consent_cards.ROUTE_TEAMS
    block = route_block([unit.value])
    assert block is not None and len(block.lines) == 2
    for locale in ("nl", "en"):
        texts = tuple(translate(line.text, locale) for line in block.lines)
        assert not pl.check_unit(unit.value, texts, locale)


def test_no_route_block_for_112_or_nothing():
    assert route_block([]) is None
    assert route_block([Unit.EMERGENCY_112.value]) is None


def test_each_card_shows_exactly_its_own_parts_observations():
    ticked = {module: [o.id for o in observations_for(module)] for module in SECTIONS}
    cards = build_cards({}, ticked, GoalExtras())
    for card in cards:
        shown = [line.text for block in card.blocks if block.id == "observed" for line in block.lines]
        assert shown == [o.client_text for o in observations_for(card.id)], card.id


def test_the_texts_are_in_the_catalogue_for_speech():
    messages = set(catalogue_messages())
    assert all(o.client_text in messages for o in OBSERVATIONS)
