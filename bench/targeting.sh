#!/usr/bin/env bash
# Segment rule counts on 100,000 contacts (docs/benchmarks.md, "Targeting"): one command.
#
#   bench/targeting.sh                      throwaway PostgreSQL from the embedded binaries, 30 s per rule
#   BENCH_CONTACTS=20000 BENCH_DURATION=5 bench/targeting.sh     a quick smoke run
#   SCRM_DB_URL=postgresql://... bench/targeting.sh             an existing database (creates and drops schema t_rules_bench)
#
# Generates the data set of bench/run.sh (contacts, identities, campaigns, 4 touchpoints per contact, transitions,
# conversions) plus support levels, consent preferences and votes, asks the rule compiler itself
# (org.socialcrm.targeting.RuleSqlMain) for the count statement of each rule, and runs it with pgbench (one client)
# logging every execution's latency: prints p50/p95/max and the load. Everything on 127.0.0.1; the PostgreSQL it
# starts is stopped on exit. Run it under `flock /work/wt/bench.lock` when others benchmark on the machine.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
CONTACTS=${BENCH_CONTACTS:-100000}
DURATION=${BENCH_DURATION:-30}
PGPORT=${BENCH_PGPORT:-55441}
SCHEMA=t_rules_bench
WORK=$(mktemp -d)
cleanup() { [ -n "${PGSTARTED:-}" ] && ${AS:-} "$PGBIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
log() { printf '[targeting %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

if [ -z "${SCRM_DB_URL:-}" ]; then
  PGBIN=$(dirname "$(ls -d /tmp/embedded-pg/*/bin/postgres | head -1)")
  AS=""
  if [ "$(id -u)" = 0 ]; then chmod 777 "$WORK"; AS="runuser -u nobody --"; fi  # PostgreSQL refuses to run as root
  $AS "$PGBIN/initdb" -D "$WORK/data" -U postgres -A trust >/dev/null
  $AS "$PGBIN/pg_ctl" -D "$WORK/data" -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=256MB -c max_connections=20" \
      -l "$WORK/pg.log" -w start >/dev/null
  PGSTARTED=1
  URL="postgresql://postgres@127.0.0.1:$PGPORT/postgres"
else
  URL=$SCRM_DB_URL
fi

log "compiling the rule compiler"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then (cd "$ROOT" && ./mvnw -B -q -o test-compile); fi
(cd "$ROOT" && ./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
CP="$ROOT/target/classes:$ROOT/target/test-classes:$(cat "$WORK/cp.txt")"

log "schema and data ($CONTACTS contacts)"
psql -q "$URL" -c "drop schema if exists $SCHEMA cascade; create schema $SCHEMA" >/dev/null 2>&1
# the extensions the control plane creates in public (control migrations V7, V8) before any tenant schema
psql -q -v ON_ERROR_STOP=1 "$URL" -c "create extension if not exists pg_trgm with schema public" \
    -c "create extension if not exists btree_gist with schema public" >/dev/null
for f in $(ls "$ROOT"/src/main/resources/db/tenant/V*.sql | sort -V); do
  PGOPTIONS="-c search_path=$SCHEMA" psql -q -v ON_ERROR_STOP=1 "$URL" -f "$f" >/dev/null
done
psql -q "$URL" -v schema=$SCHEMA -v contacts="$CONTACTS" -v identities=$((CONTACTS * 3 / 2)) -v campaigns=50 \
    -v touchpoints=$((CONTACTS * 4)) -v transitions=$((CONTACTS * 5 / 2)) -v metric_points=0 -v conversions=$((CONTACTS / 10)) \
    -f "$HERE/sql/generate.sql" >"$WORK/generate.log"
PGOPTIONS="-c search_path=$SCHEMA" psql -q -v ON_ERROR_STOP=1 "$URL" >/dev/null <<'SQL'
update contact set support_level = 1 + (id % 5) where id % 4 <> 0;
insert into channel_preference (contact_id, channel, status)
select id, 'EMAIL', case when id % 7 = 0 then 'OPTED_OUT' else 'OPTED_IN' end from contact where id % 5 = 0;
insert into contact_vote (contact_id, election) select id, 'E2026' from contact where id % 3 = 0;
analyze;
SQL

# Rules: the three-level rule of the issue (a behaviour condition inside or/and/not), and two variants.
RULES=(
  'three levels|{"and":[{"filter":{"country":"FR"}},{"or":[{"behavior":{"kind":"TOUCHED","withinDays":30,"channel":"EMAIL"}},{"and":[{"not":{"behavior":{"kind":"CONVERTED"}}},{"supportLevel":{"min":3}}]}]},{"not":{"consent":{"channel":"EMAIL","status":"OPTED_OUT"}}}]}'
  'touched 2+ times by a campaign in 90 days, reachable by email|{"and":[{"behavior":{"kind":"TOUCHED","withinDays":90,"campaignId":"7","minCount":2}},{"filter":{"reachableBy":"EMAIL"}}]}'
  'chase list: supporters who have not voted|{"and":[{"supportLevel":{"min":4}},{"not":{"behavior":{"kind":"VOTED","election":"E2026"}}}]}'
)
printf '%-62s %9s %9s %9s %9s %7s\n' "rule (count on $CONTACTS contacts, 1 client, ${DURATION}s)" "members" "p50 ms" "p95 ms" "max ms" "runs"
for entry in "${RULES[@]}"; do
  name=${entry%%|*}; rule=${entry#*|}
  java -cp "$CP" org.socialcrm.targeting.RuleSqlMain "$rule" >"$WORK/rule.sql"
  members=$(PGOPTIONS="-c search_path=$SCHEMA" psql -qtA "$URL" -f "$WORK/rule.sql")
  rm -f "$WORK"/lat*
  (cd "$WORK" && PGOPTIONS="-c search_path=$SCHEMA" pgbench -n -M prepared -c 1 -T 3 -f "$WORK/rule.sql" "$URL" >/dev/null 2>&1)  # warm-up
  (cd "$WORK" && PGOPTIONS="-c search_path=$SCHEMA" pgbench -n -M prepared -c 1 -T "$DURATION" -l --log-prefix=lat -f "$WORK/rule.sql" "$URL" >/dev/null 2>&1)
  python3 - "$name" "$members" "$WORK" <<'PY'
import glob, sys
name, members, work = sys.argv[1:4]
lat = sorted(int(line.split()[2]) / 1000 for f in glob.glob(work + "/lat*") for line in open(f))
p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
print(f"{name[:62]:62s} {members:>9s} {p(0.5):9.1f} {p(0.95):9.1f} {lat[-1]:9.1f} {len(lat):7d}")
PY
done
echo "load: $(uptime | sed 's/.*load average/load average/')"
if [ -n "${BENCH_SHOW_PLAN:-}" ]; then
  PGOPTIONS="-c search_path=$SCHEMA" psql -q "$URL" -c "explain (analyze, buffers) $(java -cp "$CP" org.socialcrm.targeting.RuleSqlMain "${RULES[0]#*|}")"
fi
psql -q "$URL" -c "drop schema $SCHEMA cascade" >/dev/null 2>&1
