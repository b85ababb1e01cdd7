"""`flask` commands: database, demo accounts, account management."""

from __future__ import annotations

import os

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from easyreport.accounts import second_factor, service
from easyreport.accounts.models import User
from easyreport.audit.chain import Action
from easyreport.audit.storage import append as audit_append
from easyreport.briefing.organisations import add_organisation, organisation_names
from easyreport.extensions import db
from easyreport.migrations.cli import db_cli, run_upgrade
from easyreport.ops_cli import audit_cli, keys_cli, purge_expired
from easyreport.roles import Role
from easyreport.timeutil import utcnow

DEMO_PASSWORD_DEFAULT = "easyreport-demo"  # noqa: S105 - documented local demo password
users_cli = AppGroup("users", help="Manage staff accounts.")


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or upgrade the database to the newest revision (the same as `flask db upgrade`)."""
    run_upgrade()


DEMO_ORGANISATION = "Zorgorganisatie Demo"


@click.command("seed-demo")
@click.option("--with-history", is_flag=True, help="Also add a year of anonymous evaluation counts.")
@with_appcontext
def seed_demo(with_history: bool = False) -> None:
    """Create the demo accounts counsellor, officer and admin if they are missing (keeps existing data)."""
    password = os.environ.get("EASYREPORT_DEMO_PASSWORD", DEMO_PASSWORD_DEFAULT)
    session = db.session
    for role in Role:
        if session.scalar(select(User.id).where(User.username == role.value)) is None:
            service.create_account(session, role.value, role, password, min_length=1)
            click.echo(f"Created demo account {role.value}.")
    # The settings page offers only the admin's organisations: the demo needs one to make a sheet.
    if not organisation_names(session):
        add_organisation(session, DEMO_ORGANISATION, confirmed=False, locale="nl")
        click.echo(f"Added demo organisation {DEMO_ORGANISATION}.")
    if with_history:
        from easyreport.evaluation.demo import seed_history

        added = seed_history(session, utcnow().date())
        click.echo(
            f"Added anonymous evaluation history of {added} preparations." if added else "History kept."
        )
    session.commit()


def _audit_account_change(user_id: int, change: str) -> None:
    """Audit a change an operator made to an account from the command line (metadata only)."""
    audit_append(
        db.session,
        current_app.extensions["easyreport.audit_key"],
        action=Action.ACCOUNT_CHANGE,
        object_type="account",
        object_id=user_id,
        metadata={"change": change},
    )


def _find(username: str) -> User:
    user = db.session.scalar(select(User).where(User.username == service.normalise_username(username)))
    if user is None:
        raise click.ClickException(f"No account named {username!r}.")
    return user


@users_cli.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.password_option()
def create_user(username: str, role: str, password: str) -> None:
    """Create an account."""
    try:
        user = service.create_account(
            db.session, username, Role(role), password, min_length=current_app.config["PASSWORD_MIN_LENGTH"]
        )
    except service.AccountError as error:
        raise click.ClickException(_describe(error)) from error
    db.session.commit()
    click.echo(f"Created {user.role} account {user.username}.")


@users_cli.command("deactivate")
@click.argument("username")
def deactivate_user(username: str) -> None:
    """Deactivate an account and end its sessions."""
    service.set_active(db.session, _find(username).id, False)
    db.session.commit()
    click.echo(f"Deactivated {username}.")


@users_cli.command("reactivate")
@click.argument("username")
def reactivate_user(username: str) -> None:
    """Reactivate an account."""
    service.set_active(db.session, _find(username).id, True)
    db.session.commit()
    click.echo(f"Reactivated {username}.")


@users_cli.command("reset-password")
@click.argument("username")
@click.password_option()
def reset_user_password(username: str, password: str) -> None:
    """Set a new password; the account's sessions end."""
    try:
        service.reset_password(
            db.session,
            _find(username).id,
            password,
            min_length=current_app.config["PASSWORD_MIN_LENGTH"],
            now=utcnow(),
        )
    except service.AccountError as error:
        raise click.ClickException(_describe(error)) from error
    user = _find(username)
    second_factor.notify(db.session, user.id, "password_reset", utcnow())
    _audit_account_change(user.id, "password_reset")
    db.session.commit()
    click.echo(f"New password set for {username} (their second factor stays; they are told at next login).")


@users_cli.command("reset-second-factor")
@click.argument("username")
def reset_user_second_factor(username: str) -> None:
    """Clear an account's authenticator and recovery codes; it sets them up again at its next login."""
    user = _find(username)
    second_factor.reset_factor(db.session, user.id, utcnow())
    service.end_sessions(db.session, user.id)
    _audit_account_change(user.id, "second_factor_reset")
    db.session.commit()
    click.echo(f"Second factor of {username} reset; they set it up again at their next login.")


@users_cli.command("list")
def list_users() -> None:
    """Print every account with role and state."""
    for user in service.list_accounts(db.session):
        click.echo(f"{user.username:24} {user.role:12} {'active' if user.active else 'deactivated'}")


def _describe(error: service.AccountError) -> str:
    if isinstance(error, service.InvalidUsername):
        return "Use 2 to 63 lower-case letters, digits, dots, dashes or underscores."
    if isinstance(error, service.UsernameTaken):
        return "This username is already in use."
    if isinstance(error, service.PasswordTooShort):
        return f"Use at least {error.args[0]} characters."
    return type(error).__name__


def init_cli(app: Flask) -> None:
    """Register the commands."""
    app.cli.add_command(init_db)
    app.cli.add_command(db_cli)
    app.cli.add_command(seed_demo)
    app.cli.add_command(users_cli)
    app.cli.add_command(keys_cli)
    app.cli.add_command(audit_cli)
    app.cli.add_command(purge_expired)
