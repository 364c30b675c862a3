#!/usr/bin/env bash
# Overhead of the change-feed outbox on createContact through the API (docs/benchmarks.md, issue 15 point 6).
#
#   bench/outbox_api.sh                         build, then 4 rounds x 2 apps x 20 s
#   BENCH_SKIP_BUILD=1 BENCH_ROUNDS=3 BENCH_DURATION=15 bench/outbox_api.sh
#
# One embedded PostgreSQL, one local OIDC issuer and two instances of the app (prod mode) on that database: A writes
# change rows as always, B runs with SCRM_CHANGES_OUTBOX=false (a switch only this benchmark uses). wrk sends
# createContact to A and B in alternating rounds (A, B, B, A, ...), so both see the same machine load; the overhead
# is 1 - (A's mean req/s) / (B's mean req/s). Everything on 127.0.0.1; every process started is stopped on exit.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
ROUNDS=${BENCH_ROUNDS:-4}
DURATION=${BENCH_DURATION:-20}
WARMUP=${BENCH_WARMUP:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx512m}
BENCH_NAME=outbox
source "$HERE/lib.sh"
start_database_and_issuer
KEY=$(openssl rand -base64 32)
start_app() { # name outbox(true|false) -> sets APP_URL (not in a $(...) subshell: the app's pid must reach PIDS, or
    # the app outlives the script and keeps /work/wt/quiet.lock, which it inherited from bin/bench, held)
    local port
    port=$(free_port)
    SCRM_DB_URL=$DB_URL SCRM_OIDC_AUTH_SERVER_URL=$ISSUER SCRM_TENANTS_DIR=$WORK/tenants SCRM_TOKEN_KEY_ID=bench \
        SCRM_LOG_JSON=false SCRM_CHANGES_OUTBOX=$2 SCRM_WEBHOOKS_ENABLED=false \
        SCRM_RATE_LIMIT_TENANT_RPS=1000000 SCRM_RATE_LIMIT_TENANT_BURST=1000000 \
        java $JAVA_OPTS -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dscrm.connectors.tokens.keys.bench="$KEY" \
        -jar "$APP_DIR/quarkus-run.jar" >"$WORK/app-$1.log" 2>&1 &
    PIDS+=($!)
    APP_URL="http://127.0.0.1:$port"
    wait_ready "$APP_URL" "$1"
}
start_app with-outbox true; A=$APP_URL       # one after the other: the first applies the migrations and provisions the tenant
start_app without-outbox false; B=$APP_URL
log "apps ready: A (outbox) $A, B (no outbox) $B"

printf '%s' '{"query":"mutation($i: ContactInput!) { createContact(input: $i) { id } }","variables":{"i":{"firstName":"Bench","lastName":"L__ID__","tags":["bench"]}}}' >"$WORK/body.json"
wrk_rps() { # url seconds -> requests/s (errors abort)
    local out line
    out=$(BENCH_LUA_DIR=$HERE/wrk BENCH_TOKEN=$TOKEN BENCH_TENANT=bench BENCH_BODY_FILE=$WORK/body.json BENCH_ID_MIN=1 BENCH_ID_MAX=1000000000 \
        timeout $(($2 + 60)) wrk -t2 -c"$CONNECTIONS" -d"$2s" --timeout 30s -s "$HERE/wrk/graphql.lua" "$1/graphql" 2>&1) || true
    line=$(grep '^BENCH ' <<<"$out") || die "wrk produced no summary: $out"
    [[ $(sed -E 's/.* errors=([0-9]+).*/\1/' <<<"$line") == 0 ]] || die "createContact answered errors: $(grep '^BENCH_FIRST_ERROR' <<<"$out" | head -c 300)"
    sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line"
}
log "warm-up ${WARMUP}s each (not measured)"
wrk_rps "$A" "$WARMUP" >/dev/null
wrk_rps "$B" "$WARMUP" >/dev/null
echo "createContact through the API, $CONNECTIONS connections, $DURATION s per run, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-22s %12s %s\n' round app req/s load
SUM_A=0 SUM_B=0
for r in $(seq 1 "$ROUNDS"); do
    order="A B"; ((r % 2 == 0)) && order="B A"
    for app in $order; do
        url=$A; [[ $app == B ]] && url=$B
        rps=$(wrk_rps "$url" "$DURATION")
        name="A with outbox"; [[ $app == B ]] && name="B without outbox"
        printf '%-6s %-22s %12s %s\n' "$r" "$name" "$rps" "$(cut -d' ' -f1-3 /proc/loadavg)"
        if [[ $app == A ]]; then SUM_A=$(python3 -c "print($SUM_A + $rps)"); else SUM_B=$(python3 -c "print($SUM_B + $rps)"); fi
    done
done
CHANGES=$(psql "$DB_URL" -X -qtA -c "select count(*) from t_bench.change where type = 'contact.created'")
python3 - "$SUM_A" "$SUM_B" "$ROUNDS" "$CHANGES" <<'PY'
import sys
a, b, rounds, changes = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
print(f"mean with outbox {a / rounds:.0f} req/s, without {b / rounds:.0f} req/s: overhead {100 * (1 - a / b):.1f}% "
      f"(contact.created rows written by A: {changes})")
PY
