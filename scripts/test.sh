#!/usr/bin/env bash
# Set up everything (test tools included) and run the whole test suite: lint, types, all tests with real
# Chromium, espeak-ng and WeasyPrint on SQLite, then the database tests again on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
# Parallel test processes (pytest-xdist): one per core by default. Each has its own databases, files and ports.
# worksteal: a worker that runs out of tests takes some from the other's queue instead of idling at the end.
workers="${EASYREPORT_TEST_WORKERS:-auto}"
start=$(date +%s)
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"
.venv/bin/mypy
echo "== tests on SQLite (browser tests included)"
.venv/bin/python -m pytest -p no:cacheprovider -n "$workers" --dist worksteal "$@"
echo "== database tests on PostgreSQL"
# Only the tests that use the database (tests/database_tests.py classes them, and fails a misclassed one).
EASYREPORT_TEST_DATABASE_ONLY=1 bash scripts/with-postgres.sh .venv/bin/python -m pytest -p no:cacheprovider -n "$workers" --dist worksteal -q -m "not browser" \
  --ignore=tests/browser --ignore=tests/test_packaging.py --ignore=tests/content --ignore=tests/speech
echo "== all done in $(( $(date +%s) - start )) s"
