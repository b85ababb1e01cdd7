"""The suspect block, the pinned top three, the terms of use and the legal ground on the sheet, over many inputs."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from easyreport.briefing import sheet as s
from easyreport.briefing import suspect, terms
from easyreport.briefing.consent import SUSPECT_CARD, Consent, Decision, TeachBack, answers_fingerprint
from easyreport.briefing.meta_choices import CounsellorRole
from easyreport.briefing.needs import NEEDS, SECTIONS
from easyreport.briefing.routing import Exploitation, RoutingInput
from easyreport.briefing.rules import evaluate_sheet
from easyreport.briefing.rules_data import SUSPECT_PINNED
from easyreport.briefing.sheet import Goal, RouteChoices, SheetMeta, build_sheet, sheet_to_json
from easyreport.briefing.suspect import InvalidLawyerContact, LawyerStatus, SuspectInfo, clean_lawyer_contact

SCHEMA = json.loads((Path(s.__file__).parent / "sheet.schema.json").read_text(encoding="utf-8"))
CREATED = datetime(2026, 3, 2, 11, 0, tzinfo=UTC)
FINGERPRINT = answers_fingerprint({"any": "answers"})
SECTION_NEEDS = {
    section: sorted(n.id for n in NEEDS.values() if n.section == section) for section in SECTIONS
}
ROUTE = RouteChoices(goal=Goal.AANGIFTE, routing=RoutingInput(frozenset({Exploitation.CRIMINAL})))
LAWYER = SuspectInfo(
    lawyer=LawyerStatus.YES, lawyer_contact="Mr. J. Jansen, Advocatenkantoor Zuid, 043 123 4567"
)


def meta() -> SheetMeta:
    return SheetMeta(
        sheet_id="S-0001",
        created=CREATED,
        valid_until=CREATED + timedelta(days=30),
        prepared_by_role=CounsellorRole.SUPPORT_WORKER,
        prepared_by_organisation="Koraal",
        prepared_with_client=True,
    )


def consent(withheld=(), card=None, card_teach_back=None, **overrides) -> Consent:
    fields = {
        "decisions": {sec: ("no" if sec in withheld else "yes") for sec in SECTIONS},
        "teach_back": "could_explain",
        "legal_basis": "consent",
        "asked_by": "counsellor",
        "recorded_at": CREATED,
        "method": "oral",
        "answers_fingerprint": FINGERPRINT,
        "informed_of_duty_to_act": True,
        "cards": {} if card is None else {SUSPECT_CARD: card},
        "card_teach_back": {} if card_teach_back is None else {SUSPECT_CARD: card_teach_back},
    }
    fields.update(overrides)
    return Consent(**fields)


def build(needs, *, withheld=(), card=None, card_teach_back=None, chosen_top=None, info=LAWYER, **overrides):
    return build_sheet(
        meta=meta(),
        consent=consent(withheld, card, card_teach_back, **overrides),
        current_fingerprint=FINGERPRINT,
        needs_by_section=needs,
        facts_by_section={},
        route=RouteChoices(goal=ROUTE.goal, routing=ROUTE.routing, possible_suspect=True),
        chosen_top=chosen_top,
        suspect=info,
    )


@st.composite
def preparations(draw):
    """Needs per section, withheld sections, the suspect card's decision and teach-back, a chosen top."""
    needs = {
        section: set(draw(st.lists(st.sampled_from(ids), max_size=5, unique=True)))
        for section, ids in SECTION_NEEDS.items()
        if section != "consent"
    }
    withheld = draw(st.lists(st.sampled_from(SECTIONS), unique=True))
    card = draw(st.sampled_from([*Decision, None]))
    teach_back = draw(st.sampled_from([*TeachBack, None]))
    if card is Decision.YES and teach_back is None:
        teach_back = TeachBack.PARTLY  # a "yes" always comes with its own teach-back on a valid record
    return needs, tuple(withheld), card, teach_back


def consented(card, teach_back) -> bool:
    return card is Decision.YES and teach_back is TeachBack.COULD_EXPLAIN


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=preparations(), pick=st.data())
def test_with_the_suspect_card_consented_the_top_three_holds_the_pinned_items_and_without_it_never(
    data, pick
):
    needs, withheld, card, teach_back = data
    shared_needs = {n for sec, ids in needs.items() if sec not in withheld for n in ids}
    # The counsellor chooses among questioning advice: what is arranged beforehand has its own block.
    fired = [
        r.id
        for r in evaluate_sheet(shared_needs, suspect_block=consented(card, teach_back))
        if r.rule.questioning
    ]
    # Whatever the counsellor picks for the rest (or nothing: the proposal).
    chosen = pick.draw(
        st.one_of(st.none(), st.lists(st.sampled_from(fired), min_size=1, max_size=3, unique=True))
    )
    sheet = build(needs, withheld=withheld, card=card, card_teach_back=teach_back, chosen_top=chosen)
    top = [rec.id for rec in sheet.top_three]
    data_json = sheet_to_json(sheet, "en")
    if consented(card, teach_back):
        assert top[:2] == list(SUSPECT_PINNED)
        assert len(top) == 3 or len(top) == len(set(fired))
        assert sheet.suspect == LAWYER
        assert data_json["suspect"]["lawyer_contact"] == LAWYER.lawyer_contact
        assert data_json["terms_of_use"]["lines"][-1]["id"] == "no_offence_detail"
        assert data_json["route"] is None or data_json["route"]["possible_suspect"] is True
    else:
        assert not any(rule_id.startswith("S0") for rule_id in top)
        assert not any(rec.id.startswith("S0") for rec in sheet.recommendations)
        assert sheet.suspect is None
        assert data_json["suspect"] is None
        assert LAWYER.lawyer_contact not in json.dumps(data_json)
        assert "no_offence_detail" not in {line["id"] for line in data_json["terms_of_use"]["lines"]}
        assert data_json["route"] is None or data_json["route"]["possible_suspect"] is False
    assert len(top) == len(set(top)) <= 3
    # "Possible suspect" is never a need, in any section or in the consent block.
    assert all(need["id"] != "possible_suspect" for sec in data_json["sections"] for need in sec["needs"])
    assert [line["id"] for line in data_json["terms_of_use"]["lines"]][:4] == [
        "purpose",
        "readers",
        "case_file",
        "credibility",
    ]
    jsonschema.validate(data_json, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_the_pinned_items_stay_when_the_counsellor_chose_three_others():
    needs = {
        "communication": {"acquiescence", "short_sentences", "one_question_at_a_time"},
        "practical": {"interpreter"},
    }
    chosen = ["R01_short_sentences", "R02_one_question_per_sentence", "R06_open_prompts"]
    sheet = build(needs, card="yes", card_teach_back="could_explain", chosen_top=chosen)
    assert [r.id for r in sheet.top_three] == [*SUSPECT_PINNED, "R01_short_sentences"]
    assert sheet.top_chosen_by_counsellor
    # The suspect rules that fire on the needs are on the sheet as well.
    assert "S05_dont_accept_yes_as_waiver" in {r.id for r in sheet.recommendations}


def test_the_suspect_block_is_independent_of_the_goal_section():
    sheet = build({}, withheld=("goal",), card="yes", card_teach_back="could_explain")
    assert sheet.route is None
    assert sheet.suspect == LAWYER
    withheld_card = build({}, card="no")
    assert withheld_card.suspect is None


def test_the_non_punishment_principle_is_passed_on_to_the_prosecutor_not_weighed_by_the_interviewer():
    sheet = build({}, card="yes", card_teach_back="could_explain")
    data = sheet_to_json(sheet, "en")
    lines = " ".join(data["suspect"]["lines"])
    assert "Pass them on to the public prosecutor" in lines
    assert "the public prosecutor weighs the non-punishment principle" in lines
    s02 = next(r for r in data["recommendations"] if r["id"] == "S02_non_punishment")
    assert s02["text"].startswith("Pass on to the public prosecutor")


@pytest.mark.parametrize("locale", ["en", "nl"])
def test_the_suspect_block_holds_only_fixed_texts_and_structured_fields(compiled_catalogues, locale):
    data = sheet_to_json(build({}, card="yes", card_teach_back="could_explain"), locale)
    block = data["suspect"]
    assert set(block) == {"title", "lines", "lawyer", "lawyer_contact"}
    assert block["lawyer"]["id"] == "yes"
    assert len(block["lines"]) == len(suspect.LINES)
    if locale == "nl":
        assert block["title"] != suspect.TITLE and "advocaat" in " ".join(block["lines"])
        assert data["terms_of_use"]["title"] == "Gebruiksvoorwaarden"
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_the_terms_of_use_say_what_the_sheet_is_for_who_reads_it_and_what_it_does_not_say():
    texts = " ".join(text for _id, text in terms.LINES)
    assert "Only for preparing the interview." in texts
    assert "only by the police officers who prepare or hold the interview" in texts
    assert "case file" in texts and "defence" in texts
    assert "not whether the person is credible" in texts
    assert terms.lines_for(suspect_block=False) == terms.LINES
    assert (
        terms.lines_for(suspect_block=True)[-1][1]
        == "This sheet says nothing about what the person may have done."
    )


def test_the_legal_ground_is_named_on_the_sheet_but_the_reasoning_is_not():
    from easyreport.briefing.consent import LEGAL_DUTY_QUESTIONS

    reasoning = {q.id: f"Private reasoning {q.id}" for q in LEGAL_DUTY_QUESTIONS}
    sheet = build({}, legal_basis="legal_duty", legal_ground="court_order", reasoning=reasoning)
    data = sheet_to_json(sheet, "en")
    assert data["consent"]["legal_ground"] == {"id": "court_order", "text": "Legal duty: an order of a court"}
    assert "Private reasoning" not in json.dumps(data)
    assert sheet_to_json(build({}), "en")["consent"]["legal_ground"] is None


def test_a_contact_belongs_only_with_a_lawyer_the_client_has():
    assert SuspectInfo(lawyer="no", lawyer_contact="Mr. X").lawyer_contact == ""
    assert SuspectInfo(lawyer=None, lawyer_contact="Mr. X").lawyer_contact == ""
    assert SuspectInfo(lawyer="yes", lawyer_contact="Mr. X").lawyer_contact == "Mr. X"
    with pytest.raises(ValueError):
        SuspectInfo(lawyer="maybe")


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [("  Mr. Jansen,   043 123 4567 ", "Mr. Jansen, 043 123 4567"), ("   ", ""), ("", "")],
)
def test_a_lawyer_contact_is_trimmed(text, cleaned):
    assert clean_lawyer_contact(text) == cleaned


@pytest.mark.parametrize("text", ["a" * 201, "x" * 1_000_000, "Jansen\x00", "<b>Jansen</b>", "\u202eJansen"])
def test_a_lawyer_contact_with_bad_length_or_characters_is_refused(text):
    with pytest.raises(InvalidLawyerContact):
        clean_lawyer_contact(text)
