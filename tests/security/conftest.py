from tests.pg_fixture import postgres_server, postgres_url  # noqa: F401
