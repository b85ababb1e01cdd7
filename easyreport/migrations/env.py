"""Alembic's entry point: run the revisions on the connection easyreport.migrations.runner hands over."""

from __future__ import annotations

from alembic import context

from easyreport.migrations.runner import configure_context

configure_context(context)
