"""From answers and observations to what each section of the sheet says, and the consent fingerprint."""

from __future__ import annotations

import pytest

from easyreport.briefing import facts
from easyreport.briefing.fact_texts import AGE, NOT_KNOWN, OBSERVED
from easyreport.briefing.facts import ALL_FACT_TEXTS as FACT_TEXTS
from easyreport.briefing.needs import NEEDS, SECTIONS
from easyreport.content.model import FIXED_OPTION_IDS
from easyreport.content.questionnaire import QUESTIONNAIRE
from tests.briefing.factory import TYPICAL, TYPICAL_OBSERVATIONS

Q = QUESTIONNAIRE


def content(answers, observations=None, **kwargs):
    return facts.section_content(Q, answers, observations or {}, **kwargs)


def test_every_question_and_answer_has_an_officer_text():
    assert set(FACT_TEXTS) == {question.id for question in Q}
    for question in Q:
        label, values = FACT_TEXTS[question.id]
        assert label.strip()
        assert set(values) == {option.id for option in question.content_options}, question.id
        assert all(value.strip() for value in values.values())


def test_a_fact_names_the_question_and_the_officer_value():
    result = content({"reading": ["read_out"]})
    assert result["communication"].facts == (("Reading texts", "Wants texts read out"),)
    assert result["communication"].needs == {"reads_poorly"}


def test_rather_not_say_leaves_no_trace_at_all():
    result = content({"stress_signs": ["rather_not_say"], "reading": ["rather_not_say"]})
    assert all(not item.facts and not item.needs for item in result.values())
    assert facts.fact_for(Q.find("reading"), "rather_not_say") is None


def test_dont_know_shows_as_not_known_and_signals_no_need():
    result = content({"yes_when_unsure": ["dont_know"]})
    assert result["communication"].facts == (("Says yes when unsure", NOT_KNOWN),)
    assert result["communication"].needs == frozenset()


def test_several_answers_give_one_fact_each_in_option_order():
    result = content({"stress_signs": ["laugh", "quiet"]})
    assert result["stress"].facts == (
        ("Signs of stress", "Goes quiet"),
        ("Signs of stress", "Laughs or makes jokes"),
    )
    assert result["stress"].needs == {"stress_goes_quiet", "stress_laughs"}


def test_answers_stay_in_the_section_of_their_module():
    result = content(TYPICAL, TYPICAL_OBSERVATIONS)
    for question in Q:
        label, _values = FACT_TEXTS[question.id]
        holders = [s for s in SECTIONS if any(fact[0] == label for fact in result[s].facts)]
        if TYPICAL[question.id][0] not in FIXED_OPTION_IDS:
            assert holders == [question.module_id], question.id


def test_observations_add_needs_and_facts_marked_as_the_counsellors():
    result = content({}, {"communication": ["says_yes"], "stress": ["laughs"]})
    assert result["communication"].needs == {"acquiescence"}
    assert result["communication"].facts == ((OBSERVED, "Says yes when unsure"),)
    assert (OBSERVED, "Laughs or jokes when stressed") in result["stress"].facts


def test_unknown_observations_and_invalid_answers_are_ignored():
    result = content(
        {"reading": ["no_such_option"], "no_such_question": ["yes"]}, {"stress": ["no_such_tick"]}
    )
    assert all(not item.facts and not item.needs for item in result.values())


def test_age_band_is_a_practical_fact():
    result = content({}, age_band="16-17")
    assert result["practical"].facts == ((AGE, "16 or 17 years"),)
    assert content({}, age_band="bogus")["practical"].facts == ()


def test_typical_answers_signal_only_known_needs():
    result = content(TYPICAL, TYPICAL_OBSERVATIONS)
    all_needs = set().union(*(item.needs for item in result.values()))
    assert all_needs <= set(NEEDS)
    assert {
        "reads_poorly",
        "acquiescence",
        "stress_laughs",
        "officer_woman",
        "needs_time_to_decide",
    } <= all_needs


def test_client_answers_use_the_clients_own_words_without_rather_not_say():
    said = facts.client_answers(
        Q,
        {"reading": ["read_out"], "fast_talk": ["rather_not_say"], "how_to_tell": ["talking", "drawing"]},
        "communication",
    )
    assert [(item.question.id, [option.text for option in item.options]) for item in said] == [
        ("reading", ["Someone reads it out to me"]),
        ("how_to_tell", ["Talking", "Drawing"]),
    ]


def test_observed_sections_lists_sections_with_known_ticks():
    assert facts.observed_sections({"stress": ["laughs"], "safety": [], "goal": ["bogus"]}) == {"stress"}


class TestFingerprint:
    def test_is_stable_for_the_same_content_in_any_order(self):
        one = facts.fingerprint(
            Q, {"reading": ["myself"], "stress_signs": ["quiet", "laugh"]}, {"stress": ["laughs", "angry"]}
        )
        two = facts.fingerprint(
            Q, {"stress_signs": ["laugh", "quiet"], "reading": ["myself"]}, {"stress": ["angry", "laughs"]}
        )
        assert one == two

    @pytest.mark.parametrize(
        ("answers", "observations", "choices"),
        [
            ({"reading": ["read_out"]}, {}, {}),
            ({"reading": ["myself"]}, {"communication": ["says_yes"]}, {}),
            ({"reading": ["myself"]}, {}, {"possible_suspect": True}),
        ],
    )
    def test_changes_when_an_answer_an_observation_or_a_choice_changes(self, answers, observations, choices):
        base = facts.fingerprint(Q, {"reading": ["myself"]}, {}, {})
        assert facts.fingerprint(Q, answers, observations, choices) != base

    def test_ignores_answers_the_questionnaire_no_longer_has(self):
        assert facts.fingerprint(Q, {"reading": ["myself"], "gone": ["x"]}, {}) == facts.fingerprint(
            Q, {"reading": ["myself"]}, {}
        )


def test_no_fact_text_is_overridden_by_a_later_one():
    # ALL_FACT_TEXTS lets the newer texts win: an entry in both would be dead text a reviewer still reads.
    from easyreport.briefing.fact_texts import FACT_TEXTS
    from easyreport.briefing.fact_texts_needs import FACT_TEXTS_V2

    assert not set(FACT_TEXTS) & set(FACT_TEXTS_V2)
