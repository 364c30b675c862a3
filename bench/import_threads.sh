#!/usr/bin/env bash
# Where the app's CPU of the first import goes, per thread (event loops, JIT compilers, GC, the upload's worker):
#   BENCH_IMPORT_ROWS=200000 BENCH_EXISTING=20000 BENCH_SKIP_BUILD=1 bench/import_threads.sh OUTDIR
# runs bench/import.sh (its environment passed through; its table in OUTDIR/result.txt, its log in OUTDIR/log.txt) and
# reads each thread's CPU (/proc/<pid>/task/*/stat) when the first import starts and when the bench sees its job end;
# OUTDIR/threads.txt lists the difference. A thread that ended in between (an idle worker thread) is not listed.
# PERF=1 also records the app with perf during the first import (PERF_HZ, default 299; start the app with
# BENCH_JAVA_OPTS="-Xmx1g -XX:+PreserveFramePointer"): JIT frames are named by a map written at the end, so frames of
# code compiled or moved meanwhile come out wrong; flat self time is usable, call graphs were not. Run it under
# /work/wt/bin/bench.
set -u
OUT=$1
mkdir -p "$OUT"
HERE=$(cd "$(dirname "$0")" && pwd)
TICKS=$(getconf CLK_TCK)
snap() { # pid file: "name:tid ticks" per thread
    for t in /proc/$1/task/*; do
        name=$(tr ' ' '_' <"$t/comm" 2>/dev/null)
        awk -v n="$name:${t##*/}" '{print n, $14 + $15}' "$t/stat" 2>/dev/null
    done | sort >"$2"
}
bash "$HERE/import.sh" >"$OUT/result.txt" 2>"$OUT/log.txt" &
BPID=$!
PID=""
PERFPID=""
while kill -0 $BPID 2>/dev/null; do
    if [[ -z $PID ]] && grep -q "import 1 (load" "$OUT/log.txt"; then
        PID=$(pgrep -n -f "quarkus-run.jar")
        snap "$PID" "$OUT/t0.txt"
        if [[ ${PERF:-0} == 1 ]]; then
            perf record -F "${PERF_HZ:-299}" -g -p "$PID" -o "$OUT/perf.data" >"$OUT/perf.log" 2>&1 &
            PERFPID=$!
        fi
    fi
    if [[ -n $PID ]] && grep -q "drain of the first import" "$OUT/log.txt"; then
        snap "$PID" "$OUT/t1.txt"
        if [[ -n $PERFPID ]]; then
            jcmd "$PID" Compiler.perfmap >/dev/null 2>&1 && cp "/tmp/perf-$PID.map" "$OUT/" 2>/dev/null
            kill -INT "$PERFPID"
            wait "$PERFPID"
        fi
        break
    fi
    sleep 0.2
done
wait $BPID
join -a1 "$OUT/t1.txt" "$OUT/t0.txt" | awk -v t="$TICKS" '{d = ($2 - $3) / t; if (d > 0.05) printf "%8.2f s  %s\n", d, $1}' \
    | sort -rn >"$OUT/threads.txt"
cat "$OUT/threads.txt"
