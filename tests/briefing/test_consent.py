"""Consent per section, legal basis with its reasoning, teach-back, and staleness after changed answers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from easyreport.briefing import consent as c
from easyreport.briefing.consent import (
    CONFLICT_OF_DUTIES_QUESTIONS,
    LEGAL_DUTY_QUESTIONS,
    Consent,
    Decision,
    LegalBasis,
    TeachBack,
    answers_fingerprint,
    consent_needs,
    is_stale,
    shared_sections,
)
from easyreport.briefing.needs import NEEDS, SECTIONS

ANSWERS = {"communication.speed": "slow", "stress.helps": ["water", "walk"]}
FULL_REASONING = {q.id: "Answered after talking to a colleague." for q in CONFLICT_OF_DUTIES_QUESTIONS}
DUTY_REASONING = {q.id: "Named after asking the legal department." for q in LEGAL_DUTY_QUESTIONS}
# A complete legal duty and a complete conflict of duties, as the consent record page would send them.
LEGAL_DUTY = {
    "legal_basis": "legal_duty",
    "legal_ground": "duty_to_report_crime",
    "reasoning": DUTY_REASONING,
}
CONFLICT = {
    "legal_basis": "conflict_of_duties",
    "legal_ground": "danger_to_client",
    "reasoning": FULL_REASONING,
}


def make(**overrides) -> Consent:
    fields = {
        "decisions": {s: Decision.YES for s in SECTIONS},
        "teach_back": TeachBack.COULD_EXPLAIN,
        "legal_basis": LegalBasis.CONSENT,
        "asked_by": "counsellor",
        "recorded_at": datetime(2026, 3, 2, 10, 30, tzinfo=UTC),
        "method": "oral",
        "answers_fingerprint": answers_fingerprint(ANSWERS),
        "informed_of_duty_to_act": True,
    }
    fields.update(overrides)
    return Consent(**fields)


def test_only_yes_shares_a_section():
    decisions = {s: Decision.YES for s in SECTIONS} | {"stress": Decision.NO, "safety": Decision.DONT_KNOW}
    record = make(decisions=decisions)
    assert shared_sections(record) == set(SECTIONS) - {"stress", "safety"}


def test_plain_strings_are_accepted_and_normalised():
    record = make(decisions=dict.fromkeys(SECTIONS, "no"), teach_back="partly", **LEGAL_DUTY)
    assert record.decisions["goal"] is Decision.NO
    assert record.teach_back is TeachBack.PARTLY
    assert record.legal_basis is LegalBasis.LEGAL_DUTY
    assert record.legal_ground is c.LegalGround.DUTY_TO_REPORT_CRIME
    assert shared_sections(record) == frozenset()


def test_an_unknown_section_is_refused():
    with pytest.raises(c.UnknownSection):
        make(decisions={s: "yes" for s in SECTIONS} | {"what_happened": "yes"})


def test_every_section_needs_a_decision():
    decisions = {s: "yes" for s in SECTIONS if s != "safety"}
    with pytest.raises(c.MissingDecision, match="safety"):
        make(decisions=decisions)


@pytest.mark.parametrize(
    "field",
    [
        {"teach_back": "mostly"},
        {"legal_basis": "because"},
        {"method": "telepathy"},
        {"decisions": {"goal": "maybe"}},
    ],
)
def test_unknown_choices_are_refused(field):
    with pytest.raises(c.InvalidValue):
        make(**field)


@pytest.mark.parametrize(
    "field",
    [{"asked_by": "  "}, {"answers_fingerprint": ""}, {"recorded_at": datetime(2026, 3, 2, 10, 30)}],
)
def test_who_when_and_what_must_be_recorded(field):
    with pytest.raises(c.MissingRecord):
        make(**field)


def test_conflict_of_duties_needs_every_checklist_answer():
    record = make(**CONFLICT)
    assert record.legal_basis is LegalBasis.CONFLICT_OF_DUTIES
    partial = dict(FULL_REASONING) | {"necessary": " ", "advice": ""}
    del partial["suspicion"]
    with pytest.raises(c.MissingReasoning) as caught:
        make(**CONFLICT | {"reasoning": partial})
    assert caught.value.missing == ("suspicion", "necessary", "advice")


def test_the_checklist_covers_the_afwegingskader_and_necessity():
    ids = [q.id for q in CONFLICT_OF_DUTIES_QUESTIONS]
    assert ids[:5] == ["suspicion", "unsafety", "own_help", "help_accepted", "in_time"]
    assert {"necessary", "advice", "no_consent"} <= set(ids)
    assert all(q.text.endswith("?") for q in CONFLICT_OF_DUTIES_QUESTIONS)


def test_answers_to_questions_not_on_the_checklist_are_refused():
    with pytest.raises(c.UnknownReasoningQuestion):
        make(**CONFLICT | {"reasoning": FULL_REASONING | {"story": "x"}})


def test_consent_needs_no_reasoning_and_no_ground():
    assert make().reasoning == {}
    assert make().legal_ground is None


def test_consent_to_share_requires_telling_about_the_duty_to_act():
    with pytest.raises(c.NotInformedOfDutyToAct):
        make(informed_of_duty_to_act=False)
    # Sharing nothing, or sharing on another basis, is not consent to share.
    make(informed_of_duty_to_act=False, decisions=dict.fromkeys(SECTIONS, "no"))
    make(informed_of_duty_to_act=False, **LEGAL_DUTY)


def test_consent_is_refused_when_the_client_could_not_explain_it():
    with pytest.raises(c.ConsentWithoutUnderstanding):
        make(teach_back="not")
    # Another basis follows its own rules; the counsellor's per-section choice still applies.
    record = make(
        teach_back="not",
        **CONFLICT,
        decisions=dict.fromkeys(SECTIONS, "no") | {"safety": "yes"},
    )
    assert shared_sections(record) == {"safety"}


@pytest.mark.parametrize(
    ("teach_back", "needs"), [("could_explain", set()), ("partly", {"limited_overview"})]
)
def test_teach_back_partly_adds_limited_overview(teach_back, needs):
    assert consent_needs(make(teach_back=teach_back)) == needs


def test_teach_back_not_adds_limited_overview():
    record = make(teach_back="not", **LEGAL_DUTY)
    assert consent_needs(record) == {"limited_overview"}
    assert "limited_overview" in NEEDS


def test_decisions_cannot_be_changed_after_the_record_is_made():
    record = make()
    with pytest.raises(TypeError):
        record.decisions["goal"] = Decision.NO  # type: ignore[index]


def test_fingerprint_ignores_key_and_set_order_but_not_values():
    a = answers_fingerprint({"x": 1, "y": {"b", "a"}})
    assert a == answers_fingerprint({"y": {"a", "b"}, "x": 1})
    assert a != answers_fingerprint({"x": 2, "y": {"a", "b"}})
    with pytest.raises(TypeError):
        answers_fingerprint({"x": object()})


def test_changing_an_answer_after_consent_makes_it_stale():
    record = make()
    assert not is_stale(record, answers_fingerprint(ANSWERS))
    changed = ANSWERS | {"communication.speed": "normal"}
    assert is_stale(record, answers_fingerprint(changed))


def test_round_trip_through_plain_data():
    record = make(**CONFLICT, consulted="Veilig Thuis")
    data = record.to_dict()
    assert data["decisions"]["goal"] == "yes"
    assert data["recorded_at"] == "2026-03-02T10:30:00+00:00"
    assert Consent.from_dict(data) == record


def test_broken_stored_data_raises_a_consent_error():
    data = make().to_dict()
    del data["teach_back"]
    with pytest.raises(c.MissingRecord):
        Consent.from_dict(data)
    # Stored under older rules (no reasoning, no ground): it loads, but is no consent for a new share.
    data = make().to_dict() | {"legal_basis": "conflict_of_duties"}
    assert not Consent.from_dict(data).valid_for_new_share
    data = make().to_dict() | {"legal_ground": "nonsense"}
    with pytest.raises(c.InvalidValue):
        Consent.from_dict(data)
