"""The need vocabulary: the agreed ids, their sections and officer-facing labels."""

from __future__ import annotations

import re

import pytest

from easyreport.briefing import needs
from easyreport.briefing.needs import CONSENT_SECTION, NEEDS, SECTIONS, UnknownNeed

# The shared list (needs-vocabulary.md), section by section. The content helper references these ids.
AGREED = {
    "communication": """short_sentences one_question_at_a_time slow_processing masks_not_understanding
        acquiescence picks_last_option suggestible negations_confuse literal_language time_difficulty
        numbers_difficulty few_choices reads_poorly visual_support prefers_drawing prefers_pointing
        prefers_writing topic_changes own_words attention_short attention_medium fast_speech_hard""",
    "stress": """stress_goes_quiet stress_laughs stress_angry stress_cries stress_wants_to_leave
        stress_says_yes freezes helps_water helps_walk helps_breathing helps_object helps_music
        helps_other_topic trigger_loud_voices trigger_touch trigger_small_room trigger_closed_door
        trigger_waiting repetition_feels_disbelief needs_control""",
    "conversation": """officer_woman officer_man plain_clothes room_visit_first officer_photo_first
        same_officer door_open door_closed breaks_often breaks_sometimes breaks_on_request
        break_signal_say break_signal_card break_signal_hand recording_explain_first best_time_morning
        best_time_afternoon best_time_evening""",
    "support": """trusted_person_counsellor trusted_person_other aftercare_counsellor aftercare_family
        aftercare_none""",
    "safety": "fear_being_seen phone_not_safe unsafe_at_home",
    "practical": "medication_tired transport_counsellor transport_self interpreter",
    "goal": "goal_information goal_report goal_aangifte goal_undecided needs_time_to_decide",
    "consent": "limited_overview",
}
# "possible_suspect" was once added here; it is its own consent card now, never a need.
ADDED: dict[str, str] = {
    # content version 2 (issue 12): the needs of rules_data_needs.NEW_NEEDS, written out here on purpose.
    "hearing_aid": "communication",
    "hearing_difficulty": "communication",
    "vision_glasses": "communication",
    "vision_difficulty": "communication",
    "visual_schedule": "communication",
    "schedule_told": "communication",
    "repetition_feels_wrong": "stress",
    "room_photo_first": "conversation",
    "meet_officer_first": "conversation",
    "see_camera_first": "conversation",
    "low_trust_police": "conversation",
    "bad_police_experience": "conversation",
    "first_police_contact": "conversation",
    "collect_counsellor": "support",
    "collect_family": "support",
    "goes_home_alone": "support",
    "aftercare_risk_high": "support",
    "aftercare_risk_some": "support",
    "guardian_mentor": "support",
    "guardian_curator": "support",
    "guardian_bewindvoerder": "support",
    "contact_with_involved": "safety",
    "fear_found_out": "safety",
    "papers_worry": "safety",
    "needs_food": "practical",
    "needs_drink": "practical",
    "toilet_often": "practical",
    "medication_times": "practical",
    "no_id_document": "practical",
    "sign_language": "practical",
}


def test_every_agreed_id_is_in_its_section():
    for section, ids in AGREED.items():
        for need_id in ids.split():
            assert NEEDS[need_id].section == section, need_id


def test_the_vocabulary_holds_only_agreed_and_listed_additions():
    agreed = {need_id for ids in AGREED.values() for need_id in ids.split()}
    assert set(NEEDS) == agreed | set(ADDED)
    for need_id, section in ADDED.items():
        assert NEEDS[need_id].section == section


def test_sections_are_the_consent_sections_in_sheet_order():
    assert SECTIONS == ("communication", "stress", "conversation", "support", "safety", "practical", "goal")
    assert {need.section for need in NEEDS.values()} == {*SECTIONS, CONSENT_SECTION}
    assert set(needs.SECTION_TITLES) == set(SECTIONS)


def test_ids_are_flat_lowercase():
    for need_id in NEEDS:
        assert re.fullmatch(r"[a-z][a-z_]*", need_id), need_id


def test_labels_are_distinct_short_and_functional():
    labels = [need.label for need in NEEDS.values()]
    assert len(set(labels)) == len(labels)
    diagnosis_words = re.compile(r"\b(LVB|IQ|disab|autis|ADHD|diagnos|trauma|PTSD|retard)", re.IGNORECASE)
    for label in labels:
        assert label and len(label.split()) <= 12, label
        assert not diagnosis_words.search(label), label


def test_get_need_refuses_an_unknown_id():
    assert needs.get_need("interpreter").section == "practical"
    with pytest.raises(UnknownNeed):
        needs.get_need("story")


def test_vocabulary_order_is_stable_and_checks_ids():
    assert needs.vocabulary_order({"interpreter", "short_sentences", "freezes"}) == (
        "short_sentences",
        "freezes",
        "interpreter",
    )
    with pytest.raises(UnknownNeed):
        needs.vocabulary_order({"short_sentences", "nonsense"})


def test_needs_in_section_lists_that_section_only():
    safety = needs.needs_in_section("safety")
    assert [n.id for n in safety][:3] == ["fear_being_seen", "phone_not_safe", "unsafe_at_home"]
    assert {n.id for n in safety} == {n for n, section in ADDED.items() if section == "safety"} | {
        "fear_being_seen",
        "phone_not_safe",
        "unsafe_at_home",
    }
