# The peer comparison of bench/run.sh (BENCH_PEER=postgraphile): sourced by run.sh, which has started PostgreSQL,
# the app and generated the data. peer_start installs and starts PostGraphile 5 over the same schema and checks
# that it answers Q1-Q3 with the same data as the service; peer_compare measures both side by side and prints the
# table. Uses run.sh's variables and functions (log, die, run_wrk, db_cpu_ms, PIDS, WORK, ...).

PEER_VERSION=$(python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['dependencies']['postgraphile'])" "$HERE/peer/package.json")
PEER_CACHE=${BENCH_PEER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/scrm-bench/postgraphile}
PEER_POOL=${BENCH_PEER_POOL:-20}               # the service's reactive pool (SCRM_DB_POOL_SIZE) by default
PEER_WARMUP=${BENCH_PEER_WARMUP:-20}           # seconds of warm-up per query for PostGraphile (V8 warms in seconds)
PEER_ROUNDS=${BENCH_PEER_ROUNDS:-2}

# npm ci into a cache folder from the committed lock file (again only when the lock file changed). PostGraphile 5
# needs Node 22: the node on PATH when it is new enough, else the Node 22 that the lock file brings (node-linux-*).
peer_install() {
    command -v npm >/dev/null || die "BENCH_PEER needs npm (Node.js)"
    mkdir -p "$PEER_CACHE"
    cp "$HERE/peer/package.json" "$HERE/peer/package-lock.json" "$HERE/peer/server.mjs" "$PEER_CACHE/"
    local stamp
    stamp=$(sha256sum "$HERE/peer/package-lock.json" | cut -c1-64)
    if [[ $(cat "$PEER_CACHE/.installed" 2>/dev/null) != "$stamp" ]]; then
        log "installing PostGraphile $PEER_VERSION with npm ci into $PEER_CACHE"
        (cd "$PEER_CACHE" && timeout 900 npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 \
            || die "npm ci failed (see $WORK/npm.log)"
        echo "$stamp" >"$PEER_CACHE/.installed"
    fi
    PEER_NODE=node
    local major
    major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
    if ((major < 22)); then
        PEER_NODE=$(ls "$PEER_CACHE"/node_modules/node-linux-*/bin/node 2>/dev/null | head -n 1)
        [[ -x $PEER_NODE ]] || die "PostGraphile 5 needs Node 22+ (found $major) and npm brought none for $(uname -m)"
    fi
    PEER_NODE_VERSION=$("$PEER_NODE" --version)
}

peer_body() { # document.graphql variables-json -> request body
    python3 -c "import json, sys; print(json.dumps({'query': open(sys.argv[1]).read(), 'variables': json.loads(sys.argv[2])}))" "$@"
}

peer_start() {
    [[ $Q3_BODY == "$Q3_FULL" ]] || die "BENCH_PEER needs Contact.touchpoints in this build (Q3 with touchpoints)"
    peer_install
    PEER_PORT=$(free_port)
    PEER=http://127.0.0.1:$PEER_PORT/graphql
    log "starting PostGraphile $PEER_VERSION (Node $PEER_NODE_VERSION, pool $PEER_POOL, no authentication) on $PEER"
    (cd "$PEER_CACHE" && exec env NODE_ENV=production GRAPHILE_ENV=production "$PEER_NODE" server.mjs "$DB_URL" "$SCHEMA" \
        "$PEER_PORT" "$PEER_POOL") >"$WORK/peer.log" 2>&1 &
    PEER_PID=$!
    PIDS+=($PEER_PID)
    for i in $(seq 1 240); do
        grep -q '^PEER_READY' "$WORK/peer.log" 2>/dev/null && break
        kill -0 "$PEER_PID" 2>/dev/null || die "PostGraphile exited (see $WORK/peer.log)"
        [[ $i == 240 ]] && die "PostGraphile was not ready in 120 s (see $WORK/peer.log)"
        sleep 0.5
    done
    peer_body "$HERE/peer/q1.graphql" "{\"stage\":\"$Q1_STAGE\"}" >"$WORK/peer-Q1.json"
    peer_body "$HERE/peer/q2.graphql" '{}' >"$WORK/peer-Q2.json"
    peer_body "$HERE/peer/q3.graphql" '{"id":"__ID__"}' >"$WORK/peer-Q3.json"
    printf '%s' "$Q1_BODY" >"$WORK/service-Q1.json"
    printf '%s' "$Q2_BODY" >"$WORK/service-Q2.json"
    printf '%s' "$Q3_BODY" >"$WORK/service-Q3.json"
    printf '%s' '{"query":"{ __typename }"}' | tee "$WORK/service-T0.json" >"$WORK/peer-T0.json"
    local q id
    for q in Q1 Q2 "Q3 1" "Q3 $(((CONTACTS + 1) / 2))" "Q3 $CONTACTS"; do
        id=${q#* } && q=${q%% *}
        curl -s --max-time 60 "$APP/graphql" -H "Authorization: Bearer $ADMIN_TOKEN" -H "X-Tenant-ID: $TENANT" \
            -H 'Content-Type: application/json' -d "$(sed "s/__ID__/$id/" "$WORK/service-$q.json")" >"$WORK/answer-service.json"
        curl -s --max-time 60 "$PEER" -H 'Content-Type: application/json' -d "$(sed "s/__ID__/$id/" "$WORK/peer-$q.json")" \
            >"$WORK/answer-peer.json"
        python3 "$HERE/peer/compare.py" "$q$([[ $q == Q3 ]] && echo " (contact $id)")" "$WORK/answer-service.json" \
            "$WORK/answer-peer.json" >&2 || die "the service and PostGraphile answer $q differently (answers in $WORK)"
    done
}

proc_cpu_ms() { awk -v clk="$CLK" '{printf "%d", ($14 + $15) * 1000 / clk}' "/proc/$1/stat"; }

peer_run() { # round server query duration -> one row of $WORK/peer.tsv when round > 0
    local round=$1 server=$2 q=$3 duration=$4 pid url
    [[ $server == service ]] && pid=$APP_PID url=$APP/graphql || pid=$PEER_PID url=$PEER
    export BENCH_BODY_FILE=$WORK/$server-$q.json BENCH_ID_MIN=1 BENCH_ID_MAX=$([[ $q == Q3 ]] && echo "$CONTACTS" || echo 0)
    local cpu0 db0
    cpu0=$(proc_cpu_ms "$pid")
    db0=$(db_cpu_ms)
    run_wrk "$duration" "$CONNECTIONS" graphql.lua "$url" "$ADMIN_TOKEN"
    local cpu1 db1
    cpu1=$(proc_cpu_ms "$pid")
    db1=$(db_cpu_ms)
    ((round > 0)) || return 0
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$q" "$round" "$server" "$W_RPS" "$W_P50" "$W_P99" "$W_ERR" \
        "$((cpu1 - cpu0))" "$(( ${db1:-0} - ${db0:-0} ))" "$W_REQ" >>"$WORK/peer.tsv"
    log "$q round $round $server: $W_RPS req/s, p50 $W_P50 ms, p99 $W_P99 ms, $W_ERR errors (load $(cut -d' ' -f1-3 /proc/loadavg))"
}

peer_compare() {
    : >"$WORK/peer.tsv"
    local load_before q round server
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    log "warm-up: each query ${WARMUP}s on the service (JIT), ${PEER_WARMUP}s on PostGraphile, at $CONNECTIONS connections"
    for q in Q1 Q2 Q3; do
        peer_run 0 service "$q" "$WARMUP"
        peer_run 0 peer "$q" "$PEER_WARMUP"
    done
    peer_run 0 service T0 10
    peer_run 0 peer T0 5
    for round in $(seq 1 "$PEER_ROUNDS"); do
        for q in Q1 Q2 Q3 T0; do
            for server in service peer; do
                peer_run "$round" "$server" "$q" "$DURATION"
            done
        done
    done
    {
        echo
        echo "Service vs PostGraphile $PEER_VERSION $(date -u +%Y-%m-%dT%H:%MZ) — $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $APP_VERSION, Node $PEER_NODE_VERSION"
        echo "scale: $CONTACTS contacts; $CONNECTIONS connections, $THREADS wrk threads; warm-up ${WARMUP}s per query (service), ${PEER_WARMUP}s (PostGraphile);" \
            "$PEER_ROUNDS interleaved rounds of ${DURATION}s per query and server; load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
        echo "the service verifies an RS256 JWT and runs a tenant transaction per request; PostGraphile runs without authentication (pool $PEER_POOL, one Node process)"
        echo "app: $APP_KIND; options: ${JAVA_OPTS:-(none)}"
        echo
        python3 "$HERE/peer/table.py" "$WORK/peer.tsv"
        if [[ $PGSS == 1 ]]; then
            # the two servers' statements for the same answers (warm-up and rounds): where each spends database time
            echo
            echo "database time by statement (pg_stat_statements over warm-up and rounds, top 12):"
            psql_db -P pager=off -c "select calls, round(total_exec_time::numeric) as total_ms, round(mean_exec_time::numeric, 3) as mean_ms,
                round(rows::numeric / greatest(calls, 1), 1) as rows, left(regexp_replace(query, '\s+', ' ', 'g'), 150) as statement
                from pg_stat_statements where query not like '%pg_stat_statements%' order by total_exec_time desc limit 12" || true
            # their whole text, for reading by hand (BENCH_KEEP_WORK=1 keeps it)
            psql_db -P pager=off -At -c "select calls || ' calls, ' || round(mean_exec_time::numeric, 3) || ' ms mean' || E'\n' || query || E'\n'
                from pg_stat_statements where query not like '%pg_stat_statements%' order by total_exec_time desc limit 12" \
                >"$WORK/statements.txt" 2>&1 || true
        fi
    } | tee -a "${RESULTS_FILE:-/dev/null}"
}
