#!/usr/bin/env bash
# Provisioning many tenants through the API (createTenant), alone: issue 17 point 4, docs/benchmarks.md.
#
#   BENCH_SKIP_BUILD=1 BENCH_TENANTS=250 bench/tenants.sh                       on an embedded PostgreSQL
#   SCRM_DB_URL=postgresql://scrm:scrm@127.0.0.1:55460/scrm BENCH_SKIP_BUILD=1 BENCH_TENANTS=250 bench/tenants.sh
#
# Brings the database up to BENCH_TENANTS active tenants (those already there count) in slices of BENCH_TENANT_SLICE,
# BENCH_PROVISION_PARALLELISM at a time, and prints each slice's rate and Flyway time per tenant (from the app's log);
# then, on a Citus coordinator, the count of distributed schemas and their spread over the workers; and a write and a
# read through the API in the newest tenant. Everything on 127.0.0.1;
# every process started is stopped on exit.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
TENANTS=${BENCH_TENANTS:-250}
SLICE=${BENCH_TENANT_SLICE:-250}
PARALLELISM=${BENCH_PROVISION_PARALLELISM:-4}
TIMEOUT=${BENCH_PROVISION_TIMEOUT:-1500}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx512m}
BENCH_NAME=tenants
source "$HERE/lib.sh"
start_database_and_issuer
psql_db() { psql "$DB_URL" -X -v ON_ERROR_STOP=1 -qtA "$@"; }
token() { python3 "$HERE/oidc.py" token "$WORK/key.pem" "$ISSUER" "$1"; }
PLATFORM_TOKEN=$(token '{"sub":"bench-platform","realm_access":{"roles":["platform-admin"]}}')

port=$(free_port)
APP=http://127.0.0.1:$port
SCRM_DB_URL=$DB_URL SCRM_OIDC_AUTH_SERVER_URL=$ISSUER SCRM_TENANTS_DIR=$WORK/tenants SCRM_TOKEN_KEY_ID=bench SCRM_LOG_JSON=false \
    SCRM_RATE_LIMIT_TENANT_RPS=1000000 SCRM_RATE_LIMIT_TENANT_BURST=1000000 \
    java $JAVA_OPTS -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -Dscrm.connectors.tokens.keys.bench="$(openssl rand -base64 32)" -jar "$APP_DIR/quarkus-run.jar" >"$WORK/app-tenants.log" 2>&1 &
PIDS+=($!)
wait_ready "$APP" tenants

active() { psql_db -c "select count(*) from control.tenant where status = 'ACTIVE'"; }
citus=$(psql_db -c "select count(*) from pg_extension where extname = 'citus'")
flyway_mean() { # Flyway's own figure per tenant from the app log, lines after $1: "... (execution time 00:01.234s)"
    tail -n +"$1" "$WORK/app-tenants.log" | grep -o 'Successfully applied [0-9]* migrations to schema .*execution time [0-9:.]*s' \
        | sed -E 's/.*execution time ([0-9]+):([0-9.]+)s/\1 \2/' | awk '{s += $1 * 60 + $2; n++} END {if (n) printf "%.3f s (mean of %d)", s / n, n}'
}
have=$(active)
log "$have active tenants; provisioning up to $TENANTS in slices of $SLICE ($PARALLELISM at a time)"
echo "provisioning through the API, $PARALLELISM at a time, one tenant's migrations in one transaction: ${SCRM_TENANT_MIGRATE_IN_ONE_TRANSACTION:-true}"
printf '%-14s %8s %8s %12s %10s %-26s %s\n' tenants created failed seconds s/tenant "Flyway per tenant" load
while ((have < TENANTS)); do
    n=$((TENANTS - have < SLICE ? TENANTS - have : SLICE))
    mark=$(($(wc -l <"$WORK/app-tenants.log") + 1))
    start=$(date +%s.%N)
    seq 1 "$n" | sed "s/^/$(date +%s)-/" | timeout "$TIMEOUT" xargs -P "$PARALLELISM" -I{} sh -c '
        slug="bt-$(echo {} | tr -d -)"
        curl -s --max-time 300 "$0/graphql" -H "Authorization: Bearer $1" -H "Content-Type: application/json" \
          -d "{\"query\":\"mutation { createTenant(input: {slug: \\\"$slug\\\", name: \\\"Bench $slug\\\", kind: BRAND}) { slug } }\"}"
        echo' "$APP" "$PLATFORM_TOKEN" >"$WORK/provision.log" 2>&1 || true
    seconds=$(python3 -c "import time; print(round(time.time() - $start, 1))")
    created=$(grep -o '"slug"' "$WORK/provision.log" | wc -l) # answers of parallel requests can share a line
    failed=$((n - created))
    ((failed == 0)) || log "$failed failed, e.g. $(grep -v '"slug"' "$WORK/provision.log" | head -c 300)"
    now=$(active)
    printf '%-14s %8s %8s %12s %10s %-26s %s\n' "$have -> $now" "$created" "$failed" "$seconds" \
        "$(python3 -c "print(f'{$seconds / $created:.3f}' if $created else '-')")" "$(flyway_mean "$mark")" "$(cut -d' ' -f1-3 /proc/loadavg)"
    ((created > 0)) || die "no tenant created in this slice"
    have=$now
done
total=$have

if [[ $citus == 1 ]]; then
    echo "  citus_schemas: $(psql_db -c "select count(*) from citus_schemas") distributed schemas," \
        "$(psql_db -c "select count(*) from citus_schemas where schema_name::text like 't\_%'") tenant schemas"
    echo "  spread (worker: tenant schemas):" $(psql_db -F: -c "
        select n.nodename || ':' || n.nodeport, count(distinct s.schemaid)
          from pg_dist_schema s join pg_dist_partition p on p.colocationid = s.colocationid
          join pg_dist_shard sh on sh.logicalrelid = p.logicalrelid join pg_dist_placement pl on pl.shardid = sh.shardid
          join pg_dist_node n on n.groupid = pl.groupid group by 1 order by 1")
fi

newest=$(psql_db -c "select slug from control.tenant where status = 'ACTIVE' order by id desc limit 1")
admin=$(token "{\"sub\":\"bench-admin\",\"tenants\":[\"$newest\"],\"realm_access\":{\"roles\":[\"crm-admin\"]}}")
ask() { curl -s --max-time 60 "$APP/graphql" -H "Authorization: Bearer $admin" -H "X-Tenant-ID: $newest" -H "Content-Type: application/json" -d "$1"; }
created=$(ask '{"query":"mutation { createContact(input: {firstName: \"Newest\", tags: [\"bench\"]}) { id } }"}')
read=$(ask '{"query":"{ contacts(first: 5) { totalCount edges { node { firstName } } } }"}')
where=""
[[ $citus == 1 ]] && where=" on $(psql_db -c "select distinct nodename || ':' || nodeport from citus_shards where table_name::text like 't\_$(tr - _ <<<"$newest").%'")"
echo "  newest tenant $newest (#$total$where): createContact -> $created; contacts -> $read"
grep -q '"Newest"' <<<"$read" || die "the newest tenant did not answer its contact"
