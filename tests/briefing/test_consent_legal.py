"""Legal bases with named grounds and reasoning, the withdrawn meldcode, and the suspect card's own teach-back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from easyreport.briefing import consent as c
from easyreport.briefing.consent import (
    CONFLICT_OF_DUTIES_QUESTIONS,
    GROUNDS,
    LEGAL_DUTY_QUESTIONS,
    OFFERED_BASES,
    REASONING_QUESTIONS,
    SUSPECT_CARD,
    Consent,
    Decision,
    LegalBasis,
    LegalGround,
    TeachBack,
    card_consented,
    cards_shown,
    cards_to_explain_again,
    missing_cards,
    rule_problems,
)
from easyreport.briefing.needs import SECTIONS

REASONING = {
    LegalBasis.CONFLICT_OF_DUTIES: {
        q.id: "Weighed with the confidential adviser." for q in CONFLICT_OF_DUTIES_QUESTIONS
    },
    LegalBasis.LEGAL_DUTY: {q.id: "Named after asking the legal department." for q in LEGAL_DUTY_QUESTIONS},
}


def make(**overrides) -> Consent:
    fields = {
        "decisions": {s: Decision.YES for s in SECTIONS},
        "teach_back": TeachBack.COULD_EXPLAIN,
        "legal_basis": LegalBasis.CONSENT,
        "asked_by": "counsellor",
        "recorded_at": datetime(2026, 3, 2, 10, 30, tzinfo=UTC),
        "method": "oral",
        "answers_fingerprint": "f" * 64,
        "informed_of_duty_to_act": True,
    }
    fields.update(overrides)
    return Consent(**fields)


def complete(basis: LegalBasis, **overrides) -> Consent:
    """A record on a basis other than consent, with its first ground and every reasoning answer."""
    return make(legal_basis=basis, legal_ground=GROUNDS[basis][0], reasoning=REASONING[basis], **overrides)


# --------------------------------------------------------------------------------------- legal bases


def test_the_meldcode_is_not_offered_for_sharing_with_the_police():
    assert LegalBasis.MELDCODE not in OFFERED_BASES
    assert OFFERED_BASES == (LegalBasis.CONSENT, LegalBasis.CONFLICT_OF_DUTIES, LegalBasis.LEGAL_DUTY)
    with pytest.raises(c.BasisNotForPolice):
        make(legal_basis="meldcode")
    assert "Veilig Thuis" in c.MELDCODE_NOTE


@pytest.mark.parametrize("basis", [LegalBasis.CONFLICT_OF_DUTIES, LegalBasis.LEGAL_DUTY])
def test_every_basis_other_than_consent_names_a_ground_and_gives_every_reasoning_answer(basis):
    record = complete(basis)
    assert record.valid_for_new_share
    assert record.legal_ground in GROUNDS[basis]
    with pytest.raises(c.MissingGround):
        make(legal_basis=basis, reasoning=REASONING[basis])
    first, *rest = REASONING_QUESTIONS[basis]
    partial = dict(REASONING[basis]) | {first.id: "   "}
    with pytest.raises(c.MissingReasoning) as caught:
        make(legal_basis=basis, legal_ground=GROUNDS[basis][0], reasoning=partial)
    assert caught.value.missing == (first.id,)
    assert rest, "each basis asks more than one question"


def test_a_legal_duty_says_which_duty():
    assert set(GROUNDS[LegalBasis.LEGAL_DUTY]) == {
        LegalGround.DUTY_TO_REPORT_CRIME,
        LegalGround.COURT_ORDER,
        LegalGround.OTHER_STATUTORY_DUTY,
    }
    assert LEGAL_DUTY_QUESTIONS[0].id == "duty_which"


def test_consent_takes_no_ground():
    assert GROUNDS[LegalBasis.CONSENT] == ()
    with pytest.raises(c.GroundDoesNotFit):
        make(legal_ground="danger_to_client")


@given(basis=st.sampled_from(list(LegalBasis)), ground=st.sampled_from(list(LegalGround)))
def test_a_ground_is_accepted_only_under_its_own_basis(basis, ground):
    reasoning = REASONING.get(basis, {})
    if ground in GROUNDS[basis]:
        record = make(legal_basis=basis, legal_ground=ground, reasoning=reasoning)
        assert record.legal_ground is ground
    else:
        with pytest.raises(c.GroundDoesNotFit):
            make(legal_basis=basis, legal_ground=ground, reasoning=reasoning)


def test_rule_problems_lists_every_broken_rule_at_once():
    unchecked = make(
        legal_basis="legal_duty", reasoning={}, teach_back="not", informed_of_duty_to_act=False, loaded=True
    )
    kinds = {type(problem) for problem in rule_problems(unchecked)}
    assert kinds == {c.MissingGround, c.MissingReasoning}


# ------------------------------------------------------------------------------ stored older records


def stored(**changes) -> dict:
    data = make().to_dict()
    data.update(changes)
    # Records from before this version had no ground, no cards and no card teach-back at all.
    for key in ("legal_ground", "cards", "card_teach_back"):
        if key not in changes:
            del data[key]
    return data


def test_a_stored_meldcode_record_still_loads_but_allows_no_new_share():
    record = Consent.from_dict(stored(legal_basis="meldcode"))
    assert record.legal_basis is LegalBasis.MELDCODE
    assert record.decisions["goal"] is Decision.YES
    assert not record.valid_for_new_share
    assert any(isinstance(p, c.BasisNotForPolice) for p in rule_problems(record))


def test_a_stored_conflict_of_duties_without_ground_loads_but_allows_no_new_share():
    reasoning = REASONING[LegalBasis.CONFLICT_OF_DUTIES]
    record = Consent.from_dict(stored(legal_basis="conflict_of_duties", reasoning=reasoning))
    assert record.legal_ground is None
    assert not record.valid_for_new_share


def test_a_stored_consent_record_from_before_is_still_valid():
    record = Consent.from_dict(stored())
    assert record.valid_for_new_share
    assert record.cards == {}
    assert not card_consented(record, SUSPECT_CARD)


def test_a_new_record_round_trips_with_ground_cards_and_card_teach_back():
    record = complete(
        LegalBasis.LEGAL_DUTY,
        cards={SUSPECT_CARD: "yes"},
        card_teach_back={SUSPECT_CARD: "could_explain"},
    )
    again = Consent.from_dict(record.to_dict())
    assert again == record
    assert again.valid_for_new_share
    assert card_consented(again, SUSPECT_CARD)


# -------------------------------------------------------------------------------------- suspect card


def test_the_suspect_card_is_shown_only_with_the_mark():
    assert cards_shown(True) == (SUSPECT_CARD,)
    assert cards_shown(False) == ()


@given(
    decision=st.sampled_from(list(Decision)),
    teach_back=st.sampled_from(list(TeachBack)),
    overall=st.sampled_from([TeachBack.COULD_EXPLAIN, TeachBack.PARTLY]),
)
def test_only_yes_explained_in_own_words_consents_to_the_suspect_card(decision, teach_back, overall):
    record = make(
        teach_back=overall, cards={SUSPECT_CARD: decision}, card_teach_back={SUSPECT_CARD: teach_back}
    )
    expected = decision is Decision.YES and teach_back is TeachBack.COULD_EXPLAIN
    assert card_consented(record, SUSPECT_CARD) is expected
    # "Partly" or "not" after a "yes" is no consent for that card, and the counsellor explains it again.
    assert cards_to_explain_again(record) == (
        (SUSPECT_CARD,) if decision is Decision.YES and not expected else ()
    )
    # The rest of the consent stands: the sections are not touched by the card.
    assert record.decisions == {s: Decision.YES for s in SECTIONS}


def test_a_yes_on_the_suspect_card_needs_its_own_teach_back():
    with pytest.raises(c.MissingCardTeachBack):
        make(cards={SUSPECT_CARD: "yes"})
    # A "no" needs none: nothing of the card is shared.
    record = make(cards={SUSPECT_CARD: "no"})
    assert not card_consented(record, SUSPECT_CARD)


def test_unknown_cards_and_values_are_refused():
    with pytest.raises(c.UnknownSection):
        make(cards={"what_happened": "yes"})
    with pytest.raises(c.UnknownSection):
        make(card_teach_back={"goal": "could_explain"})
    with pytest.raises(c.InvalidValue):
        make(cards={SUSPECT_CARD: "maybe"}, card_teach_back={SUSPECT_CARD: "could_explain"})
    with pytest.raises(c.InvalidValue):
        make(cards={SUSPECT_CARD: "yes"}, card_teach_back={SUSPECT_CARD: "mostly"})


def test_a_card_the_client_saw_must_be_decided():
    assert missing_cards(make(), (SUSPECT_CARD,)) == (SUSPECT_CARD,)
    assert missing_cards(make(cards={SUSPECT_CARD: "no"}), (SUSPECT_CARD,)) == ()
    assert missing_cards(make(), ()) == ()
