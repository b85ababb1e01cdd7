#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server on a Unix socket; the server and its data go afterwards.
# The command sees EASYREPORT_TEST_DATABASE_URL. Needs root (the server runs as the postgres user).
set -euo pipefail
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pgbin" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
dir=$(mktemp -d /tmp/easyreport-pg.XXXXXX)
chown postgres "$dir"
port=$((20000 + RANDOM % 20000))
runuser -u postgres -- "$pgbin/initdb" -D "$dir/data" -A trust -U easyreport >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-k $dir -c listen_addresses='' -p $port -c fsync=off" start >/dev/null
stop() { runuser -u postgres -- "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap stop EXIT
runuser -u postgres -- "$pgbin/createdb" -h "$dir" -p "$port" -U easyreport easyreport_test
export EASYREPORT_TEST_DATABASE_URL="postgresql+psycopg://easyreport@/easyreport_test?host=$dir&port=$port"
"$@"
