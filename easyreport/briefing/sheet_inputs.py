"""Everything a preparation's sheet is built from, read once, and a digest that changes whenever any of it does (no Flask).

service.build_for builds the sheet from exactly these values (``read``); sheet_store.py keeps a built sheet
under ``digest``. The digest does not read the input rows: it is taken of the preparation's whole row
(every column, so a column added later is covered), its ``inputs_version``, which the database raises on
every change to any of its rows in the other input tables (inputs_version.py, whichever code writes them),
and the organisation names. So a stored sheet is used only when nothing it was built from differs, even
when some code path forgets to delete stored sheets after a change. A change the sheet does not show (a
column it does not use) may cost a rebuild now and then; a stale sheet would cost far more.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from easyreport.briefing import inputs_version
from easyreport.briefing.models import ConsentRecord, SheetSettings
from easyreport.briefing.organisations import organisation_names
from easyreport.preparation import service as preparations
from easyreport.preparation.models import Preparation


@dataclass(frozen=True)
class SheetInputs:
    """What the sheet of one preparation is built from, as read from the database in one go."""

    preparation: Preparation
    settings: SheetSettings | None
    answers: dict[str, tuple[str, ...]]
    observations: dict[str, list[str]]
    # The admin's organisation names: a settings value naming one no longer listed blocks the sheet.
    organisations: tuple[str, ...]
    consent: ConsentRecord | None  # the newest record
    consent_count: int  # the sheet's version number


def read(
    session: Session, preparation: Preparation, organisations: tuple[str, ...] | None = None
) -> SheetInputs:
    """Read everything the preparation's sheet is built from (``organisations``: the names read already)."""
    settings = session.scalar(select(SheetSettings).where(SheetSettings.preparation_id == preparation.id))
    observations = {
        module_id: list(row.choice_ids)
        for module_id, row in preparations.observations(session, preparation).items()
    }
    consent = session.scalar(
        select(ConsentRecord)
        .where(ConsentRecord.preparation_id == preparation.id)
        .order_by(ConsentRecord.id.desc())
        .limit(1)
    )
    count = session.scalar(
        select(func.count()).select_from(ConsentRecord).where(ConsentRecord.preparation_id == preparation.id)
    )
    return SheetInputs(
        preparation=preparation,
        settings=settings,
        answers=preparations.answers(session, preparation),
        observations=observations,
        organisations=tuple(organisation_names(session)) if organisations is None else organisations,
        consent=consent,
        consent_count=count or 0,
    )


def _columns(row: object | None) -> dict[str, Any] | None:
    """Every mapped column of an ORM row by attribute name, as the builder would read it."""
    if row is None:
        return None
    mapper = inspect(type(row))
    return {attr.key: getattr(row, attr.key) for attr in mapper.column_attrs}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value)
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot digest a {type(value).__name__}")


def digest(
    session: Session, preparation: Preparation, organisations: tuple[str, ...], context: Mapping[str, str]
) -> str:
    """Return a digest of what the preparation's sheet is built from and of ``context`` (language, kind of
    output, code version, ...), without reading the rows of the input tables.

    Take it before reading the inputs for a build, and build with these ``organisations`` (they can change
    back): a change made in between to the input tables then gives the sheet built from it a digest no later
    view computes, as inputs_version only grows, never an older sheet the digest of a newer state.
    """
    columns = _columns(preparation) or {}
    columns.pop(inputs_version.COLUMN)  # what a loaded row remembers; the database's number is read below
    document = {
        "preparation": columns,
        "inputs_version": inputs_version.current(session, preparation.id),
        "organisations": organisations,
        "context": dict(context),
    }
    # sort_keys: the same values give the same text whatever order a dict was filled in.
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
