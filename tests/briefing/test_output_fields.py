"""The output-field registry holds every field any output prints (issue 10, must-have 1).

Three checks: every attribute of the Sheet has an entry (or is listed as never printed); the JSON builder
prints only registered JSON paths, and every one of them; and the templates, rendered with a sheet whose
every text field carries a unique marker, print exactly the markers of the fields registered for them.
"""

from __future__ import annotations

import dataclasses
import re
import types
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, Union, get_args, get_origin, get_type_hints

import pytest

from easyreport.briefing import output_fields as of
from easyreport.briefing import service
from easyreport.briefing.card_render import Layout, render_card_html, render_card_pdf
from easyreport.briefing.consent import CONFLICT_OF_DUTIES_QUESTIONS, Consent, Decision
from easyreport.briefing.meta_choices import AbsenceReason, CounsellorRole
from easyreport.briefing.models import SheetSettings
from easyreport.briefing.name_and_language import NameAndLanguage
from easyreport.briefing.needs import NEEDS, SECTIONS
from easyreport.briefing.output_fields import Output
from easyreport.briefing.process_info import Urgency
from easyreport.briefing.render import typeset_pdf
from easyreport.briefing.routing import RoutingAdvice, RoutingInput, Unit
from easyreport.briefing.rule_model import Kind, Recommendation, Rule, any_of
from easyreport.briefing.sheet import (
    Goal,
    IdentificationLevel,
    RouteChoices,
    RouteInfo,
    Sheet,
    SheetMeta,
    SheetSection,
    sheet_to_json,
)
from easyreport.briefing.suspect import LawyerStatus, SuspectInfo
from easyreport.content.languages import OTHER_LANGUAGE
from easyreport.preparation.models import Preparation
from tests.briefing.generated import SHARE_ID, outputs, pdf_text

pytestmark = pytest.mark.usefixtures("compiled_catalogues")

FACT_PARTS = ("label", "value")  # SheetSection.facts holds (label, value) pairs
# Registry keys that are not attributes of the Sheet: fixed texts, the JSON's own keys, the client's copy and card.
# Fixed texts the outputs print that are no stored attribute of the Sheet (terms is a property).
VIRTUAL = {
    "schema",
    "locale",
    "title",
    "top_three.title",
    "route.routing.note",
    "sections[].title",
    "suspect_block.title",
    "suspect_block.lines",
    "terms.title",
    "terms",
    "recommendations[].placement",  # computed by sheet.sheet_layout
    "sections[].facts[].source",  # computed from the fact's label (sheet.fact_source)
    "recommendations[].sources",  # computed from the needs and facts (sheet.advice_sources)
}


def _unwrap(hint: Any) -> Any:
    if get_origin(hint) in (Union, types.UnionType):
        rest = [arg for arg in get_args(hint) if arg is not type(None)]
        return rest[0] if len(rest) == 1 else hint
    return hint


def attribute_paths(cls: type, prefix: str = "") -> Iterator[str]:
    """Yield the path of every leaf attribute of a (nested) dataclass, "[]" marking sequence elements."""
    for name, hint in get_type_hints(cls).items():
        path = prefix + name
        hint = _unwrap(hint)
        if get_origin(hint) is tuple and get_args(hint)[-1:] == (Ellipsis,):
            element = _unwrap(get_args(hint)[0])
            if get_origin(element) is tuple:  # the (label, value) facts
                yield from (f"{path}[].{part}" for part in FACT_PARTS)
                continue
            if not dataclasses.is_dataclass(element):
                yield path  # a list of plain values is one field
                continue
            path, hint = path + "[]", element
        if dataclasses.is_dataclass(hint):
            yield from attribute_paths(hint, path + ".")  # type: ignore[arg-type]
        else:
            yield path


SHEET_PATHS = sorted(set(attribute_paths(Sheet)))


def test_every_attribute_of_the_sheet_has_an_entry():
    assert len(SHEET_PATHS) > 40
    missing = [p for p in SHEET_PATHS if of.field_for(p) is None and not of.not_printed(p)]
    assert not missing, (
        "these Sheet attributes have no entry in easyreport/briefing/output_fields.py: add an OutputField "
        f"to FIELDS (consent section, structured or checked text, outputs) or a NOT_PRINTED reason: {missing}"
    )


def test_every_entry_names_an_attribute_that_exists():
    known = set(SHEET_PATHS) | VIRTUAL
    stale = [
        f.key for f in of.FIELDS if f.key not in known and not f.key.startswith(("client_copy.", "card."))
    ]
    assert not stale, f"output_fields.FIELDS names attributes the Sheet no longer has: {stale}"
    stale_not_printed = [key for key in of.NOT_PRINTED if not any(p.startswith(key) for p in SHEET_PATHS)]
    assert not stale_not_printed, stale_not_printed
    assert len({f.key for f in of.FIELDS}) == len(of.FIELDS), "one entry per field"


@pytest.mark.parametrize("owner", [RouteChoices, RoutingInput, SheetMeta, NameAndLanguage])
def test_every_builder_input_has_a_section_and_no_entry_is_stale(owner):
    names = {f"{owner.__name__}.{item.name}" for item in dataclasses.fields(owner)}
    registered = {key for key in of.INPUT_SECTIONS if key.startswith(owner.__name__ + ".")}
    assert names - registered == set(), f"add these to output_fields.INPUTS: {sorted(names - registered)}"
    assert registered - names == set(), f"stale entries in output_fields.INPUTS: {sorted(registered - names)}"


def test_an_unregistered_input_stops_the_build_and_names_itself():
    @dataclasses.dataclass(frozen=True)
    class Probe:
        lawyer_contact: str = ""

    with pytest.raises(of.UnregisteredField, match=r"Probe\.lawyer_contact"):
        of.consented(Probe("x"), set(SECTIONS))


def test_consented_resets_exactly_the_fields_of_withheld_sections():
    given = RoutingInput.from_values(
        ["sexual"], sexual_offence=True, threats_or_unsafety=True, missing_person=True
    )
    assert of.consented(given, set(SECTIONS)) == given
    assert of.consented(given, set(SECTIONS) - {"safety"}) == RoutingInput.from_values(
        ["sexual"], sexual_offence=True
    )
    assert of.consented(given, set(SECTIONS) - {"goal"}) == RoutingInput(
        threats_or_unsafety=True, missing_person=True
    )
    acute = RoutingInput(acute_danger=True)
    assert of.consented(acute, set()) == acute  # a gate, never stripped
    route = RouteChoices(goal=Goal.REPORT, routing=given, possible_suspect=True, urgency=Urgency.SOON)
    assert of.consented(route, set(SECTIONS) - {"goal"}) == RouteChoices()


# ------------------------------------------------------------------------------------ the marker sheet


class Markers:
    """Unique marker strings, each standing for one registry key."""

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        marker = f"Mk{len(self.keys):03d}x"
        self.keys[marker] = key
        return marker

    def found(self, text: str) -> set[str]:
        return set(re.findall(r"Mk\d{3}x", text))


def _text_fields(cls: type) -> list[str]:
    return [name for name, hint in get_type_hints(cls).items() if _unwrap(hint) is str]


def marker_sheet(mark: Markers) -> Sheet:
    """A sheet with every text field set to a marker and every section shared; built directly, not computed."""
    created = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
    # Every text field of the meta gets a marker, also one added later: a template printing it is then caught.
    meta_values: dict[str, Any] = {name: mark(f"meta.{name}") for name in _text_fields(SheetMeta)}
    meta = SheetMeta(
        **meta_values,
        created=created,
        valid_until=created + timedelta(days=30),
        prepared_by_role=CounsellorRole.SOCIAL_WORKER,
        prepared_with_client=False,
        not_with_client_reason=AbsenceReason.OTHER,
        identification=IdentificationLevel.NAME,
        version=7,
    )
    consent_values: dict[str, Any] = {name: mark(f"consent.{name}") for name in _text_fields(Consent)}
    consent = Consent(
        **consent_values,
        decisions=dict.fromkeys(SECTIONS, Decision.YES),
        teach_back="partly",  # type: ignore[arg-type]
        legal_basis="conflict_of_duties",  # type: ignore[arg-type]
        legal_ground="danger_to_client",  # type: ignore[arg-type]
        recorded_at=created,
        method="written",  # type: ignore[arg-type]
        informed_of_duty_to_act=True,
        reasoning={q.id: mark("consent.reasoning") for q in CONFLICT_OF_DUTIES_QUESTIONS},
    )
    sections = tuple(
        SheetSection(
            section,
            Decision.YES,
            tuple(need.id for need in NEEDS.values() if need.section == section)[:2],
            ((mark("sections[].facts[].label"), mark("sections[].facts[].value")),),
            tuple(need.id for need in NEEDS.values() if need.section == section)[1:2],
        )
        for section in SECTIONS
    )
    recommendations = tuple(
        Recommendation(
            Rule(
                id=mark("recommendations[].rule.id"),
                when=any_of("short_sentences"),
                kind=kind,
                text=mark("recommendations[].rule.text"),
                priority=n,
                section=SECTIONS[n % len(SECTIONS)],
                source=mark("recommendations[].rule.source"),
                # Two are arranged before the interview (page one: priority 1 and 2), three are questioning.
                arrange="room" if n in (1, 2) else None,
            ),
            frozenset({"short_sentences"}),
        )
        for n, kind in enumerate([Kind.DO, Kind.DONT, Kind.DO, Kind.DO, Kind.DONT], start=1)
    )
    route = RouteInfo(
        goal=Goal.REPORT,
        routing=RoutingAdvice(Unit.AVIM, (Unit.BASISTEAM,), (mark("route.routing.reasons"),)),
        possible_suspect=True,
        urgency=Urgency.SOON,
        informed_about=("time_to_think",),
    )
    return Sheet(
        meta=meta,
        consent=consent,
        sections=sections,
        route=route,
        consent_needs=("limited_overview",),
        recommendations=recommendations,
        top_three=recommendations[:3],
        top_chosen_by_counsellor=True,
        statement=mark("statement"),
        suspect=SuspectInfo(lawyer=LawyerStatus.YES, lawyer_contact=mark("suspect.lawyer_contact")),
        name_and_language=NameAndLanguage(
            preferred_name=mark("name_and_language.preferred_name"),
            interpreter_language=OTHER_LANGUAGE,
            interpreter_language_other=mark("name_and_language.interpreter_language_other"),
        ),
    )


def marker_built(sheet: Sheet) -> service.BuiltSheet:
    settings = SheetSettings(preparation_id=1, sheet_id="x", routing={}, goal="report")
    data = service.derive({}, {}, None, settings)
    preparation = Preparation(
        id=1, public_id="marker-prep", client_code="A7", age_band="18-22", client_locale="nl"
    )
    return service.BuiltSheet(sheet, settings, data, preparation)


def json_leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from json_leaves(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for item in value:
            yield from json_leaves(item, path + "[]")
    else:
        yield path, value


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_the_json_builder_prints_registered_paths_only_and_every_one_of_them(locale):
    mark = Markers()
    leaves = list(json_leaves(sheet_to_json(marker_sheet(mark), locale)))
    printed = {path for path, _value in leaves}
    unregistered = sorted(printed - of.json_paths())
    assert not unregistered, (
        f"sheet_to_json prints paths without an entry in output_fields.FIELDS: {unregistered}"
    )
    assert sorted(of.json_paths() - printed) == [], "registered JSON paths the full sheet does not print"
    seen = set()
    for path, value in leaves:
        for marker in mark.found(str(value)):
            field = of.field_for(mark.keys[marker])
            assert field is not None, (path, mark.keys[marker])
            assert path in field.json, f"{mark.keys[marker]} printed at {path}, registered at {field.json}"
            seen.add(marker)
    expected = {m for m, key in mark.keys.items() if (f := of.field_for(key)) and Output.JSON in f.outputs}
    assert expected - seen == set(), sorted(mark.keys[m] for m in expected - seen)


def _check_markers(mark: Markers, text: str, output: Output, where: str, also: Output | None = None) -> None:
    outputs = {output} if also is None else {output, also}
    found = mark.found(text)
    for marker in found:
        key = mark.keys[marker]
        field = of.field_for(key)
        assert field is not None and outputs & field.outputs, (
            f"{where} prints {key}, which output_fields.FIELDS does not register for {output.value}"
        )
    expected = {m for m, key in mark.keys.items() if (f := of.field_for(key)) and outputs & f.outputs}
    assert expected - found == set(), f"{where} leaves out {sorted({mark.keys[m] for m in expected - found})}"


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_the_templates_print_registered_fields_only_and_every_one_of_them(app, locale):
    mark = Markers()
    built = marker_built(marker_sheet(mark))
    with app.test_request_context():
        out = outputs(built, locale, pdf=locale == "nl")
    assert SHARE_ID in out["officer"]
    _check_markers(mark, out["screen"], Output.SHEET, "the sheet page (screen and print)", Output.SCREEN)
    _check_markers(mark, out["document"], Output.SHEET, "the PDF's document")
    _check_markers(mark, out["officer"], Output.OFFICER, "the officer's page")
    _check_markers(mark, out["client_copy"], Output.CLIENT_COPY, "the client's copy")
    if locale == "nl":
        _check_markers(mark, pdf_text(out["pdf"]), Output.SHEET, "the PDF")


@pytest.mark.parametrize("client_locale", ["nl", "ar"])
def test_the_card_prints_registered_fields_only_and_every_one_of_them(app, client_locale):
    # The card's needs and helps are fixed client words, chosen by need id: only the contact and the
    # preferred name are values of the sheet, and no other marker may reach the card, in HTML or the PDF.
    mark = Markers()
    built = marker_built(marker_sheet(mark))
    built = dataclasses.replace(
        built,
        preparation=Preparation(id=1, public_id="marker-prep", client_code="A7", client_locale=client_locale),
    )
    with app.test_request_context():
        for layout in Layout:
            html = render_card_html(built, layout)
            _check_markers(mark, html, Output.CARD, f"the card ({layout.value})")
        _check_markers(mark, pdf_text(render_card_pdf(built)), Output.CARD, "the card's PDF")


def test_the_pdf_typesetter_keeps_the_markers_apart():
    # pdf_text must see each marker whole, or the PDF check above would prove nothing.
    html = "<html><body><p>Mk001x Mk002x</p></body></html>"
    assert Markers().found(pdf_text(typeset_pdf(html))) == {"Mk001x", "Mk002x"}


def test_the_free_text_that_can_reach_an_output_is_named():
    # What the needs-only check must cover (issue 10, must-have 1 and 5): today's typed fields.
    assert set(of.checked_text_keys()) == {
        "meta.prepared_by_organisation",
        "meta.contact_name",
        "meta.identification_value",
        "consent.asked_by",
        "suspect.lawyer_contact",
        # issue 12: the name the client wants to be called and a language not on the list
        "name_and_language.preferred_name",
        "name_and_language.interpreter_language_other",
    }
