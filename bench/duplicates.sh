#!/usr/bin/env bash
# Duplicate candidates at 100,000 contacts, database side (docs/benchmarks.md, "Duplicate candidates stored"): one command.
#
#   bench/duplicates.sh                      throwaway PostgreSQL from the embedded binaries
#   BENCH_EXISTING=20000 bench/duplicates.sh a quick run
#
# Loads the contacts of bench/import.sh (bench/sql/import_existing.sql) into a fresh tenant schema, then measures:
# 1. the pair computation for every contact (profile/DuplicatePairs.FIND with all ids: what V110 does once);
# 2. for each form of the name index (GiST on postal code + trigrams as V53, GIN trigrams + the postal code btree
#    as V111, none): the insert of BENCH_BATCHES batches of 1,000 new contacts (one multi-row INSERT each, as the import
#    writes them) and the refresh of each batch's pairs (lock, drop, find: DuplicatePairs.refresh), ms per batch;
# 3. the stored-pairs page (the statement of DuplicateFinder.page, first 50, minScore 0.7).
# The statements are read from the Java sources, so the figures are those of the code. PostgreSQL is stopped on exit.
# Run it under /work/wt/bin/bench (an exclusive lock) on a shared machine.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
EXISTING=${BENCH_EXISTING:-100000}
BATCHES=${BENCH_BATCHES:-10}
PGPORT=${BENCH_PGPORT:-55443}
WORK=$(mktemp -d)
cleanup() { [ -n "${PGSTARTED:-}" ] && ${AS:-} "$PGBIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
log() { printf '[duplicates %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

PGBIN=$(dirname "$(ls -d /tmp/embedded-pg/*/bin/postgres | head -1)")
AS=""
if [ "$(id -u)" = 0 ]; then chmod 777 "$WORK"; AS="runuser -u nobody --"; fi  # PostgreSQL refuses to run as root
$AS "$PGBIN/initdb" -D "$WORK/data" -U postgres -A trust >/dev/null
$AS "$PGBIN/pg_ctl" -D "$WORK/data" -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c shared_buffers=256MB -c max_connections=20" \
    -l "$WORK/pg.log" -w start >/dev/null
PGSTARTED=1
URL="postgresql://postgres@127.0.0.1:$PGPORT/postgres"
P() { PGOPTIONS="-c search_path=t_bench" psql -X -q -v ON_ERROR_STOP=1 "$URL" "$@"; }

# the statements of the code: DuplicatePairs.FIND / DROP / LOCK and DuplicateFinder's page
python3 - "$ROOT" "$WORK" <<'PY'
import re, sys
root, work = sys.argv[1:3]
src = root + "/src/main/java/org/socialcrm/profile/"
pairs = open(src + "DuplicatePairs.java").read()
variant = re.search(r'VARIANT = "(.*?)"\s*\+\s*"(.*?)";', pairs, re.S)
variant = (variant.group(1) + variant.group(2)).replace("\\\\", "\\")
find = re.search(r'FIND = """\n(.*?)""".formatted', pairs, re.S).group(1)
e, b = variant.replace("%1$s", "e"), variant.replace("%1$s", "b")
find = find.replace("%s", e, 1).replace("%s", b, 1).replace("%%", "%")
drop = re.search(r'DROP = "(.*?)";', pairs).group(1)
lock = re.search(r'LOCK = "(.*?)";', pairs).group(1)
finder = open(src + "DuplicateFinder.java").read()
every = re.search(r'PAIRS = """\n(.*?)""";', finder, re.S).group(1).replace("%1$s", "")
page = re.search(r'EVERY_PAIR \+ """\n(.*?)""";', finder, re.S).group(1)
open(work + "/prepare.sql", "w").write(
    f"prepare find(bigint[]) as {find};\nprepare drop_pairs(bigint[]) as {drop};\nprepare lock_pairs as {lock};\n"
    f"prepare page(float8, float8, bigint, bigint, int) as {every} {page};\n")
PY

log "schema and $EXISTING contacts (load $(load))"
psql -X -q -v ON_ERROR_STOP=1 "$URL" -c "create extension if not exists pg_trgm with schema public" \
    -c "create extension if not exists btree_gist with schema public" -c "create schema t_bench" >/dev/null
for f in $(ls "$ROOT"/src/main/resources/db/tenant/V*.sql | sort -V); do P -f "$f" >/dev/null; done
P -v existing="$EXISTING" -f "$HERE/sql/import_existing.sql" >/dev/null

ms() { grep -o 'Time: [0-9.]*' | awk '{s += $2} END {printf "%.0f", s}'; }
printf '\n%-74s %10s %s\n' "measure ($EXISTING existing contacts)" "ms" "load"
# 1. every contact's pairs, once (ids as a psql variable: the same prepared statement as a batch)
t=$(printf '%s\n' "select array_agg(id)::text as ids from contact \\gset" '\timing on' "execute find(:'ids');" | P -f "$WORK/prepare.sql" -f - | ms)
n=$(P -tA -c "select count(*) || ' rows, ' || count(distinct (contact_id, other_id)) || ' pairs' from duplicate_match")
printf '%-74s %10s %s\n' "pairs of all $EXISTING contacts (DuplicatePairs.FIND, $n)" "$t" "$(load)"
t=$(printf '%s\n' '\timing on' "execute page(0.7, null, null, null, 51);" "execute page(0.7, null, null, null, 51);" "execute page(0.7, null, null, null, 51);" \
    | P -f "$WORK/prepare.sql" -f - | ms)
printf '%-74s %10s %s\n' "duplicateCandidates page statement, first 50, 3 runs (sum)" "$t" "$(load)"

# 2. insert + refresh per batch of 1,000 new contacts, for each form of the name index
insert_batch() {  # $1 = first g of the batch: new people in the existing postal codes, names from the same lists
  cat <<SQL
insert into contact (display_name, first_name, last_name, email, city, postal_code, country, lifecycle_stage)
select f || ' ' || l, f, l, 'n' || g || '@bench.example', 'City' || (g % 500), lpad((10000 + g % 5000)::text, 5, '0'), 'US', 'subscriber'
  from generate_series($1, $1 + 999) g,
       lateral (select (array['Anna','Ben','Carla','David','Emma','Felix','Grace','Hugo','Ines','Jonas','Karin','Leo','Maya',
                              'Nora','Oscar','Paula','Quinn','Rosa','Sam','Tara'])[1 + (hashint4(g)::bigint + 2147483648) % 20] as f,
                       (array['Smith','Smyth','Miller','Muller','Garcia','Garcya','Novak','Nowak','Berg','Burg','Khan','Kahn',
                              'Silva','Sylva','Rossi','Rosse','Weber','Webber','Lopez','Lopes'])[1 + (hashint4(g + 7919)::bigint + 2147483648) % 20] as l) n;
SQL
}
if [ "${BENCH_EXPLAIN:-0}" = 1 ]; then  # the plan of one batch's refresh (the migrations' name index), then stop
  (echo "begin;"; insert_batch $((EXISTING * 20)); echo "commit;") | P >/dev/null
  P -c "analyze contact"
  printf '%s\n' "select array_agg(id)::text as ids from contact where id > (select max(id) - 1000 from contact) \\gset" \
      "begin;" "explain (analyze, buffers) execute find(:'ids');" "rollback;" | P -f "$WORK/prepare.sql" -f -
  exit 0
fi
for form in gist gin none; do
  base=$((EXISTING * 10))  # the same new people for each form: the pairs stored must be the same
  case $form in
    gist) idx="create index contact_postal_name_trgm_idx on contact using gist (postal_code, display_name public.gist_trgm_ops) where postal_code is not null" ;;
    gin) idx="create index contact_postal_name_trgm_idx on contact using gin (display_name public.gin_trgm_ops) with (fastupdate = on) where postal_code is not null" ;;
    none) idx="select 1" ;;
  esac
  P -c "drop index if exists contact_postal_name_trgm_idx" -c "drop index if exists contact_name_trgm_idx" -c "$idx" \
    -c "vacuum analyze contact" >/dev/null
  ins=0; ref=0; found=0
  for b in $(seq 1 "$BATCHES"); do
    base=$((base + 1000))
    t=$( (echo "\\timing on"; echo "begin;"; insert_batch "$base"; echo "commit;") | P | ms)
    ins=$((ins + t))
    P -c "insert into contact_email (contact_id, address, address_norm, is_primary) select id, email, email, true from contact where id > (select max(id) - 1000 from contact)" >/dev/null  # not timed
    t=$(printf '%s\n' "select array_agg(id)::text as ids from contact where id > (select max(id) - 1000 from contact) \\gset" '\timing on' \
        "begin;" "execute lock_pairs;" "execute drop_pairs(:'ids');" "execute find(:'ids');" "commit;" | P -f "$WORK/prepare.sql" -f - | ms)
    ref=$((ref + t))
  done
  found=$(P -tA -c "select count(*) from duplicate_match where other_id > $EXISTING")
  size=$(P -tA -c "select coalesce(pg_size_pretty(pg_relation_size('contact_postal_name_trgm_idx')), '-')" 2>/dev/null || echo -)
  printf '%-74s %10s %s\n' "$form: insert of 1,000 contacts, mean of $BATCHES batches (index $size)" "$((ins / BATCHES))" "$(load)"
  printf '%-74s %10s %s\n' "$form: refresh of their pairs (lock, drop, find), mean ($found rows stored for new ones)" "$((ref / BATCHES))" "$(load)"
  P -c "delete from contact where id > $EXISTING" -c "vacuum analyze contact" >/dev/null
done
