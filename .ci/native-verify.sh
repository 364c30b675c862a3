#!/usr/bin/env bash
# Builds the native executable with the toolchain assembled from Maven Central (../shared/native-toolchain) and
# runs the @QuarkusIntegrationTest suite (*IT) against it with a real (embedded) PostgreSQL.
# Too slow and too machine-specific for every CI run (about 10-15 min and 7+ GB of RAM on 2 cores).
# Usage: bash .ci/native-verify.sh [toolchain-dir]   (default /tmp/graal)
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLCHAIN=${1:-/tmp/graal}
if [ ! -x "$TOOLCHAIN/graalhome/bin/native-image" ]; then
  bash ../shared/native-toolchain/setup.sh "$TOOLCHAIN"
fi
export GRAALVM_HOME="$TOOLCHAIN/graalhome"
start=$(date +%s)
./mvnw -B verify -Dnative -Dtest='NoUnitTests' -Dsurefire.failIfNoSpecifiedTests=false
echo "native build + integration tests: $(( $(date +%s) - start )) s"
ls -l target/*-runner
