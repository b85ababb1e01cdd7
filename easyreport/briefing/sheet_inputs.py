"""Everything a preparation's sheet is built from, read once, and a digest of it (no Flask).

service.build_for builds the sheet from exactly these values; sheet_store.py keeps a built sheet under the
digest of them. Because the digest is taken of the values the builder is given (not of "what probably
changed"), a stored sheet is used only when nothing it was built from differs, even when some code path
forgets to delete stored sheets after a change.

Whole rows are digested (every column of the preparation, the settings and the newest consent record), so
a column added later is covered without anyone remembering to add it here. That may cost a rebuild now and
then (a column the sheet does not show changed); a stale sheet would cost far more.
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


def read(session: Session, preparation: Preparation) -> SheetInputs:
    """Read everything the preparation's sheet is built from."""
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
        organisations=tuple(organisation_names(session)),
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


def digest(inputs: SheetInputs, context: Mapping[str, str]) -> str:
    """Return a digest of the inputs and of ``context`` (language, kind of output, code version, ...)."""
    document = {
        "preparation": _columns(inputs.preparation),
        "settings": _columns(inputs.settings),
        "answers": inputs.answers,
        "observations": inputs.observations,
        "organisations": inputs.organisations,
        "consent": _columns(inputs.consent),
        "consent_count": inputs.consent_count,
        "context": dict(context),
    }
    # sort_keys: the same values give the same text whatever order a dict was filled in.
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
