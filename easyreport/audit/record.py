"""Write audit entries from the web layer: who is acting comes from the request, never client content."""

from __future__ import annotations

from typing import Any

from flask import current_app, g

from easyreport.audit.chain import Action
from easyreport.audit.storage import append
from easyreport.extensions import db


def audit(
    action: Action,
    *,
    object_type: str | None = None,
    object_id: str | int | None = None,
    actor_id: int | None = None,
    actor_role: str | None = None,
    **metadata: Any,
) -> None:
    """Append an entry in the request's transaction; it commits (or not) with the action it records."""
    user = g.get("user")
    append(
        db.session,
        current_app.extensions["easyreport.audit_key"],
        action=action,
        actor=actor_id if actor_id is not None else (user.id if user is not None else None),
        actor_role=actor_role if actor_role is not None else (user.role if user is not None else None),
        object_type=object_type,
        object_id=object_id,
        metadata=metadata or None,
    )
