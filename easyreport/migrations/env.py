"""Alembic's entry point: run the revisions on the connection easyreport.migrations.runner hands over."""

from __future__ import annotations

from alembic import context

from easyreport.migrations.runner import configure_context

# Only under Alembic: importing this module otherwise (a test walking the package) does nothing.
if hasattr(context, "config"):
    configure_context(context)
