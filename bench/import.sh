#!/usr/bin/env bash
# Import benchmark (issue 14, points 3 and 6): one command (docs/benchmarks.md, "Imports").
#
#   bench/import.sh                                              1,000,000 CSV rows against 100,000 existing contacts
#   BENCH_IMPORT_ROWS=20000 BENCH_EXISTING=5000 BENCH_SKIP_BUILD=1 bench/import.sh     a quick smoke run
#   BENCH_WARMUP_ROWS=100000 BENCH_SKIP_BUILD=1 bench/import.sh                       the same, after a warm-up import into another tenant
#
# Starts PostgreSQL (embedded, or SCRM_DB_URL), a local OIDC issuer and the app in prod mode (as bench/run.sh), creates
# the existing contacts in SQL, then measures: the import of the CSV file (upload/staging, then the job, rows/s, max RSS
# and old-generation heap of the app), the re-run of the same file (every row UNCHANGED), upsertContacts with 1,000
# rows (p50/p99), and duplicateCandidates on the existing contacts (with the EXPLAIN of the name probe that stores pairs). Loopback only;
# every process it starts is stopped on exit. Run it under `flock /work/wt/bench.lock` on a shared machine.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
ROWS=${BENCH_IMPORT_ROWS:-1000000}
EXISTING=${BENCH_EXISTING:-100000}
UPSERTS=${BENCH_UPSERT_REQUESTS:-50}
SKIP_BUILD=${BENCH_SKIP_BUILD:-0}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx1g}
RESULTS_FILE=${BENCH_RESULTS_FILE:-}
TENANT=bench

log() { printf '[import-bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

WORK=$(mktemp -d /tmp/scrm-import-bench.XXXXXX)
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
    if [[ $status -ne 0 ]]; then log "logs kept in $WORK"; elif [[ -z ${BENCH_KEEP_WORK:-} ]]; then rm -rf "$WORK"; fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for tool in psql curl openssl python3 java; do command -v $tool >/dev/null || die "$tool is required (bench/run.sh installs the apt packages)"; done

cd "$ROOT"
if [[ $SKIP_BUILD != 1 ]]; then
    log "building (./mvnw -B -q package -DskipTests)"
    timeout 1800 ./mvnw -B -q package -DskipTests >"$WORK/build.log" 2>&1 || die "build failed (see $WORK/build.log)"
fi
APP_DIR=${BENCH_APP_DIR:-$ROOT/target/quarkus-app} # another build to compare against, e.g. a copy of main's
[[ -f $APP_DIR/quarkus-run.jar ]] || die "no $APP_DIR/quarkus-run.jar: build first"

# ---------------------------------------------------------------- PostgreSQL, OIDC, the app (as bench/run.sh)
if [[ -n ${SCRM_DB_URL:-} ]]; then
    DB_URL=$SCRM_DB_URL
else
    java -cp "$APP_DIR/lib/boot/*:$APP_DIR/lib/main/*:$APP_DIR/app/*" org.socialcrm.database.EmbeddedPostgresMain >"$WORK/pg.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 360); do grep -q '^SCRM_DB_URL=' "$WORK/pg.log" 2>/dev/null && break; sleep 0.5; done
    DB_URL=$(grep -m1 '^SCRM_DB_URL=' "$WORK/pg.log" | cut -d= -f2- | sed 's/@localhost:/@127.0.0.1:/')
    [[ -n $DB_URL ]] || die "embedded PostgreSQL did not start (see $WORK/pg.log)"
fi
OIDC_PORT=$(free_port)
openssl genrsa -out "$WORK/oidc-key.pem" 2048 2>/dev/null
python3 "$HERE/oidc.py" serve "$WORK/oidc-key.pem" "$OIDC_PORT" >"$WORK/oidc.log" 2>&1 &
PIDS+=($!)
ISSUER=http://127.0.0.1:$OIDC_PORT/realms/bench
for _ in $(seq 1 40); do curl -sf "$ISSUER/.well-known/openid-configuration" >/dev/null && break; sleep 0.25; done
TOKEN=$(python3 "$HERE/oidc.py" token "$WORK/oidc-key.pem" "$ISSUER" '{"sub":"bench-admin","tenants":["bench","warmup"],"realm_access":{"roles":["crm-admin"]}}')
mkdir -p "$WORK/tenants"
printf 'slug: bench\nname: Benchmark\nkind: BRAND\n' >"$WORK/tenants/bench.yaml"
printf 'slug: warmup\nname: Warm-up\nkind: BRAND\n' >"$WORK/tenants/warmup.yaml"
APP_PORT=$(free_port)
APP=http://127.0.0.1:$APP_PORT
log "starting the app (prod) on $APP"
# shellcheck disable=SC2086
SCRM_DB_URL=$DB_URL SCRM_OIDC_AUTH_SERVER_URL=$ISSUER SCRM_TENANTS_DIR=$WORK/tenants SCRM_TOKEN_KEY_ID=bench SCRM_LOG_JSON=false \
    SCRM_RATE_LIMIT_TENANT_RPS=1000000 SCRM_RATE_LIMIT_TENANT_BURST=1000000 SCRM_IMPORT_TICK=200ms \
    java $JAVA_OPTS -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$APP_PORT" \
    -Dscrm.connectors.tokens.keys.bench="$(openssl rand -base64 32)" -jar "$APP_DIR/quarkus-run.jar" >"$WORK/app.log" 2>&1 &
APP_PID=$!
PIDS+=($APP_PID)
for i in $(seq 1 480); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$APP/q/health/ready" || true) == 200 ]] && break
    kill -0 "$APP_PID" 2>/dev/null || die "the app exited (see $WORK/app.log)"
    [[ $i == 480 ]] && die "the app was not ready in 240 s (see $WORK/app.log)"
    sleep 0.5
done
log "app ready (load $(load))"
gql() { curl -s --max-time 300 "$APP/graphql" -H "Authorization: Bearer $TOKEN" -H "X-Tenant-ID: $TENANT" -H 'Content-Type: application/json' -d "$1"; }

# ---------------------------------------------------------------- existing contacts and the file
log "creating $EXISTING existing contacts (SQL) and the $ROWS-row CSV"
psql "$DB_URL" -X -q -v ON_ERROR_STOP=1 -v existing="$EXISTING" -f "$HERE/sql/import_existing.sql" >"$WORK/existing.log" 2>&1 \
    || die "existing contacts failed (see $WORK/existing.log)"
# their duplicate candidates: every one marked, as an import batch marks its contacts, and drained by the app's
# DuplicateDrain (scrm.duplicates.drain.*): the time until none is left
# the marks left: per contact, and (V127 on) an import batch's contacts as one row (a main before it has no such table)
MARKS_LEFT="select count(*) from t_bench.duplicate_pending"
if [[ $(psql "$DB_URL" -X -qtA -c "select to_regclass('t_bench.duplicate_pending_batch') is not null") == t ]]; then
    MARKS_LEFT="select (select count(*) from t_bench.duplicate_pending) + (select coalesce(sum(cardinality(contact_ids)), 0) from t_bench.duplicate_pending_batch)"
fi
drain_wait() { # -> ms until no mark is left (polled every 0.2 s)
    local start
    start=$(date +%s.%N)
    while [[ $(psql "$DB_URL" -X -qtA -c "$MARKS_LEFT") != 0 ]]; do sleep 0.2; done
    python3 -c "import time; print(round((time.time() - $start) * 1000))"
}
psql "$DB_URL" -X -q -c "insert into t_bench.duplicate_pending select id from t_bench.contact" >>"$WORK/existing.log" 2>&1 || die "marks failed"
PAIRS_MS=$(drain_wait)
PAIRS_STORED=$(psql "$DB_URL" -X -qtA -c "select count(*) from t_bench.duplicate_pair")
python3 - "$WORK/import.csv" "$ROWS" "$EXISTING" <<'PY'
import sys
path, rows, existing = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, "w") as f:
    f.write("external:crm,firstName,lastName,emails,phones,address.city,address.postalCode,address.country,lifecycleStage,tags\n")
    for i in range(1, rows + 1):
        phone = f"+1 212 {200 + (i // 10000) % 800} {i % 10000:04d}"
        stage = "lead" if i % 10 == 0 else ""
        if i <= existing:  # existing contact i (its name kept: empty cells), with a phone and a tag more: UPDATED, then UNCHANGED
            f.write(f"P{i},,,p{i}@bench.example,{phone},City{i % 500},{10000 + i % 5000:05d},US,{stage},imported\n")
        else:
            f.write(f"N{i},New{i},Row{i % 977},n{i}@bench.example,{phone},City{i % 500},{10000 + i % 5000:05d},US,{stage},imported\n")
PY
log "file: $(du -h "$WORK/import.csv" | cut -f1)"
# BENCH_WARMUP_ROWS=N: an import of N rows into another tenant first, and its duplicate drain, so the measured import
# meets a JIT-compiled app (a service that has been running) instead of paying C2's compilations (docs/benchmarks.md)
WARMUP_ROWS=${BENCH_WARMUP_ROWS:-0}
if ((WARMUP_ROWS > 0)); then
    log "warm-up: $WARMUP_ROWS rows into tenant warmup (load $(load))"
    python3 - "$WORK/warmup.csv" "$WARMUP_ROWS" <<'PY'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("external:crm,firstName,lastName,emails,phones,address.city,address.postalCode,address.country,lifecycleStage,tags\n")
    for i in range(1, rows + 1):
        f.write(f"W{i},Warm{i},Up{i % 977},w{i}@warmup.example,+1 415 {200 + (i // 10000) % 800} {i % 10000:04d},City{i % 500},"
                f"{10000 + i % 5000:05d},US,{'lead' if i % 10 == 0 else ''},warm\n")
PY
    body=$(curl -s --max-time 3600 -X POST "$APP/api/imports?format=csv" -H "Authorization: Bearer $TOKEN" -H "X-Tenant-ID: warmup" \
        -H 'Content-Type: text/csv' --data-binary @"$WORK/warmup.csv")
    id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$body") || die "warm-up upload failed: $body"
    while true; do
        body=$(curl -s --max-time 300 "$APP/graphql" -H "Authorization: Bearer $TOKEN" -H "X-Tenant-ID: warmup" -H 'Content-Type: application/json' \
            -d '{"query":"query($id: ID!) { importJob(id: $id) { status } }","variables":{"id":"'"$id"'"}}')
        status=$(grep -o '"status":"[A-Z]*"' <<<"$body" | cut -d'"' -f4)
        [[ $status == SUCCEEDED ]] && break
        [[ -n $status && $status != FAILED && $status != CANCELLED ]] || die "warm-up import: $body"
        sleep 1
    done
    # its drain must not run beside the measured import
    while [[ $(psql "$DB_URL" -X -qtA -c "${MARKS_LEFT//t_bench./t_warmup.}") != 0 ]]; do sleep 0.5; done
    log "warm-up done (load $(load))"
fi
if [[ ${BENCH_INDEX_COST:-0} == 1 ]]; then # what each index of contact costs an insert (bench/sql/contact_index_cost.sql)
    log "index cost of contact (load $(load))"
    psql "$DB_URL" -X -q -v ON_ERROR_STOP=1 -f "$HERE/sql/contact_index_cost.sql" >"$WORK/index-cost.txt" 2>&1 || die "index cost failed (see $WORK/index-cost.txt)"
    cat "$WORK/index-cost.txt" >&2
    log "parts of a new contact's e-mail row (load $(load))"
    psql "$DB_URL" -X -q -v ON_ERROR_STOP=1 -f "$HERE/sql/key_table_cost.sql" >"$WORK/key-cost.txt" 2>&1 || log "key table cost failed"
    cat "$WORK/key-cost.txt" >&2
fi

# ---------------------------------------------------------------- duplicateCandidates on the existing contacts (before the imports)
log "duplicateCandidates (load $(load))"
dup_pages() { # three duplicateCandidates(first: 50) calls; their times (curl's time_total) in DUPS, the last answer in ANSWER
    local answer
    DUPS=()
    for _ in 1 2 3; do
        answer=$(curl -s --max-time 300 -w '\n%{time_total}' "$APP/graphql" -H "Authorization: Bearer $TOKEN" -H "X-Tenant-ID: $TENANT" \
            -H 'Content-Type: application/json' -d '{"query":"{ duplicateCandidates(first: 50) { totalCount edges { node { score reasons } } } }"}')
        DUPS+=("$(tail -n 1 <<<"$answer" | awk '{printf "%.0f", $1 * 1000}') ms")
        ANSWER=$(sed '$d' <<<"$answer")
        if grep -q '"errors"' <<<"$ANSWER"; then DUPS+=("(error: $(grep -o '"code":"[^"]*"' <<<"$ANSWER" | head -1))"); fi
    done
}
dup_pages
answer=$ANSWER
DUP_TOTAL=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["data"]["duplicateCandidates"]["totalCount"])' "$answer" 2>/dev/null || echo "-")
psql "$DB_URL" -X -q -f "$HERE/sql/duplicates_explain.sql" >"$WORK/explain.txt" 2>&1 || true

# ---------------------------------------------------------------- CPU seconds of the app and of PostgreSQL (where the time goes)
PG_PORT=$(sed -E 's/.*:([0-9]+)\/.*/\1/' <<<"$DB_URL")
TICKS=$(getconf CLK_TCK)
cpu_app() { awk -v t="$TICKS" '{printf "%.1f", ($14 + $15) / t}' "/proc/$APP_PID/stat"; }
cpu_pg() { # the postmaster, its reaped children (autovacuum workers, ended backends) and its live children
    local master
    master=$(pgrep -o -f "postgres -D .* -p $PG_PORT( |$)" || true)
    [[ -n $master ]] || { echo 0; return; }
    { awk '{print $14 + $15 + $16 + $17}' "/proc/$master/stat"
      for child in $(pgrep -P "$master"); do awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null; done
    } | awk -v t="$TICKS" '{s += $1} END {printf "%.1f", s / t}'
}

# ---------------------------------------------------------------- one import: upload, job, RSS and heap while it runs
import_once() { # label -> "label|upload s|job s|rows/s|created|updated|unchanged|rejected|max RSS MB|max old gen MB|app CPU s|PostgreSQL CPU s|load"
    local label=$1 start upload_end id status body max_rss=0 max_old=0 rss jstat_pid
    # one jstat sampling every second for the whole import (a jstat per poll would start a JVM every 2 s beside the app)
    jstat -gc "$APP_PID" 1000 >"$WORK/jstat.txt" 2>/dev/null &
    jstat_pid=$!
    local app_cpu0 pg_cpu0
    app_cpu0=$(cpu_app); pg_cpu0=$(cpu_pg)
    start=$(date +%s.%N)
    body=$(curl -s --max-time 3600 -X POST "$APP/api/imports?format=csv" -H "Authorization: Bearer $TOKEN" -H "X-Tenant-ID: $TENANT" \
        -H 'Content-Type: text/csv' --data-binary @"$WORK/import.csv")
    upload_end=$(date +%s.%N)
    python3 -c "print(round($(cpu_app) - $app_cpu0, 1))" >"$WORK/upload-cpu-${label%% *}" # the app's CPU of the upload (reading and staging)
    id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$body") || die "upload failed: $body"
    while true; do
        rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$APP_PID/status)
        ((rss > max_rss)) && max_rss=$rss
        body=$(gql '{"query":"query($id: ID!) { importJob(id: $id) { status rowsProcessed created updated unchanged ambiguous rejected } }","variables":{"id":"'"$id"'"}}')
        status=$(grep -o '"status":"[A-Z]*"' <<<"$body" | cut -d'"' -f4)
        [[ -n $status ]] || die "importJob failed: $body"
        [[ $status == SUCCEEDED || $status == FAILED || $status == CANCELLED ]] && break
        sleep 2
    done
    kill "$jstat_pid" 2>/dev/null || true
    max_old=$(awk '$8 ~ /^[0-9.]+$/ && $8 > m {m = $8} END {print int(m / 1024)}' "$WORK/jstat.txt")
    local end app_cpu pg_cpu
    end=$(date +%s.%N)
    app_cpu=$(python3 -c "print(round($(cpu_app) - $app_cpu0, 1))"); pg_cpu=$(python3 -c "print(round($(cpu_pg) - $pg_cpu0, 1))")
    python3 - "$label" "$start" "$upload_end" "$end" "$ROWS" "$body" "$max_rss" "$max_old" "$(load)" "$app_cpu" "$pg_cpu" <<'PY'
import json, sys
label, start, up, end, rows, body, rss, old, load, app_cpu, pg_cpu = sys.argv[1:]
job = json.loads(body)["data"]["importJob"]
total = float(end) - float(start)
print(f"{label}|{float(up) - float(start):.1f}|{float(end) - float(up):.1f}|{int(rows) / total:,.0f}|{job['created']}|{job['updated']}|"
      f"{job['unchanged']}|{job['rejected']}|{rss}|{old}|{app_cpu}|{pg_cpu}|{load}")
PY
}
PGSS=0
psql "$DB_URL" -X -q -c "create extension if not exists pg_stat_statements" -c "select pg_stat_statements_reset()" >/dev/null 2>&1 && PGSS=1
if [[ ${BENCH_JFR:-0} == 1 ]]; then # the default settings; BENCH_JFR_METHOD_PROFILING=high samples every 10 ms, max every 1 ms (default normal: 20 ms)
    sed "s/<selection name=\"method-profiling\" default=\"normal\"/<selection name=\"method-profiling\" default=\"${BENCH_JFR_METHOD_PROFILING:-normal}\"/" \
        "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/default.jfc" >"$WORK/import.jfc"
    jcmd "$APP_PID" JFR.start name=import settings="$WORK/import.jfc" filename="$WORK/import.jfr" >/dev/null
fi
log "import 1 (load $(load))"
FIRST=$(import_once "first run")
if [[ ${BENCH_JFR:-0} == 1 ]]; then
    jcmd "$APP_PID" JFR.stop name=import >/dev/null
    [[ -n ${BENCH_JFR_FILE:-} ]] && cp "$WORK/import.jfr" "$BENCH_JFR_FILE"
    # top frames of the app's samples during the first import (method at the top of each stack)
    jfr print --events jdk.ExecutionSample "$WORK/import.jfr" | grep -A1 'stackTrace = \[' | grep -v 'stackTrace\|^--' \
        | sed 's/line:.*//; s/^ *//' | sort | uniq -c | sort -rn | head -25 >"$WORK/jfr-top.txt" || true
fi
if [[ $PGSS == 1 ]]; then
    psql "$DB_URL" -X -q -c "select round(total_exec_time)::bigint as ms, calls, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 110) as statement
        from pg_stat_statements where query not like '%pg_stat_statements%' order by total_exec_time desc limit 20" >"$WORK/pgss.txt" 2>&1 || true
fi
log "$FIRST"
PENDING_AT_END=$(psql "$DB_URL" -X -qtA -c "$MARKS_LEFT")
log "drain of the first import's marked contacts ($PENDING_AT_END left when the job was seen SUCCEEDED; load $(load))"
if [[ ${BENCH_DRAIN_WAIT:-1} == 1 ]]; then
    drain_wait >/dev/null
    # from the job's end (finished_at) to the first poll that saw no mark left: an upper bound, polled every 0.2 s
    DRAIN_MS=$(psql "$DB_URL" -X -qtA -c "select round(extract(epoch from clock_timestamp() - finished_at) * 1000) from t_bench.import_job order by id desc limit 1")
else # BENCH_DRAIN_WAIT=0: the re-run starts at once; the drain, once started, runs beside the re-run and the upserts
    DRAIN_MS="(not waited for: BENCH_DRAIN_WAIT=0)"
fi
DRAIN_PAIRS=$(psql "$DB_URL" -X -qtA -c "select count(*) from t_bench.duplicate_pair")
log "all pairs stored $DRAIN_MS ms after the job ended; $DRAIN_PAIRS pairs"
DUPS_BEFORE=("${DUPS[@]}")
dup_pages
DUPS_AFTER=("${DUPS[@]}")
DUPS=("${DUPS_BEFORE[@]}")
{ echo "-- after the first import (the 1,000 highest ids are its new people):"; psql "$DB_URL" -X -q -f "$HERE/sql/duplicates_explain.sql"; } >>"$WORK/explain.txt" 2>&1 || true
log "import 2: the same file (load $(load))"
SECOND=$(import_once "re-run (same file)")
log "$SECOND"
HWM=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$APP_PID/status)

# ---------------------------------------------------------------- upsertContacts, 1,000 rows per request
log "upsertContacts: $UPSERTS requests of 1,000 rows (load $(load))"
UPSERT=$(python3 - "$APP" "$TOKEN" "$TENANT" "$UPSERTS" <<'PY'
import json, sys, time, urllib.request
app, token, tenant, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
query = "mutation($rows: [ContactUpsertInput!]!) { upsertContacts(input: $rows) { created updated unchanged rejected } }"
times = []
for r in range(n):
    rows = []
    for k in range(1000):  # half updates of imported people, half new people
        i = r * 1000 + k
        if k % 2:
            rows.append({"externalIds": [{"system": "crm", "value": f"P{i % 100000 + 1}"}], "tags": [f"u{r}"]})
        else:
            rows.append({"emails": [f"up{i}@bench.example"], "firstName": f"Up{i}", "phones": [f"+1 646 {200 + i // 10000} {i % 10000:04d}"]})
    req = urllib.request.Request(app + "/graphql", json.dumps({"query": query, "variables": {"rows": rows}}).encode(),
                                 {"Authorization": "Bearer " + token, "X-Tenant-ID": tenant, "Content-Type": "application/json"})
    t = time.time()
    answer = json.loads(urllib.request.urlopen(req, timeout=300).read())
    times.append(time.time() - t)
    assert "errors" not in answer, answer
times.sort()
pick = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000
print(f"{pick(0.5):.0f}|{pick(0.99):.0f}|{len(times)}")
PY
) || die "upsertContacts failed"
log "upsertContacts p50|p99|n ms: $UPSERT"

{
    echo
    echo "Import benchmark, $(date -u +'%Y-%m-%d %H:%M') UTC, $(nproc) cores, $ROWS rows against $EXISTING existing contacts, warm-up $WARMUP_ROWS rows, app $JAVA_OPTS, commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)"
    echo "PostgreSQL: $(psql "$DB_URL" -X -qtA -c "select string_agg(name || '=' || setting, ', ' order by name) from pg_settings where name in ('fsync', 'synchronous_commit', 'shared_buffers', 'wal_level', 'full_page_writes', 'max_wal_size')" 2>/dev/null)"
    echo
    echo "| run | upload+staging s | job s | rows/s (total) | created | updated | unchanged | rejected | max RSS MB | max old gen MB | app CPU s | PostgreSQL CPU s | load |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
    echo "| ${FIRST//|/ | } |"
    echo "| ${SECOND//|/ | } |"
    echo
    echo "App CPU of the upload (reading, checking and staging the file; in app CPU s above): first run $(cat "$WORK/upload-cpu-first") s, re-run $(cat "$WORK/upload-cpu-re-run") s."
    echo "App peak RSS (VmHWM): $HWM MB. upsertContacts (1,000 rows) p50 | p99 | requests: ${UPSERT//|/ ms | } ."
    echo "pairs of the $EXISTING existing contacts (all marked, drained by the app): $PAIRS_MS ms, $PAIRS_STORED pairs in duplicate_pair."
    echo "duplicateCandidates(first: 50) over the $EXISTING existing contacts: ${DUPS[*]} (totalCount $DUP_TOTAL)."
    echo "drain after the first import (not in its job time): all its pairs stored at most $DRAIN_MS ms after the job ended ($PENDING_AT_END marks left when the script saw SUCCEEDED); $DRAIN_PAIRS pairs then."
    echo "duplicateCandidates(first: 50) after it: ${DUPS_AFTER[*]}."
    echo
    echo "EXPLAIN of the similar-name probe of a batch of 1,000 contacts (DuplicatePairs.FIND):"
    sed 's/^/    /' "$WORK/explain.txt"
    if [[ -s $WORK/pgss.txt ]]; then echo; echo "Database time by statement during the first import (pg_stat_statements):"; sed 's/^/    /' "$WORK/pgss.txt"; fi
    if [[ -s $WORK/jfr-top.txt ]]; then echo; echo "JFR, top frames of the app during the first import:"; sed 's/^/    /' "$WORK/jfr-top.txt"; fi
} | tee ${RESULTS_FILE:+"$RESULTS_FILE"}
