#!/usr/bin/env bash
# Runs one pure-SQL microbenchmark (bench/sql/*_cost.sql) on the bench's embedded PostgreSQL (EmbeddedPostgresMain: the
# settings of bench/import.sh), then stops it. Needs a package (./mvnw package, or BENCH_APP_DIR).
#   /work/wt/bin/bench bash bench/sql_cost.sh bench/sql/contact_fk_cost.sql
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BENCH_NAME=sql-cost
SQL=${1:?usage: bench/sql_cost.sh FILE.sql}
# shellcheck source=lib.sh
source "$HERE/lib.sh"
APP_DIR=${BENCH_APP_DIR:-$ROOT/target/quarkus-app}
[[ -f $APP_DIR/quarkus-run.jar ]] || die "no $APP_DIR/quarkus-run.jar: build first"
java -cp "$APP_DIR/lib/boot/*:$APP_DIR/lib/main/*:$APP_DIR/app/*" org.socialcrm.database.EmbeddedPostgresMain >"$WORK/pg.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 180); do grep -q '^SCRM_DB_URL=' "$WORK/pg.log" 2>/dev/null && break; sleep 0.5; done
DB_URL=$(grep -m1 '^SCRM_DB_URL=' "$WORK/pg.log" | cut -d= -f2- | sed 's/@localhost:/@127.0.0.1:/')
[[ -n $DB_URL ]] || die "embedded PostgreSQL did not start (see $WORK/pg.log)"
log "$SQL (load $(cut -d' ' -f1-3 /proc/loadavg))"
psql "$DB_URL" -X -q -v ON_ERROR_STOP=1 -f "$SQL"
log "done (load $(cut -d' ' -f1-3 /proc/loadavg))"
