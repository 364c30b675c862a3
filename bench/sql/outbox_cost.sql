-- What an import batch's outbox-side statements cost per row, form by form (docs/benchmarks.md, "Session 13 (outbox)").
-- Scratch copies of the tenant tables (t_bench, migrated), 100 batches of 1,000 rows each as a lane writes them
-- (arrays in, one statement per batch, each batch its own transaction as the lanes commit per chunk); the timed
-- statement alone is measured. Run: psql -X -q -v ON_ERROR_STOP=1 -f bench/sql/outbox_cost.sql (under bin/bench).
\set ON_ERROR_STOP on
set search_path to t_bench, public;
set synchronous_commit = off;
drop table if exists outbox_cost;
create table outbox_cost (part text, form text, ms numeric);
drop table if exists cost_contact cascade;
create table cost_contact (id bigint primary key);
insert into cost_contact select generate_series(1, 300000);

-- change rows: contact.created ({"source":"import"} for every row), 1,000 a statement, the webhook fan-out joined
create or replace procedure cost_change(form text) language plpgsql as $$
declare
    started timestamptz;
    total numeric := 0;
    ids bigint[];
    datas text[];
begin
    drop table if exists cost_delivery;
    drop table if exists cost_change;
    create table cost_change (like change including all);
    if form like '%brin%' or form like '%no at index%' then
        execute (select 'drop index ' || indexname from pg_indexes where tablename = 'cost_change' and indexdef like '%(at)%');
    end if;
    if form like '%brin%' then
        create index on cost_change using brin (at);
    end if;
    create table cost_delivery (like webhook_delivery including all);
    alter table cost_delivery add foreign key (change_id) references cost_change (id) on delete cascade;
    commit;
    for b in 0..99 loop
        ids := array(select g::bigint from generate_series(b * 1000 + 1, (b + 1) * 1000) g);
        datas := array(select '{"source": "import"}' from generate_series(1, 1000));
        started := clock_timestamp();
        if form = 'as main: jsonb a row, at btree, webhook join' then
            with c as (
                insert into cost_change (type, subject_id, actor, data)
                select 'contact.created', u.subject, null, u.data::jsonb from unnest(ids, datas) with ordinality as u(subject, data, n)
                order by u.n returning id, tx_id, type, subject_id)
            insert into cost_delivery (webhook_id, change_id, tx_id, subject_id)
            select w.id, c.id, c.tx_id, c.subject_id from c join webhook w on w.active and (c.type = any(w.events) or '*' = any(w.events));
        elsif form in ('jsonb once, at btree, webhook join', 'jsonb once, brin on at, webhook join', 'jsonb once, no at index, webhook join') then
            with c as (
                insert into cost_change (type, subject_id, actor, data)
                select 'contact.created', u.subject, null, datas[1]::jsonb from unnest(ids) with ordinality as u(subject, n)
                order by u.n returning id, tx_id, type, subject_id)
            insert into cost_delivery (webhook_id, change_id, tx_id, subject_id)
            select w.id, c.id, c.tx_id, c.subject_id from c join webhook w on w.active and (c.type = any(w.events) or '*' = any(w.events));
        elsif form = 'jsonb once, brin on at, no webhook join' then
            insert into cost_change (type, subject_id, actor, data)
            select 'contact.created', u.subject, null, datas[1]::jsonb from unnest(ids) with ordinality as u(subject, n) order by u.n;
        else
            raise 'unknown form %', form;
        end if;
        total := total + extract(epoch from clock_timestamp() - started) * 1000;
        commit;
    end loop;
    insert into outbox_cost values ('change', form, round(total));
    commit;
end $$;

-- lifecycle_transition of new contacts (the foreign key to cost_contact stays in every form: it is not this part's)
create or replace procedure cost_transition(form text) language plpgsql as $$
declare
    started timestamptz;
    total numeric := 0;
    ids bigint[];
    n int;
begin
    drop table if exists cost_transition;
    create table cost_transition (like lifecycle_transition including all);
    alter table cost_transition add foreign key (contact_id) references cost_contact (id) on delete cascade;
    if form like '%no to_stage index%' then
        execute (select 'drop index ' || indexname from pg_indexes where tablename = 'cost_transition' and indexdef like '%(to_stage%');
    end if;
    if form like '%no contact index%' then
        execute (select 'drop index ' || indexname from pg_indexes where tablename = 'cost_transition' and indexdef like '%(contact_id%');
    end if;
    insert into cost_transition (contact_id, to_stage, source) select g, 'subscriber', 'bench' from generate_series(1, 100000) g;
    commit;
    for b in 0..99 loop
        ids := array(select g::bigint from generate_series(100001 + b * 1000, 100000 + (b + 1) * 1000) g);
        started := clock_timestamp();
        with t as (insert into cost_transition (contact_id, from_stage, to_stage, source)
                   select c, null, 'lead', 'import' from unnest(ids) u(c) returning id, contact_id, from_stage, to_stage)
        select count(*) into n from t;
        total := total + extract(epoch from clock_timestamp() - started) * 1000;
        commit;
    end loop;
    insert into outbox_cost values ('lifecycle_transition', form, round(total));
    commit;
end $$;

-- the drain's marks: a row per contact (primary key, on conflict do nothing) or a row per batch (an array)
create or replace procedure cost_marks(form text) language plpgsql as $$
declare
    started timestamptz;
    total numeric := 0;
    ids bigint[];
begin
    drop table if exists cost_pending;
    drop table if exists cost_pending_batch;
    create table cost_pending (like duplicate_pending including all);
    create table cost_pending_batch (id bigint generated always as identity primary key, contact_ids bigint[] not null);
    commit;
    for b in 0..99 loop
        ids := array(select g::bigint from generate_series(b * 1000 + 1, (b + 1) * 1000) g);
        started := clock_timestamp();
        if form = 'as main: a row per contact' then
            insert into cost_pending (contact_id) select * from unnest(ids) on conflict do nothing;
        else
            insert into cost_pending_batch (contact_ids) values (ids);
        end if;
        total := total + extract(epoch from clock_timestamp() - started) * 1000;
        commit;
    end loop;
    insert into outbox_cost values ('marks', form, round(total));
    commit;
end $$;

-- a staged chunk: 1,000 CSV lines of ~85 bytes in text[], as the upload writes it, then its delete once applied
create or replace procedure cost_chunk(form text) language plpgsql as $$
declare
    started timestamptz;
    total numeric := 0;
    lines bigint[];
    texts text[];
begin
    drop table if exists cost_chunk;
    create table cost_chunk (like import_chunk including all);
    if form like '%external%' then
        alter table cost_chunk alter column payloads set storage external;
        alter table cost_chunk alter column errors set storage external;
    end if;
    commit;
    for b in 0..99 loop
        lines := array(select g::bigint from generate_series(b * 1000 + 1, (b + 1) * 1000) g);
        texts := array(select 'Person ' || g || ',Given' || g || ',Family' || (g % 977) || ',p' || g || '@bench.example,+1212' || lpad(g::text, 7, '0')
                                 || ',' || lpad((10000 + g % 5000)::text, 5, '0') || ',lead,crm:P' || g from generate_series(b * 1000 + 1, (b + 1) * 1000) g);
        started := clock_timestamp();
        insert into cost_chunk (job_id, lane_group, first_line, lines, payloads, errors)
        values (1, 0, lines[1], lines, texts, array_fill(null::text, array[1000]));
        total := total + extract(epoch from clock_timestamp() - started) * 1000;
        commit;
    end loop;
    for b in 0..99 loop
        started := clock_timestamp();
        perform array_length(c.p, 1) from (select x.payloads as p from cost_chunk x where x.job_id = 1 and x.first_line = b * 1000 + 1) c;
        delete from cost_chunk where job_id = 1 and first_line = b * 1000 + 1;
        total := total + extract(epoch from clock_timestamp() - started) * 1000;
        commit;
    end loop;
    insert into outbox_cost values ('chunk staged, read and deleted', form, round(total));
    commit;
end $$;

call cost_change('as main: jsonb a row, at btree, webhook join');
call cost_change('jsonb once, at btree, webhook join');
call cost_change('jsonb once, brin on at, webhook join');
call cost_change('jsonb once, no at index, webhook join');
call cost_change('jsonb once, brin on at, no webhook join');
call cost_change('as main: jsonb a row, at btree, webhook join');
call cost_change('jsonb once, brin on at, webhook join');
call cost_transition('as main');
call cost_transition('no to_stage index');
call cost_transition('no contact index');
call cost_transition('as main');
call cost_transition('no to_stage index');
call cost_marks('as main: a row per contact');
call cost_marks('a row per batch (array)');
call cost_marks('as main: a row per contact');
call cost_marks('a row per batch (array)');
call cost_chunk('as main (pglz)');
call cost_chunk('storage external');
call cost_chunk('as main (pglz)');
call cost_chunk('storage external');

select part, form, count(*) as runs, round(avg(ms)) as "ms for 100,000 rows", round(avg(ms) / 100, 2) as "µs a row"
  from outbox_cost group by part, form order by part, "ms for 100,000 rows" desc;
drop table if exists cost_delivery, cost_change, cost_transition, cost_pending, cost_pending_batch, cost_chunk, outbox_cost;
drop table if exists cost_contact cascade;
drop procedure cost_change, cost_transition, cost_marks, cost_chunk;
