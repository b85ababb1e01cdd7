"""The three roles, in one place."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What an account may do: prepare with clients, read shared sheets, or manage accounts."""

    COUNSELLOR = "counsellor"
    OFFICER = "officer"
    ADMIN = "admin"


ROLE_HOME = {
    Role.COUNSELLOR: "counsellor.home",
    Role.OFFICER: "officer.home",
    Role.ADMIN: "admin.home",
}
