"""Dutch police practice among the rules: each rule is in the rule set, sourced, and names the Dutch practice."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from easyreport.briefing import rules
from easyreport.briefing.rules_data import RULES
from easyreport.briefing.rules_data_practice import PRACTICE_RULES
from easyreport.paths import TRANSLATIONS_DIR

# The Dutch name the officer knows each practice by (domain.md §8).
DUTCH_TERM = {
    "P01_trained_interviewer": "verhoorder met de specialisatie kwetsbare getuigen",
    "P02_studio_interview": "verhoorstudio",
    "P03_behavioural_expert": "gedragskundig adviseur",
    "P04_victims_lawyer": "slachtofferadvocaat",
    "P05_victim_support_during_the_case": "Slachtofferhulp Nederland",
}


def dutch(msgid: str) -> str:
    with (TRANSLATIONS_DIR / "nl" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f, locale="nl")
    message = catalog.get(msgid)
    assert message is not None and not message.fuzzy
    return str(message.string)


def test_every_practice_rule_is_in_the_rule_set_once():
    ids = [rule.id for rule in RULES]
    assert set(DUTCH_TERM) == {rule.id for rule in PRACTICE_RULES}
    for rule in PRACTICE_RULES:
        assert ids.count(rule.id) == 1
        assert rules.get_rule(rule.id) is rule


@pytest.mark.parametrize("rule", PRACTICE_RULES, ids=lambda r: r.id)
def test_a_practice_rule_has_a_source_and_names_the_dutch_practice(rule):
    assert rule.source.strip() and rule.pair is None
    assert DUTCH_TERM[rule.id] in dutch(rule.text)
    # Names the house could not check against the source text carry [M] (domain.md §8: verify names).
    assert "[M]" in rule.source


def test_the_practice_rules_fire_for_a_person_whose_answers_are_easily_shaped():
    fired = {rec.id for rec in rules.evaluate({"suggestible", "goal_aangifte"})}
    assert set(DUTCH_TERM) <= fired


def test_no_practice_rule_fires_without_a_need():
    fired = {rec.id for rec in rules.evaluate(set())}
    assert not fired & set(DUTCH_TERM)
