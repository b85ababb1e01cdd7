"""The audit head file: entries cut off the end of the chain are found, and the head cannot be forged."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select, text

from easyreport.audit.storage import AuditEntry
from easyreport.extensions import db
from easyreport.roles import Role
from tests.conftest import login


def _head_path(app) -> Path:
    return Path(app.config["EASYREPORT"].AUDIT_HEAD_FILE)


def _audit_some(app, client, make_user, failures: int = 8) -> int:
    user = make_user(Role.COUNSELLOR)
    for _ in range(failures):
        login(client, user.username, "wrong password")
    with app.app_context():
        return int(db.session.scalar(select(func.max(AuditEntry.seq))))


def _drop_guard_and_run(app, statement: str) -> None:
    """Tamper the way the app's own database user could: drop the append-only guard first."""
    with app.app_context():
        engine = db.engine
        with engine.begin() as connection:
            if engine.dialect.name == "sqlite":
                for name in connection.execute(
                    text("SELECT name FROM sqlite_master WHERE type='trigger'")
                ).scalars():
                    connection.execute(text(f'DROP TRIGGER "{name}"'))
            else:
                connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
            connection.execute(text(statement))


def test_the_head_file_follows_every_commit(app, client, make_user):
    last = _audit_some(app, client, make_user, failures=3)
    head = json.loads(_head_path(app).read_text())
    assert head["seq"] == last
    with app.app_context():
        assert head["mac"] == db.session.scalar(select(AuditEntry.mac).where(AuditEntry.seq == last))
    assert len(head["signature"]) == 64


def test_verify_fails_on_a_cut_off_end_and_names_the_missing_range(app, client, make_user):
    last = _audit_some(app, client, make_user)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["audit", "verify"]).output.strip() == "Audit log intact."
    _drop_guard_and_run(app, f"DELETE FROM audit_log WHERE seq > {last - 5}")
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert "truncated" in result.output
    assert f"missing: {last - 4} to {last}" in result.output


def test_a_regrown_chain_does_not_move_the_head(app, client, make_user):
    last = _audit_some(app, client, make_user)
    _drop_guard_and_run(app, f"DELETE FROM audit_log WHERE seq > {last - 3}")
    if app.extensions["easyreport.db"].engine.dialect.name == "postgresql":
        with app.app_context(), db.engine.begin() as connection:
            connection.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))
    # New entries after the cut: the chain grows past the anchored seq again, but not through its entry.
    _audit_some(app, client, make_user, failures=6)
    assert json.loads(_head_path(app).read_text())["seq"] == last
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"entry {last}: altered" in result.output


def test_a_forged_head_file_is_refused(app, client, make_user):
    last = _audit_some(app, client, make_user, failures=2)
    path = _head_path(app)
    head = json.loads(path.read_text())
    head["seq"] = last - 1
    path.write_text(json.dumps(head))
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert "signature" in result.output


def test_a_missing_head_file_is_reported(app, client, make_user):
    _audit_some(app, client, make_user, failures=1)
    _head_path(app).unlink()
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert "no audit head file" in result.output


def test_the_head_file_path_comes_from_the_configuration(tmp_path):
    from tests.conftest import make_test_app

    app = make_test_app(tmp_path, AUDIT_HEAD_FILE=str(tmp_path / "elsewhere" / "head.json"))
    login(app.test_client(), "nobody", "wrong password")
    assert (tmp_path / "elsewhere" / "head.json").exists()
