#!/usr/bin/env bash
# pgbench of Q1's statement as the service sends it (taken from pg_stat_statements: the compiled read with the
# lifecycle stage as $1), on the bench data, beside other formulations of it. A BENCH_AFTER script of bench/run.sh
# (its argument: run.sh's env file), e.g.
#   BENCH_AFTER=bench/q1_statement.sh BENCH_Q1_COMPARE="main=old.sql" BENCH_PEER=postgraphile ... bench/run.sh
# BENCH_Q1_COMPARE: "name=file ..." statements to run the same way (:stage for the stage). Two alternated rounds of
# BENCH_Q1_SECONDS (6) per statement, one client (latency) and 8 clients (tps), pgbench -M prepared. Then, unless
# BENCH_Q1_PROFILE=0, Q1 under JFR (bench/profile.sh with BENCH_PROFILE_RUNS=Q1): where the app's share goes.
set -euo pipefail
# shellcheck disable=SC1090
source "$1"
SECS=${BENCH_Q1_SECONDS:-6}
STAGE=${BENCH_Q1_STAGE:-marketing_qualified_lead}
OUT=$WORK/q1-statement
mkdir -p "$OUT"
psql "$DB_URL" -X -Atc "select query from pg_stat_statements where query like '/* cached */%lifecycle_stage = \$1%'
    order by calls desc limit 1" >"$OUT/service.raw"
[[ -s $OUT/service.raw ]] || { echo "q1-statement: the service's Q1 statement is not in pg_stat_statements"; exit 1; }
# $1 the stage, $2 the page size + 1 (the bench's Q1 asks for 50)
sed -e 's/\$1\b/:stage/g' -e 's/\$2\b/51/g' "$OUT/service.raw" >"$OUT/service.sql"
echo ";" >>"$OUT/service.sql"
files=("service=$OUT/service.sql")
for pair in ${BENCH_Q1_COMPARE:-}; do files+=("$pair"); done
echo "Q1's statement, pgbench -M prepared, ${SECS}s each, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in 1 2; do
    for pair in "${files[@]}"; do
        name=${pair%%=*} file=${pair#*=}
        for clients in 1 8; do
            line=$(PGOPTIONS="-c search_path=t_bench" pgbench -n -M prepared -c "$clients" -j "$(( clients > 1 ? 2 : 1 ))" -T "$SECS" \
                -D stage="$STAGE" -f "$file" "$DB_URL" 2>&1 | grep -E "latency average|^tps" | tr '\n' ' ')
            echo "round $round $name c$clients: $line"
        done
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ ${BENCH_Q1_PROFILE:-1} != 0 ]]; then
    BENCH_PROFILE_RUNS=Q1 bash "$(dirname "$0")/profile.sh" "$1"
fi
