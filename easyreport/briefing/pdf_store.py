"""Keep the typeset PDF of a sheet, so that the same document is typeset once and not at every download.

Typesetting a full sheet takes WeasyPrint a few hundred milliseconds; building the sheet and its HTML takes
a few. A sheet only changes with a new consent or new settings, so its PDF is stored, encrypted, with a
digest of exactly what it was typeset from: the HTML, the stylesheets and the typesetter's version.
Every download gets the sheet's HTML document through kept.py (built anew, or stored by sheet_store.py
under the digest of everything it is built from; expiry is checked either way) and skips the typesetting
only when the digest of that document matches.

One copy per preparation and language. New consent or new settings delete the copies at once (a
withdrawn section must not wait in a stored file); purge.py deletes them when the sheet's validity ends.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from easyreport.briefing.models import StoredSheetPdf
from easyreport.security.row_binding import bind_cells


def document_digest(html: str, stylesheets: Sequence[str], typesetter: str) -> str:
    """Return a digest of everything a PDF is made from; any change to any part gives another digest."""
    digest = hashlib.sha256()
    for part in (typesetter, *stylesheets, html):
        encoded = part.encode("utf-8")
        # Length-prefixed, so that moving text from one part to the next cannot give the same digest.
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
    return digest.hexdigest()


def find(session: Session, preparation_id: int, locale: str, digest: str) -> bytes | None:
    """Return the stored PDF typeset from exactly this document, or None."""
    # Columns, not the mapped row: a row object from an earlier read in this session would not show
    # what keep() wrote since.
    stored = session.execute(
        select(StoredSheetPdf.digest, StoredSheetPdf.pdf).where(
            StoredSheetPdf.preparation_id == preparation_id, StoredSheetPdf.locale == locale
        )
    ).one_or_none()
    if stored is None or stored.digest != digest:
        return None
    pdf: bytes = stored.pdf
    return pdf


def keep(
    session: Session,
    preparation_id: int,
    locale: str,
    digest: str,
    pdf: bytes,
    *,
    valid_until: datetime,
    now: datetime,
) -> None:
    """Store a PDF as the copy for this preparation and language, replacing an older one.

    One statement that inserts or replaces: two first downloads at the same moment both succeed, the
    later one's copy stays. The caller commits.
    """
    values: dict[str, Any] = {
        "preparation_id": preparation_id,
        "locale": locale,
        "digest": digest,
        "pdf": pdf,
        "valid_until": valid_until,
        "rendered_at": now,
    }
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(StoredSheetPdf).values(values)
    replaced = {name: statement.excluded[name] for name in ("digest", "pdf", "valid_until", "rendered_at")}
    stored_id = session.execute(
        statement.on_conflict_do_update(index_elements=["preparation_id", "locale"], set_=replaced).returning(
            StoredSheetPdf.id
        )
    ).scalar_one()
    # A Core statement is not an ORM flush: bind the encrypted cells to their row here (see row_binding).
    table = StoredSheetPdf.__table__
    assert isinstance(table, Table)
    bind_cells(session.connection(), table, {"id": stored_id}, {"digest": digest, "pdf": pdf})


def forget(session: Session, preparation_id: int) -> None:
    """Delete every stored PDF of a preparation (its sheet is about to change)."""
    session.execute(delete(StoredSheetPdf).where(StoredSheetPdf.preparation_id == preparation_id))
