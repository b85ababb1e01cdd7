"""Benchmark the sheet PDF against WeasyPrint rendering a one-paragraph page, in the same run.

Run from the repository root:  PYTHONPATH=. python benchmarks/sheet_pdf.py [--rounds 15]

Full sheet: a preparation with every question answered, an observation in every module, every section
shared, the suspect mark set (so the most rules fire). Baseline: WeasyPrint writing a one-paragraph HTML
page as PDF/UA-1. Goal: a warm sheet PDF <= 3x baseline.

Two figures for the sheet, both through ``render_sheet_pdf`` (read from the database, build the sheet,
render the template to HTML, then the PDF):
- typeset: the first PDF after a change (new consent, new settings), when WeasyPrint lays out and writes
  the tagged PDF; this happens once per consent version and language;
- warm: every later download of the same sheet; the sheet and its HTML are still built and checked, and
  the stored PDF typeset from exactly that HTML is handed back (easyreport/briefing/pdf_store.py).
"""

from __future__ import annotations

import argparse
import base64
import io
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from weasyprint import HTML

from easyreport import create_app
from easyreport.accounts import service as accounts
from easyreport.briefing import pdf_store, render, service
from easyreport.briefing.consent import Consent
from easyreport.briefing.meta_choices import CounsellorRole
from easyreport.briefing.needs import SECTIONS
from easyreport.briefing.organisations import add_organisation, organisation_names
from easyreport.briefing.routing import RoutingInput
from easyreport.briefing.sheet import Goal, IdentificationLevel
from easyreport.content.observations import OBSERVATIONS
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.preparation import service as preparations
from easyreport.roles import Role
from easyreport.timeutil import utcnow

PARAGRAPH = (
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Alinea</title></head>'
    "<body><p>Dit blad beschrijft alleen behoeften. Het bevat geen informatie over wat er gebeurd is.</p>"
    "</body></html>"
)


def timed(
    function: Callable[[], object], rounds: int, before: Callable[[], object] = lambda: None
) -> list[float]:
    """Run twice to warm up, then time each of ``rounds`` runs; ``before`` runs untimed before each."""
    for _ in range(2):
        before()
        function()
    times = []
    for _ in range(rounds):
        before()
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def full_preparation(owner_id: int) -> str:
    """Answer every question with its second content answer (or all answers for several-choice ones)."""
    now = utcnow()
    preparation = preparations.create(db.session, owner_id, "B12", "16-17", "en", now=now)
    for question in QUESTIONNAIRE:
        options = question.content_options
        chosen = (
            [o.id for o in options]
            if not question.kind.single_choice
            else [options[min(1, len(options) - 1)].id]
        )
        preparations.record_answer(
            db.session, preparation, QUESTIONNAIRE, question.id, chosen, entered_by="client", now=now
        )
    for module in QUESTIONNAIRE.modules:
        ticks = [o.id for o in OBSERVATIONS if o.module_id == module.id][:2]
        if ticks:
            preparations.record_observation(db.session, preparation, module.id, ticks, "", now=now)
    # The admin enters the organisation once; the counsellor chooses it.
    if "Koraal" not in organisation_names(db.session):
        add_organisation(db.session, "Koraal", confirmed=True, locale="nl")
    service.save_settings(
        db.session,
        preparation,
        service.SettingsInput(
            goal=Goal.UNDECIDED,
            identification=IdentificationLevel.PSEUDONYM,
            identification_value="B12",
            routing=RoutingInput.from_values(["criminal", "labour"], threats_or_unsafety=True),
            possible_suspect=True,
            prepared_by_role=CounsellorRole.SUPPORT_WORKER.value,
            prepared_by_organisation="Koraal",
            prepared_with_client=True,
            not_with_client_reason="",
        ),
        now=now,
    )
    settings, data = service.ready_for_consent(db.session, preparation)
    consent = Consent(
        decisions=dict.fromkeys(SECTIONS, "yes"),
        teach_back="partly",
        legal_basis="consent",
        asked_by=settings.prepared_by_role,
        recorded_at=now,
        method="oral",
        answers_fingerprint=data.fingerprint,
        informed_of_duty_to_act=True,
    )
    service.record_consent(db.session, preparation, consent, asked_by_id=owner_id)
    db.session.commit()
    return preparation.public_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "ENV": "development",
                "SECRET_KEY": secrets.token_urlsafe(32),
                "DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.sqlite'}",
                "ENCRYPTION_KEYS": f"bench:{key}",
                "AUDIT_KEY": key,
            }
        )
        with app.test_request_context():
            db.create_all()
            owner = accounts.create_account(
                db.session, "bench", Role.COUNSELLOR, "bench password", min_length=1
            )
            db.session.flush()
            public_id = full_preparation(owner.id)
            preparation = preparations.owned(db.session, owner.id, public_id)

            pdf = render.render_sheet_pdf(preparation, "nl")
            reader = PdfReader(io.BytesIO(pdf))
            built = service.build_for(db.session, preparation, now=utcnow())
            sheet = built.sheet
            print(
                f"full sheet: {len(reader.pages)} pages, {len(sheet.recommendations)} recommendations, "
                f"{sum(len(s.facts) for s in sheet.sections)} facts, {len(pdf) // 1024} KiB"
            )

            baseline = timed(lambda: HTML(string=PARAGRAPH).write_pdf(pdf_variant="pdf/ua-1"), args.rounds)
            build = timed(lambda: service.build_for(db.session, preparation, now=utcnow()), args.rounds)
            template = timed(
                lambda: render.render_sheet_html(built, "nl", template=render.DOCUMENT_TEMPLATE, pdf=True),
                args.rounds,
            )
            typeset = timed(
                lambda: render.render_sheet_pdf(preparation, "nl"),
                args.rounds,
                before=lambda: pdf_store.forget(db.session, preparation.id),
            )
            render.render_sheet_pdf(preparation, "nl")
            db.session.commit()
            warm = timed(lambda: render.render_sheet_pdf(preparation, "nl"), args.rounds)

    base = statistics.median(baseline)
    rows = [
        ("WeasyPrint, one paragraph (baseline)", baseline),
        ("  sheet: read + build (no render)", build),
        ("  sheet: template to HTML", template),
        ("sheet PDF, typeset (after a change)", typeset),
        ("sheet PDF, warm (read, build, HTML, PDF)", warm),
    ]
    print(f"{'':42} {'median':>9} {'min':>9} {'x baseline':>11}")
    for label, times in rows:
        median = statistics.median(times)
        print(f"{label:42} {median * 1000:8.1f}ms {min(times) * 1000:8.1f}ms {median / base:10.1f}x")
    ratio = statistics.median(warm) / base
    print(f"goal, warm sheet PDF <= 3x baseline: {'met' if ratio <= 3 else 'NOT met'} ({ratio:.1f}x)")
    print(
        f"typesetting, once per consent version and language: {statistics.median(typeset) / base:.1f}x baseline"
    )


if __name__ == "__main__":
    main()
