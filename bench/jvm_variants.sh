# JVM options compared on the same data (bench/run.sh with BENCH_JVM_VARIANTS): sourced by run.sh once the data is
# generated. For each variant the app is restarted with those options plus a GC log, warmed up, then measured on
# BENCH_JVM_QUERIES (req/s, p50/p99, app and database CPU per request, GC pauses during the measured runs).
#   BENCH_JVM_VARIANTS='g1=-XX:+UseG1GC -Xmx768m;parallel=-XX:+UseParallelGC -Xmx768m' bench/run.sh
# Uses run.sh's variables and functions (start_app, run_wrk, db_cpu_ms, app_cpu_ms, PIDS, WORK, ...).

JVM_QUERIES=${BENCH_JVM_QUERIES:-Q1 Q3}
JVM_ROUNDS=${BENCH_JVM_ROUNDS:-1}
JVM_WARMUP=${BENCH_JVM_WARMUP:-$WARMUP}   # per query, after each restart

stop_app() {
    kill -TERM "$APP_PID" 2>/dev/null || true
    local i
    for i in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || return 0; sleep 0.5; done
    kill -KILL "$APP_PID" 2>/dev/null || true
}

gc_pauses() { # gc-log from-line -> "count total-ms max-ms" of the pauses logged after that line
    tail -n +"$(($2 + 1))" "$1" | python3 -c '
import re, sys
ms = [float(m.group(1)) for m in (re.search(r"Pause.* ([0-9.]+)ms$", l.strip()) for l in sys.stdin) if m]
print(len(ms), f"{sum(ms):.0f}", f"{max(ms) if ms else 0:.1f}")'
}

jvm_variants() {
    local rows=$WORK/jvm.tsv variant name opts round q
    : >"$rows"
    printf '%s' "$Q1_BODY" >"$WORK/jvm-Q1.json"
    printf '%s' "$Q2_BODY" >"$WORK/jvm-Q2.json"
    printf '%s' "$Q3_BODY" >"$WORK/jvm-Q3.json"
    printf '%s' '{"query":"{ __typename }"}' >"$WORK/jvm-T0.json"
    local load_before
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    for round in $(seq 1 "$JVM_ROUNDS"); do
        IFS=';' read -ra variants <<<"$BENCH_JVM_VARIANTS"
        for variant in "${variants[@]}"; do
            name=${variant%%=*} opts=${variant#*=}
            stop_app
            start_app "$opts -Xlog:gc:file=$WORK/gc-$name-$round.log" "$WORK/app-$name-$round.log"
            for q in $JVM_QUERIES; do
                export BENCH_BODY_FILE=$WORK/jvm-$q.json BENCH_ID_MIN=1 BENCH_ID_MAX=$([[ $q == Q3 ]] && echo "$CONTACTS" || echo 0)
                run_wrk "$JVM_WARMUP" "$CONNECTIONS" graphql.lua "$APP/graphql" "$ADMIN_TOKEN"
                local lines cpu0 db0
                lines=$(wc -l <"$WORK/gc-$name-$round.log")
                cpu0=$(app_cpu_ms) db0=$(db_cpu_ms)
                run_wrk "$DURATION" "$CONNECTIONS" graphql.lua "$APP/graphql" "$ADMIN_TOKEN"
                local cpu1 db1 gc
                cpu1=$(app_cpu_ms) db1=$(db_cpu_ms)
                gc=$(gc_pauses "$WORK/gc-$name-$round.log" "$lines")
                printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$round" "$q" "$W_RPS" "$W_P50" "$W_P99" \
                    "$(python3 -c "print(f'{($cpu1 - $cpu0) / $W_REQ:.2f} + {(${db1:-0} - ${db0:-0}) / $W_REQ:.2f}' if $W_REQ else '-')")" \
                    "$gc" "$W_ERR" "$(cut -d' ' -f1 /proc/loadavg)" >>"$rows"
                log "$name round $round $q: $W_RPS req/s, p50 $W_P50 ms, p99 $W_P99 ms, GC pauses (count, total ms, max ms) $gc"
            done
        done
    done
    {
        echo
        echo "JVM variants $(date -u +%Y-%m-%dT%H:%MZ) — $(nproc) cores, $(java -version 2>&1 | head -n 1); $CONTACTS contacts;" \
            "$CONNECTIONS connections; warm-up ${JVM_WARMUP}s then ${DURATION}s per query; load average before: $load_before"
        echo
        echo "| variant | round | query | req/s | p50 ms | p99 ms | CPU ms/req app + db | GC pauses: count, total ms, max ms | errors | load |"
        echo "|---|---|---|---|---|---|---|---|---|---|"
        awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 }' "$rows"
        echo
        IFS=';' read -ra variants <<<"$BENCH_JVM_VARIANTS"
        for variant in "${variants[@]}"; do echo "${variant%%=*}: ${variant#*=}"; done
    } | tee -a "${RESULTS_FILE:-/dev/null}"
}
