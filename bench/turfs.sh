#!/usr/bin/env bash
# Cutting 50,000 households into turfs of 60 doors (docs/benchmarks.md, docs/field.md): the app in test mode with its
# embedded PostgreSQL, cutTurfs called over HTTP by field/TurfCutBenchmark, which prints the time and fails above 30 s.
#   bench/turfs.sh                 50,000 households
#   HOUSEHOLDS=100000 bench/turfs.sh
# Everything on 127.0.0.1. Run under flock /work/wt/bench.lock when others benchmark on the same machine.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
echo "load before: $(uptime)"
./mvnw -B -q -o test -Dtest=TurfCutBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dscrm.bench.turfs=true \
  -Dscrm.bench.households="${HOUSEHOLDS:-50000}" 2>&1 | grep -E "BENCH|FAIL|ERROR" || true
grep -h "BENCH" target/surefire-reports/org.socialcrm.field.TurfCutBenchmark-output.txt 2>/dev/null || true
echo "load after: $(uptime)"
