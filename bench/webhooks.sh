#!/usr/bin/env bash
# Webhook delivery rate with signing (docs/benchmarks.md "Change feed and webhooks", issue 15 point 6).
#
#   bench/webhooks.sh                                    build, then 20,000 changes over 2,000 contacts
#   BENCH_SKIP_BUILD=1 BENCH_CHANGES=20000 BENCH_CONTACTS=2000 BENCH_WRITERS=8 bench/webhooks.sh
#   BENCH_PGSS=1 ...     also print the dispatcher's statements from pg_stat_statements
#   SCRM_WEBHOOKS_CONCURRENCY=128 ...                    any SCRM_WEBHOOKS_* setting reaches the app
#
# One embedded PostgreSQL, one local OIDC issuer, the packaged app in prod mode (its dispatcher on, private http
# URLs allowed) and a Node.js receiver (bench/webhook_receiver.js) that verifies every signature with the documented
# recipe and checks duplicates and per-contact order. createWebhook (through the API) registers the receiver for
# contact.updated; a warm-up batch is written and delivered (not measured); then BENCH_WRITERS concurrent pgbench
# clients write BENCH_CHANGES changes (BENCH_PER_TX per transaction, random contacts among BENCH_CONTACTS) with the
# statement ChangeLog uses, while the dispatcher delivers. Printed: write time, delivery time and rate (from the
# first write to the last delivery, and the drain after the writes ended), per-contact order, duplicates, bad
# signatures, load and the app's CPU; then the documented Python recipe (docs/webhooks.md, run verbatim with Flask's
# test client) checks the last delivery as sent and with its body changed. Everything on 127.0.0.1; every process started is stopped on exit.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
CHANGES=${BENCH_CHANGES:-20000}
CONTACTS=${BENCH_CONTACTS:-2000}
WRITERS=${BENCH_WRITERS:-8}
PER_TX=${BENCH_PER_TX:-10}
WARMUP=${BENCH_WARMUP_CHANGES:-10000}
TIMEOUT=${BENCH_TIMEOUT:-300}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx512m}
BENCH_NAME=webhooks
source "$HERE/lib.sh"
now() { date +%s.%N; }
(( CHANGES % (WRITERS * PER_TX) == 0 )) || die "BENCH_CHANGES must be a multiple of BENCH_WRITERS x BENCH_PER_TX"
(( WARMUP % (WRITERS * PER_TX) == 0 )) || die "BENCH_WARMUP_CHANGES must be a multiple of BENCH_WRITERS x BENCH_PER_TX"

start_database_and_issuer
APP_PORT=$(free_port)
SCRM_DB_URL=$DB_URL SCRM_OIDC_AUTH_SERVER_URL=$ISSUER SCRM_TENANTS_DIR=$WORK/tenants SCRM_TOKEN_KEY_ID=bench \
    SCRM_LOG_JSON=false SCRM_OUTBOUND_ALLOW_PRIVATE=true SCRM_OUTBOUND_ALLOW_HTTP=true SCRM_WEBHOOKS_ENABLED=true \
    SCRM_RATE_LIMIT_TENANT_RPS=1000000 SCRM_RATE_LIMIT_TENANT_BURST=1000000 \
    java $JAVA_OPTS -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$APP_PORT" \
    -Dscrm.connectors.tokens.keys.bench="$(openssl rand -base64 32)" -jar "$APP_DIR/quarkus-run.jar" >"$WORK/app-webhooks.log" 2>&1 &
APP_PID=$!
PIDS+=($APP_PID)
APP=http://127.0.0.1:$APP_PORT
wait_ready "$APP" webhooks

RECEIVER_PORT=$(free_port)
RECEIVER=http://127.0.0.1:$RECEIVER_PORT
CREATED=$(curl -sf "$APP/graphql" -H "Authorization: Bearer $TOKEN" -H 'X-Tenant-ID: bench' -H 'Content-Type: application/json' \
    -d "{\"query\":\"mutation(\$i: WebhookInput!) { createWebhook(input: \$i) { secret webhook { id } } }\",\"variables\":{\"i\":{\"url\":\"$RECEIVER/hook\",\"events\":[\"contact.updated\"]}}}") \
    || die "createWebhook failed"
SECRET=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["createWebhook"]["secret"])' <<<"$CREATED") \
    || die "createWebhook answered: $(head -c 300 <<<"$CREATED")"
node "$HERE/webhook_receiver.js" "$RECEIVER_PORT" "$SECRET" >"$WORK/receiver.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 40); do curl -sf "$RECEIVER/stats" >/dev/null && break; sleep 0.25; done
log "app $APP, receiver $RECEIVER, webhook registered"

stat_of() { curl -sf "$RECEIVER/stats" | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
app_cpu() { awk '{print ($14 + $15) / 100}' "/proc/$APP_PID/stat"; }
write() { # changes -> writes them with WRITERS concurrent pgbench clients
    PGOPTIONS="-c search_path=t_bench" pgbench -n -c "$WRITERS" -j 2 -t $(($1 / WRITERS / PER_TX)) -D contacts="$CONTACTS" \
        -D per_tx="$PER_TX" -f "$HERE/sql/webhook_changes.sql" "$DB_URL" >"$WORK/pgbench.log" 2>&1 || die "writes failed: $(tail -5 "$WORK/pgbench.log")"
}
wait_for() { # distinct deliveries -> waits until the receiver has them (or BENCH_TIMEOUT)
    local deadline=$(( $(date +%s) + TIMEOUT ))
    while (( $(stat_of distinct) < $1 )); do
        (( $(date +%s) < deadline )) || die "only $(stat_of distinct) of $1 deliveries after ${TIMEOUT}s (app log: $WORK/app-webhooks.log)"
        sleep 0.2
    done
}

if (( WARMUP > 0 )); then
    log "warm-up: $WARMUP changes (not measured)"
    write "$WARMUP"
    wait_for "$WARMUP"
    sleep 2
fi
[[ -n ${BENCH_PGSS:-} ]] && psql "$DB_URL" -X -q -c "create extension if not exists pg_stat_statements; select pg_stat_statements_reset()" >/dev/null
BASE=$(stat_of distinct)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
CPU_BEFORE=$(app_cpu)
log "writing $CHANGES changes ($WRITERS writers, $PER_TX per transaction, $CONTACTS contacts)"
T0=$(now)
write "$CHANGES"
T1=$(now)
wait_for $((BASE + CHANGES))
T2=$(python3 -c "import json,sys; print(json.load(sys.stdin)['lastAt'] / 1000)" < <(curl -sf "$RECEIVER/stats"))
CPU_AFTER=$(app_cpu)
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
sleep 3   # late duplicates, if any
STATS=$(curl -sf "$RECEIVER/stats")

echo "webhook deliveries, signed, to a local Node.js receiver: $CHANGES changes over $CONTACTS contacts, $WRITERS concurrent writers ($PER_TX changes per transaction), after a warm-up of $WARMUP"
python3 - "$CHANGES" "$T0" "$T1" "$T2" "$CPU_BEFORE" "$CPU_AFTER" "$LOAD_BEFORE" "$LOAD_AFTER" "$STATS" "$((BASE + CHANGES))" <<'PY'
import json, sys
n = int(sys.argv[1]); t0, t1, t2, cpu0, cpu1 = map(float, sys.argv[2:7]); stats = json.loads(sys.argv[9]); total = int(sys.argv[10])
print(f"written in {t1 - t0:.2f} s ({n / (t1 - t0):.0f} changes/s); all delivered {t2 - t0:.2f} s after the first write")
print(f"deliveries/s (first write to last delivery): {n / (t2 - t0):.0f}")
print(f"load before {sys.argv[7]}, after {sys.argv[8]}; app CPU {cpu1 - cpu0:.1f} s ({1000 * (cpu1 - cpu0) / n:.2f} ms per delivery)")
order = "OK" if stats["outOfOrder"] == 0 else f"{stats['outOfOrder']} OUT OF ORDER"
print(f"per-contact order: {order}; duplicates: {stats['duplicates']}; bad signatures: {stats['badSignature']}; "
      f"distinct deliveries {stats['distinct']} of {total} written (warm-up included), {stats['subjects']} contacts")
PY
if python3 -c 'import flask' 2>/dev/null; then
    python3 "$HERE/verify_python_recipe.py" "$ROOT/docs/webhooks.md" "$(curl -sf "$RECEIVER/sample")" "$SECRET" || die "the documented Python recipe refused a delivery"
else
    echo "docs/webhooks.md Python recipe not checked (no Flask: pip install flask)"
fi
if [[ -n ${BENCH_PGSS:-} ]]; then
    echo "statements by total time during the measured run (pg_stat_statements):"
    psql "$DB_URL" -X -q -P pager=off -c "select calls, round(total_exec_time::numeric, 0) as total_ms,
        round((total_exec_time / calls)::numeric, 2) as mean_ms, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 90) as query
        from pg_stat_statements order by total_exec_time desc limit 12"
fi
