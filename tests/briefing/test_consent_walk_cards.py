"""The consent cards as data: what each card shows, and that its fingerprint follows exactly what it shows."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from easyreport.briefing.consent_walk import GoalExtras, build_card, build_cards, may_decide, neighbours
from easyreport.briefing.needs import SECTIONS
from easyreport.content.observations import observations_for
from easyreport.content.questionnaire import QUESTIONNAIRE
from tests.briefing.factory import TYPICAL


@st.composite
def preparations(draw):
    """Generated answers (one valid answer per question, some left out) and ticked observations."""
    answers = {}
    for question in QUESTIONNAIRE:
        if draw(st.booleans()):
            answers[question.id] = (draw(st.sampled_from([o.id for o in question.options])),)
    observations = {
        module: draw(
            st.lists(st.sampled_from([o.id for o in observations_for(module)]), unique=True, max_size=4)
        )
        for module in SECTIONS
        if observations_for(module)
    }
    extras = GoalExtras(
        teams=tuple(
            draw(
                st.lists(st.sampled_from(["avim", "zeden", "basisteam", "labour_inspectorate"]), unique=True)
            )
        ),
        urgency=draw(st.booleans()),
        known=draw(st.booleans()),
        possible_suspect=draw(st.booleans()),
    )
    return answers, observations, extras


@settings(max_examples=150, deadline=None)
@given(preparations(), st.sampled_from(SECTIONS), st.data())
def test_a_card_changes_when_its_own_part_changes_and_only_then(prep, section, data):
    answers, observations, extras = prep
    before = {card.id: card.fingerprint for card in build_cards(answers, observations, extras)}
    question = data.draw(st.sampled_from(QUESTIONNAIRE.questions_in(section)))
    options = [o.id for o in question.options if o.id != "rather_not_say"]
    old = answers.get(question.id)
    new = data.draw(st.sampled_from([o for o in options if (o,) != old]))
    changed = {**answers, question.id: (new,)}
    after = {card.id: card.fingerprint for card in build_cards(changed, observations, extras)}
    assert after[section] != before[section]
    assert {s: f for s, f in after.items() if s != section} == {
        s: f for s, f in before.items() if s != section
    }


@settings(max_examples=100, deadline=None)
@given(preparations())
def test_every_ticked_observation_and_team_is_on_exactly_one_card(prep):
    answers, observations, extras = prep
    cards = build_cards(answers, observations, extras)
    for card in cards:
        observed = [line.text for b in card.blocks if b.id == "observed" for line in b.lines]
        expected = [o.client_text for o in observations_for(card.id) if o.id in observations.get(card.id, ())]
        assert observed == expected
        route = [b for b in card.blocks if b.id == "route"]
        assert bool(route) == (card.id == "goal" and bool(extras.teams))


def test_a_decision_counts_only_for_the_card_as_seen():
    card = build_card("stress", TYPICAL, {}, GoalExtras())
    assert may_decide({}, card, card.fingerprint) == "not_seen"
    assert may_decide({"stress": card.fingerprint}, card, card.fingerprint) is None
    assert may_decide({"stress": card.fingerprint}, card, "0" * 32) == "changed"
    assert may_decide({"stress": "0" * 32}, card, card.fingerprint) == "changed"


def test_the_first_and_last_card_have_one_neighbour():
    cards = build_cards(TYPICAL, {}, GoalExtras())
    assert neighbours(cards, SECTIONS[0]) == (None, SECTIONS[1])
    assert neighbours(cards, SECTIONS[-1]) == (SECTIONS[-2], None)


def test_rather_not_say_never_shows_and_the_short_list_holds_three():
    card = build_card("communication", {**TYPICAL, "reading": ["rather_not_say"]}, {}, GoalExtras())
    assert "reading" not in [said.question.id for said in card.said]
    assert len(card.said_short) == 3 and card.said_short + card.said_more == card.said
