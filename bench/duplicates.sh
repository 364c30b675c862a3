#!/usr/bin/env bash
# Duplicate candidates at 100,000 contacts, database side (docs/benchmarks.md, "Duplicate candidates stored"): one command.
#
#   bench/duplicates.sh                      throwaway PostgreSQL from the embedded binaries
#   BENCH_EXISTING=20000 bench/duplicates.sh a quick run
#
# Loads the contacts of bench/import.sh (bench/sql/import_existing.sql) into a fresh tenant schema, then measures:
# 1. the pairs of every contact (one drain pass of profile/DuplicatePairs over all ids), and the page statements;
# 2. for each form of the name index (probe: the GiST on postal code + trigrams of contact_name_probe, V114, written by
#    the drain pass; none: no index on the probe table): the insert of BENCH_BATCHES batches of 1,000 new contacts (no
#    name index on contact since V114) and a drain pass over them (DuplicatePairs.drainChunk), ms per batch. The forms
#    of the name index ON contact (V113's GiST, GINs) are measured by this script as of main 5c422fb;
# BENCH_NAMES=import (default: the new people of bench/import.sh) or lists; BENCH_NEW_POSTAL_CODES (default 5000: the
# postal codes the new people go to; 50 gives them the density of the 1,000,000-row import); BENCH_FORMS; BENCH_EXPLAIN=1.
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

# the statements of the code: DuplicatePairs and DuplicateFinder's page
python3 - "$ROOT" "$WORK" <<'PY'
import re, sys
root, work = sys.argv[1:3]
src = root + "/src/main/java/org/socialcrm/profile/"
pairs = open(src + "DuplicatePairs.java").read()
variant = re.search(r'VARIANT = "(.*?)"\s*\+\s*"(.*?)";', pairs, re.S)
variant = (variant.group(1) + variant.group(2)).replace("\\\\", "\\")
find = re.search(r'FIND = """\n(.*?)""".formatted', pairs, re.S).group(1)
e, b = variant.replace("%1$s", "e"), variant.replace("%1$s", "b")
find = find.replace("%s", e, 1).replace("%s", b, 1).replace("%%", "%").replace("E'\\\\n'", "E'\\n'")
probe = re.search(r'PROBE = """\n(.*?)""";', pairs, re.S).group(1)
const = lambda name, text: re.search(name + r' = "(.*?)";', text).group(1)
finder = open(src + "DuplicateFinder.java").read()
join = lambda name: "".join(re.findall(r'"(.*?)"', re.search(name + r' = (.*?);\n', finder, re.S).group(1)))
open(work + "/prepare.sql", "w").write(
    f"prepare find(bigint[]) as {find};\nprepare drop_pairs(bigint[]) as {const('DROP', pairs)};\n"
    f"prepare lock_if_free as {const('LOCK', pairs)} skip locked;\nprepare lock_contacts(bigint[]) as {const('LOCK_CONTACTS', pairs)};\n"
    f"prepare mark(bigint[]) as {const('MARK', pairs)};\n"
    f"prepare probe(bigint[]) as {probe};\n"
    f"prepare first_page(float8, int) as {join('FIRST')};\nprepare after_page(float8, float8, bigint, bigint, int) as {join('AFTER')};\n"
    f"prepare total(float8) as {join('TOTAL')};\n")
PY
# one drain pass over the ids in :ids, as DuplicatePairs.drainChunk runs it (the found pairs go through a temp table here,
# through unnest arrays in the app; every contact is ready: nothing else runs)
drain_pass() {
  printf '%s\n' "begin;" "execute lock_if_free;" "create temp table f on commit drop as execute find(:'ids');" \
    "select count(*) from (select id from contact where id = any(array(select contact_id from f union select other_id from f union select unnest(:'ids'::bigint[]))) order by id for key share skip locked) l;" \
    "execute drop_pairs(:'ids');" \
    "execute probe(:'ids');" \
    "insert into duplicate_pair (contact_id, other_id, score, reasons) select contact_id, other_id, score, string_to_array(reasons, E'\\n') from f where score is not null on conflict do nothing;" \
    "delete from duplicate_pending where contact_id = any(:'ids');" "commit;"
}

log "schema and $EXISTING contacts (load $(load))"
psql -X -q -v ON_ERROR_STOP=1 "$URL" -c "create extension if not exists pg_trgm with schema public" \
    -c "create extension if not exists btree_gist with schema public" -c "create extension if not exists btree_gin with schema public" \
    -c "create schema t_bench" >/dev/null
for f in $(ls "$ROOT"/src/main/resources/db/tenant/V*.sql | sort -V); do P -f "$f" >/dev/null; done
P -v existing="$EXISTING" -f "$HERE/sql/import_existing.sql" >/dev/null

ms() { grep -o 'Time: [0-9.]*' | awk '{s += $2} END {printf "%.0f", s}'; }
printf '\n%-90s %10s %s\n' "measure ($EXISTING existing contacts)" "ms" "load"
# 1. every contact's pairs, once, as one drain pass over all ids
t=$( (echo "select array_agg(id)::text as ids from contact \\gset"; echo '\timing on'; drain_pass) | P -f "$WORK/prepare.sql" -f - | ms)
P -c "vacuum analyze duplicate_pair" >/dev/null
n=$(P -tA -c "select count(*) || ' pairs' from duplicate_pair")
printf '%-90s %10s %s\n' "pairs of all $EXISTING contacts (one drain pass: DuplicatePairs.FIND + lock + drop + insert, $n)" "$t" "$(load)"
t=$(printf '%s\n' '\timing on' "execute first_page(0.7, 51);" "execute first_page(0.7, 51);" "execute first_page(0.7, 51);" | P -f "$WORK/prepare.sql" -f - | ms)
printf '%-90s %10s %s\n' "duplicateCandidates first page (DuplicateFinder.FIRST, 51 rows), 3 runs (sum)" "$t" "$(load)"
cursor=$(P -tA -c "select score || ',' || contact_id || ',' || other_id from duplicate_pair order by score desc, contact_id, other_id offset 2000 limit 1")
IFS=, read -r cs ca cb <<<"${cursor:-0,0,0}"
t=$(printf '%s\n' '\timing on' "execute after_page(0.7, $cs, $ca, $cb, 51);" "execute after_page(0.7, $cs, $ca, $cb, 51);" "execute after_page(0.7, $cs, $ca, $cb, 51);" | P -f "$WORK/prepare.sql" -f - | ms)
printf '%-90s %10s %s\n' "duplicateCandidates page after the 2,000th pair (DuplicateFinder.AFTER), 3 runs (sum)" "$t" "$(load)"
t=$(printf '%s\n' '\timing on' "execute total(0.7);" "execute total(0.7);" "execute total(0.7);" | P -f "$WORK/prepare.sql" -f - | ms)
printf '%-90s %10s %s\n' "totalCount (DuplicateFinder.TOTAL), 3 runs (sum)" "$t" "$(load)"

# 2. per batch of 1,000 new contacts: insert (+ the mark, as the import batch does), then one drain pass, for each name index
NAMES=${BENCH_NAMES:-import}
CODES=${BENCH_NEW_POSTAL_CODES:-5000}  # 50: 200 new people per postal code after 10 batches, as at 1,000,000 contacts
insert_batch() {  # $1 = first g of the batch: new people in the existing postal codes; BENCH_NAMES=import: bench/import.sh's
  # new people (New<g> Row<g % 977>, the merged-main regression), lists: names from import_existing.sql's lists
  if [ "$NAMES" = import ]; then
    names="lateral (select 'New' || g as f, 'Row' || (g % 977) as l) n"
  else
    names="lateral (select (array['Anna','Ben','Carla','David','Emma','Felix','Grace','Hugo','Ines','Jonas','Karin','Leo','Maya',
                              'Nora','Oscar','Paula','Quinn','Rosa','Sam','Tara'])[1 + (hashint4(g)::bigint + 2147483648) % 20] as f,
                       (array['Smith','Smyth','Miller','Muller','Garcia','Garcya','Novak','Nowak','Berg','Burg','Khan','Kahn',
                              'Silva','Sylva','Rossi','Rosse','Weber','Webber','Lopez','Lopes'])[1 + (hashint4(g + 7919)::bigint + 2147483648) % 20] as l) n"
  fi
  cat <<SQL
insert into contact (display_name, first_name, last_name, email, city, postal_code, country, lifecycle_stage)
select f || ' ' || l, f, l, 'n' || g || '@bench.example', 'City' || (g % 500), lpad((10000 + g % $CODES)::text, 5, '0'), 'US', 'subscriber'
  from generate_series($1, $1 + 999) g, $names;
SQL
}
last_ids="select array_agg(id)::text as ids from contact where id > (select max(id) - 1000 from contact) \\gset"
if [ "${BENCH_EXPLAIN:-0}" = 1 ]; then  # the plan of one batch's FIND (the migrations' name index), then stop
  (echo "begin;"; insert_batch $((EXISTING * 20)); echo "commit;") | P >/dev/null
  P -c "analyze contact"
  printf '%s\n' "$last_ids" "explain (analyze, buffers) execute find(:'ids');" | P -f "$WORK/prepare.sql" -f -
  exit 0
fi
for form in ${BENCH_FORMS:-probe none}; do
  base=$((EXISTING * 10))  # the same new people for each form: the pairs stored must be the same
  case $form in
    probe) idx="create index contact_name_probe_trgm_idx on contact_name_probe using gist (postal_code, display_name public.gist_trgm_ops)" ;;
    none) idx="select 1" ;;
  esac
  P -c "drop index if exists contact_name_probe_trgm_idx" -c "$idx" -c "vacuum analyze contact" -c "vacuum analyze contact_name_probe" >/dev/null
  ins=0; ref=0
  for b in $(seq 1 "$BATCHES"); do
    base=$((base + 1000))
    t=$( (echo "\\timing on"; echo "begin;"; insert_batch "$base"; echo "commit;") | P | ms)
    ins=$((ins + t))
    P -c "insert into contact_email (contact_id, address, address_norm, is_primary) select id, email, email, true from contact where id > (select max(id) - 1000 from contact)" >/dev/null  # not timed
    P -f "$WORK/prepare.sql" -c "$last_ids" -c "execute mark(:'ids')" >/dev/null 2>&1 || printf '%s\n' "$last_ids" "execute mark(:'ids');" | P -f "$WORK/prepare.sql" -f - >/dev/null
    t=$( (echo "$last_ids"; echo '\timing on'; drain_pass) | P -f "$WORK/prepare.sql" -f - | ms)
    ref=$((ref + t))
  done
  found=$(P -tA -c "select count(*) from duplicate_pair where other_id > $EXISTING")
  plan=$( (echo "$last_ids"; echo "explain execute find(:'ids');") | P -f "$WORK/prepare.sql" -f - | grep -o 'contact_[a-z_]*_idx' | sort -u | tr '\n' ' ')
  size=$(P -tA -c "select coalesce(pg_size_pretty(pg_relation_size('contact_name_probe_trgm_idx')), '-')" 2>/dev/null || echo -)
  printf '%-90s %10s %s\n' "$form: insert of 1,000 contacts, mean of $BATCHES batches (index $size)" "$((ins / BATCHES))" "$(load)"
  printf '%-90s %10s %s\n' "$form: drain pass over them, mean ($found pairs stored for new ones; FIND reads $plan)" "$((ref / BATCHES))" "$(load)"
  P -c "delete from contact where id > $EXISTING" -c "vacuum analyze contact" >/dev/null
done
