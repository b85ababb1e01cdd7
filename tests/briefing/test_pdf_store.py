"""The typeset PDF is kept per preparation and language: reused for the same document, never for another.

Reuse is proven by changing the stored copy directly: a download that hands back the changed bytes did not
typeset. Every change that alters the sheet (consent, settings, the chosen top three, the reader's
language) must give a freshly typeset PDF, and a withdrawn section must not wait in a stored file.
"""

from __future__ import annotations

import base64
import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, text

from easyreport.briefing import pdf_store, service
from easyreport.briefing.models import StoredSheetPdf
from easyreport.briefing.render import render_sheet_pdf
from easyreport.extensions import db
from easyreport.purge import purge
from easyreport.retention import RetentionPolicy
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from tests.briefing.factory import get_preparation, give_consent, ready_sheet, save_settings

pytestmark = pytest.mark.usefixtures("compiled_catalogues")

MARKER = b"%PDF-1.7 stored copy, not typeset again"
WITHHELD = "Niet gedeeld"  # the start of what a section the client did not agree to share says


def stored_rows(preparation_id: int) -> list[StoredSheetPdf]:
    query = select(StoredSheetPdf).where(StoredSheetPdf.preparation_id == preparation_id)
    return list(db.session.scalars(query.order_by(StoredSheetPdf.locale)))


def replace_stored_pdf(preparation_id: int, locale: str, pdf: bytes, digest: str | None = None) -> None:
    """Change the stored copy behind the renderer's back (keeping its digest unless one is given)."""
    row = db.session.scalars(
        select(StoredSheetPdf).where(
            StoredSheetPdf.preparation_id == preparation_id, StoredSheetPdf.locale == locale
        )
    ).one()
    row.pdf = pdf
    if digest is not None:
        row.digest = digest
    db.session.commit()


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def sheet(app, make_user):
    owner = make_user(Role.COUNSELLOR)
    return owner.id, ready_sheet(app, owner.id)


def test_the_same_document_is_typeset_once_and_then_served_from_the_store(app, sheet):
    _owner, public_id = sheet
    with app.test_request_context():
        preparation = get_preparation(public_id)
        first = render_sheet_pdf(preparation, "nl")
        db.session.commit()
        assert first.startswith(b"%PDF")
        [row] = stored_rows(preparation.id)
        assert (row.locale, row.pdf) == ("nl", first)
        replace_stored_pdf(preparation.id, "nl", MARKER)
        assert render_sheet_pdf(preparation, "nl") == MARKER


def test_a_stored_pdf_of_another_document_is_never_served(app, sheet):
    _owner, public_id = sheet
    with app.test_request_context():
        preparation = get_preparation(public_id)
        render_sheet_pdf(preparation, "nl")
        db.session.commit()
        replace_stored_pdf(preparation.id, "nl", MARKER, digest="0" * 64)
        fresh = render_sheet_pdf(preparation, "nl")
        db.session.commit()
        assert fresh.startswith(b"%PDF") and fresh != MARKER
        [row] = stored_rows(preparation.id)
        assert row.pdf == fresh and row.digest != "0" * 64


def test_each_language_has_its_own_copy(app, sheet):
    _owner, public_id = sheet
    with app.test_request_context():
        preparation = get_preparation(public_id)
        dutch = render_sheet_pdf(preparation, "nl")
        english = render_sheet_pdf(preparation, "en")
        db.session.commit()
        assert "Voorbespreking" in pdf_text(dutch) and "Pre-briefing" in pdf_text(english)
        assert [row.locale for row in stored_rows(preparation.id)] == ["en", "nl"]
        replace_stored_pdf(preparation.id, "en", MARKER)
        assert render_sheet_pdf(preparation, "nl") == dutch


def test_new_consent_deletes_the_copies_and_a_withdrawn_section_is_gone_from_the_next_pdf(app, sheet):
    owner_id, public_id = sheet
    with app.test_request_context():
        preparation = get_preparation(public_id)
        assert WITHHELD not in pdf_text(render_sheet_pdf(preparation, "nl"))
        db.session.commit()
        preparation_id = preparation.id
    give_consent(app, public_id, owner_id, withheld={"safety"})
    with app.test_request_context():
        assert stored_rows(preparation_id) == []
        assert WITHHELD in pdf_text(render_sheet_pdf(get_preparation(public_id), "nl"))


def test_new_settings_and_a_new_top_three_delete_the_copies(app, sheet):
    _owner, public_id = sheet
    with app.test_request_context():
        preparation = get_preparation(public_id)
        render_sheet_pdf(preparation, "nl")
        db.session.commit()
        preparation_id = preparation.id
    save_settings(app, public_id, prepared_by_organisation="Andere organisatie")
    with app.test_request_context():
        assert stored_rows(preparation_id) == []
        preparation = get_preparation(public_id)
        assert "Andere organisatie" in pdf_text(render_sheet_pdf(preparation, "nl"))
        db.session.commit()
        assert len(stored_rows(preparation_id)) == 1
        built = service.build_for(db.session, preparation, now=utcnow())
        chosen = [rec.id for rec in built.sheet.recommendations[-3:]]
        service.set_top_choice(db.session, built.settings, chosen)
        db.session.commit()
        assert stored_rows(preparation_id) == []


def test_writing_the_copy_twice_replaces_it(app, sheet):
    """Two first downloads at once both store their copy: the second replaces the first, no error."""
    _owner, public_id = sheet
    with app.app_context():
        preparation = get_preparation(public_id)
        until = utcnow() + timedelta(days=30)
        for pdf in (b"%PDF first", b"%PDF second"):
            pdf_store.keep(db.session, preparation.id, "nl", "d" * 64, pdf, valid_until=until, now=utcnow())
            db.session.commit()
        assert pdf_store.find(db.session, preparation.id, "nl", "d" * 64) == b"%PDF second"
        assert pdf_store.find(db.session, preparation.id, "nl", "e" * 64) is None


def test_the_stored_copy_and_its_digest_are_encrypted(app, sheet):
    _owner, public_id = sheet
    with app.test_request_context():
        render_sheet_pdf(get_preparation(public_id), "nl")
        db.session.commit()
        raw = db.session.execute(text("SELECT digest, pdf FROM stored_sheet_pdfs")).one()
        assert raw.digest.startswith("v3.") and raw.pdf.startswith("v3.")
        body = raw.pdf.split(".", 2)[2]
        sealed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        assert b"%PDF" not in sealed and b"StructTreeRoot" not in sealed


def test_the_purge_removes_copies_of_sheets_past_their_validity_only(app, make_user):
    owner = make_user(Role.COUNSELLOR)
    current, old = ready_sheet(app, owner.id), ready_sheet(app, owner.id)
    with app.test_request_context():
        for public_id in (current, old):
            render_sheet_pdf(get_preparation(public_id), "nl")
        db.session.commit()
        old_id = get_preparation(old).id
        old_row = stored_rows(old_id)[0]
        old_row.valid_until = utcnow() - timedelta(minutes=1)
        db.session.commit()
        report = purge(db.session, RetentionPolicy.from_days(preparation=90), utcnow(), timedelta(minutes=30))
        db.session.commit()
        assert report.sheet_pdfs == 1
        assert stored_rows(old_id) == []
        assert db.session.scalar(select(func.count()).select_from(StoredSheetPdf)) == 1


def test_the_digest_changes_with_any_part_of_the_document():
    base = pdf_store.document_digest("<p>a</p>", ["css"], "70.0")
    assert base == pdf_store.document_digest("<p>a</p>", ["css"], "70.0")
    others = {
        pdf_store.document_digest("<p>b</p>", ["css"], "70.0"),
        pdf_store.document_digest("<p>a</p>", ["css2"], "70.0"),
        pdf_store.document_digest("<p>a</p>", ["css"], "71.0"),
        # The same characters split differently over the parts must not collide.
        pdf_store.document_digest("s<p>a</p>", ["cs"], "70.0"),
    }
    assert base not in others and len(others) == 4
