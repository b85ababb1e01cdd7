"""Keep a built and rendered sheet, so that a view does not build and render the same sheet again (no Flask).

Building a sheet and rendering its body costs tens of milliseconds. So every view takes a digest of what
the sheet is built from without reading it all (sheet_inputs.digest: the preparation's row and the number
the database raises on every change to its other input rows), together with the language, the kind of
output and the version of the code, templates and translations (``code_version``).
A stored sheet is used only when that digest is the one it was stored under: any change to anything the
sheet is built from (answers, observations, settings, consent, language, organisations, rules, content,
a template, a translation) gives another digest and a fresh build. Expiry is checked on every view.

What is stored is what does not depend on who reads it or on the request: the sheet's body (or the whole
document the PDF is typeset from) and a short summary. The page around it (menu, forms, CSRF tokens, the
officer's share) is rendered per request, and the audit entry is written per view by the caller.

One row per preparation, language and kind, encrypted like the sheet. Every change to a sheet's inputs
also deletes the rows at once (``forget``, next to pdf_store.forget): the digest makes a missed call
harmless for what is shown, ``forget`` keeps a withdrawn section from waiting in a stored row. The purge
deletes rows when the sheet's validity ends, and ON DELETE CASCADE with the preparation.

Written through ORM objects only (never Core insert/update): the encryption layer binds ciphertexts to
their row in a flush hook.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cache
from pathlib import Path

from sqlalchemy import delete, false, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from easyreport.briefing.models import StoredSheet
from easyreport.paths import TEMPLATES_DIR, TRANSLATIONS_DIR
from easyreport.timeutil import as_utc

_PACKAGE = Path(__file__).resolve().parent.parent
log = logging.getLogger(__name__)


class SheetKind(StrEnum):
    """Which output of the sheet is stored."""

    PAGE = "page"  # the sheet's body on a web page (with section pictograms)
    DOCUMENT = "document"  # the whole HTML document the PDF is typeset from


@dataclass(frozen=True)
class KeptSheet:
    """A rendered sheet with what the page around it needs."""

    sheet_id: str
    valid_until: datetime
    recommendations: tuple[tuple[str, str], ...]  # (rule id, its text's msgid), as on the sheet
    body: str

    def summary(self) -> dict[str, object]:
        """The summary as stored (JSON)."""
        return {
            "sheet_id": self.sheet_id,
            "valid_until": as_utc(self.valid_until).isoformat(),
            "recommendations": [list(pair) for pair in self.recommendations],
        }


def _kept(row: StoredSheet) -> KeptSheet:
    summary = row.summary
    return KeptSheet(
        sheet_id=str(summary["sheet_id"]),
        valid_until=as_utc(datetime.fromisoformat(summary["valid_until"])),
        recommendations=tuple((str(rule_id), str(text)) for rule_id, text in summary["recommendations"]),
        body=row.body,
    )


def _files(roots: tuple[Path, ...]) -> list[tuple[str, Path]]:
    """Every source file under the roots, named relative to its root (the same code elsewhere: same names)."""
    found = []
    for index, root in enumerate(roots):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                found.append((f"{index}/{path.relative_to(root).as_posix()}", path))
    return found


@cache
def code_version() -> str:
    """Return a digest of the code, templates and translations a sheet is built and rendered with.

    Read once per process: a new version of any of them (a rule, a content text, a template, a
    translation) is a new deployment, so no sheet stored by an older one is used.
    """
    digest = hashlib.sha256()
    for name, path in _files((_PACKAGE, TEMPLATES_DIR, TRANSLATIONS_DIR)):
        digest.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _row(session: Session, preparation_id: int, locale: str, kind: SheetKind) -> StoredSheet | None:
    # populate_existing: a row object loaded earlier in this session must show what is stored now.
    return session.scalars(
        select(StoredSheet)
        .where(
            StoredSheet.preparation_id == preparation_id,
            StoredSheet.locale == locale,
            StoredSheet.kind == kind.value,
        )
        .execution_options(populate_existing=True)
    ).one_or_none()


def find(
    session: Session, preparation_id: int, locale: str, kind: SheetKind, digest: str, *, now: datetime
) -> KeptSheet | None:
    """Return the sheet stored under exactly this digest and still valid at ``now``, or None."""
    row = _row(session, preparation_id, locale, kind)
    if row is None or row.digest != digest:
        return None
    kept = _kept(row)
    # An expired sheet is never shown: the caller builds, which says why there is no sheet.
    return kept if as_utc(now) < kept.valid_until else None


def _write(row: StoredSheet, digest: str, kept: KeptSheet, now: datetime) -> None:
    row.digest = digest
    row.summary = kept.summary()
    row.body = kept.body
    row.valid_until = kept.valid_until
    row.built_at = now


def _take_write_lock(session: Session) -> None:
    """On SQLite, take the write lock before the savepoint reads, waiting for it as any writer does.

    A savepoint opened outside a transaction begins one on SQLite (the driver begins one only before a
    write). Had it read first, its snapshot would be outdated by any write committed meanwhile, so its own
    write, and every later write in the same transaction (the view's audit entry), would fail at once with
    "database is locked": a 500 seen under load. A write that touches no row takes the lock without reading.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(delete(StoredSheet).where(false()))


def keep(
    session: Session,
    preparation_id: int,
    locale: str,
    kind: SheetKind,
    digest: str,
    kept: KeptSheet,
    *,
    now: datetime,
) -> None:
    """Store a rendered sheet for this preparation, language and kind, replacing an older one.

    Select, then update or add, inside a savepoint. Two first views at the same moment may both add: the
    later flush fails on the unique constraint and is retried once as an update of the row the other wrote.
    On SQLite the savepoint takes the write lock first (``_take_write_lock``), so the later one waits for
    the other's commit. Storing is only a saving: when it fails the savepoint is rolled back, nothing is
    stored, and the view goes on with the sheet it built. The caller commits.
    """
    for attempt in range(2):
        try:
            with session.begin_nested():
                _take_write_lock(session)
                row = _row(session, preparation_id, locale, kind)
                if row is None:
                    row = StoredSheet(preparation_id=preparation_id, locale=locale, kind=kind.value)
                    session.add(row)
                _write(row, digest, kept, now)
            return
        except IntegrityError:
            if attempt:
                log.warning("stored sheet not kept: the row changed twice meanwhile", exc_info=True)
        except OperationalError:
            log.warning("stored sheet not kept: the database refused the write now", exc_info=True)
            return


def forget(session: Session, preparation_id: int) -> None:
    """Delete every stored sheet of a preparation (its sheet is about to change)."""
    session.execute(delete(StoredSheet).where(StoredSheet.preparation_id == preparation_id))
