"""`flask db ...`: upgrade the database, show its revision, check the models, write a new revision."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from easyreport.extensions import db
from easyreport.migrations import runner
from easyreport.migrations.safety import DataLossRefused

db_cli = AppGroup("db", help="Database schema migrations (Alembic).")


def run_upgrade(revision: str = "head") -> None:
    """Upgrade the app's database and say what happened; a refusal becomes a command error."""
    try:
        result = runner.upgrade(db.engine, revision)
    except (runner.MigrationError, DataLossRefused) as error:
        raise click.ClickException(str(error)) from None
    if result.adopted_legacy:
        for item in result.added:
            click.echo(f"Added {item}.")
        click.echo(
            f"This database was made before migrations: carried forward and stamped at {runner.BASELINE}."
        )
    if result.before == result.after:
        click.echo(f"Database at revision {result.after}: nothing to do.")
    else:
        click.echo(f"Database upgraded: revision {result.before or 'none'} -> {result.after}.")
    click.echo("Database ready.")


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Bring the database to REVISION (default: the newest); safe to run again."""
    run_upgrade(revision)


@db_cli.command("current")
def current() -> None:
    """Print the database's revision and the newest one."""
    with db.engine.connect() as connection:
        state = runner.database_state(connection)
        revision = runner.current_revision(connection)
    head = runner.head_revision()
    shown = revision or f"none ({state})"
    click.echo(f"database: {shown}\nnewest:   {head}{' (up to date)' if revision == head else ''}")


@db_cli.command("check")
def check() -> None:
    """Fail when the models differ from the newest revision (a model change without a revision)."""
    engine = runner.scratch_database_at_head()
    with engine.connect() as connection:
        differences = runner.model_differences(connection)
    engine.dispose()
    if differences:
        for difference in differences:
            click.echo(f"  {difference}", err=True)
        raise click.ClickException(
            "The models differ from the newest revision; write one with `flask db revision -m MESSAGE`."
        )
    click.echo(f"Models match revision {runner.head_revision()}.")


@db_cli.command("revision")
@click.option("-m", "--message", required=True, help="What the revision changes, e.g. 'add feedback tables'.")
def revision(message: str) -> None:
    """Write a revision for what the models changed since the newest revision (autogenerate)."""
    paths = runner.autogenerate_revision(message)
    if not paths:
        click.echo("The models match the newest revision: no revision written.")
        return
    for path in paths:
        click.echo(f"Wrote {path}")
    click.echo(
        "Read it before committing: replace any op.drop_column / op.drop_table with "
        "easyreport.migrations.safety (README, Migrations)."
    )
