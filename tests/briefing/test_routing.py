"""Routing suggestion: which unit, and why, from the counsellor's structured answers."""

from __future__ import annotations

import pytest

from easyreport.briefing import routing
from easyreport.briefing.routing import Exploitation, RoutingInput, Unit, suggest_route

E = Exploitation


def route(*kinds: Exploitation, **flags: bool) -> routing.RoutingAdvice:
    return suggest_route(RoutingInput(frozenset(kinds), **flags))


def test_acute_danger_means_112_and_no_sheet_whatever_else_is_given():
    advice = route(E.SEXUAL, E.LABOUR, sexual_offence=True, missing_person=True, acute_danger=True)
    assert advice.unit is Unit.EMERGENCY_112
    assert advice.also == ()
    assert advice.use_sheet is False
    assert advice.reasons == (routing.REASON_ACUTE,)
    assert "Do not use the sheet now." in advice.reasons[0]


@pytest.mark.parametrize("kind", [E.SEXUAL, E.CRIMINAL])
def test_sexual_or_criminal_exploitation_goes_to_avim(kind):
    advice = route(kind)
    assert (advice.unit, advice.also, advice.reasons) == (Unit.AVIM, (), (routing.REASON_AVIM,))
    assert advice.use_sheet


def test_unknown_exploitation_goes_to_avim_to_assess_the_signals():
    advice = route(E.OTHER_UNKNOWN)
    assert (advice.unit, advice.reasons) == (Unit.AVIM, (routing.REASON_AVIM_UNKNOWN,))


def test_labour_exploitation_goes_to_the_labour_authority_not_the_police():
    advice = route(E.LABOUR)
    assert (advice.unit, advice.also) == (Unit.LABOUR_INSPECTORATE, ())
    assert advice.reasons == (routing.REASON_LABOUR,)
    assert "not by the police" in advice.reasons[0]


def test_labour_next_to_criminal_exploitation_adds_the_labour_authority():
    advice = route(E.CRIMINAL, E.LABOUR)
    assert (advice.unit, advice.also) == (Unit.AVIM, (Unit.LABOUR_INSPECTORATE,))
    assert advice.reasons == (routing.REASON_AVIM, routing.REASON_LABOUR_ALSO)


def test_a_sexual_offence_without_exploitation_goes_to_zeden():
    advice = route(sexual_offence=True)
    assert (advice.unit, advice.also, advice.reasons) == (Unit.ZEDEN, (), (routing.REASON_ZEDEN,))


def test_sexual_exploitation_that_is_also_a_sexual_offence_goes_to_avim_with_zeden():
    advice = route(E.SEXUAL, sexual_offence=True)
    assert (advice.unit, advice.also) == (Unit.AVIM, (Unit.ZEDEN,))
    assert advice.reasons == (routing.REASON_AVIM, routing.REASON_ZEDEN_ALSO)


def test_a_sexual_offence_comes_before_the_labour_authority():
    advice = route(E.LABOUR, sexual_offence=True)
    assert (advice.unit, advice.also) == (Unit.ZEDEN, (Unit.LABOUR_INSPECTORATE,))
    assert advice.reasons == (routing.REASON_ZEDEN, routing.REASON_LABOUR_ALSO)


def test_threats_or_unsafety_go_to_the_local_team():
    advice = route(threats_or_unsafety=True)
    assert (advice.unit, advice.reasons) == (Unit.BASISTEAM, (routing.REASON_THREATS,))


def test_a_missing_person_goes_to_the_local_team_and_112_when_urgent():
    advice = route(missing_person=True)
    assert (advice.unit, advice.reasons) == (Unit.BASISTEAM, (routing.REASON_MISSING,))
    assert "112" in advice.reasons[0]


def test_threats_and_missing_give_both_reasons_once_for_one_unit():
    advice = route(threats_or_unsafety=True, missing_person=True)
    assert (advice.unit, advice.also) == (Unit.BASISTEAM, ())
    assert advice.reasons == (routing.REASON_THREATS, routing.REASON_MISSING)


def test_labour_exploitation_with_threats_adds_the_local_team():
    advice = route(E.LABOUR, threats_or_unsafety=True)
    assert (advice.unit, advice.also) == (Unit.LABOUR_INSPECTORATE, (Unit.BASISTEAM,))
    assert advice.reasons == (routing.REASON_LABOUR, routing.REASON_THREATS)


def test_nothing_given_means_no_suggestion():
    advice = route()
    assert advice.unit is None
    assert advice.unit_label is None
    assert advice.reasons == (routing.REASON_NONE,)


def test_every_unit_and_kind_has_a_label():
    assert set(routing.UNIT_LABELS) == set(Unit)
    assert set(routing.EXPLOITATION_LABELS) == set(Exploitation)
    assert route(E.SEXUAL).unit_label == "AVIM human trafficking team"


def test_input_from_form_values():
    given = RoutingInput.from_values(["labour", "sexual"], acute_danger=False)
    assert given.exploitation == {E.LABOUR, E.SEXUAL}
    with pytest.raises(ValueError):
        RoutingInput.from_values(["the story"])
