"""Run the schema migrations (Alembic) on a database, adopting one made before migrations existed.

Plain Alembic, not Flask-Migrate: Flask-Migrate drives Flask-SQLAlchemy's ``db``, and easyreport has
its own engine per app (``easyreport.database``); Alembic's ``command`` API on a connection we hand
over is all that is needed, with no ``alembic.ini`` to ship. The revisions live inside the package
(``easyreport/migrations/versions``), so an installed wheel migrates its database too.

A database is in one of three states:

- empty: ``upgrade`` runs every revision from the first one (the schema as it was when migrations
  came in, ``BASELINE``);
- legacy: made by the hand-written upgrader of earlier releases (``flask init-db`` = ``create_all``
  plus added nullable columns), so it has the tables but no ``alembic_version``. It is checked to
  hold every table and column of the first revision, stamped there, then upgraded like any other;
  one that lacks some is refused with their names and left untouched;
- versioned: ``upgrade`` runs the revisions after its current one.

Everything runs in one transaction: on PostgreSQL a failing revision leaves the database as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData, create_engine, inspect
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator

MIGRATIONS_DIR = Path(__file__).resolve().parent
# The first revision: the schema as the hand-written upgrader left it.
BASELINE = "c0a1e5f3b001"
VERSION_TABLE = "alembic_version"


class MigrationError(RuntimeError):
    """The database cannot be brought to the code's schema safely; nothing was changed."""


@dataclass(frozen=True)
class UpgradeResult:
    """What ``upgrade`` did."""

    before: str | None  # the revision the database was at (None: empty or legacy)
    after: str | None
    adopted_legacy: bool


def target_metadata() -> MetaData:
    """Return the models' metadata (every table module imported)."""
    import easyreport.models  # noqa: F401 - registers every table on Base.metadata
    from easyreport.db_base import Base

    return Base.metadata


def alembic_config(connection: Connection | None = None, script_location: Path | None = None) -> Config:
    """Return an Alembic config for our revisions that runs on ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(script_location or MIGRATIONS_DIR))
    # %% because Alembic's config is a ConfigParser; new files are named "<revision>_<message>.py".
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    config.set_main_option("truncate_slug_length", "40")
    config.attributes["connection"] = connection
    return config


def configure_context(context: Any) -> None:
    """Configure and run Alembic's environment (called from env.py)."""
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise MigrationError("run migrations through `flask db upgrade`, which hands Alembic its connection")
    context.configure(
        connection=connection,
        target_metadata=target_metadata(),
        render_as_batch=True,  # SQLite cannot ALTER most things: batch mode copies the table instead
        compare_type=True,
        render_item=_render_item,
        process_revision_directives=_skip_empty_revision,
    )
    with context.begin_transaction():
        context.run_migrations()


def _render_item(kind: str, obj: Any, _autogen_context: Any) -> str | bool:
    # A revision stores what the database holds: an encrypted column is its implementation type (text
    # or bytes), so a revision never imports app code that may change after it was written.
    if kind == "type" and isinstance(obj, TypeDecorator):
        impl = obj.impl_instance
        if not type(impl).__module__.startswith("sqlalchemy."):
            raise MigrationError(f"cannot render column type {obj!r}")
        return f"sa.{impl!r}"
    return False


def _skip_empty_revision(context: Any, _revision: Any, directives: list[Any]) -> None:
    # autogenerate with nothing to do writes no file
    if directives and directives[0].upgrade_ops.is_empty():
        directives[:] = []


def script_directory(script_location: Path | None = None) -> ScriptDirectory:
    """Return the revisions."""
    return ScriptDirectory.from_config(alembic_config(script_location=script_location))


def head_revision(script_location: Path | None = None) -> str:
    """Return the newest revision id (there must be exactly one head)."""
    head = script_directory(script_location).get_current_head()
    if head is None:
        raise MigrationError("there are no revisions")
    return head


def current_revision(connection: Connection) -> str | None:
    """Return the database's revision, or None when it has none (empty or legacy)."""
    revision: str | None = MigrationContext.configure(connection).get_current_revision()
    return revision


def database_state(connection: Connection) -> str:
    """Return "empty", "legacy" (tables of ours but no revision) or "versioned"."""
    tables = set(inspect(connection).get_table_names())
    if VERSION_TABLE in tables:
        return "versioned"
    return "legacy" if tables & set(baseline_schema()) else "empty"


def upgrade(engine: Engine, revision: str = "head", *, script_location: Path | None = None) -> UpgradeResult:
    """Bring the database to ``revision``, adopting a legacy database first; raise MigrationError."""
    with engine.begin() as connection:
        state = database_state(connection)
        before = current_revision(connection) if state == "versioned" else None
        config = alembic_config(connection, script_location)
        if state == "legacy":
            _check_legacy(connection)
            command.stamp(config, BASELINE)
        command.upgrade(config, revision)
        return UpgradeResult(before, current_revision(connection), adopted_legacy=state == "legacy")


def _check_legacy(connection: Connection) -> None:
    inspector = inspect(connection)
    present = set(inspector.get_table_names())
    missing: list[str] = []
    for table, columns in sorted(baseline_schema().items()):
        if table not in present:
            missing.append(f"table {table}")
            continue
        have = {column["name"] for column in inspector.get_columns(table)}
        missing.extend(f"column {table}.{name}" for name in sorted(columns - have))
    if missing:
        raise MigrationError(
            "This database was made before migrations and lacks what the first revision has: "
            + ", ".join(missing)
            + ". Nothing was changed. Bring it up to date with the release before migrations "
            "(its `flask init-db`), then run `flask db upgrade` again."
        )


_baseline_cache: dict[str, frozenset[str]] | None = None


def baseline_schema() -> dict[str, frozenset[str]]:
    """Return the tables and column names the first revision makes (from a scratch SQLite run of it)."""
    global _baseline_cache
    if _baseline_cache is None:
        scratch = create_engine("sqlite://", poolclass=StaticPool)
        with scratch.begin() as connection:
            command.upgrade(alembic_config(connection), BASELINE)
            inspector = inspect(connection)
            _baseline_cache = {
                table: frozenset(column["name"] for column in inspector.get_columns(table))
                for table in inspector.get_table_names()
                if table != VERSION_TABLE
            }
        scratch.dispose()
    return _baseline_cache


def model_differences(connection: Connection) -> list[Any]:
    """Return what autogenerate would change to make the database match the models (empty: they match)."""
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    differences: list[Any] = compare_metadata(context, target_metadata())
    return differences


def scratch_database_at_head(script_location: Path | None = None) -> Engine:
    """Return an in-memory SQLite database upgraded to the newest revision (for checks and autogenerate)."""
    engine = create_engine("sqlite://", poolclass=StaticPool)
    upgrade(engine, script_location=script_location)
    return engine


def autogenerate_revision(message: str, script_location: Path | None = None) -> list[Path]:
    """Write a revision for the differences between the models and the newest revision; return its files."""
    engine = scratch_database_at_head(script_location)
    with engine.begin() as connection:
        if not model_differences(connection):
            return []
        scripts = command.revision(
            alembic_config(connection, script_location), message=message, autogenerate=True
        )
    engine.dispose()
    listed = scripts if isinstance(scripts, list) else [scripts]
    return [Path(script.path) for script in listed if script is not None]
