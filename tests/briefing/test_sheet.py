"""The sheet: only consented sections, recommendations from their needs, top three, versioned JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest

from easyreport.briefing import sheet as s
from easyreport.briefing.consent import Consent, answers_fingerprint
from easyreport.briefing.meta_choices import AbsenceReason, CounsellorRole
from easyreport.briefing.needs import SECTIONS, UnknownNeed
from easyreport.briefing.process_info import INFORMED_ABOUT_IDS, Urgency
from easyreport.briefing.routing import REASON_NONE, Exploitation, RoutingInput, Unit, suggest_route
from easyreport.briefing.rules import InvalidTopChoice, RuleNotApplicable
from easyreport.briefing.sheet import (
    Goal,
    IdentificationLevel,
    RouteChoices,
    RouteInfo,
    SheetMeta,
    build_sheet,
    sheet_to_json,
)

SCHEMA = json.loads((Path(s.__file__).parent / "sheet.schema.json").read_text(encoding="utf-8"))
CREATED = datetime(2026, 3, 2, 11, 0, tzinfo=UTC)
ANSWERS = {"any": "answers"}
FINGERPRINT = answers_fingerprint(ANSWERS)

NEEDS = {
    "communication": {"short_sentences", "acquiescence"},
    "stress": {"stress_laughs", "trigger_touch"},
    "conversation": {"officer_woman"},
    "support": {"aftercare_none"},
    "safety": {"phone_not_safe"},
    "practical": {"interpreter"},
    "goal": {"needs_time_to_decide"},
}
FACTS = {
    "communication": [("Preferred way to answer", "Talking")],
    "stress": [("What helps", "A glass of water")],
    "safety": [("Safe way to make contact", "Only through the counsellor")],
    "practical": [("Language", "Polish")],
}


def meta(**overrides) -> SheetMeta:
    fields = {
        "sheet_id": "S-0001",
        "created": CREATED,
        "valid_until": CREATED + timedelta(days=30),
        "prepared_by_role": CounsellorRole.SUPPORT_WORKER,
        "prepared_by_organisation": "Koraal",
        "prepared_with_client": True,
    }
    fields.update(overrides)
    return SheetMeta(**fields)


def consent(withheld=(), **overrides) -> Consent:
    fields = {
        "decisions": {sec: ("no" if sec in withheld else "yes") for sec in SECTIONS},
        "teach_back": "could_explain",
        "legal_basis": "consent",
        "asked_by": "counsellor",
        "recorded_at": CREATED,
        "method": "oral",
        "answers_fingerprint": FINGERPRINT,
        "informed_of_duty_to_act": True,
    }
    fields.update(overrides)
    return Consent(**fields)


def build(
    withheld=(), *, route=None, chosen_top=None, consent_overrides=None, suspect=None, **meta_overrides
):
    return build_sheet(
        meta=meta(**meta_overrides),
        consent=consent(withheld, **(consent_overrides or {})),
        current_fingerprint=FINGERPRINT,
        needs_by_section=NEEDS,
        facts_by_section=FACTS,
        route=route,
        chosen_top=chosen_top,
        suspect=suspect,
    )


def rec_ids(sheet) -> set[str]:
    return {rec.id for rec in sheet.recommendations}


def test_sections_come_in_sheet_order_with_their_content():
    sheet = build()
    assert [sec.id for sec in sheet.sections] == list(SECTIONS)
    communication = sheet.sections[0]
    assert communication.shared
    assert communication.needs == ("short_sentences", "acquiescence")
    assert communication.facts == (("Preferred way to answer", "Talking"),)
    assert communication.title == "Communication and understanding"


def test_withheld_sections_have_no_facts_no_needs_and_no_advice_from_them():
    full = build()
    assert {"R21_laughter_means_stress", "R22_dont_touch", "R37_dont_contact_by_phone"} <= rec_ids(full)

    sheet = build(withheld=("stress", "safety"))
    by_id = {sec.id: sec for sec in sheet.sections}
    for withheld in ("stress", "safety"):
        assert not by_id[withheld].shared
        assert by_id[withheld].needs == ()
        assert by_id[withheld].facts == ()
    ids = rec_ids(sheet)
    assert not {"R21_laughter_means_stress", "R21_dont_judge_demeanour", "R22_dont_touch"} & ids
    assert "R37_dont_contact_by_phone" not in ids
    assert "R01_short_sentences" in ids
    text = json.dumps(sheet_to_json(sheet, "en"))
    for leaked in (
        "glass of water",
        "through the counsellor",
        "Laughs or jokes",
        "stress_laughs",
        "phone_not_safe",
    ):
        assert leaked not in text


def test_always_rules_are_present_even_when_nothing_is_shared():
    sheet = build(withheld=SECTIONS, consent_overrides={"informed_of_duty_to_act": False})
    ids = rec_ids(sheet)
    assert {
        "R04_ground_rules",
        "R05_teach_back",
        "R05_dont_ask_if_understood",
        "R29_minimise_interviews",
    } <= ids
    assert all(rec.rule.when.always for rec in sheet.recommendations)
    assert all(not sec.needs and not sec.facts for sec in sheet.sections)
    assert sheet.route is None


def test_top_three_is_proposed_by_priority():
    sheet = build()
    assert not sheet.top_chosen_by_counsellor
    assert [r.id for r in sheet.top_three] == [
        "R06_open_prompts",
        "R21_laughter_means_stress",
        "R22_dont_touch",
    ]


def test_top_three_can_be_chosen_by_the_counsellor():
    sheet = build(chosen_top=["R22_dont_touch", "R21_laughter_means_stress"])
    assert sheet.top_chosen_by_counsellor
    assert [r.id for r in sheet.top_three] == ["R22_dont_touch", "R21_laughter_means_stress"]
    assert sheet_to_json(sheet, "en")["top_three"]["chosen_by"] == "counsellor"


def test_what_must_be_arranged_cannot_be_chosen_for_the_top_three():
    # A female interviewer is arranged beforehand, in its own block on page one, never in the top three.
    with pytest.raises(RuleNotApplicable):
        build(chosen_top=["R25_female_officer"])


def test_a_chosen_top_rule_must_apply_to_the_shared_needs():
    with pytest.raises(RuleNotApplicable):
        build(withheld=("stress",), chosen_top=["R22_dont_touch"])
    with pytest.raises(InvalidTopChoice):
        build(chosen_top=["R04_ground_rules"] * 2)


def test_the_goal_section_carries_goal_and_route_but_possible_suspect_is_no_need():
    given = RoutingInput(frozenset({Exploitation.CRIMINAL}))
    sheet = build(route=RouteChoices(goal=Goal.UNDECIDED, routing=given, possible_suspect=True))
    # Without the suspect card's consent the route does not say "possible suspect" either.
    assert sheet.route == RouteInfo(goal=Goal.UNDECIDED, routing=suggest_route(given), possible_suspect=False)
    goal_section = sheet.sections[-1]
    assert {"goal_undecided", "needs_time_to_decide"} <= set(goal_section.needs)
    assert "possible_suspect" not in goal_section.needs
    assert "R31_dont_ask_decision_same_day" in rec_ids(sheet)
    assert not any(rid.startswith("S0") for rid in rec_ids(sheet))


def test_without_goal_consent_there_is_no_route_and_no_suspect_advice():
    given = RoutingInput(frozenset({Exploitation.CRIMINAL}))
    sheet = build(
        withheld=("goal",), route=RouteChoices(goal="aangifte", routing=given, possible_suspect=True)
    )
    assert sheet.route is None
    assert not any(rid.startswith("S0") for rid in rec_ids(sheet))
    data = sheet_to_json(sheet, "en")
    assert data["route"] is None
    assert "AVIM" not in json.dumps(data)


def test_a_withheld_safety_card_takes_its_route_reasons_with_it():
    # The leak seen in trying the sheet: "Feeling safe" withheld, yet the route said Basisteam "because of
    # threats and unsafety". The route is now suggested from the consented facts only.
    given = RoutingInput(frozenset({Exploitation.CRIMINAL}), threats_or_unsafety=True, missing_person=True)
    shared = build(route=RouteChoices(goal=Goal.REPORT, routing=given)).route
    assert shared.routing.also == (Unit.BASISTEAM,)
    withheld = build(withheld=("safety",), route=RouteChoices(goal=Goal.REPORT, routing=given)).route
    assert withheld.routing == suggest_route(RoutingInput(frozenset({Exploitation.CRIMINAL})))
    assert withheld.routing.unit is Unit.AVIM and withheld.routing.also == ()
    only_safety = RoutingInput(threats_or_unsafety=True)
    nothing = build(withheld=("safety",), route=RouteChoices(goal=Goal.REPORT, routing=only_safety)).route
    assert nothing.routing.unit is None
    assert nothing.routing.reasons == (REASON_NONE,)


def test_the_goal_section_carries_urgency_and_what_the_client_was_told():
    route = RouteChoices(goal=Goal.AANGIFTE, urgency="soon", informed_about=["recorded", "information_talk"])
    sheet = build(route=route)
    assert sheet.route.urgency is Urgency.SOON
    assert sheet.route.informed_about == ("information_talk", "recorded")  # fixed order, whatever was given
    assert RouteInfo().urgency is None and RouteInfo().informed_about is None  # not said, not asked


def test_without_goal_consent_there_is_no_urgency_and_nothing_about_what_the_client_was_told():
    route = RouteChoices(goal=Goal.INFORMATION, urgency=Urgency.NO_RUSH, informed_about=INFORMED_ABOUT_IDS)
    data = sheet_to_json(build(withheld=("goal",), route=route), "en")
    assert data["route"] is None
    text = json.dumps(data)
    assert "no_rush" not in text and "informed" not in text and "information_talk" not in text


@pytest.mark.parametrize("route", [{"urgency": "acute"}, {"urgency": "now"}, {"informed_about": ("story",)}])
def test_route_info_refuses_unknown_urgency_and_points(route):
    with pytest.raises(ValueError):
        RouteInfo(**route)
    with pytest.raises(ValueError):
        RouteChoices(**route)


def test_limited_overview_from_teach_back_is_always_carried():
    sheet = build(withheld=SECTIONS, consent_overrides={"teach_back": "partly"})
    assert sheet.consent_needs == ("limited_overview",)
    assert "R36_explain_sharing" in rec_ids(sheet)


def test_stale_consent_stops_the_sheet():
    with pytest.raises(s.StaleConsent):
        build_sheet(
            meta=meta(),
            consent=consent(),
            current_fingerprint=answers_fingerprint(ANSWERS | {"any": "changed"}),
            needs_by_section=NEEDS,
            facts_by_section=FACTS,
        )


def test_acute_danger_stops_the_sheet():
    with pytest.raises(s.AcuteDanger):
        build(route=RouteChoices(routing=RoutingInput(acute_danger=True)))
    # Acute danger is a gate, not a fact of any section: withholding every section does not lift it.
    with pytest.raises(s.AcuteDanger):
        build(withheld=SECTIONS, route=RouteChoices(routing=RoutingInput(acute_danger=True)))


def test_bad_input_is_refused():
    with pytest.raises(s.UnknownSection):
        build_sheet(
            meta=meta(),
            consent=consent(),
            current_fingerprint=FINGERPRINT,
            needs_by_section={"story": {"short_sentences"}},
            facts_by_section={},
        )
    with pytest.raises(UnknownNeed):
        build_sheet(
            meta=meta(),
            consent=consent(),
            current_fingerprint=FINGERPRINT,
            needs_by_section={"communication": {"made_up"}},
            facts_by_section={},
        )
    with pytest.raises(s.InvalidFact):
        build_sheet(
            meta=meta(),
            consent=consent(),
            current_fingerprint=FINGERPRINT,
            needs_by_section={},
            facts_by_section={"communication": [("Language", "")]},
        )


@pytest.mark.parametrize(
    "overrides",
    [
        {"sheet_id": ""},
        {"valid_until": CREATED},
        {"created": datetime(2026, 3, 2)},
        {"prepared_by_role": " "},
        {"prepared_by_role": "Mark de Vries, 3 maart"},
        {"prepared_by_organisation": " "},
        {"prepared_with_client": False},
        {"prepared_with_client": False, "not_with_client_reason": "Client was ill"},
        {"identification": "name"},
        {"identification": IdentificationLevel.PSEUDONYM, "identification_value": ""},
        {"version": 0},
    ],
)
def test_meta_is_validated(overrides):
    with pytest.raises(s.InvalidMeta):
        meta(**overrides)


def test_meta_defaults_to_anonymous():
    assert meta().identification is IdentificationLevel.ANONYMOUS
    assert (
        meta(prepared_with_client=False, not_with_client_reason="not_able_now").not_with_client_reason
        is AbsenceReason.NOT_ABLE_NOW
    )


def full_sheet():
    given = RoutingInput(frozenset({Exploitation.SEXUAL, Exploitation.LABOUR}), sexual_offence=True)
    return build(
        route=RouteChoices(
            goal=Goal.INFORMATION,
            routing=given,
            possible_suspect=True,
            urgency=Urgency.SOON,
            informed_about=("recorded", "information_talk"),
        ),
        consent_overrides={"teach_back": "partly"},
        identification="pseudonym",
        identification_value="Client A7",
    )


@pytest.mark.parametrize("locale", ["en", "nl"])
def test_json_output_matches_the_schema(compiled_catalogues, locale):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    for sheet in (full_sheet(), build(withheld=("stress", "goal"))):
        data = sheet_to_json(sheet, locale)
        jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
        json.dumps(data)  # plain JSON types only


def test_the_schema_refuses_content_in_a_withheld_section():
    data = sheet_to_json(build(withheld=("stress",)), "en")
    data["sections"][1]["needs"] = [{"id": "stress_laughs", "text": "Laughs or jokes under stress"}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_json_carries_schema_version_statement_and_consent(compiled_catalogues):
    data = sheet_to_json(full_sheet(), "en")
    assert data["schema"] == "easyreport.sheet/2"
    assert data["statement"] == (
        "This sheet describes needs only. It holds no information about what happened. "
        "The content was not discussed."
    )
    assert data["client"] == {
        "identification": {"id": "pseudonym", "text": "Pseudonym"},
        "value": "Client A7",
        "language": {"id": "nl", "text": "Dutch"},
        "interpreter_needed": False,
    }
    assert data["consent"]["legal_basis"]["id"] == "consent"
    assert data["consent"]["needs"] == [
        {"id": "limited_overview", "text": "Has limited overview of what sharing means"}
    ]
    assert data["route"]["routing"]["unit"]["id"] == "avim"
    assert [u["id"] for u in data["route"]["routing"]["also"]] == ["zeden", "labour_inspectorate"]
    assert data["route"]["urgency"] == {"id": "soon", "text": "Soon"}
    assert data["route"]["informed_about"] == [
        {"id": "information_talk", "text": "Information talk first", "explained": True},
        {"id": "time_to_think", "text": "Time to think", "explained": False},
        {"id": "ex_officio", "text": "Prosecution without a complaint", "explained": False},
        {"id": "recorded", "text": "Recording of the talk", "explained": True},
    ]
    first = data["recommendations"][0]
    assert set(first) == {
        *("id", "placement", "sources", "arrange", "kind", "kind_text", "text"),
        *("priority", "section", "source", "because"),
    }
    assert "reasoning" not in data["consent"]


def test_json_says_so_when_urgency_was_not_said_or_the_counsellor_was_not_asked(compiled_catalogues):
    data = sheet_to_json(build(route=RouteChoices(goal=Goal.INFORMATION)), "en")
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert data["route"]["urgency"] is None and data["route"]["informed_about"] is None
    nothing_ticked = sheet_to_json(build(route=RouteChoices(goal=Goal.INFORMATION, informed_about=())), "en")
    jsonschema.validate(nothing_ticked, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert [p["explained"] for p in nothing_ticked["route"]["informed_about"]] == [False] * 4


def test_a_sheet_from_before_urgency_and_informed_about_still_validates(compiled_catalogues):
    data = sheet_to_json(full_sheet(), "en")
    del data["route"]["urgency"], data["route"]["informed_about"]
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize(
    "change",
    [
        lambda route: route.update(urgency={"id": "acute", "text": "Acute"}),
        lambda route: route["informed_about"].pop(),
        lambda route: route["informed_about"][0].update(id="story"),
        lambda route: route["informed_about"][0].pop("explained"),
    ],
)
def test_the_schema_refuses_other_urgencies_and_points(compiled_catalogues, change):
    data = sheet_to_json(full_sheet(), "en")
    change(data["route"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_the_schema_names_the_same_urgencies_and_points_as_the_code():
    route = SCHEMA["properties"]["route"]["oneOf"][1]["properties"]
    assert route["urgency"]["oneOf"][1]["allOf"][1]["properties"]["id"]["enum"] == [u.value for u in Urgency]
    assert SCHEMA["$defs"]["process_point"]["properties"]["id"]["enum"] == list(INFORMED_ABOUT_IDS)


def test_json_texts_are_translated_into_dutch(compiled_catalogues):
    data = sheet_to_json(full_sheet(), "nl")
    assert data["locale"] == "nl"
    assert data["statement"] == (
        "Dit blad beschrijft alleen behoeften. Het bevat geen informatie over wat er gebeurd is. "
        "Er is niet over de inhoud gesproken."
    )
    assert data["sections"][0]["title"] == "Praten en begrijpen"
    texts = {rec["id"]: rec["text"] for rec in data["recommendations"]}
    assert texts["R04_ground_rules"].startswith("Begin met drie gespreksregels")
    assert data["sections"][0]["needs"][0] == {
        "id": "short_sentences",
        "text": "Begrijpt korte zinnen het best",
    }
    assert data["route"]["urgency"] == {"id": "soon", "text": "Binnenkort"}
    assert data["route"]["informed_about"][2]["text"] == "Ambtshalve vervolging"
