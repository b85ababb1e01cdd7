"""Render a built sheet as an HTML page, a tagged PDF or JSON, always in the reader's language.

The officer's (or previewing counsellor's) language is passed in explicitly and forced for the whole
rendering, so the language the client answered in can never leak onto the sheet: every text on it is
an msgid translated here. Sharing calls the same three functions with the officer's locale:

    render_sheet_html(source, locale, *, template=PAGE_TEMPLATE, **context) -> str
    render_sheet_pdf(source, locale) -> bytes
    sheet_json_document(source, locale) -> dict
    sheet_attachment(built, body, extension, mimetype) -> Response   (the download of a PDF or JSON)

The views get the sheet through kept.py, which stores what render_sheet_body / render_sheet_document give,
and show it with render_page_around (the page) and pdf_of_document (the PDF).

``source`` is a BuiltSheet (service.build_for) or a Preparation (built here; may raise SheetBlocked).
They need an application context (templates, the database session for a Preparation).
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from flask import Response, render_template
from flask_babel import force_locale
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint import __version__ as weasyprint_version
from weasyprint.urls import URLFetcher, URLFetcherResponse

from easyreport.briefing import pdf_store, service, suspect, terms
from easyreport.briefing.consent import (
    DECISION_LABELS,
    LEGAL_BASIS_LABELS,
    LEGAL_GROUND_LABELS,
    METHOD_LABELS,
    TEACH_BACK_LABELS,
)
from easyreport.briefing.needs import SECTION_TITLES, SECTIONS, get_need
from easyreport.briefing.process_info import URGENCY_LABELS, split_informed
from easyreport.briefing.routing import POLICE_DECIDE, UNIT_LABELS
from easyreport.briefing.rule_model import Recommendation
from easyreport.briefing.sheet import (
    GOAL_LABELS,
    IDENTIFICATION_LABELS,
    SOURCE_LABELS,
    SOURCE_LEGEND,
    SOURCE_MARKS,
    TITLE,
    TOP_THREE_TITLE,
    FactSource,
    Sheet,
    SheetSection,
    advice_sources,
    answer_states,
    fact_source,
    observation_shows,
    sheet_layout,
    sheet_to_json,
)
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.paths import STATIC_DIR
from easyreport.preparation.models import Preparation
from easyreport.timeutil import utcnow
from easyreport.translatable import N_

PAGE_TEMPLATE = "briefing/sheet_page.html"
# The sheet itself, shared by the pages and the document; the two templates above print it as sheet_body.
BODY_TEMPLATE = "briefing/_sheet.html"
DOCUMENT_TEMPLATE = "briefing/sheet_document.html"
# Dates on the sheet are read in the Netherlands; storage stays UTC.
DISPLAY_ZONE = ZoneInfo("Europe/Amsterdam")


# ------------------------------------------------------------------------------------- view model


@dataclass(frozen=True)
class SourceGroup:
    """The points of one section from one source, each printed once: (label or "", values)."""

    source: str  # FactSource value
    label: str  # "The client says", "The counsellor saw", "Inferred from answers", "Recorded"
    # (fact label, ((value, the counsellor saw it too), ...)); "" label for a point with its own text
    points: tuple[tuple[str, tuple[tuple[str, bool], ...]], ...]


@dataclass(frozen=True)
class SectionView:
    """One section as the template shows it: its points grouped by source, or 'not shared'."""

    id: str
    title: str
    pictogram: str
    shared: bool
    status: str
    groups: tuple[SourceGroup, ...]
    also_seen: bool = False  # a client answer is marked "the counsellor saw this too"


# Translators: the legend of the star after a client's answer: the counsellor observed the same.
ALSO_SEEN_NOTE = N_("* The counsellor saw this too.")


def _groups(section: SheetSection) -> tuple[tuple[SourceGroup, ...], bool]:
    """Group a section's points by source; an observation the client's answer already states is marked there.

    Returns the groups and whether any client answer carries the "the counsellor saw this too" mark.
    """
    client_facts = [
        (label, value) for label, value in section.facts if fact_source(label) is FactSource.CLIENT
    ]
    confirmed: set[tuple[str, str]] = set()
    by_source: dict[FactSource, dict[str, list[str]]] = {}
    for label, value in section.facts:
        source = fact_source(label)
        if source is FactSource.COUNSELLOR:
            seen = observation_shows(value)
            match = next((fact for fact in client_facts if seen and seen <= answer_states(*fact)), None)
            if match is not None:
                confirmed.add(match)  # printed once, with the client's answer, marked
                continue
        # Observations and the age carry their own text: no label repeated before each of them.
        key = label if source is FactSource.CLIENT else ""
        values = by_source.setdefault(source, {}).setdefault(key, [])
        if value not in values:
            values.append(value)
    if section.inferred:
        by_source[FactSource.INFERRED] = {"": [get_need(need_id).label for need_id in section.inferred]}
    groups = tuple(
        SourceGroup(
            source.value,
            SOURCE_LABELS[source],
            tuple(
                (label, tuple((value, (label, value) in confirmed) for value in values))
                for label, values in by_source[source].items()
            ),
        )
        for source in (FactSource.RECORD, FactSource.CLIENT, FactSource.COUNSELLOR, FactSource.INFERRED)
        if source in by_source
    )
    return groups, bool(confirmed)


def _section_view(section: SheetSection) -> SectionView:
    groups, also_seen = _groups(section)
    return SectionView(
        id=section.id,
        title=section.title,
        pictogram=QUESTIONNAIRE.module(section.id).pictogram,
        shared=section.shared,
        status=DECISION_LABELS[section.decision],
        groups=groups,
        also_seen=also_seen,
    )


def _by_topic(recs: tuple[Recommendation, ...]) -> list[tuple[str, list[Recommendation]]]:
    # Grouped by topic in the order of the sections, by priority within a topic: an officer looks up
    # "what about breaks?" on the list; which points are printed was decided by priority (sheet_layout).
    by_section: dict[str, list[Recommendation]] = {}
    for rec in recs:
        by_section.setdefault(rec.rule.section, []).append(rec)
    return [(SECTION_TITLES[section], by_section[section]) for section in SECTIONS if section in by_section]


def _local(moment: datetime) -> datetime:
    return moment.astimezone(DISPLAY_ZONE)


def tel_uri_number(phone: str) -> str:
    """Return a phone number as a tel: link needs it: digits only, with a leading + kept."""
    digits = "".join(char for char in phone if char.isdigit())
    return "+" + digits if phone.lstrip().startswith("+") else digits


def sheet_context(sheet: Sheet, locale: str) -> dict[str, Any]:
    """Return everything the sheet template shows; texts stay msgids, translated by the template."""
    layout = sheet_layout(sheet)
    meta, consent, route = sheet.meta, sheet.consent, sheet.route
    routing = route.routing if route is not None else None
    # Nothing either way when the goal section is withheld or the counsellor was never asked.
    informed = route.informed_about if route is not None else None
    explained, still_to_explain = split_informed(informed) if informed is not None else ((), ())
    return {
        "sheet": sheet,
        "title": TITLE,
        "statement": sheet.statement,
        "top_title": TOP_THREE_TITLE,
        "top_three": layout.top_three,
        "arrange": layout.arrange,
        "arrange_also": layout.arrange_also,
        "warnings": layout.warnings,
        "do_groups": _by_topic(layout.dos),
        "dont_groups": _by_topic(layout.donts),
        "more_groups": _by_topic(layout.more),
        "more_count": len(layout.more) + sum(len(topic.items) for topic in layout.arrange_also),
        "sections": [_section_view(section) for section in sheet.sections],
        "also_seen_note": ALSO_SEEN_NOTE,
        "source_legend": SOURCE_LEGEND,
        # Where each piece of advice comes from, printed after it: each point once, with its source.
        "sources": {
            rec.id: [SOURCE_MARKS[source] for source in advice_sources(sheet, rec)]
            for rec in sheet.recommendations
        },
        "identification": IDENTIFICATION_LABELS[meta.identification],
        "created": format_date(_local(meta.created), format="long", locale=locale),
        "valid_until": format_date(_local(meta.valid_until), format="long", locale=locale),
        "goal": GOAL_LABELS[route.goal] if route is not None and route.goal is not None else None,
        # Why there is no goal or route on the sheet: the goal card's decision.
        "goal_status": DECISION_LABELS[consent.decisions["goal"]],
        "urgency": URGENCY_LABELS[route.urgency] if route is not None and route.urgency is not None else None,
        "explained": [point.sheet_label for point in explained],
        "still_to_explain": [point.sheet_label for point in still_to_explain],
        "unit": UNIT_LABELS[routing.unit] if routing is not None and routing.unit is not None else None,
        "also": [UNIT_LABELS[unit] for unit in routing.also] if routing is not None else [],
        "reasons": list(routing.reasons) if routing is not None else [],
        "police_decide": POLICE_DECIDE,
        "legal_basis": LEGAL_BASIS_LABELS[consent.legal_basis],
        "teach_back": TEACH_BACK_LABELS[consent.teach_back],
        "method": METHOD_LABELS[consent.method],
        "consent_at": format_datetime(_local(consent.recorded_at), format="medium", locale=locale),
        "consent_needs": [get_need(need_id).label for need_id in sheet.consent_needs],
        "contact_tel": tel_uri_number(meta.contact_phone),
        # The ground's name only, never the counsellor's reasoning.
        "legal_ground": None if consent.legal_ground is None else LEGAL_GROUND_LABELS[consent.legal_ground],
        # The suspect block: only with the client's consent to its card (sheet.suspect is None otherwise).
        "suspect": sheet.suspect,
        "suspect_title": suspect.TITLE,
        "suspect_lines": suspect.LINES,
        "lawyer": None
        if sheet.suspect is None or sheet.suspect.lawyer is None
        else suspect.LAWYER_LABELS[sheet.suspect.lawyer],
        "terms_title": terms.TITLE,
        "terms": [text for _id, text in sheet.terms],
    }


# ------------------------------------------------------------------------------------------ sources


def _built(source: service.BuiltSheet | Preparation) -> service.BuiltSheet:
    if isinstance(source, service.BuiltSheet):
        return source
    return service.build_for(db.session, source, now=utcnow())


def _render(template: str, built: service.BuiltSheet, locale: str, **context: Any) -> str:
    with force_locale(locale):
        shown = sheet_context(built.sheet, locale)
        # The body on its own first: it is what sheet_store keeps (kept.py), so a kept body and a fresh
        # one come from the same template with the same values.
        body = _body(shown, locale, pdf=bool(context.get("pdf")))
        return render_template(
            template,
            built=built,
            preparation=built.preparation,
            sheet_locale=locale,
            sheet_id=built.sheet.meta.sheet_id,
            sheet_body=Markup(body),  # noqa: S704 - our own template's output, escaped there
            **shown,
            **context,
        )


def _body(shown: dict[str, Any], locale: str, *, pdf: bool) -> str:
    return render_template(BODY_TEMPLATE, sheet_locale=locale, pdf=pdf, **shown)


def render_sheet_body(built: service.BuiltSheet, locale: str) -> str:
    """Render the sheet's body for a web page in ``locale`` (what kept.py stores for the pages)."""
    with force_locale(locale):
        return _body(sheet_context(built.sheet, locale), locale, pdf=False)


def render_sheet_html(
    source: service.BuiltSheet | Preparation, locale: str, *, template: str = PAGE_TEMPLATE, **context: Any
) -> str:
    """Render the sheet as a web page in ``locale``; extra context goes to the template (e.g. actions)."""
    return _render(template, _built(source), locale, **context)


def render_page_around(
    sheet_id: str,
    body: str,
    locale: str,
    preparation: Preparation | None,
    *,
    template: str = PAGE_TEMPLATE,
    **context: Any,
) -> str:
    """Render a page template around a sheet body rendered before (kept.py); the page gets no sheet object."""
    with force_locale(locale):
        return render_template(
            template,
            preparation=preparation,
            sheet_locale=locale,
            title=TITLE,
            sheet_id=sheet_id,
            sheet_body=Markup(body),  # noqa: S704 - our own template's output, escaped when it was rendered
            **context,
        )


# ----------------------------------------------------------------------------------------------- PDF


class StaticOnlyFetcher(URLFetcher):
    """Let WeasyPrint read files under static/ and nothing else: no network, no other files."""

    def __init__(self, root: Path = STATIC_DIR) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=False)
        self._root = root.resolve()

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """Return a file under the static folder; raise ValueError for anything else."""
        parsed = urlparse(url)
        if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
            raise ValueError(f"only local static files may be used: {url}")
        path = Path(unquote(parsed.path)).resolve()
        if not path.is_relative_to(self._root) or not path.is_file():
            raise ValueError(f"not a static file: {url}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})


PDF_STYLESHEETS = ("css/sheet.css", "css/sheet-pdf.css")
_BASE_URL = STATIC_DIR.resolve().as_uri() + "/"
_FETCHER = StaticOnlyFetcher()


@cache
def _stylesheet(path: str, _mtime_ns: int) -> tuple[str, CSS]:
    text = (STATIC_DIR / path).read_text(encoding="utf-8")
    return text, CSS(string=text, base_url=_BASE_URL, url_fetcher=_FETCHER)


def _pdf_stylesheets(paths: tuple[str, ...] = PDF_STYLESHEETS) -> list[tuple[str, CSS]]:
    # Parsed once per file version: parsing the same CSS for every PDF costs more than laying out a page.
    return [_stylesheet(path, (STATIC_DIR / path).stat().st_mtime_ns) for path in paths]


def render_sheet_document(built: service.BuiltSheet, locale: str) -> str:
    """Render the HTML the PDF (and print) is made from: the sheet template without section pictograms."""
    return _render(DOCUMENT_TEMPLATE, built, locale, pdf=True)


def typeset_pdf(html: str, stylesheet_paths: tuple[str, ...] = PDF_STYLESHEETS) -> bytes:
    """Typeset a document as a tagged PDF (PDF/UA-1), from local static files only (the sheet's CSS by default)."""
    stylesheets = _pdf_stylesheets(stylesheet_paths)
    document = HTML(string=html, base_url=_BASE_URL, url_fetcher=_FETCHER)
    pdf: bytes = document.write_pdf(stylesheets=[css for _text, css in stylesheets], pdf_variant="pdf/ua-1")
    return pdf


def render_sheet_pdf(source: service.BuiltSheet | Preparation, locale: str) -> bytes:
    """Return the sheet as a tagged PDF (PDF/UA-1) in ``locale``, from local static files only.

    The sheet and its HTML are built anew every time; the typesetting is skipped when exactly this
    document was typeset before (pdf_store.py).
    """
    built = _built(source)
    html = render_sheet_document(built, locale)
    return pdf_of_document(html, built.preparation.id, locale, valid_until=built.sheet.meta.valid_until)


def pdf_of_document(html: str, preparation_id: int, locale: str, *, valid_until: datetime) -> bytes:
    """Return the PDF of a sheet document (render_sheet_document), typeset only when not stored yet."""
    stylesheets = _pdf_stylesheets()
    digest = pdf_store.document_digest(html, [text for text, _css in stylesheets], weasyprint_version)
    stored = pdf_store.find(db.session, preparation_id, locale, digest)
    if stored is not None:
        return stored
    pdf = typeset_pdf(html)
    pdf_store.keep(db.session, preparation_id, locale, digest, pdf, valid_until=valid_until, now=utcnow())
    return pdf


def sheet_attachment(
    source: service.BuiltSheet | str, body: bytes | str, extension: str, mimetype: str
) -> Response:
    """Return a sheet export as a download named after the sheet (e.g. ER-1A2B3C4D.pdf).

    ``source``: the built sheet, or its sheet id.
    """
    sheet_id = source if isinstance(source, str) else source.sheet.meta.sheet_id
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{sheet_id}.{extension}"'
    return response


# ---------------------------------------------------------------------------------------------- JSON


def sheet_json_document(source: service.BuiltSheet | Preparation, locale: str) -> dict[str, Any]:
    """Return the sheet as versioned JSON data (schema easyreport.sheet/2) in ``locale``."""
    return sheet_to_json(_built(source).sheet, locale)


# ----------------------------------------------------------------------------------- review figures


def page_count(html: str) -> int:
    """Return how many A4 pages the PDF of this sheet document has (laid out as typeset_pdf does)."""
    stylesheets = [css for _text, css in _pdf_stylesheets()]
    document = HTML(string=html, base_url=_BASE_URL, url_fetcher=_FETCHER)
    return len(document.render(stylesheets=stylesheets).pages)


def example_figures(built: service.BuiltSheet, locale: str) -> tuple[int, int, int, int, int, str, str]:
    """Return a sheet's review figures: PDF pages, do's, don'ts, arrangements, not printed, top three, route.

    Lays out the PDF's document without storing anything (needs a request context).
    """
    sheet = built.sheet
    layout = sheet_layout(sheet)
    pages = page_count(render_sheet_document(built, locale))
    arranged = sum(len(topic.items) for topic in layout.arrange)
    not_printed = len(layout.more) + sum(len(topic.items) for topic in layout.arrange_also)
    top = ", ".join(rec.id for rec in layout.top_three)
    routing = sheet.route.routing if sheet.route is not None else None
    if routing is None or routing.unit is None:
        route = "-"
    else:
        route = " + ".join(unit.value for unit in (routing.unit, *routing.also))
    return pages, len(layout.dos), len(layout.donts), arranged, not_printed, top, route
