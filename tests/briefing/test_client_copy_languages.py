"""The client's copy in Arabic and Ukrainian typesets with the app's own fonts, shaped, and its text comes back out.

The copy is printed from the browser; this checks the same page through WeasyPrint (HarfBuzz shaping, only local
static files), so a printed or saved copy holds real, extractable Arabic and Cyrillic words rather than boxes.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from easyreport.briefing.render import StaticOnlyFetcher
from easyreport.content import consent_cards
from easyreport.paths import STATIC_DIR
from easyreport.roles import Role
from easyreport.translatable import translate
from tests.briefing.factory import admin_adds_organisation, ready_sheet
from tests.conftest import login

pytestmark = pytest.mark.usefixtures("compiled_catalogues")
STYLESHEETS = ("fonts.css", "app.css", "client.css", "briefing.css")
LAM_ALEF = re.compile("ل[اأإآ]")
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def counsellor(app, client, make_user):
    admin_adds_organisation(app)
    user = make_user(Role.COUNSELLOR)
    assert login(client, user.username).status_code == 302
    return user


def _typeset(html: str, tmp_path) -> tuple[str, str]:
    """Typeset the page with the app's stylesheets; return (pdftotext text, pdffonts table)."""
    html = re.sub(r"<link [^>]*>", "", html)
    base = STATIC_DIR.resolve().as_uri() + "/"
    fetcher, fonts = StaticOnlyFetcher(), FontConfiguration()
    css = [
        CSS(
            filename=str(STATIC_DIR / "css" / name),
            base_url=base + "css/",
            url_fetcher=fetcher,
            font_config=fonts,
        )
        for name in STYLESHEETS
    ]
    pdf = tmp_path / "copy.pdf"
    pdf.write_bytes(
        HTML(string=html, base_url=base, url_fetcher=fetcher).write_pdf(stylesheets=css, font_config=fonts)
    )
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    table = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return BIDI_CONTROLS.sub("", text), table


@pytest.mark.parametrize(("code", "face"), [("ar", "easyreport-Arabic"), ("uk", "easyreport-Cyrillic")])
def test_client_copy_prints_in_the_clients_script(app, client, counsellor, tmp_path, code, face):
    public_id = ready_sheet(app, counsellor.id, client_locale=code)
    page = client.get(f"/briefing/{public_id}/client-copy")
    assert page.status_code == 200
    assert f'<html lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}">' in page.text
    text, table = _typeset(page.text, tmp_path)
    assert face in table  # the app's own font, embedded
    for msgid in (consent_cards.COPY_TITLE, consent_cards.NEXT_TITLE):
        for word in translate(msgid, code).split():
            if not LAM_ALEF.search(word):  # the lam-alef ligature comes back out in another order
                assert word.strip(".:") in text, (word, text[:400])
