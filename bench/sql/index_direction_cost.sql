-- What the direction of contact's three list indexes costs an insert (session 14): (updated_at desc, id desc),
-- (created_at desc, id desc) and (lifecycle_stage, updated_at desc, id desc) as V1 made them, against the same columns
-- ascending. New contacts come with the newest timestamps and ids, so a descending index takes each at its left
-- edge: no rightmost-leaf fast path, and its page splits are not the ascending ones that leave the left page full.
-- Either direction serves the lists (`order by updated_at desc, id desc`, with or without a stage) by a forward or a
-- backward scan (the EXPLAINs at the end). A table with only these indexes and the primary key; 100,000 existing rows;
-- 100,000 new ones, 2,000 a statement (the import's batch), each statement in its own transaction (its now()). Three
-- rounds of each form, alternating. Run: psql "$DB_URL" -X -q -v ON_ERROR_STOP=1 -f bench/sql/index_direction_cost.sql
\set ON_ERROR_STOP on
drop schema if exists direction_cost cascade;
create schema direction_cost;
set search_path to direction_cost, public;
set synchronous_commit = off;
create table result (form text, round int, ms numeric, index_pages bigint);
create table c (id bigint primary key, lifecycle_stage text not null, created_at timestamptz not null default now(),
                updated_at timestamptz not null default now());
create procedure fill(form text, round int) language plpgsql as $$
declare
    started timestamptz;
    total numeric := 0;
    lo bigint;
begin
    drop index if exists c_updated, c_created, c_stage;
    truncate c;
    insert into c (id, lifecycle_stage, created_at, updated_at)
        select g, case when g % 10 = 0 then 'lead' else 'subscriber' end, now() - (200000 - g) * interval '1 second',
               now() - (200000 - g) * interval '1 second' from generate_series(1, 100000) g;
    if form = 'descending' then
        create index c_updated on c (updated_at desc, id desc);
        create index c_created on c (created_at desc, id desc);
        create index c_stage on c (lifecycle_stage, updated_at desc, id desc);
    else
        create index c_updated on c (updated_at, id);
        create index c_created on c (created_at, id);
        create index c_stage on c (lifecycle_stage, updated_at, id);
    end if;
    commit;
    for b in 0..49 loop
        lo := 100001 + b * 2000;
        started := clock_timestamp();
        insert into c (id, lifecycle_stage)
            select g, case when g % 10 = 0 then 'lead' else 'subscriber' end from unnest(array(select generate_series(lo, lo + 1999))) g;
        total := total + extract(epoch from clock_timestamp() - started) * 1000;
        commit;
    end loop;
    insert into result values (form, round, round(total),
        pg_relation_size('c_updated') / 8192 + pg_relation_size('c_created') / 8192 + pg_relation_size('c_stage') / 8192);
    commit;
end $$;
call fill('descending', 1);
call fill('ascending', 1);
call fill('ascending', 2);
call fill('descending', 2);
call fill('descending', 3);
call fill('ascending', 3);
select form, round, ms as "ms for 100,000 rows", index_pages as "pages of the three indexes" from result order by round, form;
select round((avg(ms) filter (where form = 'descending') - avg(ms) filter (where form = 'ascending')) * 10) / 1000
       as "µs a row saved ascending (three indexes)" from result;
analyze c;
explain (costs off) select * from c order by updated_at desc, id desc limit 50;
explain (costs off) select * from c where (updated_at, id) < (now(), 150000) order by updated_at desc, id desc limit 50;
explain (costs off) select * from c where lifecycle_stage = 'lead' order by updated_at desc, id desc limit 50;
explain (costs off) select * from c order by created_at desc, id desc limit 50;
drop schema direction_cost cascade;
