#!/usr/bin/env bash
# LOOKALIKE score models on 100,000 contacts (issue 20, docs/benchmarks.md "Score models"): generates the tenant,
# trains through trainScoreModel, and prints training (feature extraction + fit) and scoring (score + write) times.
#
#   flock /work/wt/bench.lock bench/scoring.sh            100,000 contacts (BENCH_CONTACTS to change)
#
# Runs the ScoringBench test class in the test profile: embedded PostgreSQL, local OIDC server, all on 127.0.0.1.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
echo "load before: $(uptime)"
./mvnw -B -q -o test -Dtest=ScoringBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.contacts="${BENCH_CONTACTS:-100000}" > target/scoring-bench.log 2>&1 || { tail -50 target/scoring-bench.log; exit 1; }
cat target/scoring-bench.txt
echo "load after: $(uptime)"
