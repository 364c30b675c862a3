#!/usr/bin/env bash
# Overhead of the change-feed outbox on createContact, measured in PostgreSQL with pgbench (docs/benchmarks.md):
# createContact's statements with and without the change row (and with one active webhook: the fan-out row too).
#
#   bench/outbox.sh                         throwaway PostgreSQL from the embedded binaries, 20 s per variant
#   SCRM_DB_URL=postgresql://... bench/outbox.sh    an existing database (creates and drops schema outbox_bench)
#
# Everything on 127.0.0.1; the PostgreSQL it starts is stopped on exit.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
DURATION=${BENCH_DURATION:-20}
CLIENTS=${BENCH_CONNECTIONS:-8}
WORK=$(mktemp -d)
PGPORT=${BENCH_PGPORT:-55439}
cleanup() { [ -n "${PGSTARTED:-}" ] && ${AS:-} "$PGBIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

if [ -z "${SCRM_DB_URL:-}" ]; then
  PGBIN=$(dirname "$(ls -d /tmp/embedded-pg/*/bin/postgres | head -1)")
  AS=""
  if [ "$(id -u)" = 0 ]; then chmod 777 "$WORK"; AS="runuser -u nobody --"; fi  # PostgreSQL refuses to run as root
  $AS "$PGBIN/initdb" -D "$WORK/data" -U postgres -A trust >/dev/null
  $AS "$PGBIN/pg_ctl" -D "$WORK/data" -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50" -l "$WORK/pg.log" -w start >/dev/null
  PGSTARTED=1
  URL="postgresql://postgres@127.0.0.1:$PGPORT/postgres"
else
  URL=$SCRM_DB_URL
fi
export PGOPTIONS="-c search_path=outbox_bench"
psql -q "$URL" -c "drop schema if exists outbox_bench cascade; create schema outbox_bench" >/dev/null 2>&1
for f in $(ls "$ROOT"/src/main/resources/db/tenant/V*.sql | sort -V); do psql -q -v ON_ERROR_STOP=1 "$URL" -f "$f" >/dev/null; done

run() { # script -> transactions per second
  pgbench -n -M prepared -c "$CLIENTS" -j 2 -T "${DURATION}" -f "$HERE/sql/$1" "$URL" 2>/dev/null | awk '/^tps/ {print $3}'
}
echo "createContact statements, $CLIENTS clients, $DURATION s per run (without/with outbox alternated twice, averaged)"
DURATION=5 run create_contact_outbox.sql >/dev/null   # warm-up, not measured
BASE=$(run create_contact.sql)
WITH=$(run create_contact_outbox.sql)
BASE2=$(run create_contact.sql)
WITH2=$(run create_contact_outbox.sql)
BASE=$(python3 -c "print(($BASE + $BASE2) / 2)")
WITH=$(python3 -c "print(($WITH + $WITH2) / 2)")
psql -q "$URL" -c "insert into webhook (url, events, secret_key_id, secret) values ('https://example.com/h', '{*}', 'k', 's')" >/dev/null
HOOK=$(run create_contact_outbox.sql)
python3 - "$BASE" "$WITH" "$HOOK" <<'PY'
import sys
base, with_, hook = map(float, sys.argv[1:4])
print(f"without outbox               {base:10.0f} tx/s")
print(f"with outbox (no webhook)     {with_:10.0f} tx/s   overhead {100 * (1 - with_ / base):5.1f}%")
print(f"with outbox and one webhook  {hook:10.0f} tx/s   overhead {100 * (1 - hook / base):5.1f}%")
PY
psql -q "$URL" -c "drop schema outbox_bench cascade" >/dev/null 2>&1
