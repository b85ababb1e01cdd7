"""Empty PostgreSQL databases for test apps (the PostgreSQL pass): copies of a template, and one reused database.

Each test process makes a template holding the empty schema once. A test's first app gets that process's
reused database, which is emptied after the test (rows deleted, sequences reset) and checked against the
template's schema: a new copy of the template per test cost ~0.15-0.3 s of server work, over half the pass.
Any further app in the same test, and apps of wider fixtures (set up outside a test), get a copy of the
template, dropped when their test (or the session) ends. A reused database that cannot be emptied, or whose
schema a test changed, is dropped and the next test gets a fresh one.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, create_engine, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

# Everything a test could change in the schema: columns and their types, constraints, triggers (and whether
# they are enabled), functions and sequences. Two databases with the same digest have the same schema.
SCHEMA_DIGEST = """
SELECT md5(string_agg(item, ',' ORDER BY item)) FROM (
  SELECT c.relname || '.' || c.relkind::text || '.' || a.attname || '.' || format_type(a.atttypid, a.atttypmod)
         || '.' || a.attnotnull::text AS item
    FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
   WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
  SELECT 'constraint.' || conname || '.' || pg_get_constraintdef(oid) FROM pg_constraint
   WHERE connamespace = 'public'::regnamespace
  UNION ALL
  SELECT 'trigger.' || tgrelid::regclass::text || '.' || tgname || '.' || tgenabled::text FROM pg_trigger
   WHERE NOT tgisinternal
  UNION ALL
  SELECT 'function.' || proname || '.' || md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace
) AS schema_items
"""
TABLES = "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'"
RESET_SEQUENCES = """
SELECT setval(s.seqrelid::regclass, s.seqstart, false) FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
 WHERE c.relnamespace = 'public'::regnamespace
"""


@dataclass
class Databases:
    """This test process's template, reused database and template copies on one PostgreSQL server."""

    server_url: str
    make_schema: Callable[[str], None]
    template: str = ""
    reused: str = ""
    reused_digest: str = ""
    reused_handed_out: bool = False
    in_test: bool = False
    copies: list[str] = field(default_factory=list)
    current: str = ""
    _admin: Engine | None = None
    _reused_engine: Engine | None = None

    def url(self, database: str) -> str:
        return make_url(self.server_url).set(database=database).render_as_string(hide_password=False)

    def admin(self) -> Engine:
        if self._admin is None:
            self._admin = create_engine(self.server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        return self._admin

    def empty(self, fresh: bool) -> str:
        """The URL of an empty database for an app (fresh=False: the one handed out last)."""
        if not fresh and self.current:
            return self.current
        self._make_template()
        if self.in_test and not self.reused_handed_out:
            if not self.reused:
                self.reused = self._copy("reused")
                self.reused_digest = self._digest(self.reused)
            self.reused_handed_out = True
            self.current = self.url(self.reused)
        else:
            name = self._copy("test")
            self.copies.append(name)
            self.current = self.url(name)
        return self.current

    def test_started(self) -> int:
        """Mark the start of a test (apps made from now on belong to it); return the copies made before it."""
        self.in_test = True
        return len(self.copies)

    def test_ended(self, copies_before: int) -> None:
        """Drop the test's template copies and empty the reused database (the test's apps are disposed)."""
        self.in_test = False
        self.current = ""
        self._drop(self.copies[copies_before:])
        del self.copies[copies_before:]
        if self.reused_handed_out:
            self.reused_handed_out = False
            if not self._emptied():
                self._forget_reused()

    def drop_all(self) -> None:
        """Drop every database this process made (end of the session)."""
        self._forget_reused()
        self._drop(self.copies)
        self.copies.clear()
        if self.template:
            self._drop([self.template])
            self.template = ""

    def _make_template(self) -> None:
        if self.template:
            return
        # One template per test process (an xdist worker each), so workers never wait on each other's.
        self.template = _name("empty")
        with self.admin().connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{self.template}"'))
        self.make_schema(self.url(self.template))

    def _copy(self, kind: str) -> str:
        name = _name(kind)
        with self.admin().connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"'))
        return name

    def _drop(self, names: list[str]) -> None:
        if not names:
            return
        with self.admin().connect() as connection:
            for name in reversed(names):
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def _digest(self, database: str) -> str:
        engine = create_engine(self.url(database), poolclass=NullPool)
        try:
            with engine.connect() as connection:
                return str(connection.execute(text(SCHEMA_DIGEST)).scalar_one())
        finally:
            engine.dispose()

    def _emptied(self) -> bool:
        """Delete every row and reset every sequence of the reused database; False if that failed."""
        if self._reused_engine is None:
            self._reused_engine = create_engine(self.url(self.reused), pool_size=1)
        try:
            with self._reused_engine.begin() as connection:
                return _empty_in(connection, self.reused_digest)
        except SQLAlchemyError:
            return False

    def _forget_reused(self) -> None:
        if self._reused_engine is not None:
            self._reused_engine.dispose()
            self._reused_engine = None
        if self.reused:
            self._drop([self.reused])
            self.reused = ""


def _name(kind: str) -> str:
    worker = re.sub(r"\W", "", os.environ.get("PYTEST_XDIST_WORKER", "main"))
    return f"{kind}_{worker}_{uuid.uuid4().hex[:12]}"


def _empty_in(connection: Connection, digest: str) -> bool:
    # A connection a test left open would hold locks: waiting on it forever would hang the run.
    connection.execute(text("SET LOCAL lock_timeout = '10s'"))
    if connection.execute(text(SCHEMA_DIGEST)).scalar_one() != digest:
        return False
    # Replica mode skips triggers, so the audit tables' append-only guards and the foreign keys (triggers in
    # PostgreSQL) let every row go in any order. It needs a superuser, as the suite's own server has.
    connection.execute(text("SET LOCAL session_replication_role = replica"))
    tables = connection.execute(text(TABLES)).scalars().all()
    connection.execute(text("".join(f"DELETE FROM {table};" for table in tables)))  # one round trip
    connection.execute(text(RESET_SEQUENCES))
    return True
