#!/usr/bin/env bash
# Benchmark of the social CRM backend: one command (docs/benchmarks.md).
#
#   bench/run.sh                              full default scale (100,000 contacts, 1,000 tenants: long!)
#   BENCH_CONTACTS=2000 BENCH_DURATION=5 BENCH_TENANTS=20 bench/run.sh     a quick smoke run
#   BENCH_PEER=postgraphile bench/run.sh      Q1-Q3 and T0 side by side with PostGraphile 5 on the same data (only)
#   BENCH_JVM_VARIANTS='g1=-XX:+UseG1GC;serial=-XX:+UseSerialGC' bench/run.sh     JVM options compared (only)
#   BENCH_AFTER=script.sh bench/run.sh        runs script.sh (argument: a file of URLs and tokens) once everything is
#                                             measured, with everything still up (e.g. pgbench over SQL variants); alone
#                                             (no peer, no variants) it replaces the usual workloads
#   BENCH_APP=native BENCH_SKIP_BUILD=1 bench/run.sh   the native executable (target/*-runner, built by
#                                             .ci/native-verify.sh) instead of the JVM; target/quarkus-app is still
#                                             needed for the embedded PostgreSQL
#
# Builds the app, starts PostgreSQL (embedded, or SCRM_DB_URL), a local OIDC issuer and the app in prod mode,
# generates the data set in SQL, drives load with wrk (and the same SQL with pgbench) and prints a table.
# Everything listens on and targets 127.0.0.1 only; every process it starts is stopped on exit.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")

# ---------------------------------------------------------------- parameters
CONTACTS=${BENCH_CONTACTS:-100000}
IDENTITIES_PER_CONTACT=${BENCH_IDENTITIES_PER_CONTACT:-1.5}
CAMPAIGNS=${BENCH_CAMPAIGNS:-50}
TOUCHPOINTS=${BENCH_TOUCHPOINTS:-$((CONTACTS * 4))}
TRANSITIONS=${BENCH_TRANSITIONS:-$((CONTACTS * 5 / 2))}
METRIC_POINTS=${BENCH_METRIC_POINTS:-$((CONTACTS * 10))}
CONVERSIONS=${BENCH_CONVERSIONS:-$((CONTACTS / 10))}
DURATION=${BENCH_DURATION:-30}             # seconds per measured workload
WARMUP=${BENCH_WARMUP:-60}                 # seconds of warm-up before each workload (not measured; C2 needs minutes on 2 cores)
CONNECTIONS=${BENCH_CONNECTIONS:-16}       # Q1-Q3 and pgbench
THREADS=${BENCH_THREADS:-2}                # wrk and pgbench threads
INGEST_CONNECTIONS=${BENCH_INGEST_CONNECTIONS:-4}
BATCH=${BENCH_BATCH:-5000}                 # metric points per ingest request
TENANTS=${BENCH_TENANTS:-1000}             # tenancy: provision up to this many tenants (0 skips)
PROVISION_PARALLELISM=${BENCH_PROVISION_PARALLELISM:-4}
PROVISION_TIMEOUT=${BENCH_PROVISION_TIMEOUT:-1800}
TENANCY_DURATION=${BENCH_TENANCY_DURATION:-$DURATION}
CONNECTOR_ACCOUNTS=${BENCH_CONNECTOR_ACCOUNTS:-500}   # connectors: accounts synced against the local stub (0 skips)
CONNECTOR_TIMEOUT=${BENCH_CONNECTOR_TIMEOUT:-300}
Q1_STAGE=${BENCH_Q1_STAGE:-marketing_qualified_lead}
SKIP_BUILD=${BENCH_SKIP_BUILD:-0}
JAVA_OPTS=${BENCH_JAVA_OPTS:-}
APP_KIND=${BENCH_APP:-jvm}                 # jvm, or native: the native executable target/*-runner (build it first)
PEER_KIND=${BENCH_PEER:-}                  # postgraphile: compare with PostGraphile 5 instead of the usual workloads
RESULTS_FILE=${BENCH_RESULTS_FILE:-}       # optional: also write the table there
IDENTITIES=$(python3 -c "print(int($CONTACTS * $IDENTITIES_PER_CONTACT))")
TENANT=bench
SCHEMA=t_bench

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

WORK=$(mktemp -d /tmp/scrm-bench.XXXXXX)
PIDS=()
cleanup() {
    local status=$?
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
        local pid=${PIDS[i]}
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    if [[ $status -ne 0 ]]; then
        log "logs kept in $WORK (app.log, pg.log, oidc.log)"
    elif [[ -z ${BENCH_KEEP_WORK:-} ]]; then
        rm -rf "$WORK"
    fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- tools
need_apt() { # command package
    if ! command -v "$1" >/dev/null 2>&1; then
        log "installing $2 (apt-get)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2") >"$WORK/apt.log" 2>&1 \
            || die "could not install $2 (see $WORK/apt.log)"
    fi
}
need_apt wrk wrk
need_apt pgbench postgresql-client
need_apt psql postgresql-client
need_apt openssl openssl
need_apt curl curl
command -v python3 >/dev/null || die "python3 is required (stdlib only)"
command -v java >/dev/null || die "java 17+ is required"

# ---------------------------------------------------------------- build
cd "$ROOT"
if [[ $SKIP_BUILD != 1 ]]; then
    log "building (./mvnw -B -q package -DskipTests)"
    timeout 900 ./mvnw -B -q package -DskipTests >"$WORK/build.log" 2>&1 || die "build failed (see $WORK/build.log)"
fi
APP_DIR=$ROOT/target/quarkus-app
[[ -f $APP_DIR/quarkus-run.jar ]] || die "no $APP_DIR/quarkus-run.jar: build first"
case $APP_KIND in
    jvm) APP_CMD=(java) APP_ARGS=(-jar "$APP_DIR/quarkus-run.jar") APP_VERSION=$(java -version 2>&1 | head -n 1) ;;
    native)
        RUNNER=$(ls -t "$ROOT"/target/*-runner 2>/dev/null | head -n 1)
        [[ -x $RUNNER ]] || die "BENCH_APP=native: no target/*-runner (bash .ci/native-verify.sh builds it)"
        APP_CMD=("$RUNNER") APP_ARGS=() APP_VERSION="native executable $(basename "$RUNNER") of $(date -u -r "$RUNNER" +%Y-%m-%dT%H:%MZ)" ;;
    *) die "BENCH_APP=$APP_KIND: jvm or native" ;;
esac

# ---------------------------------------------------------------- PostgreSQL
if [[ -n ${SCRM_DB_URL:-} ]]; then
    DB_URL=$SCRM_DB_URL
    log "using SCRM_DB_URL"
else
    log "starting the embedded PostgreSQL"
    java -cp "$APP_DIR/lib/boot/*:$APP_DIR/lib/main/*:$APP_DIR/app/*" org.socialcrm.database.EmbeddedPostgresMain \
        >"$WORK/pg.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 180); do
        grep -q '^SCRM_DB_URL=' "$WORK/pg.log" 2>/dev/null && break
        kill -0 "${PIDS[-1]}" 2>/dev/null || die "embedded PostgreSQL did not start (see $WORK/pg.log)"
        sleep 0.5
    done
    DB_URL=$(grep -m1 '^SCRM_DB_URL=' "$WORK/pg.log" | cut -d= -f2- | sed 's/@localhost:/@127.0.0.1:/')
    [[ -n $DB_URL ]] || die "embedded PostgreSQL did not report its URL in 90 s"
fi
psql_db() { psql "$DB_URL" -X -q -v ON_ERROR_STOP=1 "$@"; }

# ---------------------------------------------------------------- OIDC issuer and tokens
OIDC_PORT=$(free_port)
openssl genrsa -out "$WORK/oidc-key.pem" 2048 2>/dev/null
python3 "$HERE/oidc.py" serve "$WORK/oidc-key.pem" "$OIDC_PORT" >"$WORK/oidc.log" 2>&1 &
PIDS+=($!)
ISSUER=http://127.0.0.1:$OIDC_PORT/realms/bench
for _ in $(seq 1 40); do curl -sf "$ISSUER/.well-known/openid-configuration" >/dev/null && break; sleep 0.25; done
token() { python3 "$HERE/oidc.py" token "$WORK/oidc-key.pem" "$ISSUER" "$1"; }
ADMIN_TOKEN=$(token '{"sub":"bench-admin","tenants":["bench"],"realm_access":{"roles":["crm-admin"]}}')
PARTNER_TOKEN=$(token '{"sub":"bench-partner","tenants":["bench"],"scope":"metrics:write"}')
PLATFORM_TOKEN=$(token '{"sub":"bench-platform","realm_access":{"roles":["platform-admin"]}}')

# ---------------------------------------------------------------- stub social API (Mastodon shape)
STUB_PORT=$(free_port)
python3 "$HERE/stub_social.py" "$STUB_PORT" >"$WORK/stub.log" 2>&1 &
PIDS+=($!)

# ---------------------------------------------------------------- the app, prod mode
mkdir -p "$WORK/tenants"
printf 'slug: bench\nname: Benchmark\nkind: BRAND\n' >"$WORK/tenants/bench.yaml"
APP_PORT=$(free_port)
APP=http://127.0.0.1:$APP_PORT
start_app() { # java-options log-file -> APP_PID, once the app answers ready
    log "starting the app ($APP_KIND, prod) on $APP${1:+ with $1}"
    # shellcheck disable=SC2086
    SCRM_DB_URL=$DB_URL SCRM_OIDC_AUTH_SERVER_URL=$ISSUER SCRM_TENANTS_DIR=$WORK/tenants SCRM_TOKEN_KEY_ID=bench \
        SCRM_LOG_JSON=false SCRM_MASTODON_BASE_URL=http://127.0.0.1:$STUB_PORT \
        SCRM_RATE_LIMIT_TENANT_RPS=1000000 SCRM_RATE_LIMIT_TENANT_BURST=1000000 \
        SCRM_RATE_LIMIT_PARTNER_RPS=1000000 SCRM_RATE_LIMIT_PARTNER_BURST=1000000 \
        SCRM_CONNECTOR_TICK=1s SCRM_CONNECTOR_BATCH=${BENCH_CONNECTOR_BATCH:-200} SCRM_CONNECTOR_CONCURRENCY=${BENCH_CONNECTOR_CONCURRENCY:-16} \
        "${APP_CMD[@]}" $1 -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$APP_PORT" \
        -Dscrm.connectors.tokens.keys.bench="$TOKEN_KEY" -Dscrm.connectors.mastodon.requests-per-minute=1000000 \
        "${APP_ARGS[@]}" >"$2" 2>&1 &
    APP_PID=$!
    PIDS+=($APP_PID)
    local i
    for i in $(seq 1 240); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' "$APP/q/health/ready" || true) == 200 ]] && break
        kill -0 "$APP_PID" 2>/dev/null || die "the app exited (see $2)"
        [[ $i == 240 ]] && die "the app was not ready in 120 s (see $2)"
        sleep 0.5
    done
}
TOKEN_KEY=$(openssl rand -base64 32)
start_app "$JAVA_OPTS" "$WORK/app.log"
log "app ready"

gql() { # token body-json -> response
    curl -s --max-time 120 "$APP/graphql" -H "Authorization: Bearer $1" -H "X-Tenant-ID: $TENANT" \
        -H 'Content-Type: application/json' -d "$2"
}

# ---------------------------------------------------------------- data
log "generating data: $CONTACTS contacts, $IDENTITIES identities, $CAMPAIGNS campaigns, $TOUCHPOINTS touchpoints," \
    "$TRANSITIONS transitions, $CONVERSIONS conversions, $METRIC_POINTS metric points"
start=$(date +%s.%N)
timeout 3600 psql "$DB_URL" -X -q -v ON_ERROR_STOP=1 -v schema=$SCHEMA -v contacts="$CONTACTS" -v identities="$IDENTITIES" \
    -v campaigns="$CAMPAIGNS" -v touchpoints="$TOUCHPOINTS" -v transitions="$TRANSITIONS" -v conversions="$CONVERSIONS" \
    -v metric_points="$METRIC_POINTS" -f "$HERE/sql/generate.sql" >"$WORK/generate.log" 2>&1 || die "data generation failed (see $WORK/generate.log)"
GEN_SECONDS=$(python3 -c "import time; print(round(time.time() - $start, 1))")
log "data generated in ${GEN_SECONDS}s: $(tail -n 3 "$WORK/generate.log" | head -n 1 | tr -s ' ')"

# ---------------------------------------------------------------- workloads (GraphQL bodies)
Q1_BODY='{"query":"query Q1($stage: String!) { contacts(first: 50, filter: {stageIn: [$stage]}, orderBy: UPDATED_AT_DESC) { edges { node { id displayName firstName lastName email lifecycleStage updatedAt socialIdentities { id network handle followers influenceScore } } } } }","variables":{"stage":"'$Q1_STAGE'"}}'
Q2_BODY='{"query":"{ influencers(first: 20) { edges { node { id network handle followers influenceScore touchpointCount contact { id displayName firstName lastName } } } } }"}'
# Q3's id is a variable, as GraphQL clients send it: SmallRye caches parsed and validated documents by their text, so
# an id written into the text makes every request a new document (parsed twice and validated: measured 2026-12-01,
# 1,778 req/s and 0.80 ms of app CPU against 2,734 req/s and 0.43 ms with the variable; docs/benchmarks.md).
Q3_FULL='{"query":"query Q3($id: ID!) { contact(id: $id) { id displayName firstName lastName email lifecycleStage updatedAt socialIdentities { id network handle followers influenceScore } touchpoints(first: 20) { edges { node { id channel occurredAt campaign { id name } } } } lifecycleHistory { id fromStage toStage occurredAt source note } } }","variables":{"id":"__ID__"}}'
Q3_LITE='{"query":"query Q3($id: ID!) { contact(id: $id) { id displayName firstName lastName email lifecycleStage updatedAt socialIdentities { id network handle followers influenceScore } lifecycleHistory { id fromStage toStage occurredAt source note } } }","variables":{"id":"__ID__"}}'
Q4_BODY='{"query":"{ attribution(model: POSITION_BASED) { model totalConversions totalValue rows { channel conversions value touchpoints campaign { id name } influencer { id handle } } } }"}'
Q5_BODY='{"query":"{ funnel { stages { stage contacts entered conversionToNext medianDaysInStage } } }"}'

undefined_field() { grep -qiE 'undefined|FieldUndefined|ValidationError' <<<"$1"; }
NOTES=()
probe=$(gql "$ADMIN_TOKEN" "${Q3_FULL/__ID__/1}")
if undefined_field "$probe"; then
    Q3_BODY=$Q3_LITE
    Q3_SQL_FILTER='touchpoint t'
    NOTES+=("Q3: measured without touchpoints (pgbench likewise); the server answers: $(grep -o '"message":"[^"]*"' <<<"$probe" | head -n 1 | cut -c1-160)")
else
    Q3_BODY=$Q3_FULL
    Q3_SQL_FILTER='^$never'
fi
Q4_AVAILABLE=1
probe=$(gql "$ADMIN_TOKEN" "$Q4_BODY")
if undefined_field "$probe"; then
    Q4_AVAILABLE=0
    NOTES+=("Q4: not available in this build; the server answers: $(grep -o '"message":"[^"]*"' <<<"$probe" | head -n 1 | cut -c1-160)")
fi
for q in 1 2 5; do
    body_var=Q${q}_BODY
    probe=$(gql "$ADMIN_TOKEN" "${!body_var}")
    grep -q '"errors"' <<<"$probe" && die "Q$q answers with errors: ${probe:0:400}"
done
if [[ -n $PEER_KIND ]]; then
    [[ $PEER_KIND == postgraphile ]] || die "BENCH_PEER=$PEER_KIND: the only peer is postgraphile"
    # shellcheck source=peer/peer.sh
    source "$HERE/peer/peer.sh"
    peer_start
fi
if [[ ${BENCH_HOLD:-0} -gt 0 ]]; then # for profiling by hand: everything up, nothing measured
    { echo "APP=$APP"; echo "DB_URL=$DB_URL"; echo "APP_PID=$APP_PID"; [[ -n $PEER_KIND ]] && echo "PEER=$PEER PEER_PID=$PEER_PID"; echo "ADMIN_TOKEN=$ADMIN_TOKEN"
      echo "PARTNER_TOKEN=$PARTNER_TOKEN"; echo "PLATFORM_TOKEN=$PLATFORM_TOKEN"; } >"$WORK/env.sh"
    log "holding for ${BENCH_HOLD}s: source $WORK/env.sh"
    sleep "$BENCH_HOLD"
    exit 0
fi

# ---------------------------------------------------------------- measuring
# Database time per statement over the whole run (printed at the end), when pg_stat_statements is preloaded.
PGSS=0
psql_db -c "create extension if not exists pg_stat_statements" -c "select pg_stat_statements_reset()" >/dev/null 2>&1 && PGSS=1
RESULTS=$WORK/results.tsv
: >"$RESULTS"
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$RESULTS"; }

WRK_OUT=
run_wrk() { # duration connections lua url token -> sets W_RPS W_P50 W_P99 W_ERR W_ACC (env BENCH_BODY_FILE etc.)
    local duration=$1 conns=$2 lua=$3 url=$4 tok=$5 threads=$THREADS
    ((conns < threads)) && threads=$conns
    WRK_OUT=$(BENCH_LUA_DIR=$HERE/wrk BENCH_TOKEN=$tok BENCH_TENANT=$TENANT \
        timeout $((duration + 60)) wrk -t"$threads" -c"$conns" -d"${duration}s" --timeout 30s -s "$HERE/wrk/$lua" "$url" 2>&1) || true
    local line
    line=$(grep '^BENCH ' <<<"$WRK_OUT" || true)
    [[ -n $line ]] || { log "wrk produced no summary: $WRK_OUT"; W_REQ=0 W_RPS=0 W_P50=0 W_P99=0 W_ERR=1 W_ACC=0; return; }
    W_REQ=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")
    W_RPS=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
    W_P50=$(sed -E 's/.* p50_ms=([0-9.]+).*/\1/' <<<"$line")
    W_P99=$(sed -E 's/.* p99_ms=([0-9.]+).*/\1/' <<<"$line")
    W_ERR=$(sed -E 's/.* errors=([0-9]+).*/\1/' <<<"$line")
    W_ACC=$(sed -E 's/.* accepted_per_s=([0-9.]+).*/\1/' <<<"$line")
    local sock
    sock=$(sed -E 's/.* socket_errors=([0-9]+).*/\1/' <<<"$line")
    W_ERR=$((W_ERR + sock))
    grep '^BENCH_FIRST_ERROR' <<<"$WRK_OUT" | head -c 400 >&2 || true
}

run_pgbench() { # sql-file filter -> sets PG_TPS
    local file=$WORK/$(basename "$1")
    grep -v -E "$2" "$1" >"$file"
    local out
    out=$(PGOPTIONS="-c search_path=$SCHEMA" timeout $((DURATION + 60)) pgbench -n -M prepared -c "$CONNECTIONS" -j "$THREADS" \
        -T "$DURATION" -D stage="$Q1_STAGE" -D contacts="$CONTACTS" -f "$file" "$DB_URL" 2>&1) || true
    PG_TPS=$(grep -m1 -oE 'tps = [0-9.]+' <<<"$out" | awk '{printf "%.1f", $3}')
    [[ -n $PG_TPS ]] || { log "pgbench failed: ${out:0:400}"; PG_TPS=0; }
}

ratio() { python3 -c "print(f'{$1 / $2:.3f}' if $2 > 0 else '-')"; }
is_met() { python3 -c "print('yes' if ($1) else 'NO')"; }

CLK=$(getconf CLK_TCK)
app_cpu_ms() { awk -v clk="$CLK" '{printf "%d", ($14 + $15) * 1000 / clk}' "/proc/$APP_PID/stat"; }
# PostgreSQL's CPU: the postmaster of the benchmark's own cluster and its children (other engineers' or tests'
# PostgreSQL on the same machine are not counted). The app's pooled backends live through a run, pgbench's do not,
# so this is read for the app's workloads only. Empty when SCRM_DB_URL points elsewhere.
PG_POSTMASTER=
if [[ -z ${SCRM_DB_URL:-} ]]; then
    PG_POSTMASTER=$(head -n 1 "$(psql_db -tA -c 'show data_directory')/postmaster.pid" 2>/dev/null || true)
fi
db_cpu_ms() {
    [[ -n $PG_POSTMASTER ]] || return 0
    # one awk over every stat file (a process per postgres backend is slow on a loaded machine); the postmaster's
    # cutime + cstime hold the CPU of the backends that have exited since, so the sum never goes back
    local files=(/proc/"$PG_POSTMASTER"/stat)
    local pid
    for pid in $(pgrep -P "$PG_POSTMASTER"); do files+=("/proc/$pid/stat"); done
    awk -v clk="$CLK" -v pm="$PG_POSTMASTER" '{ t += $14 + $15; if ($1 == pm) t += $16 + $17 } END { printf "%d", t * 1000 / clk }' \
        "${files[@]}" 2>/dev/null || true
}
cpu_note() { # name cpu-before requests/s duration [db-cpu-before]
    local after db_after
    after=$(app_cpu_ms)
    db_after=$(db_cpu_ms)
    local db=""
    [[ -n ${5:-} && -n $db_after ]] && db=$(python3 -c "r = $3 * $4; print(f', database CPU {($db_after - $5) / r:.2f} ms' if r > 0 else '')")
    NOTES+=("$1: app CPU $(python3 -c "r = $3 * $4; print(f'{($after - $2) / r:.2f} ms per request' if r > 0 else '-')")$db (user+system of the app JVM and of PostgreSQL over the measured run).")
}

graphql_workload() { # name body id_max sql-file sql-filter
    local name=$1 body=$2 id_max=$3 sql=$4 filter=$5
    printf '%s' "$body" >"$WORK/$name.json"
    export BENCH_BODY_FILE=$WORK/$name.json BENCH_ID_MIN=1 BENCH_ID_MAX=$id_max
    log "$name: warm-up ${WARMUP}s, then ${DURATION}s at $CONNECTIONS connections"
    run_wrk "$WARMUP" "$CONNECTIONS" graphql.lua "$APP/graphql" "$ADMIN_TOKEN"
    local cpu0 db0
    cpu0=$(app_cpu_ms)
    db0=$(db_cpu_ms)
    run_wrk "$DURATION" "$CONNECTIONS" graphql.lua "$APP/graphql" "$ADMIN_TOKEN"
    local rps=$W_RPS p50=$W_P50 p99=$W_P99 err=$W_ERR
    cpu_note "$name" "$cpu0" "$rps" "$DURATION" "$db0"
    log "$name: pgbench ${DURATION}s at $CONNECTIONS connections"
    run_pgbench "$HERE/sql/$sql" "$filter"
    local r met
    r=$(ratio "$rps" "$PG_TPS")
    met=$(is_met "$PG_TPS > 0 and $rps / $PG_TPS >= 0.5 and $p99 < 50 and $err == 0")
    record "$name" "$CONNECTIONS" "$rps" "$p50" "$p99" "$PG_TPS" "$r" ">=50% pgbench, p99<50ms" "$met$([[ $err != 0 ]] && echo " ($err errors)")"
    unset BENCH_ID_MAX
}

# The peer comparison and the JVM variants replace the usual workloads (both may run in one invocation, peer first).
if [[ -n $PEER_KIND ]]; then
    peer_compare
fi
if [[ -n ${BENCH_JVM_VARIANTS:-} ]]; then
    [[ $APP_KIND == jvm ]] || die "BENCH_JVM_VARIANTS needs the JVM (BENCH_APP=jvm)"
    # shellcheck source=jvm_variants.sh
    source "$HERE/jvm_variants.sh"
    jvm_variants
fi
if [[ -n ${BENCH_AFTER:-} ]]; then # for profiling by hand: a script run with everything still up (env as BENCH_HOLD's)
    { echo "APP=$APP"; echo "DB_URL=$DB_URL"; echo "APP_PID=$APP_PID"; echo "ADMIN_TOKEN=$ADMIN_TOKEN"; echo "WORK=$WORK"
      echo "APP_KIND=$APP_KIND"; echo "CONTACTS=$CONTACTS"
      if [[ -n $PEER_KIND ]]; then echo "PEER=$PEER PEER_PID=$PEER_PID"; fi; } >"$WORK/env.sh"
    printf '%s' "$Q1_BODY" >"$WORK/after-Q1.json"; printf '%s' "$Q3_BODY" >"$WORK/after-Q3.json"
    printf '%s' '{"query":"{ __typename }"}' >"$WORK/after-T0.json"
    log "running $BENCH_AFTER"
    bash "$BENCH_AFTER" "$WORK/env.sh" | tee -a "${RESULTS_FILE:-/dev/null}" || log "$BENCH_AFTER failed"
fi
[[ -z $PEER_KIND && -z ${BENCH_JVM_VARIANTS:-} && -z ${BENCH_AFTER:-} ]] || exit 0

graphql_workload Q1-stage-contacts "$Q1_BODY" 0 q1.sql '^$never'
Q1_PG_TPS=$PG_TPS
graphql_workload Q2-influencers "$Q2_BODY" 0 q2.sql '^$never'
graphql_workload Q3-contact-detail "$Q3_BODY" "$CONTACTS" q3.sql "$Q3_SQL_FILTER"

# The floor: a request that reads nothing (token, routing, GraphQL parse and validation, no tenant, no SQL). No
# GraphQL read can be served faster than this, so (this ÷ pgbench's tps) bounds what the Q1-Q3 ratios can reach.
printf '%s' '{"query":"{ __typename }"}' >"$WORK/t0.json"
export BENCH_BODY_FILE=$WORK/t0.json
log "T0 (floor): warm-up 10s, then ${DURATION}s at $CONNECTIONS connections"
run_wrk 10 "$CONNECTIONS" graphql.lua "$APP/graphql" "$ADMIN_TOKEN"
cpu0=$(app_cpu_ms)
run_wrk "$DURATION" "$CONNECTIONS" graphql.lua "$APP/graphql" "$ADMIN_TOKEN"
cpu_note T0 "$cpu0" "$W_RPS" "$DURATION"
record "T0-typename (floor: no SQL)" "$CONNECTIONS" "$W_RPS" "$W_P50" "$W_P99" "$Q1_PG_TPS (Q1)" "$(ratio "$W_RPS" "$Q1_PG_TPS")" "(none)" \
    "$([[ $W_ERR != 0 ]] && echo "$W_ERR errors" || echo -)"
NOTES+=("T0: { __typename } does no SQL at all; its ratio to pgbench's Q1 tps is the most any GraphQL read could reach on this machine.")

if [[ $Q4_AVAILABLE == 1 ]]; then
    printf '%s' "$Q4_BODY" >"$WORK/q4.json"
    export BENCH_BODY_FILE=$WORK/q4.json
    log "Q4: ${DURATION}s at 1 connection"
    cpu0=$(app_cpu_ms)
    run_wrk "$DURATION" 1 graphql.lua "$APP/graphql" "$ADMIN_TOKEN"
    cpu_note Q4 "$cpu0" "$W_RPS" "$DURATION"
    record Q4-attribution-position 1 "$W_RPS" "$W_P50" "$W_P99" - - "p99<2s" \
        "$(is_met "$W_REQ > 0 and $W_P99 < 2000 and $W_ERR == 0")$([[ $W_ERR != 0 ]] && echo " ($W_ERR errors)")$([[ $W_REQ == 0 ]] && echo " (no request finished in ${DURATION}s)")"
else
    record Q4-attribution-position 1 - - - - - "p99<2s" "not available"
fi

printf '%s' "$Q5_BODY" >"$WORK/q5.json"
export BENCH_BODY_FILE=$WORK/q5.json
log "Q5: ${DURATION}s at 1 connection"
cpu0=$(app_cpu_ms)
run_wrk "$DURATION" 1 graphql.lua "$APP/graphql" "$ADMIN_TOKEN"
cpu_note Q5 "$cpu0" "$W_RPS" "$DURATION"
record Q5-funnel 1 "$W_RPS" "$W_P50" "$W_P99" - - "(none)" "$([[ $W_ERR != 0 ]] && echo "$W_ERR errors" || echo -)"

INGEST_IDS=$((IDENTITIES < 5000 ? IDENTITIES : 5000))
log "ingestion: ${DURATION}s at $INGEST_CONNECTIONS connections, $BATCH points per request (engagement metrics)"
cpu0=$(app_cpu_ms)
BENCH_BATCH=$BATCH BENCH_IDENTITIES=$INGEST_IDS BENCH_RUN_ID=$(date +%s) BENCH_METRICS=likes,comments,shares,views,impressions \
    run_wrk "$DURATION" "$INGEST_CONNECTIONS" ingest.lua "$APP/api/ingest/metrics" "$PARTNER_TOKEN"
cpu_note ingest "$cpu0" "$W_RPS" "$DURATION"
record ingest-metrics "$INGEST_CONNECTIONS" "$W_RPS req ($W_ACC pts/s)" "$W_P50" "$W_P99" - - ">=50,000 points/s" \
    "$(is_met "$W_ACC >= 50000 and $W_ERR == 0")$([[ $W_ERR != 0 ]] && echo " ($W_ERR errors)")"

log "ingestion: ${DURATION}s at $INGEST_CONNECTIONS connections, $BATCH followers points per request (influence refresh)"
cpu0=$(app_cpu_ms)
BENCH_BATCH=$BATCH BENCH_IDENTITIES=$INGEST_IDS BENCH_RUN_ID=$(($(date +%s) + 1)) BENCH_METRICS=followers \
    run_wrk "$DURATION" "$INGEST_CONNECTIONS" ingest.lua "$APP/api/ingest/metrics" "$PARTNER_TOKEN"
cpu_note ingest-followers "$cpu0" "$W_RPS" "$DURATION"
record ingest-followers "$INGEST_CONNECTIONS" "$W_RPS req ($W_ACC pts/s)" "$W_P50" "$W_P99" - - "(none)" \
    "$([[ $W_ERR != 0 ]] && echo "$W_ERR errors" || echo -)"
NOTES+=("ingest-metrics pushes likes, comments, shares, views and impressions (stored only); ingest-followers pushes followers points, each of which refreshes its identity's snapshot and influence score (and its contact's) in the push's transaction.")

# Requests wrk gave up on can still run in the app (a follower push holds its identities' row locks for seconds):
# wait until the database has no other active client statement, so the next workload does not queue behind them.
quiesce() {
    local i
    for i in $(seq 1 120); do
        [[ $(psql_db -tA -c "select count(*) from pg_stat_activity where backend_type = 'client backend'
                              and state = 'active' and pid <> pg_backend_pid()") == 0 ]] && return
        sleep 0.5
    done
    log "the database was still busy after 60 s"
}
quiesce

if ((CONNECTOR_ACCOUNTS > 0)); then
    log "connectors: connecting $CONNECTOR_ACCOUNTS Mastodon identities to the local stub, then waiting for their first sync"
    psql_db -tA -c "select id from $SCHEMA.social_identity where network = 'MASTODON' order by id limit $CONNECTOR_ACCOUNTS" \
        >"$WORK/connector-ids.txt"
    export APP ADMIN_TOKEN TENANT
    timeout "$CONNECTOR_TIMEOUT" xargs -P 4 -I{} sh -c '
        curl -s --max-time 60 "$APP/graphql" -H "Authorization: Bearer $ADMIN_TOKEN" -H "X-Tenant-ID: $TENANT" \
          -H "Content-Type: application/json" \
          -d "{\"query\":\"mutation { connectSocialAccount(input: {network: MASTODON, identityId: \\\"{}\\\", accessToken: \\\"bench-token\\\"}) { id } }\"}"
        echo' <"$WORK/connector-ids.txt" >"$WORK/connect.log" 2>&1 || true
    CONNECTED=$(grep -o '"connectSocialAccount"' "$WORK/connect.log" | wc -l)
    ((CONNECTED > 0)) || log "connectors: none connected, e.g. $(head -c 300 "$WORK/connect.log")"
    wait_synced() { # since: until every connected account has a successful sync run started at or after it
        local deadline=$(($(date +%s) + CONNECTOR_TIMEOUT)) synced
        while (($(date +%s) < deadline)); do
            synced=$(psql_db -tA -c "select count(distinct account_id) from $SCHEMA.sync_run where started_at >= '$1' and status = 'SUCCEEDED'")
            ((synced >= CONNECTED)) && return
            sleep 0.5
        done
    }
    wait_synced '-infinity'
    read -r FIRST_SYNCED FIRST_SECONDS < <(psql_db -tA -F ' ' -c "select count(*) filter (where status = 'SUCCEEDED'),
        round(extract(epoch from max(finished_at) - min(started_at))::numeric, 2) from $SCHEMA.sync_run")
    # The first syncs overlap the connectSocialAccount calls (4 at a time), so they measure connecting as much as
    # syncing. Then every account is made due at once and the second round measures the scheduler and pulls alone.
    quiesce
    T0=$(psql_db -tA -c "with due as (update control.connector_job set next_run_at = now() where tenant_slug = '$TENANT' returning 1)
                          select now() from (select count(*) from due) as made_due")
    wait_synced "$T0"
    read -r SYNCED SYNC_SECONDS SYNC_FAILED < <(psql_db -tA -F ' ' -c "select count(*) filter (where status = 'SUCCEEDED'),
        round(extract(epoch from max(finished_at) - '$T0'::timestamptz)::numeric, 2), count(*) filter (where status <> 'SUCCEEDED')
        from $SCHEMA.sync_run where started_at >= '$T0'")
    SYNC_RATE=$(python3 -c "import sys; n, s = sys.argv[1], sys.argv[2]; print(f'{int(n) / float(s):.1f}' if s and float(s) > 0 else '-')" \
        "${SYNCED:-0}" "${SYNC_SECONDS:-}")
    record connectors-sync "${BENCH_CONNECTOR_CONCURRENCY:-16}" "$SYNC_RATE accounts/s" - - - - "(none)" \
        "$SYNCED of $CONNECTED synced in ${SYNC_SECONDS}s, $SYNC_FAILED failed (first syncs while connecting: $FIRST_SYNCED in ${FIRST_SECONDS}s)"
    NOTES+=("connectors: Mastodon shape against a local stub; all connected accounts made due at once, then timed until each synced again (scheduler tick 1s, batch ${BENCH_CONNECTOR_BATCH:-200}, ${BENCH_CONNECTOR_CONCURRENCY:-16} pulls at a time).")
else
    record connectors-sync - - - - - - "accounts/s" "skipped"
fi

# ---------------------------------------------------------------- tenancy
heap_used_mb() {
    jcmd "$APP_PID" GC.run >/dev/null 2>&1 || true
    sleep 1
    jcmd "$APP_PID" GC.heap_info 2>/dev/null | grep -m1 -oE 'used [0-9]+K' | awk '{sub("K","",$2); printf "%.0f", $2/1024}'
}
tenant_count() { psql_db -tA -c "select count(*) from control.tenant where status = 'ACTIVE'"; }
provision_to() { # target count -> sets PROV_SECONDS PROV_DONE PROV_FAILED
    local have target=$1
    have=$(tenant_count)
    local n=$((target - have))
    PROV_DONE=0 PROV_FAILED=0 PROV_SECONDS=0
    ((n > 0)) || return 0
    local start
    start=$(date +%s.%N)
    export APP PLATFORM_TOKEN
    seq 1 "$n" | sed "s/^/$(date +%s)-/" | timeout "$PROVISION_TIMEOUT" xargs -P "$PROVISION_PARALLELISM" -I{} sh -c '
        slug="bt-$(echo {} | tr -d -)"
        curl -s --max-time 120 "$APP/graphql" -H "Authorization: Bearer $PLATFORM_TOKEN" -H "Content-Type: application/json" \
          -d "{\"query\":\"mutation { createTenant(input: {slug: \\\"$slug\\\", name: \\\"Bench $slug\\\", kind: BRAND}) { id slug } }\"}"
        echo' >"$WORK/provision.log" 2>&1 || true
    PROV_SECONDS=$(python3 -c "import time; print(round(time.time() - $start, 1))")
    PROV_DONE=$(grep -o '"slug"' "$WORK/provision.log" | wc -l)
    PROV_FAILED=$((n - PROV_DONE))
    ((PROV_FAILED == 0)) || log "provisioning: $PROV_FAILED failed, e.g. $(grep -o '"errors".\{0,300\}' "$WORK/provision.log" | head -n 1)"
}

quiesce
if ((TENANTS > 0)); then
    small=$((TENANTS < 10 ? TENANTS : 10))
    log "tenancy: provisioning up to $small tenants"
    provision_to "$small"
    PROV_N1=$PROV_DONE PROV_S1=$PROV_SECONDS PROV_F1=$PROV_FAILED
    HEAP_SMALL=$(heap_used_mb)
    export BENCH_BODY_FILE=$WORK/Q1-stage-contacts.json
    run_wrk "$TENANCY_DURATION" "$CONNECTIONS" graphql.lua "$APP/graphql" "$ADMIN_TOKEN"
    Q1_SMALL_P50=$W_P50 Q1_SMALL_P99=$W_P99 Q1_SMALL_RPS=$W_RPS
    log "tenancy: provisioning up to $TENANTS tenants ($PROVISION_PARALLELISM at a time)"
    provision_to "$TENANTS"
    PROV_N=$((PROV_N1 + PROV_DONE)) PROV_F=$((PROV_F1 + PROV_FAILED))
    PROV_S=$(python3 -c "print(round($PROV_S1 + $PROV_SECONDS, 1))")
    TOTAL=$(tenant_count)
    HEAP_BIG=$(heap_used_mb)
    run_wrk "$TENANCY_DURATION" "$CONNECTIONS" graphql.lua "$APP/graphql" "$ADMIN_TOKEN"
    Q1_BIG_P50=$W_P50 Q1_BIG_P99=$W_P99 Q1_BIG_RPS=$W_RPS
    per=$(python3 -c "print(f'{$PROV_S / $PROV_N:.3f}' if $PROV_N else '-')")
    est=$(python3 -c "print(f'{1000 * $PROV_S / $PROV_N:.0f}' if $PROV_N else '-')")
    record "tenancy-provision" "$PROVISION_PARALLELISM" "$PROV_N in ${PROV_S}s (${per}s each)" - - - - "1,000 in <300s" \
        "$(is_met "$PROV_N > 0 and $PROV_F == 0 and 1000 * $PROV_S / $PROV_N < 300") (1,000 at this rate: ${est}s)"
    record "heap-used-MB@${small}->${TOTAL}" - "$HEAP_SMALL -> $HEAP_BIG" - - - - "flat (<+50%)" \
        "$(is_met "${HEAP_BIG:-0} <= 1.5 * ${HEAP_SMALL:-1}")"
    record "Q1@${small}-tenants" "$CONNECTIONS" "$Q1_SMALL_RPS" "$Q1_SMALL_P50" "$Q1_SMALL_P99" - - "baseline" -
    record "Q1@${TOTAL}-tenants" "$CONNECTIONS" "$Q1_BIG_RPS" "$Q1_BIG_P50" "$Q1_BIG_P99" - - "flat (p99<+50%)" \
        "$(is_met "$Q1_BIG_P99 <= 1.5 * $Q1_SMALL_P99")"
fi

# ---------------------------------------------------------------- report
{
    echo
    echo "Social CRM benchmark $(date -u +%Y-%m-%dT%H:%MZ) — $(nproc) cores, $(free -h | awk '/^Mem:/{print $2}') RAM," \
        "$APP_VERSION"
    echo "scale: $CONTACTS contacts, $IDENTITIES identities, $CAMPAIGNS campaigns, $TOUCHPOINTS touchpoints," \
        "$TRANSITIONS transitions, $CONVERSIONS conversions, $METRIC_POINTS metric points (generated in ${GEN_SECONDS}s);" \
        "${DURATION}s per workload; database: $([[ -n ${SCRM_DB_URL:-} ]] && echo SCRM_DB_URL || echo embedded PostgreSQL 17)"
    echo
    python3 - "$RESULTS" <<'EOF'
import sys
head = ["workload", "conns", "req/s", "p50 ms", "p99 ms", "pgbench tps", "ratio", "target", "met?"]
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
fmt = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
print(fmt(head))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in rows:
    print(fmt(r))
EOF
    echo
    for note in "${NOTES[@]}"; do echo "note: $note"; done
    if [[ $PGSS == 1 ]]; then
        echo
        echo "database time by statement (pg_stat_statements, whole run incl. pgbench, top 10):"
        psql_db -P pager=off -c "select calls, round(total_exec_time::numeric) as total_ms, round(mean_exec_time::numeric, 2) as mean_ms,
            left(regexp_replace(query, '\s+', ' ', 'g'), 110) as statement
            from pg_stat_statements where query not like '%pg_stat_statements%' order by total_exec_time desc limit 10" || true
    fi
} | tee "${RESULTS_FILE:-/dev/null}"
