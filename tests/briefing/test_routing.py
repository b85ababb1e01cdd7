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


def test_labour_exploitation_goes_to_the_labour_authority_and_keeps_the_police_informed():
    advice = route(E.LABOUR)
    assert (advice.unit, advice.also) == (Unit.LABOUR_INSPECTORATE, (Unit.AVIM,))
    assert advice.reasons == (routing.REASON_LABOUR, routing.REASON_LABOUR_POLICE)


def test_no_routing_text_says_a_matter_is_not_for_the_police():
    """The Labour Authority and the AVIM teams both take labour exploitation (domain.md §5.4, §8)."""
    texts = [value for name, value in vars(routing).items() if name.startswith("REASON_")]
    assert texts and not [
        text for text in texts if "not by the police" in text or "not for the police" in text
    ]


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


def test_labour_exploitation_with_threats_adds_the_avim_team_and_the_local_team():
    advice = route(E.LABOUR, threats_or_unsafety=True)
    assert (advice.unit, advice.also) == (Unit.LABOUR_INSPECTORATE, (Unit.AVIM, Unit.BASISTEAM))
    assert advice.reasons == (routing.REASON_LABOUR, routing.REASON_LABOUR_POLICE, routing.REASON_THREATS)


def test_the_meldcode_adds_veilig_thuis_for_the_counsellor_only():
    advice = route(E.CRIMINAL, meldcode_applies=True)
    assert (advice.unit, advice.also, advice.reasons) == (Unit.AVIM, (), (routing.REASON_AVIM,))
    assert advice.veilig_thuis
    assert advice.counsellor_reasons == (routing.REASON_AVIM, routing.REASON_VEILIG_THUIS)
    assert "Veilig Thuis" not in {unit.value for unit in Unit}


def test_the_meldcode_alone_gives_veilig_thuis_and_no_police_unit():
    advice = route(meldcode_applies=True)
    assert advice.unit is None and advice.veilig_thuis
    assert advice.counsellor_reasons == (routing.REASON_NONE, routing.REASON_VEILIG_THUIS)


def test_without_the_meldcode_the_counsellor_reads_the_sheets_reasons():
    advice = route(E.SEXUAL)
    assert not advice.veilig_thuis and advice.counsellor_reasons == advice.reasons


def test_acute_danger_wins_over_the_meldcode():
    advice = route(meldcode_applies=True, acute_danger=True)
    assert advice.unit is Unit.EMERGENCY_112 and not advice.veilig_thuis


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


def _every_input():
    kinds = list(Exploitation)
    flags = ("sexual_offence", "threats_or_unsafety", "missing_person", "acute_danger", "meldcode_applies")
    for k_mask in range(2 ** len(kinds)):
        chosen = frozenset(kind for i, kind in enumerate(kinds) if k_mask >> i & 1)
        for f_mask in range(2 ** len(flags)):
            yield RoutingInput(chosen, **{flag: bool(f_mask >> i & 1) for i, flag in enumerate(flags)})


def test_every_combination_keeps_the_route_rules():
    """All 512 inputs: labour always reaches both the Labour Authority and a police team; units appear once."""
    seen = 0
    for given in _every_input():
        advice = suggest_route(given)
        units = [advice.unit, *advice.also] if advice.unit is not None else list(advice.also)
        assert len(units) == len(set(units)), given
        assert len(advice.reasons) == len(set(advice.reasons)), given
        if given.acute_danger:
            assert advice.unit is Unit.EMERGENCY_112 and not advice.use_sheet and not advice.veilig_thuis
            continue
        assert Unit.EMERGENCY_112 not in units
        assert advice.veilig_thuis is given.meldcode_applies
        assert (Unit.LABOUR_INSPECTORATE in units) is (Exploitation.LABOUR in given.exploitation)
        if Exploitation.LABOUR in given.exploitation:
            assert {Unit.AVIM, Unit.ZEDEN} & set(units), given
        assert routing.REASON_VEILIG_THUIS not in advice.reasons  # the sheet's reasons never name it
        seen += 1
    assert seen == 256
