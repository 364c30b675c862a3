#!/usr/bin/env bash
# Profiles the running app under T0 ({ __typename }, cached token), T0 without a token, and Q3: JFR on the JVM, perf
# on the native executable. A BENCH_AFTER script of bench/run.sh (its argument: run.sh's env file), e.g.
#   BENCH_AFTER=bench/profile.sh BENCH_CONTACTS=20000 BENCH_TENANTS=0 bench/run.sh
# Writes the recordings and their summaries (hottest frames, inclusive per package) to $2, else $BENCH_PROFILE_DIR,
# else $WORK/profile, and prints the summaries. BENCH_PROFILE_SECONDS (15) per workload, after 10 s of warm-up;
# BENCH_PROFILE_RUNS the workloads (default "T0 T0-anonymous Q3"; Q1 too).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck disable=SC1090
source "$1"
OUT=${2:-${BENCH_PROFILE_DIR:-$WORK/profile}}
SECS=${BENCH_PROFILE_SECONDS:-15}
CLK=$(getconf CLK_TCK)
mkdir -p "$OUT"
cpu_ms() { awk -v clk="$CLK" '{printf "%d", ($14 + $15) * 1000 / clk}' "/proc/$APP_PID/stat"; }
load() { # seconds -> "requests rps p50 p99" with BENCH_* set
    BENCH_LUA_DIR=$HERE/wrk BENCH_TENANT=bench wrk -t2 -c16 -d"$1s" --timeout 30s -s "$HERE/wrk/graphql.lua" "$APP/graphql" 2>&1 \
        | grep '^BENCH ' | sed -E 's/.* requests=([0-9]+).* rps=([0-9.]+).* p50_ms=([0-9.]+).* p99_ms=([0-9.]+).*/\1 \2 \3 \4/'
}
for run in ${BENCH_PROFILE_RUNS:-T0 T0-anonymous Q3}; do
    q=${run%%-*}
    export BENCH_BODY_FILE=$WORK/after-$q.json BENCH_ID_MIN=1 BENCH_ID_MAX=$([[ $q == Q3 ]] && echo "${CONTACTS:-1000}" || echo 0)
    export BENCH_TOKEN=$([[ $run == *anonymous ]] && echo "" || echo "$ADMIN_TOKEN")
    load 10 >/dev/null
    cpu0=$(cpu_ms)
    if [[ $APP_KIND == native ]]; then
        perf record -q -F 499 -g -o "$OUT/$run.perf.data" -p "$APP_PID" -- sleep "$SECS" >/dev/null 2>&1 &
    else
        jcmd "$APP_PID" JFR.start name="$run" settings=profile filename="$OUT/$run.jfr" >/dev/null
    fi
    read -r req rps p50 p99 < <(load "$SECS")
    cpu1=$(cpu_ms)
    if [[ $APP_KIND == native ]]; then
        wait
        perf report -i "$OUT/$run.perf.data" --no-children --sort dso,sym --percent-limit 0.7 --stdio 2>/dev/null \
            | grep -v '^#' | grep -v '^$' | grep -E '^ +[0-9]' >"$OUT/$run.txt" || true
    else
        jcmd "$APP_PID" JFR.stop name="$run" >/dev/null
        python3 "$HERE/jfr_summary.py" "$OUT/$run.jfr" >"$OUT/$run.txt"
    fi
    echo
    echo "profile $run ($APP_KIND): $rps req/s, p50 $p50 ms, p99 $p99 ms, app CPU $(python3 -c "print(f'{($cpu1 - $cpu0) / $req:.3f}' if $req else '-')") ms per request (profiler on)"
    head -n 60 "$OUT/$run.txt"
done
