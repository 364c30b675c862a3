# Shared set-up of the one-command benchmarks that start their own embedded PostgreSQL, OIDC issuer and app on
# 127.0.0.1 (sourced by outbox_api.sh and webhooks.sh). The caller sets HERE, ROOT and BENCH_NAME first; every process
# it starts goes into PIDS and is stopped on exit.
log() { printf '[%s %s] %s\n' "$BENCH_NAME" "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
WORK=$(mktemp -d "/tmp/scrm-$BENCH_NAME.XXXXXX")
PIDS=()
cleanup() {
    local status=$?
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done; kill -KILL "$pid" 2>/dev/null || true; done
    [[ $status -ne 0 || -n ${BENCH_KEEP_WORK:-} ]] && log "logs kept in $WORK" || rm -rf "$WORK"
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Builds the app (unless BENCH_SKIP_BUILD=1), starts the embedded PostgreSQL (unless SCRM_DB_URL) and the OIDC issuer, and writes the
# tenant file of tenant "bench". Sets APP_DIR, DB_URL, ISSUER, TOKEN (a crm-admin of bench).
start_database_and_issuer() {
    cd "$ROOT"
    if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
        log "building"
        timeout 1200 ./mvnw -B -q -o package -DskipTests >"$WORK/build.log" 2>&1 || die "build failed (see $WORK/build.log)"
    fi
    APP_DIR=$ROOT/target/quarkus-app
    if [[ -n ${SCRM_DB_URL:-} ]]; then # a database of its own, e.g. a Citus coordinator (bench/tenants.sh)
        DB_URL=$SCRM_DB_URL
    else
        java -cp "$APP_DIR/lib/boot/*:$APP_DIR/lib/main/*:$APP_DIR/app/*" org.socialcrm.database.EmbeddedPostgresMain >"$WORK/pg.log" 2>&1 &
        PIDS+=($!)
        for _ in $(seq 1 180); do grep -q '^SCRM_DB_URL=' "$WORK/pg.log" 2>/dev/null && break; sleep 0.5; done
        DB_URL=$(grep -m1 '^SCRM_DB_URL=' "$WORK/pg.log" | cut -d= -f2- | sed 's/@localhost:/@127.0.0.1:/')
        [[ -n $DB_URL ]] || die "embedded PostgreSQL did not start (see $WORK/pg.log)"
    fi

    local oidc_port
    oidc_port=$(free_port)
    openssl genrsa -out "$WORK/key.pem" 2048 2>/dev/null
    python3 "$HERE/oidc.py" serve "$WORK/key.pem" "$oidc_port" >"$WORK/oidc.log" 2>&1 &
    PIDS+=($!)
    ISSUER=http://127.0.0.1:$oidc_port/realms/bench
    for _ in $(seq 1 40); do curl -sf "$ISSUER/.well-known/openid-configuration" >/dev/null && break; sleep 0.25; done
    TOKEN=$(python3 "$HERE/oidc.py" token "$WORK/key.pem" "$ISSUER" '{"sub":"bench-admin","tenants":["bench"],"realm_access":{"roles":["crm-admin"]}}')

    mkdir -p "$WORK/tenants"
    printf 'slug: bench\nname: Benchmark\nkind: BRAND\n' >"$WORK/tenants/bench.yaml"
}

# url name: waits until the app answers ready (120 s at most).
wait_ready() {
    for i in $(seq 1 240); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' "$1/q/health/ready" || true) == 200 ]] && return 0
        [[ $i == 240 ]] && die "app $2 not ready in 120 s (see $WORK/app-$2.log)"
        sleep 0.5
    done
}
