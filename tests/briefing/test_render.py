"""The PDF renderer reads local static files only, and labels the document with the reader's language."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from easyreport.briefing.render import StaticOnlyFetcher, render_sheet_pdf
from easyreport.paths import STATIC_DIR
from easyreport.roles import Role
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
