"""The README's PostgreSQL roles, run as written: the app's login role works but cannot undo the audit guard.

The audit triggers only hold against the app if the app does not own its tables (an owner can drop triggers).
This test takes the GRANT/REVOKE statements from the README, so the documented setup is the one proved here.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.exc import DBAPIError

from easyreport import create_app
from easyreport.accounts import service
from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.database import make_engine
from easyreport.extensions import db
from easyreport.migrations.runner import upgrade
from easyreport.roles import Role
from tests.conftest import PASSWORD, _created_apps, app_settings, login

README = Path(__file__).resolve().parents[2] / "README.md"


def _documented_grants(app_role: str) -> list[str]:
    """The GRANT and REVOKE statements of the README's roles section, for this test's app role."""
    section = README.read_text(encoding="utf-8").split("### PostgreSQL roles", 1)[1]
    block = section.split("```", 2)[1]
    statements = [line.strip() for line in block.splitlines() if re.match(r"\s*(GRANT|REVOKE)\b", line)]
    assert any("audit_log" in s for s in statements), "the README no longer revokes rights on the audit log"
    return [s.rstrip(";").replace("easyreport_app", app_role) for s in statements]


@pytest.fixture
def roles(postgres_url):
    """An owner role that made the schema and an app role with the README's rights, on a fresh database."""
    suffix = uuid.uuid4().hex[:8]
    owner, app_role = f"owner_{suffix}", f"app_{suffix}"
    url = make_url(postgres_url)
    admin = make_engine(postgres_url)
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE ROLE {owner} LOGIN")
        connection.exec_driver_sql(f"CREATE ROLE {app_role} LOGIN")
        connection.exec_driver_sql(f'ALTER DATABASE "{url.database}" OWNER TO {owner}')
        connection.exec_driver_sql(f"ALTER SCHEMA public OWNER TO {owner}")
    owner_engine = make_engine(url.set(username=owner).render_as_string(hide_password=False))
    upgrade(owner_engine)  # the migrations, as on deploy: the tables and the audit guard's triggers
    owner_engine.dispose()
    with admin.begin() as connection:
        for statement in _documented_grants(app_role):
            connection.exec_driver_sql(statement)
    admin.dispose()
    # The roles stay on the throwaway server; the fixture drops the database with its grants.
    return url.set(username=app_role).render_as_string(hide_password=False)


def test_the_app_role_runs_the_app_and_writes_audit_entries(roles, tmp_path):
    app = create_app(app_settings(tmp_path, DATABASE_URL=roles))
    _created_apps.append(app)  # its engine is disposed after the test, like every test app's
    with app.app_context():
        service.create_account(db.session, "counsellor1", Role.COUNSELLOR, PASSWORD, min_length=1)
        db.session.commit()
    client = app.test_client()
    assert login(client, "counsellor1").location == "/counsellor/"
    with app.app_context():
        audit(Action.ACCOUNT_CHANGE, object_type="account", object_id=1, change="roles_test")
        db.session.commit()
        assert db.session.scalar(text("SELECT count(*) FROM audit_log")) >= 2


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM audit_log",
        "UPDATE audit_log SET action = 'x'",
        "TRUNCATE audit_log",
        "DROP TRIGGER audit_log_append_only ON audit_log",
        "ALTER TABLE audit_log DISABLE TRIGGER ALL",
        "DROP TABLE audit_log",
    ],
)
def test_the_app_role_cannot_change_or_unguard_the_audit_log(roles, statement):
    engine = make_engine(roles)
    try:
        with (
            pytest.raises(DBAPIError, match=r"(?i)permission denied|must be owner|append-only"),
            engine.begin() as connection,
        ):
            connection.exec_driver_sql(statement)
    finally:
        engine.dispose()
