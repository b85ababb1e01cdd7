"""The roles, in one place."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What an account may do: prepare with clients, read shared sheets, manage accounts, or evaluate."""

    COUNSELLOR = "counsellor"
    OFFICER = "officer"
    ADMIN = "admin"
    # Sees the evaluation's aggregated counts only: no client, preparation or sheet.
    COORDINATOR = "coordinator"


ROLE_HOME = {
    Role.COUNSELLOR: "counsellor.home",
    Role.OFFICER: "officer.home",
    Role.ADMIN: "admin.home",
    Role.COORDINATOR: "evaluation.home",
}
