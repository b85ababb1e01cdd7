"""The PDF renderer reads local static files only, and labels the document with the reader's language."""

from __future__ import annotations

import html as html_lib
import io
import re

import pytest
from pypdf import PdfReader

from easyreport.briefing import service
from easyreport.briefing.needs import SECTION_TITLES, SECTIONS
from easyreport.briefing.render import StaticOnlyFetcher, render_sheet_html, render_sheet_pdf
from easyreport.briefing.rule_model import Kind
from easyreport.briefing.rules import get_rule
from easyreport.briefing.rules_data import RULES
from easyreport.briefing.sheet import sheet_layout
from easyreport.extensions import db
from easyreport.paths import STATIC_DIR
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from easyreport.translatable import translate
from tests.briefing.factory import get_preparation, ready_sheet

pytestmark = pytest.mark.usefixtures("compiled_catalogues")


def test_the_fetcher_serves_a_static_file():
    response = StaticOnlyFetcher().fetch((STATIC_DIR / "css" / "sheet.css").resolve().as_uri())
    assert b".sheet" in response.read()
    assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/style.css",
        "https://127.0.0.1/static/css/sheet.css",
        "data:text/css,body{}",
        "ftp://example.org/x.svg",
        "file:///etc/passwd",
        (STATIC_DIR / ".." / "pyproject.toml").as_uri(),
        (STATIC_DIR / "css" / "no-such-file.css").as_uri(),
        "file://otherhost" + (STATIC_DIR / "css" / "sheet.css").resolve().as_posix(),
    ],
)
def test_the_fetcher_refuses_everything_else(url):
    with pytest.raises(ValueError):
        StaticOnlyFetcher().fetch(url)


def test_the_pdf_carries_the_readers_language_and_title(app, make_user):
    owner = make_user(Role.COUNSELLOR)
    public_id = ready_sheet(app, owner.id, client_locale="en")
    with app.test_request_context():
        preparation = get_preparation(public_id)
        for locale, title in (("nl", "Voorbespreking"), ("en", "Pre-briefing")):
            reader = PdfReader(io.BytesIO(render_sheet_pdf(preparation, locale)))
            assert reader.trailer["/Root"]["/Lang"] == locale
            assert reader.metadata.title.startswith(title)


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_do_and_dont_lists_are_grouped_by_topic_in_section_order_by_priority(app, make_user, locale):
    owner = make_user(Role.COUNSELLOR)
    public_id = ready_sheet(app, owner.id)
    with app.test_request_context():
        built = service.build_for(db.session, get_preparation(public_id), now=utcnow())
        html = render_sheet_html(built, locale)
    in_top = {rec.id for rec in built.sheet.top_three}
    by_text = {translate(rule.text, locale): rule for rule in RULES}
    titles = {translate(title, locale): section for section, title in SECTION_TITLES.items()}
    for kind, region_id in ((Kind.DO, "sheet-do"), (Kind.DONT, "sheet-dont")):
        region = html[html.index(f'aria-labelledby="{region_id}"') :]
        region = region[: region.index("</section>")]
        listed: list[tuple[str, str]] = []  # (section of the heading above, rule id)
        topic = None
        for tag, content in re.findall(r"<(h3|li)[^>]*>(.*?)</\1>", region):
            # The source mark after the advice ("(client)") is no part of the rule's text.
            text = html_lib.unescape(re.sub(r' <span class="rec__src">.*?</span>', "", content))
            if tag == "h3":
                topic = titles[text]
            else:
                rule = by_text[text]
                assert rule.section == topic and rule.kind is kind
                listed.append((topic, rule.id))
        # Page two lists questioning advice outside the top three, cut at 12 do's and 6 don'ts.
        layout = sheet_layout(built.sheet)
        expected = layout.dos if kind is Kind.DO else layout.donts
        assert not {rec.id for rec in expected} & in_top
        assert all(rec.rule.questioning for rec in expected)
        assert sorted(rule_id for _, rule_id in listed) == sorted(rec.id for rec in expected)
        sections_seen = [section for section, _ in listed]
        assert sections_seen == sorted(sections_seen, key=SECTIONS.index), (
            "topics follow the sheet's sections"
        )
        priorities = [(SECTIONS.index(s), get_rule(r).priority) for s, r in listed]
        assert priorities == sorted(priorities), "within a topic the most important comes first"
        assert len(set(sections_seen)) >= 2, "the typical sheet has advice on more than one topic"
