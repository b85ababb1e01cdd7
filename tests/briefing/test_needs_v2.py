"""The needs of content version 2 (issue 12): questions, observations, rules, and older preparations."""

from __future__ import annotations

import random

import pytest

from easyreport.briefing import facts, rules
from easyreport.briefing.fact_texts import NOT_KNOWN
from easyreport.briefing.fact_texts_needs import NOT_ASKED, SOMETHING_ELSE
from easyreport.briefing.needs import NEEDS
from easyreport.briefing.rules_data import RULES
from easyreport.briefing.rules_data_needs import NEEDS_RULES, NEW_NEEDS
from easyreport.content.model import DONT_KNOW, RATHER_NOT_SAY
from easyreport.content.observations import OBSERVATIONS
from easyreport.content.questionnaire import ADDED_IN_VERSION_2, QUESTIONNAIRE
from easyreport.preparation import flow
from tests.briefing.factory import TYPICAL

# The seven questions that asked "Do you want ...?" with yes and no, now picture choices.
REBALANCED = (
    "know_each_step",
    "see_room_first",
    "officer_photo_first",
    "same_officer",
    "door_open",
    "camera",
    "someone_to_translate",
)
# Rule ids of version 1 whose meaning did not change: they keep their ids (issue 12, must-have 3).
KEPT = (
    "R20_explain_repeated_question",
    "R24_explain_each_step",
    "R27_room_visit",
    "R28_send_photo",
    "R28_same_officer",
    "R33_professional_interpreter",
)


def before_version_2() -> dict[str, tuple[str, ...]]:
    """A whole preparation as it was answered before version 2: the typical client without the new questions."""
    return {qid: tuple(opts) for qid, opts in TYPICAL.items() if qid not in ADDED_IN_VERSION_2}


def test_every_added_question_exists_and_no_version_1_question_is_listed_as_added():
    ids = {q.id for q in QUESTIONNAIRE}
    assert ids >= ADDED_IN_VERSION_2
    assert not ADDED_IN_VERSION_2 & set(before_version_2())


@pytest.mark.parametrize("question_id", REBALANCED)
def test_a_rebalanced_question_offers_a_choice_without_a_need_and_does_not_ask_do_you_want(question_id):
    question = QUESTIONNAIRE.find(question_id)
    assert question is not None
    assert not question.text.startswith("Do you want")
    assert any(not option.needs for option in question.content_options), "a choice for 'no need'"
    assert [o.id for o in question.options[-2:]] == [DONT_KNOW.id, RATHER_NOT_SAY.id]
    # Older answers stay valid: the "yes" and "no" ids of version 1 keep their meaning.
    if question_id not in ("door_open",):
        assert question.option("yes") is not None and question.option("no") is not None


def test_no_question_asks_do_you_want_with_only_yes_and_no():
    for question in QUESTIONNAIRE:
        ids = {o.id for o in question.content_options}
        assert not (question.text.startswith("Do you want") and ids == {"yes", "no"}), question.id


def test_same_question_again_offers_i_think_i_said_it_wrong():
    question = QUESTIONNAIRE.find("same_question_again")
    assert question is not None
    option = question.option("said_wrong")
    assert option is not None and option.text == "I think I said it wrong"
    assert option.needs == ("repetition_feels_wrong",)
    fired = {rec.id for rec in rules.evaluate({"repetition_feels_wrong"})}
    assert "N08_first_answer_not_wrong" in fired


def test_closed_lists_that_could_miss_an_answer_offer_something_else():
    for question_id in ("how_to_tell", "what_makes_it_worse", "during_the_talk", "getting_there"):
        question = QUESTIONNAIRE.find(question_id)
        assert question is not None and question.option("something_else") is not None, question_id
        assert facts.fact_for(question, "something_else") == (
            facts.ALL_FACT_TEXTS[question_id][0],
            SOMETHING_ELSE,
        )


def test_every_new_need_is_signalled_by_an_answer_or_an_observation_and_leads_to_a_rule():
    signalled = {n for q in QUESTIONNAIRE for o in q.options for n in o.needs}
    signalled |= {n for o in OBSERVATIONS for n in o.needs}
    named = {n for rule in NEEDS_RULES for n in rule.when.need_ids}
    for need_id, section, _label in NEW_NEEDS:
        assert NEEDS[need_id].section == section
        assert need_id in signalled, need_id
        assert need_id in named, need_id


def test_the_new_rules_are_part_of_the_rule_set_with_a_source_and_new_ids():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    for rule in NEEDS_RULES:
        assert rule in RULES
        assert rule.id.startswith("N") and rule.source.strip()
    assert set(KEPT) <= set(ids), "rules whose meaning did not change keep their ids"


def test_worry_about_papers_leads_to_the_reflection_period_and_keeps_immigration_apart():
    fired = {rec.id for rec in rules.evaluate({"papers_worry"})}
    assert {"N22_explain_reflection_period", "N23_keep_immigration_apart"} <= fired
    # Needs only: no question asks about a status; the client is only asked about a worry, if at all.
    for question in QUESTIONNAIRE:
        assert "status" not in question.text.lower(), question.id


def test_a_preparation_from_before_version_2_is_complete_and_shows_the_new_questions_as_not_asked():
    old = before_version_2()
    assert flow.is_complete(QUESTIONNAIRE, old)
    content = facts.section_content(QUESTIONNAIRE, old, {})
    for question_id in ADDED_IN_VERSION_2:
        question = QUESTIONNAIRE.find(question_id)
        assert question is not None
        label = facts.ALL_FACT_TEXTS[question_id][0]
        assert (label, NOT_ASKED) in content[question.module_id].facts, question_id


def test_the_consent_fingerprint_of_an_older_preparation_does_not_change():
    old = before_version_2()
    # The fingerprint covers the valid answers only: no "not asked" and no new question enters it.
    assert facts.fingerprint(QUESTIONNAIRE, old, {}) == facts.fingerprint(
        QUESTIONNAIRE, {**old, "no_such_question": ("yes",)}, {}
    )
    assert set(facts._clean(QUESTIONNAIRE, old)) == set(old)


@pytest.mark.parametrize("seed", range(40))
def test_one_answer_to_a_new_question_makes_the_rest_required(seed):
    rng = random.Random(seed)
    answers = before_version_2()
    added = sorted(ADDED_IN_VERSION_2)
    answered = rng.sample(added, rng.randint(1, len(added)))
    for question_id in answered:
        answers[question_id] = (DONT_KNOW.id,)
    complete = flow.is_complete(QUESTIONNAIRE, answers)
    assert complete == (len(answered) == len(added))
    content = facts.section_content(QUESTIONNAIRE, answers, {})
    values = {value for section in content.values() for _label, value in section.facts}
    assert NOT_ASKED not in values
    assert NOT_KNOWN in values


def test_a_partial_preparation_is_neither_complete_nor_shows_not_asked():
    partial = dict(list(before_version_2().items())[:5])
    assert not flow.is_complete(QUESTIONNAIRE, partial)
    content = facts.section_content(QUESTIONNAIRE, partial, {})
    assert all(value != NOT_ASKED for section in content.values() for _label, value in section.facts)


def test_the_consent_cards_say_that_the_name_and_the_language_go_to_the_police():
    from easyreport.briefing import consent_walk
    from easyreport.content import consent_cards

    answers = {qid: tuple(opts) for qid, opts in TYPICAL.items()}
    plain = {c.id: c for c in consent_walk.build_cards(answers, {}, consent_walk.GoalExtras())}
    named = {
        c.id: c
        for c in consent_walk.build_cards(answers, {}, consent_walk.GoalExtras(named=True, language=True))
    }
    assert [b.title for b in named["communication"].blocks][-1] == consent_cards.CARD_NAMED
    assert [b.title for b in named["practical"].blocks][-1] == consent_cards.CARD_LANGUAGE
    # The card changed, so a decision taken on the card without them does not count for this one.
    for section in ("communication", "practical"):
        assert named[section].fingerprint != plain[section].fingerprint
    for section in ("stress", "conversation", "support", "safety", "goal"):
        assert named[section].fingerprint == plain[section].fingerprint
