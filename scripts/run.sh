#!/usr/bin/env bash
# Set up, bring the SQLite database to the newest schema with the demo accounts, and serve easyreport with
# gunicorn on http://127.0.0.1:${PORT:-5000} (${WEB_CONCURRENCY:-2} worker processes).
# Safe to run again: setup skips what is there, migrations run only what is new, data and accounts stay.
# `--dev` (or scripts/dev.sh) serves with Flask's development server instead: reloads on code changes,
# shows tracebacks, for development only.
set -euo pipefail
cd "$(dirname "$0")/.."
dev=0
[ "${1:-}" = "--dev" ] && dev=1
bash scripts/setup.sh
export EASYREPORT_ENV=${EASYREPORT_ENV:-development}
export FLASK_APP=easyreport
.venv/bin/flask db upgrade
.venv/bin/flask seed-demo --with-history  # demo accounts and a year of anonymous evaluation counts
# Read-aloud audio for every client text ahead of time (seconds when warm). Without a working speech engine the
# app still runs and its pages say that reading aloud does not work right now.
.venv/bin/flask speech build || echo "Read-aloud audio could not be made; the app runs without it."
port=${PORT:-5000}
echo "easyreport runs on http://127.0.0.1:$port (demo accounts: counsellor, officer, admin, coordinator)"
if [ "$dev" = 1 ]; then
  exec .venv/bin/flask run --debug --host 127.0.0.1 --port "$port"
fi
# Each worker process is one app with its own speech worker; the health check is http://127.0.0.1:$port/healthz.
exec .venv/bin/gunicorn --workers "${WEB_CONCURRENCY:-2}" --bind "127.0.0.1:$port" \
  --access-logfile - --graceful-timeout 20 --no-control-socket "easyreport:create_app()"
