#!/usr/bin/env bash
# The whole test suite against a local 3-node Citus cluster (coordinator + 2 workers, schema-based sharding) instead
# of the embedded PostgreSQL: docs/scale-out.md. Builds and installs Citus into the system PostgreSQL 15 the first
# time (root; ../shared/citus/setup.sh), starts the cluster from scratch (reset: no state from an earlier run), adds
# pg_stat_statements (the guard-rail tests count statements), runs `./mvnw verify -Dscrm.test.db=citus`, and stops
# the cluster again (KEEP_CLUSTER=1 leaves it running).
# Usage: bash .ci/citus-verify.sh [extra maven arguments, e.g. -Dtest=TenantMoveTest]
# CITUS_VERIFY_GOAL=test runs only the unit/Quarkus tests (no packaging), e.g. one package at a time:
#   CITUS_VERIFY_GOAL=test bash .ci/citus-verify.sh -o -Dtest='org.socialcrm.contact.**'
set -euo pipefail
cd "$(dirname "$0")/.."
# ../shared beside the checkout; from a git worktree elsewhere, beside the main checkout (CITUS_DIR overrides both).
CITUS=${CITUS_DIR:-../shared/citus}
if [ ! -d "$CITUS" ] && common=$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null); then
  CITUS=$(dirname "$(dirname "$common")")/shared/citus
fi
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
# A second cluster beside the default one (e.g. two test chunks at once): CITUS_CLUSTER_DIR=/var/tmp/scrm-citus-b
# CITUS_COORD_PORT=55490 CITUS_WORKER1_PORT=55491 CITUS_WORKER2_PORT=55492, any free ones (read by cluster.sh too).
PORTS=("${CITUS_COORD_PORT:-55460}" "${CITUS_WORKER1_PORT:-55461}" "${CITUS_WORKER2_PORT:-55462}")

if [ "$(id -u)" = 0 ]; then "$CITUS/setup.sh"; else sudo "$CITUS/setup.sh"; fi
# The servers must not inherit this script's open files: under /work/wt/bin/heavy (flock) a PostgreSQL daemon holding
# the lock file's descriptor would keep the lock after this script ends and stall every benchmark.
cluster() { (for fd in $(ls /proc/$BASHPID/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$CITUS/cluster.sh" "$@"); }
trap 'cluster stop >/dev/null 2>&1 || true' EXIT
# A fresh cluster: no tenants or rows left from an earlier run, pg_stat_statements loaded (the guard-rail tests count
# statements).
fresh_cluster() {
  cluster reset >/dev/null 2>&1 || true
  cluster start >/dev/null
  for port in "${PORTS[@]}"; do
    "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
      -c "alter system set shared_preload_libraries = citus, pg_stat_statements"
  done
  cluster stop >/dev/null
  cluster start >/dev/null
  "$PGBIN/psql" -X -q -h 127.0.0.1 -p "${PORTS[0]}" -U postgres -d scrm -c "create extension if not exists pg_stat_statements"
}
[ "${KEEP_CLUSTER:-0}" = 0 ] || trap - EXIT
CITUS_ARGS=(-Dscrm.test.db=citus -Dscrm.test.citus-url="postgresql://scrm:scrm@127.0.0.1:${PORTS[0]}/scrm")

start=$(date +%s)
fresh_cluster
if [ "${CITUS_VERIFY_GOAL:-verify}" = verify ]; then
  # Surefire tests first, then the failsafe tests (EndToEndIT, ...) on a fresh cluster of their own: they are written,
  # like the native run of .ci/native-verify.sh, for a database no other test has filled (fixed tenant slugs, emails).
  # The pom skips failsafe tests outside -Dnative; -DskipITs=false runs them here.
  ./mvnw -B verify "${CITUS_ARGS[@]}" -DskipITs=true "$@"
  fresh_cluster
  ./mvnw -B verify "${CITUS_ARGS[@]}" -DskipITs=false "$@" -Dtest=NoUnitTestsInThisRun -Dsurefire.failIfNoSpecifiedTests=false
else
  ./mvnw -B "$CITUS_VERIFY_GOAL" "${CITUS_ARGS[@]}" "$@"
fi
echo "test suite on Citus: $(( $(date +%s) - start )) s"
