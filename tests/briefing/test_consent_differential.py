"""Consent is a property of the output: a withheld section leaves no trace in any output (issue 10, must-have 3).

For generated preparations and every section S the client withheld, the sheet built with S withheld is
identical, in every format, to the sheet built from the same preparation with S's data removed (answers,
observations, settings of S): JSON, the sheet page (screen and print), the PDF file, the officer's page
and the client's copy. Nothing is normalised: ids and dates are fixed by the generator. The sheets are built
and rendered in memory (test_consent_differential_http.py serves one case through a database).
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections import Counter
from dataclasses import replace

import pytest

from easyreport.briefing.consent import SUSPECT_CARD, Decision, TeachBack
from easyreport.briefing.models import SheetSettings
from easyreport.briefing.routing import REASON_MISSING, REASON_THREATS, RoutingInput
from easyreport.briefing.service import BuiltSheet
from easyreport.translatable import translate
from tests.briefing.generated import (
    SETTINGS_OF,
    SETTINGS_OF_NO_SECTION,
    WITHHOLDABLE,
    Case,
    build,
    first_difference,
    generate,
    outputs,
    pdf_text,
    without,
)

pytestmark = pytest.mark.usefixtures("compiled_catalogues")

MIN_CASES = 500  # (preparation, withheld section) pairs checked on every format but the PDF
PDF_CASES = 40  # the PDF is slow: a smaller sample
TIMES: dict[str, float] = {}


def shared(case: Case, section: str) -> Case:
    if section == SUSPECT_CARD:
        return replace(case, card=Decision.YES.value, card_teach_back=TeachBack.COULD_EXPLAIN.value)
    return replace(case, decisions={**case.decisions, section: Decision.YES.value})


def test_every_setting_belongs_to_a_section_or_to_none():
    columns = {column.key for column in SheetSettings.__table__.columns} - {"routing"}
    routing = {f"routing.{item.name}" for item in dataclasses.fields(RoutingInput)}
    assigned = {key for keys in SETTINGS_OF.values() for key in keys} | SETTINGS_OF_NO_SECTION
    missing = sorted((columns | routing | {"age_band"}) - assigned)
    assert not missing, f"tests/briefing/generated.py: say which section these settings belong to: {missing}"
    assert set(SETTINGS_OF) <= set(WITHHOLDABLE)


def test_a_withheld_section_leaves_no_trace_in_json_html_officer_page_or_client_copy(app_without_database):
    checked: Counter[str] = Counter()
    differs_when_shared = 0
    route_leaks_possible = 0
    started = time.perf_counter()
    seed = 0
    with app_without_database.test_request_context():
        while sum(checked.values()) < MIN_CASES:
            seed += 1
            case = generate(seed)
            built = build(case)
            full = outputs(built, case.locale)
            for section in case.withheld:
                removed = without(case, section)
                reference = outputs(build(removed), case.locale)
                assert full == reference, (seed, section, first_difference(full, reference))
                checked[section] += 1
                # Not vacuous: with the section shared, its data does change the sheet.
                with_data, without_data = build(shared(case, section)), build(shared(removed, section))
                if isinstance(with_data, BuiltSheet) and isinstance(without_data, BuiltSheet):
                    differs_when_shared += with_data.sheet != without_data.sheet
                # The leak seen in trying the sheet: safety withheld, its route facts set, the goal shared.
                routing = case.settings["routing"]
                if (
                    section == "safety"
                    and case.decisions["goal"] == Decision.YES.value
                    and (routing["threats_or_unsafety"] or routing["missing_person"])
                    and isinstance(with_data, BuiltSheet)
                ):
                    route_leaks_possible += 1
                    reasons = with_data.sheet.route.routing.reasons  # type: ignore[union-attr]
                    assert {REASON_THREATS, REASON_MISSING} & set(reasons), "shared, the reason is there"
                    text = json.dumps(full["json"], ensure_ascii=False)
                    for reason in (REASON_THREATS, REASON_MISSING):
                        assert translate(reason, case.locale) not in text
    TIMES["differential"] = elapsed = time.perf_counter() - started
    total = sum(checked.values())
    print(
        f"\ndifferential: {total} cases from {seed} preparations in {elapsed:.1f} s, by section {dict(checked)}"
    )
    assert total >= MIN_CASES
    assert set(checked) == set(WITHHOLDABLE), "every section and the suspect card is withheld in some case"
    assert min(checked.values()) >= 40
    assert differs_when_shared >= 0.8 * total, (differs_when_shared, total)
    assert route_leaks_possible >= 10, route_leaks_possible


def test_a_withheld_section_leaves_no_trace_in_the_pdf(app_without_database):
    checked = 0
    started = time.perf_counter()
    seed = 10_000
    with app_without_database.test_request_context():
        while checked < PDF_CASES:
            seed += 1
            case = generate(seed)
            built = build(case)
            if not isinstance(built, BuiltSheet):
                continue
            full = outputs(built, case.locale, pdf=True)
            # Three withheld sections per preparation at most, so the sample spreads over preparations.
            for section in case.withheld[:3]:
                reference = outputs(build(without(case, section)), case.locale, pdf=True)
                if full["pdf"] != reference["pdf"]:  # the files differ: say where their text does
                    texts = [{"pdf": pdf_text(outs["pdf"])} for outs in (full, reference)]
                    pytest.fail(f"{(seed, section)} {first_difference(*texts)}")
                checked += 1
    elapsed = time.perf_counter() - started
    print(f"\ndifferential PDF: {checked} cases in {elapsed:.1f} s")
    assert checked >= PDF_CASES
