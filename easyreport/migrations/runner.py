"""Run the schema migrations (Alembic) on a database, adopting one made before migrations existed.

Plain Alembic, not Flask-Migrate: Flask-Migrate drives Flask-SQLAlchemy's ``db``, and easyreport has
its own engine per app (``easyreport.database``); Alembic's ``command`` API on a connection we hand
over is all that is needed, with no ``alembic.ini`` to ship. The revisions live inside the package
(``easyreport/migrations/versions``), so an installed wheel migrates its database too.

A database is in one of three states:

- empty: ``upgrade`` runs every revision from the first one (the schema as it was when migrations
  came in, ``BASELINE``);
- legacy: made by the hand-written upgrader of earlier releases (``flask init-db`` = ``create_all``
  plus added nullable columns), so it has tables but no ``alembic_version``. It is carried forward to
  the first revision the way that upgrader would have done it, against the first revision's frozen
  tables (not today's models): missing tables are created, missing nullable columns (and their
  indexes) added. Anything else it lacks (a required column, a foreign key, a database default) is
  refused with its name, and nothing is changed. Then it is stamped at the first revision and
  upgraded like any other;
- versioned: ``upgrade`` runs the revisions after its current one.

Everything runs in one transaction: on PostgreSQL a failing revision leaves the database as it was.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Connection, Engine, Index, MetaData, Table, create_engine, inspect
from sqlalchemy.pool import StaticPool
from sqlalchemy.schema import CreateIndex, CreateTable
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
    added: tuple[str, ...] = ()  # tables and columns a legacy database lacked and was given


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
        added: tuple[str, ...] = ()
        if state == "legacy":
            added = _carry_legacy_forward(connection)
            command.stamp(config, BASELINE)
        command.upgrade(config, revision)
        return UpgradeResult(before, current_revision(connection), state == "legacy", added)


def _refusal(column: Column[Any]) -> str | None:
    if column.primary_key:
        return "is part of the primary key"
    if not column.nullable:
        return "is required (NOT NULL), so existing rows would have no value"
    if column.foreign_keys:
        return "is a foreign key"
    if column.server_default is not None:
        return "has a database default"
    return None


def _carry_legacy_forward(connection: Connection) -> tuple[str, ...]:
    """Give a pre-migrations database what the first revision has and it lacks; refuse what is not additive."""
    tables, indexes = baseline_tables(connection.dialect.name)
    inspector = inspect(connection)
    present = set(inspector.get_table_names())
    new_tables = [table for table in tables if table.name not in present]
    new_columns: list[tuple[Table, Column[Any]]] = []
    for table in tables:
        if table.name in present:
            have = {column["name"] for column in inspector.get_columns(table.name)}
            new_columns.extend((table, column) for column in table.columns if column.name not in have)
    refused = [
        f"{table.name}.{column.name} {reason}"
        for table, column in new_columns
        if (reason := _refusal(column)) is not None
    ]
    if refused:
        raise MigrationError(
            "This database was made before migrations and cannot be carried forward: "
            + "; ".join(refused)
            + ". Nothing was changed. Bring it up to date with the last release before migrations "
            "(its `flask init-db`), then run `flask db upgrade` again."
        )
    preparer = connection.dialect.identifier_preparer
    for table in new_tables:
        connection.execute(CreateTable(table))
    added_columns = {(table.name, column.name) for table, column in new_columns}
    for table, column in new_columns:
        column_type = column.type.compile(dialect=connection.dialect)
        connection.exec_driver_sql(
            f"ALTER TABLE {preparer.format_table(table)} ADD COLUMN {preparer.format_column(column)} {column_type}"
        )
    made = {table.name for table in new_tables}
    for index in indexes:
        table_name = index.table.name if index.table is not None else ""
        if table_name in made or all((table_name, column.name) in added_columns for column in index.columns):
            connection.execute(CreateIndex(index))
    if "audit_log" in made:
        for statement in _baseline_module().audit_guard(connection.dialect.name):
            connection.exec_driver_sql(statement)
    return tuple(f"table {t.name}" for t in new_tables) + tuple(
        f"column {t}.{c}" for t, c in sorted(added_columns)
    )


def _baseline_module() -> Any:
    return script_directory().get_revision(BASELINE).module


def baseline_tables(dialect_name: str) -> tuple[list[Table], list[Index]]:
    """Return the tables and indexes the first revision creates, as objects for ``dialect_name``.

    The revision runs in Alembic's offline mode with its create calls captured instead of executed.
    """
    context = MigrationContext.configure(
        dialect_name=dialect_name, opts={"as_sql": True, "output_buffer": io.StringIO()}
    )
    tables: list[Table] = []
    indexes: list[Index] = []
    impl: Any = context.impl
    impl.create_table = lambda table, **_kw: tables.append(table)
    impl.create_index = lambda index, **_kw: indexes.append(index)
    impl.execute = lambda *_args, **_kw: None
    with Operations.context(context):
        _baseline_module().upgrade()
    return tables, indexes


def baseline_schema() -> dict[str, frozenset[str]]:
    """Return the tables and column names the first revision makes."""
    tables, _indexes = baseline_tables("sqlite")
    return {table.name: frozenset(column.name for column in table.columns) for table in tables}


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


def _format_with_ruff(config: Config) -> None:
    """Let Alembic run ruff (fix, then format) on a new revision when ruff is installed next to Python."""
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.is_file():
        return
    config.set_section_option("post_write_hooks", "hooks", "ruff_fix, ruff_format")
    for name, options in (("ruff_fix", "check --fix --quiet"), ("ruff_format", "format --quiet")):
        config.set_section_option("post_write_hooks", f"{name}.type", "exec")
        config.set_section_option("post_write_hooks", f"{name}.executable", str(ruff))
        config.set_section_option(
            "post_write_hooks", f"{name}.options", f"{options} REVISION_SCRIPT_FILENAME"
        )


def autogenerate_revision(message: str, script_location: Path | None = None) -> list[Path]:
    """Write a revision for the differences between the models and the newest revision; return its files."""
    engine = scratch_database_at_head(script_location)
    with engine.begin() as connection:
        if not model_differences(connection):
            return []
        config = alembic_config(connection, script_location)
        _format_with_ruff(config)
        scripts = command.revision(config, message=message, autogenerate=True)
    engine.dispose()
    listed = scripts if isinstance(scripts, list) else [scripts]
    return [Path(script.path) for script in listed if script is not None]
