"""The officer's sheet stays in the officer's language, whatever language the client used, and says which one."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from pypdf import PdfReader

from easyreport.client_languages import ALL_LANGUAGES, CLIENT_ONLY_CODES, client_catalogue
from easyreport.extensions import db
from easyreport.preparation.models import Preparation
from easyreport.roles import Role
from tests.briefing.factory import admin_adds_organisation, ready_sheet
from tests.conftest import login

pytestmark = pytest.mark.usefixtures("compiled_catalogues")
TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
DUTCH_NAMES = {"ar": "Arabisch", "uk": "Oekraïens", "pl": "Pools", "ro": "Roemeens", "bg": "Bulgaars"}
# Letters of the client's script that Dutch and English never use.
FOREIGN_SCRIPT = {
    "ar": re.compile(r"[\u0600-\u06FF\uFB50-\uFEFF]"),
    "uk": re.compile(r"[\u0400-\u04FF]"),
    "bg": re.compile(r"[\u0400-\u04FF]"),
    "pl": re.compile(r"[ąćęłńśźżĄĆĘŁŃŚŹŻ]"),
    "ro": re.compile(r"[ăâîșțşţĂÂÎȘȚ]"),
}


@pytest.fixture
def counsellor(app, client, make_user):
    admin_adds_organisation(app)
    user = make_user(Role.COUNSELLOR)
    assert login(client, user.username).status_code == 302
    return user


def _client_language_texts(code: str) -> list[str]:
    """The translations in the client's language that differ from the English source (sentences and words)."""
    _translated, _total, translate = client_catalogue(code)
    with (TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        ids = [m.id for m in read_po(handle) if isinstance(m.id, str) and m.id]
    return [translate(msgid) for msgid in ids if len(translate(msgid)) >= 8 and translate(msgid) != msgid]


@pytest.mark.parametrize("code", CLIENT_ONLY_CODES)
def test_sheet_pdf_and_json_hold_no_text_in_the_clients_language(app, client, counsellor, code):
    public_id = ready_sheet(app, counsellor.id, client_locale=code)
    with app.app_context():
        preparation = db.session.query(Preparation).filter_by(public_id=public_id).one()
        preparation.interpreter_needed = True
        db.session.commit()
    html = client.get(f"/briefing/{public_id}/sheet").text
    pdf = client.get(f"/briefing/{public_id}/sheet.pdf")
    pdf_text = re.sub(
        r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    )
    document = client.get(f"/briefing/{public_id}/sheet.json").get_json()
    dumped = json.dumps(document, ensure_ascii=False)

    name = DUTCH_NAMES[code]
    assert f"Er is een tolk voor het {name} nodig." in html
    assert f"Er is een tolk voor het {name} nodig." in pdf_text
    assert document["client"]["language"] == {"id": code, "text": name}
    assert document["client"]["interpreter_needed"] is True
    for output in (html, pdf_text, dumped):
        assert FOREIGN_SCRIPT[code].search(output) is None
        assert ALL_LANGUAGES[code].own_name not in output
        for text in _client_language_texts(code):
            assert text not in output


def test_no_interpreter_line_unless_the_counsellor_says_so(app, client, counsellor):
    public_id = ready_sheet(app, counsellor.id, client_locale="ar")
    html = client.get(f"/briefing/{public_id}/sheet").text
    assert "Arabisch" in html and "Er is een tolk voor het" not in html
