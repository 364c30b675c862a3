#!/usr/bin/env bash
# Where PostgreSQL's CPU goes, per server: a BENCH_AFTER script of bench/run.sh (its argument: run.sh's env file), e.g.
#   BENCH_PEER=postgraphile BENCH_PEER_ROUNDS=0 BENCH_AFTER=bench/db_cost.sh ... bench/run.sh
# 1. idle: the cluster's CPU per second with the app (and the peer) up and idle, then with the app stopped (SIGSTOP,
#    resumed after), and the statements the idle app sends per second (pg_stat_statements);
# 2. Q1 on each server for BENCH_DBCOST_SECONDS (15): CPU per request (app or Node, database), pg_stat_database
#    deltas per request (transactions, sessions, rows, buffers), pg_stat_statements with planning time, and a
#    `perf record` of the cluster's processes (flat profile: the hottest functions), unless BENCH_DBCOST_PERF=0.
set -euo pipefail
# shellcheck disable=SC1090
source "$1"
HERE=$(cd "$(dirname "$0")" && pwd)
SECS=${BENCH_DBCOST_SECONDS:-15}
IDLE=${BENCH_DBCOST_IDLE:-20}
OUT=$WORK/db-cost
mkdir -p "$OUT"
CLK=$(getconf CLK_TCK)
psql_db() { psql "$DB_URL" -X -q -v ON_ERROR_STOP=1 "$@"; }
POSTMASTER=$(head -n 1 "$(psql_db -tA -c 'show data_directory')/postmaster.pid")
backends() { pgrep -P "$POSTMASTER" | paste -sd, -; }
db_cpu_ms() { # the postmaster, its children, and (cutime) the children that have exited
    local files=(/proc/"$POSTMASTER"/stat) pid
    for pid in $(pgrep -P "$POSTMASTER"); do files+=("/proc/$pid/stat"); done
    awk -v clk="$CLK" -v pm="$POSTMASTER" '{ t += $14 + $15; if ($1 == pm) t += $16 + $17 } END { printf "%d", t * 1000 / clk }' \
        "${files[@]}" 2>/dev/null
}
proc_cpu_ms() { awk -v clk="$CLK" '{printf "%d", ($14 + $15) * 1000 / clk}' "/proc/$1/stat"; }
now() { date +%s.%N; }
per() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f'{a / b:.3f}' if b else '-')" "$@"; }
pgss_reset() { psql_db -c "select pg_stat_statements_reset()" >/dev/null; }
db_stats() { psql_db -tA -F ' ' -c "select xact_commit + xact_rollback, sessions, tup_returned, tup_fetched, blks_hit + blks_read
    from pg_stat_database where datname = current_database()"; }
pgss_top() { # seconds-or-requests label
    psql_db -P pager=off -c "select calls, round(calls / $1::numeric, 2) as per_unit, round(mean_exec_time::numeric, 3) as exec_ms,
        round(mean_plan_time::numeric, 3) as plan_ms, plans, round(rows::numeric / greatest(calls, 1), 1) as rows,
        jit_functions as jit, left(regexp_replace(query, '\s+', ' ', 'g'), 110) as statement
        from pg_stat_statements where query not like '%pg_stat_statements%' order by total_exec_time + total_plan_time desc limit 14"
}

echo "== database cost (bench/db_cost.sh), $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "settings: $(psql_db -tA -c "select string_agg(name || '=' || setting, ' ') from pg_settings where name in
    ('jit', 'jit_above_cost', 'plan_cache_mode', 'synchronous_commit', 'shared_buffers', 'track_io_timing', 'max_connections')")"
psql_db -c "alter system set pg_stat_statements.track_planning = on" -c "select pg_reload_conf()" >/dev/null

# ---------------------------------------------------------------- 1. idle
sleep 3
pgss_reset
read -r x0 s0 _ <<<"$(db_stats)"
d0=$(db_cpu_ms) a0=$(proc_cpu_ms "$APP_PID") t0=$(now)
sleep "$IDLE"
d1=$(db_cpu_ms) a1=$(proc_cpu_ms "$APP_PID") t1=$(now)
read -r x1 s1 _ <<<"$(db_stats)"
el=$(python3 -c "print($t1 - $t0)")
echo "idle, app up: database CPU $(per $((d1 - d0)) "$el") ms/s, app CPU $(per $((a1 - a0)) "$el") ms/s," \
    "$(per $((x1 - x0)) "$el") transactions/s, $((s1 - s0)) new sessions in ${IDLE}s"
echo "statements while idle (per second):"
pgss_top "$el"
kill -STOP "$APP_PID"
trap 'kill -CONT "$APP_PID" 2>/dev/null || true' EXIT
sleep 2
d0=$(db_cpu_ms) t0=$(now)
sleep "$IDLE"
d1=$(db_cpu_ms) t1=$(now)
kill -CONT "$APP_PID"
el=$(python3 -c "print($t1 - $t0)")
echo "idle, app stopped (SIGSTOP): database CPU $(per $((d1 - d0)) "$el") ms/s"
sleep 3

# ---------------------------------------------------------------- 2. Q1 on each server
servers=(service)
[[ -n ${PEER:-} ]] && servers+=(peer)
for server in "${servers[@]}"; do
    if [[ $server == service ]]; then pid=$APP_PID url=$APP/graphql; else pid=$PEER_PID url=$PEER; fi
    body=$WORK/$server-Q1.json
    [[ -f $body ]] || body=$WORK/after-Q1.json
    pgss_reset
    read -r x0 s0 r0 f0 b0 <<<"$(db_stats)"
    d0=$(db_cpu_ms) a0=$(proc_cpu_ms "$pid")
    BENCH_LUA_DIR=$HERE/wrk BENCH_TOKEN=$ADMIN_TOKEN BENCH_TENANT=bench BENCH_BODY_FILE=$body BENCH_ID_MIN=1 BENCH_ID_MAX=0 \
        wrk -t2 -c16 -d"${SECS}s" --timeout 30s -s "$HERE/wrk/graphql.lua" "$url" >"$OUT/wrk-$server.txt" 2>&1 &
    wrk_pid=$!
    if [[ ${BENCH_DBCOST_PERF:-1} != 0 ]] && command -v perf >/dev/null; then
        sleep 2
        perf record -q -F 499 -o "$OUT/perf-$server.data" -p "$POSTMASTER,$(backends)" -- sleep $((SECS - 4)) >/dev/null 2>&1 || true
    fi
    wait "$wrk_pid" || true
    d1=$(db_cpu_ms) a1=$(proc_cpu_ms "$pid")
    read -r x1 s1 r1 f1 b1 <<<"$(db_stats)"
    line=$(grep '^BENCH ' "$OUT/wrk-$server.txt" || true)
    n=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")
    echo
    echo "Q1 $server: ${line#BENCH }"
    echo "  per request: server CPU $(per $((a1 - a0)) "$n") ms, database CPU $(per $((d1 - d0)) "$n") ms (perf running part of it);" \
        "transactions $(per $((x1 - x0)) "$n"), new sessions $((s1 - s0)), rows returned $(per $((r1 - r0)) "$n")," \
        "rows fetched $(per $((f1 - f0)) "$n"), buffers $(per $((b1 - b0)) "$n")"
    echo "  statements (per request):"
    pgss_top "$n" | sed 's/^/  /'
    if [[ -f $OUT/perf-$server.data ]]; then
        echo "  perf, the cluster's processes, hottest functions:"
        perf report -q -i "$OUT/perf-$server.data" --no-children --sort comm,dso,symbol --percent-limit 0.7 --stdio 2>/dev/null \
            | grep -v '^$' | head -45 | sed 's/^/  /'
        perf report -q -i "$OUT/perf-$server.data" --no-children --sort dso --stdio 2>/dev/null | grep -v '^$' | head -8 | sed 's/^/  dso /'
    fi
done
psql_db -c "alter system reset pg_stat_statements.track_planning" -c "select pg_reload_conf()" >/dev/null
echo "== done $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)"
