#!/usr/bin/env bash
# Set up, prepare the SQLite database with the demo accounts, and run easyreport on http://127.0.0.1:${PORT:-5000}.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export EASYREPORT_ENV=${EASYREPORT_ENV:-development}
export FLASK_APP=easyreport
.venv/bin/flask init-db
.venv/bin/flask seed-demo
# Read-aloud audio for every client text ahead of time (seconds when warm). Without a working speech engine the
# app still runs and its pages say that reading aloud does not work right now.
.venv/bin/flask speech build || echo "Read-aloud audio could not be made; the app runs without it."
echo "easyreport runs on http://127.0.0.1:${PORT:-5000} (demo accounts: counsellor, officer, admin)"
exec .venv/bin/flask run --host 127.0.0.1 --port "${PORT:-5000}"
