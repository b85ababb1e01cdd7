"""Key and audit commands against a real database."""

from __future__ import annotations

from sqlalchemy import text

from easyreport.extensions import db
from easyreport.roles import Role
from easyreport.security.crypto import decode_key
from tests.conftest import login


def test_new_key_is_a_usable_256_bit_key(app):
    output = app.test_cli_runner().invoke(args=["keys", "new"]).output.strip()
    assert len(decode_key(output)) == 32


def test_audit_verify_names_the_altered_entry(app, client, make_user):
    user = make_user(Role.COUNSELLOR)
    for _ in range(3):
        login(client, user.username, "wrong password")
    login(client, user.username)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["audit", "verify"]).output.strip() == "Audit log intact."
    with app.app_context():
        engine = db.engine
        with engine.begin() as connection:
            # The guard refuses UPDATE, so tamper the way an attacker with file access would: drop the guard first.
            if engine.dialect.name == "sqlite":
                for name in connection.execute(
                    text("SELECT name FROM sqlite_master WHERE type='trigger'")
                ).scalars():
                    connection.execute(text(f'DROP TRIGGER "{name}"'))
            else:
                connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
            connection.execute(text("UPDATE audit_log SET actor_role = 'admin' WHERE seq = 2"))
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert result.output.startswith("entry 2: altered")
    assert "entry 1" not in result.output and "entry 3" not in result.output
