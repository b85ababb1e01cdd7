"""A number on each preparation that the database itself raises whenever a row its sheet is built from changes.

A sheet is built from the preparation's row and from its rows in four tables (``INPUT_TABLES``: answers,
observations, sheet settings, consent records; see sheet_inputs.py). A stored sheet is used only when
nothing it was built from differs (sheet_store.py). Reading and decrypting all of those rows on every view
to find that out was a third of an officer's view. Triggers in the database raise
``preparations.inputs_version`` on every insert, update and delete of such a row, whichever code writes it
(the ORM, a Core statement, a migration, a hand-typed SQL statement), so the preparation's row alone tells
whether its stored sheet still fits.

The same statements are run by ``create_all`` (an after_create hook, for tests) and, frozen, by the
migration that added them (b7d4e0a1c2f3). SQLite drops a table's triggers with the table, so a migration
that rebuilds one of these tables (batch "move and copy") must make them again:
tests/briefing/test_inputs_version.py checks the newest revision has every one of them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, event, select
from sqlalchemy.orm import Session

INPUT_TABLES = ("answers", "observations", "sheet_settings", "consent_records")
COLUMN = "inputs_version"
_FUNCTION = "preparations_inputs_changed"


def trigger_statements(dialect: str, tables: tuple[str, ...] = INPUT_TABLES) -> list[str]:
    """The statements that make the triggers on these input tables; safe to run again."""
    if dialect == "sqlite":
        statements = []
        for table in tables:
            for verb, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
                ids = ", ".join(f"{row}.preparation_id" for row in rows)
                statements.append(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_{COLUMN}_{verb.lower()} AFTER {verb} ON {table} "  # noqa: S608 - names from the constants above
                    f"BEGIN UPDATE preparations SET {COLUMN} = {COLUMN} + 1 WHERE id IN ({ids}); END"
                )
        return statements
    if dialect == "postgresql":
        # No '%' anywhere: the driver would read it as a parameter marker.
        statements = [
            f"CREATE OR REPLACE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "  # noqa: S608 - constants
            f"IF TG_OP = 'TRUNCATE' THEN UPDATE preparations SET {COLUMN} = {COLUMN} + 1; RETURN NULL; END IF; "
            f"IF TG_OP <> 'INSERT' THEN "
            f"UPDATE preparations SET {COLUMN} = {COLUMN} + 1 WHERE id = OLD.preparation_id; END IF; "
            f"IF TG_OP = 'INSERT' OR NEW.preparation_id IS DISTINCT FROM OLD.preparation_id THEN "
            f"UPDATE preparations SET {COLUMN} = {COLUMN} + 1 WHERE id = NEW.preparation_id; END IF; "
            "RETURN NULL; END $$"
        ]
        for table in tables:
            statements += [
                f"DROP TRIGGER IF EXISTS {table}_{COLUMN} ON {table}",
                f"CREATE TRIGGER {table}_{COLUMN} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {_FUNCTION}()",
                f"DROP TRIGGER IF EXISTS {table}_{COLUMN}_truncate ON {table}",
                f"CREATE TRIGGER {table}_{COLUMN}_truncate AFTER TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {_FUNCTION}()",
            ]
        return statements
    raise RuntimeError(f"easyreport supports SQLite and PostgreSQL, not {dialect!r}")


def install(connection: Connection, tables: tuple[str, ...] = INPUT_TABLES) -> None:
    """Make the triggers on these tables (they and preparations.inputs_version must exist)."""
    for statement in trigger_statements(connection.dialect.name, tables):
        connection.exec_driver_sql(statement)


def _made(target: Table, connection: Connection, **kw: Any) -> None:
    install(connection, (target.name,))


def attach(tables: dict[str, Table]) -> None:
    """Have ``create_all`` make each input table's triggers right after the table (tests make schemas so)."""
    for name in INPUT_TABLES:
        event.listen(tables[name], "after_create", _made)


def current(session: Session, preparation_id: int) -> int:
    """The preparation's number as the database holds it now (not as a loaded row object remembers it).

    Flushes first (autoflush), so a change this session has not written yet raises it before it is read.
    """
    from easyreport.preparation.models import Preparation  # models import this module

    value = session.scalar(select(Preparation.inputs_version).where(Preparation.id == preparation_id))
    return int(value or 0)
