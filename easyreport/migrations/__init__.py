"""Schema migrations: Alembic revisions in ``versions/``, run by ``runner`` (``flask db upgrade``)."""
