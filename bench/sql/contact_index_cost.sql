-- bench/import.sh with BENCH_INDEX_COST=1: what each index of `contact` costs an import's insert. For each index, a
-- scratch copy of `contact` (columns, defaults, the generated household key; no index but the primary key) gets
-- 100,000 rows, then that one index, then 100,000 rows shaped like bench/import.sh's new people, inserted 1,000 per
-- statement as ContactUpserts does. The time above the copy with the primary key only is that index's cost per row.
\set ON_ERROR_STOP on
set search_path to t_bench, public;
set synchronous_commit = off;
create temporary table index_cost (index_name text, ms numeric, us_per_row numeric);
do $$
declare
    ix record;
    started timestamptz;
    elapsed numeric;
    base numeric;
    existing int := 100000; -- rows already in the table (the full run matches against 100,000)
begin
    for ix in select '(primary key only)' as name, null as def, 0 as o
              union all select indexname, indexdef, 1 from pg_indexes
               where schemaname = 't_bench' and tablename = 'contact' and indexname <> 'contact_pkey'
              order by o, name loop
        drop table if exists contact_cost;
        create table contact_cost (like contact including defaults including generated);
        alter table contact_cost add primary key (id);
        insert into contact_cost (id, display_name, first_name, last_name, email, city, postal_code, country, lifecycle_stage, tags, custom_fields)
        select g, 'Old' || g || ' Row' || (g % 977), 'Old' || g, 'Row' || (g % 977), 'old' || g || '@bench.example', 'City' || (g % 500),
               lpad((10000 + g % 5000)::text, 5, '0'), 'US', 'subscriber', '{imported}', '{}'
          from generate_series(1, existing) g;
        if ix.def is not null then
            execute replace(replace(ix.def, ' ON t_bench.contact ', ' ON t_bench.contact_cost '), 'INDEX ' || ix.name, 'INDEX cost_' || ix.name);
        end if;
        started := clock_timestamp();
        for b in 0..99 loop
            insert into contact_cost (id, display_name, first_name, last_name, email, phone, city, postal_code, country, lifecycle_stage, tags, custom_fields)
            select g, 'New' || g || ' Row' || (g % 977), 'New' || g, 'Row' || (g % 977), 'n' || g || '@bench.example',
                   '+1212' || lpad((g % 10000000)::text, 7, '0'), 'City' || (g % 500), lpad((10000 + g % 5000)::text, 5, '0'), 'US',
                   case when g % 10 = 0 then 'lead' else 'subscriber' end, '{imported}', '{}'
              from generate_series(existing + 1 + b * 1000, existing + (b + 1) * 1000) g;
        end loop;
        elapsed := extract(epoch from clock_timestamp() - started) * 1000;
        if ix.def is null then
            base := elapsed;
        end if;
        insert into index_cost values (ix.name, round(elapsed), round((elapsed - base) * 10) / 1000);
    end loop;
    drop table contact_cost;
end $$;
select index_name, ms as "ms for 100,000 rows", us_per_row as "µs a row above the primary key only" from index_cost order by ms desc;
-- Which index would a targeting rule's postal code prefix (FilterConditions: postal_code like 'p%') or an equality use?
-- (Sequential scans off, to see whether an index can serve them at all; the database's collation decides for LIKE.)
select datcollate from pg_database where datname = current_database();
set enable_seqscan = off;
explain (costs off) select id from contact where postal_code like '1000%';
explain (costs off) select id from contact where postal_code = '10001';
reset enable_seqscan;
