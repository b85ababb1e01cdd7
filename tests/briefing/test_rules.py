"""Recommendation rules: each fires on its condition and not without it; texts are imperative and short."""

from __future__ import annotations

import re
from functools import cache

import pytest
from babel.messages.pofile import read_po

from easyreport.briefing import rules
from easyreport.briefing.needs import NEEDS, SECTIONS
from easyreport.briefing.rule_model import ALWAYS, Condition, Kind, Rule, all_of, any_of
from easyreport.briefing.rules import ALL_RULES, RULES
from easyreport.briefing.rules_data import SUSPECT_PINNED, SUSPECT_RULES
from easyreport.paths import TRANSLATIONS_DIR

EVERY_NEED = frozenset(NEEDS)


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verb forms that may open a sentence of a rule text; a new opener is a deliberate addition here.
ENGLISH_OPENERS = word_set(
    """Accept Add Agree Allow Announce Apply Arrange Ask Check Discuss Don't Explain Follow Give Have
    Introduce Keep Leave Let Make Offer Pass Pause Plan Read Record Say Send Share Speak Start Stay Take Talk
    Tell Treat Use Wait Watch Wear"""
)
DUTCH_OPENERS = word_set(
    """Accepteer Begin Bel Beoordeel Bespreek Bied Blijf Bouw Controleer Deel Draag Dring Gebruik Geef
    Houd Kondig Laat Lees Leg Let Neem Noem Pas Pauzeer Plan Praat Raak Regel Spreek Sta Stel Stuur
    Verhef Vertel Vertrouw Voeg Vraag Vul Wacht Zeg Zet Zie Zorg"""
)

SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z‘])")


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.strip()) if s]


def opener(sentence: str) -> str:
    return sentence.split()[0].rstrip(",:;")


def words(sentence: str) -> int:
    return len(sentence.split())


def satisfying_sets(condition: Condition) -> list[frozenset[str]]:
    """The smallest need sets that meet the condition: all of all_of plus one of any_of."""
    if condition.always:
        return [frozenset()]
    if not condition.any_of:
        return [condition.all_of]
    return [condition.all_of | {need} for need in sorted(condition.any_of)]


def failing_sets(condition: Condition) -> list[frozenset[str]]:
    """The largest need sets that miss the condition: drop one all_of need, or every any_of need."""
    out = [frozenset()]
    for need in sorted(condition.all_of):
        out.append(EVERY_NEED - {need})
    if condition.any_of:
        out.append(EVERY_NEED - condition.any_of)
    return out


def fired(needs: frozenset[str]) -> set[str]:
    return {rec.id for rec in rules.evaluate(needs)}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_fires_on_its_condition_and_not_without_it(rule: Rule):
    for needs in satisfying_sets(rule.when):
        assert rule.id in fired(needs), sorted(needs)
    if rule.when.always:
        assert rule.id in fired(EVERY_NEED)
        return
    for needs in failing_sets(rule.when):
        assert rule.id not in fired(needs), sorted(EVERY_NEED - needs)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.id)
def test_rule_text_is_imperative_and_short(rule: Rule):
    assert not re.search(r"%\(|\{", rule.text), "rule texts take no client text"
    for sentence in sentences(rule.text):
        assert opener(sentence) in ENGLISH_OPENERS, sentence
        assert words(sentence) <= 25, sentence
    if rule.kind is Kind.DONT:
        assert rule.text.startswith("Don't"), rule.text
    else:
        assert not rule.text.startswith("Don't"), "a 'Don't' text is a don't rule"


@pytest.mark.parametrize("rule", SUSPECT_RULES, ids=lambda r: r.id)
def test_suspect_rule_fires_with_the_block_on_its_condition_and_never_without_the_block(rule: Rule):
    for needs in satisfying_sets(rule.when):
        assert rule.id in suspect_fired(needs, suspect_block=True), sorted(needs)
        assert rule.id not in suspect_fired(needs, suspect_block=False), sorted(needs)
    if not rule.when.always:
        for needs in failing_sets(rule.when):
            assert rule.id not in suspect_fired(needs, suspect_block=True), sorted(EVERY_NEED - needs)


def test_every_need_named_by_a_rule_is_in_the_vocabulary():
    named = {need for rule in ALL_RULES for need in rule.when.need_ids}
    assert named <= EVERY_NEED, sorted(named - EVERY_NEED)


def test_every_need_leads_to_advice():
    named = {need for rule in RULES for need in rule.when.need_ids}
    assert EVERY_NEED - named == set()


def test_rule_data_is_well_formed():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)), "rule ids are unique"
    assert len(RULES) >= 30
    for rule in RULES:
        # R: the domain table and extras, S: the suspect block, N: the needs of content version 2 (issue 12),
        # P: Dutch police practice.
        assert re.fullmatch(r"[RSNP]\d{2}_[a-z0-9_]+", rule.id), rule.id
        assert rule.section in SECTIONS, rule.id
        assert 1 <= rule.priority <= 5, rule.id
        assert (rule.priority == 5) == rule.when.always, "priority 5 is for the general 'always' rules"
        assert rule.source.strip(), rule.id
        if rule.pair is not None:
            assert rule.id.startswith(f"R{rule.pair:02d}_"), rule.id


def test_all_36_pairs_of_the_domain_table_are_covered():
    assert {rule.pair for rule in RULES if rule.pair is not None} == set(range(1, 37))


def test_the_always_rules_are_the_general_practice_ones():
    always = {rule.id for rule in RULES if rule.when.always}
    assert always == {
        "R04_ground_rules",
        "R05_teach_back",
        "R05_dont_ask_if_understood",
        "R28_introduce_everyone",
        "R29_minimise_interviews",
        "R29_dont_make_retell",
        "R35_offer_victim_support",
    }
    assert fired(frozenset()) == always


def test_dont_ask_do_you_understand_is_a_dont():
    assert rules.get_rule("R05_dont_ask_if_understood").kind is Kind.DONT
    assert rules.get_rule("R05_teach_back").kind is Kind.DO


def suspect_fired(needs: frozenset[str], suspect_block: bool) -> set[str]:
    return {r.id for r in rules.evaluate_sheet(needs, suspect_block=suspect_block)}


def test_the_suspect_block_brings_the_safeguards_and_only_it_does():
    ids = suspect_fired(frozenset(), suspect_block=True)
    assert {
        "S01_lawyer_present",
        "S02_non_punishment",
        "S03_say_which_role",
        "S04_caution_in_easy_words",
    } <= ids
    assert "S05_dont_accept_yes_as_waiver" not in ids
    assert "S05_dont_accept_yes_as_waiver" in suspect_fired(frozenset({"acquiescence"}), suspect_block=True)
    # No need, not even all of them together, brings a suspect rule: only the consented block does.
    assert not any(i.startswith("S0") for i in suspect_fired(EVERY_NEED, suspect_block=False))
    assert not any(i.startswith("S0") for i in fired(EVERY_NEED))


def test_possible_suspect_is_no_need_and_no_rule_names_it():
    assert "possible_suspect" not in NEEDS
    assert all("possible_suspect" not in rule.when.need_ids for rule in ALL_RULES)


def test_the_non_punishment_rule_asks_to_pass_it_on_to_the_prosecutor():
    text = rules.get_rule("S02_non_punishment").text
    assert text.startswith("Pass on to the public prosecutor")
    assert "prosecutor weighs" in text
    assert "Apply" not in text


def test_the_pinned_rules_are_the_role_and_the_caution_and_the_lawyer_is_arranged_beforehand():
    assert SUSPECT_PINNED == ("S03_say_which_role", "S04_caution_in_easy_words")
    assert "(victim, witness or suspect)" in rules.get_rule("S03_say_which_role").text
    assert set(SUSPECT_PINNED) <= {rule.id for rule in SUSPECT_RULES}
    # The lawyer is in "arrange before the interview" on page one, so never crowded out by the top three.
    lawyer = rules.get_rule("S01_lawyer_present")
    assert "before and during the interview" in lawyer.text
    assert lawyer.arrange == "lawyer"


def test_evaluate_sorts_by_priority_then_id_and_names_the_triggering_needs():
    recs = rules.evaluate({"acquiescence", "stress_says_yes", "short_sentences", "unknown_ignored"})
    keys = [(r.rule.priority, r.id) for r in recs]
    assert keys == sorted(keys)
    by_id = {r.id: r for r in recs}
    assert by_id["R06_open_prompts"].because == {"acquiescence", "stress_says_yes"}
    assert by_id["R01_short_sentences"].because == {"short_sentences"}
    assert by_id["R04_ground_rules"].because == frozenset()


def test_condition_combines_any_of_and_all_of():
    both = Condition(any_of=frozenset({"a", "b"}), all_of=frozenset({"c"}))
    assert both.holds({"a", "c"})
    assert not both.holds({"a", "b"})
    assert not both.holds({"c"})
    assert all_of("a", "b").holds({"a", "b", "x"})
    assert not all_of("a", "b").holds({"a"})
    assert any_of("a", "b").holds({"b"})
    assert ALWAYS.holds(set())
    with pytest.raises(ValueError):
        Condition()
    with pytest.raises(ValueError):
        Condition(any_of=frozenset({"a"}), always=True)


def test_top_three_prefers_one_rule_per_need():
    recs = rules.evaluate({"acquiescence", "freezes", "interpreter", "short_sentences"})
    top = rules.propose_top_three(recs)
    # The interpreter is arranged beforehand (page one), not questioning advice.
    assert [r.id for r in top] == [
        "R06_open_prompts",
        "R23_pause_when_frozen",
        "R01_short_sentences",
    ]


def test_top_three_fills_up_with_general_rules_when_few_needs():
    top = rules.propose_top_three(rules.evaluate(set()))
    assert len(top) == 3
    assert all(r.rule.when.always for r in top)
    top = rules.propose_top_three(rules.evaluate({"interpreter", "short_sentences"}))
    assert [r.id for r in top][:2] == ["R01_short_sentences", "R04_ground_rules"]
    assert len(top) == 3
    assert not any(r.rule.arrange for r in top)


def test_choose_top_accepts_fired_rules_in_the_given_order():
    recs = rules.evaluate({"interpreter", "reads_poorly"})
    chosen = rules.choose_top(recs, ["R14_read_aloud", "R05_teach_back"])
    assert [r.id for r in chosen] == ["R14_read_aloud", "R05_teach_back"]


@pytest.mark.parametrize(
    ("chosen", "error"),
    [
        ([], rules.InvalidTopChoice),
        (["R14_read_aloud"] * 2, rules.InvalidTopChoice),
        (
            ["R14_read_aloud", "R05_teach_back", "R04_ground_rules", "R29_minimise_interviews"],
            rules.InvalidTopChoice,
        ),
        (["R99_made_up"], rules.UnknownRule),
        (["R01_short_sentences"], rules.RuleNotApplicable),
    ],
)
def test_choose_top_refuses_bad_choices(chosen, error):
    recs = rules.evaluate({"reads_poorly"})
    with pytest.raises(error):
        rules.choose_top(recs, chosen)


def test_get_rule_refuses_an_unknown_id():
    with pytest.raises(rules.UnknownRule):
        rules.get_rule("R00_nothing")


def test_rules_table_lists_every_rule_for_review():
    table = rules.rules_table("en")
    lines = table.strip().splitlines()
    assert lines[0].startswith("| id | when | kind | priority")
    assert len(lines) == len(ALL_RULES) + 2
    for rule in RULES:
        assert f"| {rule.id} | {rule.when.describe()} |" in table
    # A reviewer sees that the suspect rules hang on the suspect block, not on "always".
    assert "| S01_lawyer_present | suspect block + always |" in table
    assert "| S05_dont_accept_yes_as_waiver | suspect block + any of: acquiescence |" in table
    assert "| R04_ground_rules | always | Do | 5 |" in table


def test_rules_table_in_dutch(compiled_catalogues):
    table = rules.rules_table("nl")
    assert "| R02_one_question_per_sentence | any of: one_question_at_a_time | Doen |" in table
    assert "Stel één vraag per zin." in table


@cache
def dutch_catalogue() -> dict[str, str]:
    with (TRANSLATIONS_DIR / "nl" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f, locale="nl")
    return {m.id: m.string for m in catalog if m.id and not m.fuzzy}


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.id)
def test_dutch_rule_text_is_imperative_and_short(rule: Rule):
    dutch = dutch_catalogue().get(rule.text)
    assert dutch, "every rule has a Dutch text"
    for sentence in sentences(dutch):
        assert opener(sentence) in DUTCH_OPENERS, sentence
        assert words(sentence) <= 25, sentence
