"""GET /briefing/<public_id>/card.pdf: the client's card at card size (two pages a language) or on one A4 page.

The PDF's pages are measured (85.6 mm × 54 mm), its text is extracted and checked for the needs, what helps and
the contact, and for nothing of a withheld section; bad input gets a 404 or the page that says why, never a 500.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from easyreport.audit.storage import AuditEntry
from easyreport.briefing.card import HELPS
from easyreport.content import card_texts
from easyreport.extensions import db
from easyreport.roles import Role
from easyreport.translatable import translate
from tests.briefing.factory import TYPICAL, admin_adds_organisation, make_preparation, ready_sheet
from tests.conftest import login

pytestmark = pytest.mark.usefixtures("compiled_catalogues")

MM = 72 / 25.4
CARD_SIZE = (85.6 * MM, 54 * MM)
A4 = (210 * MM, 297 * MM)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
CONTACT = {"contact_name": "J. Jansen", "contact_phone": "+31 6 1234 5678"}


@pytest.fixture
def counsellor(app, client, make_user):
    admin_adds_organisation(app)
    user = make_user(Role.COUNSELLOR)
    assert login(client, user.username).status_code == 302
    return user


def _pdf(client, public_id: str, query: str = "") -> PdfReader:
    response = client.get(f"/briefing/{public_id}/card.pdf{query}")
    assert response.status_code == 200, response.text[:300]
    assert response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    return PdfReader(io.BytesIO(response.data))


def _sizes(reader: PdfReader) -> list[tuple[float, float]]:
    return [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages]


def _text(reader: PdfReader) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _close(size: tuple[float, float], wanted: tuple[float, float]) -> bool:
    return abs(size[0] - wanted[0]) <= 1 and abs(size[1] - wanted[1]) <= 1


def _screenshots(data: bytes, name: str) -> None:
    # For people to look at the card: one PNG per page at 100 dpi.
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SCREENSHOTS / f"{name}.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(SCREENSHOTS / name)], check=True)
    pdf.unlink()


def test_the_dutch_card_is_two_card_size_pages_with_needs_helps_and_contact(app, client, counsellor):
    public_id = ready_sheet(app, counsellor.id, settings=CONTACT)
    reader = _pdf(client, public_id)
    assert len(reader.pages) == 2
    assert all(_close(size, CARD_SIZE) for size in _sizes(reader)), _sizes(reader)
    text = _text(reader)
    assert translate(card_texts.FRONT_TITLE, "nl") in text
    for msgid in (card_texts.SHORT_SENTENCES, card_texts.ONE_QUESTION, card_texts.TRUSTED_PERSON):
        assert translate(msgid, "nl") in text, (msgid, text)
    for need in ("helps_water", "helps_walk"):  # TYPICAL: water and a short walk help
        assert translate(HELPS[need].text, "nl") in text
    assert "J. Jansen" in text and "+31 6 1234 5678" in text
    # Nothing about what happened, and no name the client did not give.
    assert translate("An information talk", "nl") not in text
    _screenshots(client.get(f"/briefing/{public_id}/card.pdf").data, "card-nl")


def test_a_withheld_section_leaves_nothing_on_the_card(app, client, counsellor):
    public_id = ready_sheet(app, counsellor.id, withheld=("stress", "conversation"), settings=CONTACT)
    text = _text(_pdf(client, public_id))
    assert translate(card_texts.HELPS_TITLE, "nl") not in text
    for need in ("helps_water", "helps_walk"):
        assert translate(HELPS[need].text, "nl") not in text
    assert translate(card_texts.BREAKS, "nl") not in text  # breaks are in the conversation section
    assert translate(card_texts.SHORT_SENTENCES, "nl") in text  # communication is shared


@pytest.mark.parametrize(("code", "pages"), [("ar", 4), ("uk", 4), ("en", 4), ("nl", 2)])
def test_a_second_language_adds_two_pages(app, client, counsellor, code, pages):
    public_id = ready_sheet(app, counsellor.id, client_locale=code, settings=CONTACT)
    response = client.get(f"/briefing/{public_id}/card.pdf")
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == pages
    assert all(_close(size, CARD_SIZE) for size in _sizes(reader))
    if code != "nl":
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=response.data, capture_output=True, check=True
        ).stdout.decode()
        assert translate(card_texts.SHORT_SENTENCES, code).split()[0] in text
        _screenshots(response.data, f"card-{code}")


def test_the_a4_layout_is_one_a4_page_with_every_side(app, client, counsellor):
    public_id = ready_sheet(app, counsellor.id, client_locale="pl", settings=CONTACT)
    response = client.get(f"/briefing/{public_id}/card.pdf?layout=a4")
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1 and _close(_sizes(reader)[0], A4)
    text = _text(reader)
    assert translate(card_texts.FRONT_TITLE, "nl") in text and translate(card_texts.FRONT_TITLE, "pl") in text
    _screenshots(response.data, "card-a4")


def test_the_download_is_audited(app, client, counsellor):
    public_id = ready_sheet(app, counsellor.id)
    _pdf(client, public_id, "?layout=a4")
    with app.app_context():
        entry = db.session.query(AuditEntry).order_by(AuditEntry.seq.desc()).first()
        assert (entry.action, entry.object_type) == ("download_pdf", "card")


@pytest.mark.parametrize(
    "query", ["?layout=letter", "?layout=", "?layout=%00", "?layout=x&layout=a4", "?layout=A4 "]
)
def test_an_unknown_layout_gives_the_card_size(app, client, counsellor, query):
    public_id = ready_sheet(app, counsellor.id)
    assert len(_pdf(client, public_id, query).pages) == 2


def test_bad_input_never_gives_a_500(app, client, counsellor, make_user):
    assert client.get("/briefing/no-such-id/card.pdf").status_code == 404
    # No consent yet: the page that says so, not a PDF and not a 500.
    fresh = make_preparation(app, counsellor.id)
    page = client.get(f"/briefing/{fresh}/card.pdf")
    assert page.status_code in (200, 409) and page.mimetype == "text/html"
    # Another counsellor's preparation: not found, like the client's copy.
    other = make_user(Role.COUNSELLOR)
    theirs = ready_sheet(app, other.id)
    assert (
        client.get(f"/briefing/{theirs}/card.pdf").status_code
        == client.get(f"/briefing/{theirs}/client-copy").status_code
        == 404
    )


def test_a_full_card_with_a_name_still_fits_its_two_pages(app, client, counsellor):
    # Every help, the longest contact, a name: the back still holds it on one card-size page.
    answers = {**TYPICAL, "what_helps": ["water", "walk", "breathing", "hold", "music", "other_subject"]}
    public_id = ready_sheet(
        app,
        counsellor.id,
        answers=answers,
        client_locale="ar",
        settings={**CONTACT, "preferred_name": "Sam"},
    )
    response = client.get(f"/briefing/{public_id}/card.pdf")
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 4
    text = _text(reader)
    assert f"{translate(card_texts.CALL_ME, 'nl')}: Sam" in text
    assert translate(card_texts.NOTE, "nl") not in text  # the name takes the note's place
    assert "J. Jansen" in text
    _screenshots(response.data, "card-full-ar")
