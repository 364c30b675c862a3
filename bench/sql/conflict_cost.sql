-- What `on conflict do nothing` costs a batch insert (session 14): scratch copies of contact (its columns, check,
-- generated household key and nine indexes as the tenant migrations make them) and contact_email (unique address_norm,
-- contact_id index); 100,000 existing rows in each; then 100,000 new rows 2,000 per statement (the import's batch),
-- `insert ... select from unnest(...)` as ContactUpserts writes them, with and without `on conflict do nothing`
-- (a speculative insertion: a pre-check of every unique index, a speculative token lock, and a second heap write to
-- confirm the tuple). Only the inserts are timed. Three rounds of each form, alternating, so the spread shows the noise.
-- Run: psql "$DB_URL" -X -q -v ON_ERROR_STOP=1 -f bench/sql/conflict_cost.sql (own schema conflict_cost, dropped after).
\set ON_ERROR_STOP on
drop schema if exists conflict_cost cascade;
create schema conflict_cost;
set search_path to conflict_cost, public;
set synchronous_commit = off;
create table result (tbl text, form text, round int, ms numeric);
do $$
declare
    f record;
    started timestamptz;
    t_contact numeric;
    t_email numeric;
    existing int := 100000;
    batch int := 2000;
    lo bigint;
    hi bigint;
    oc text;
begin
    for f in select * from (values (1, 1, 'on conflict do nothing'), (2, 1, 'plain'), (3, 2, 'plain'), (4, 2, 'on conflict do nothing'),
                                   (5, 3, 'on conflict do nothing'), (6, 3, 'plain')) v(o, r, name) order by o loop
        drop table if exists c, e;
        create table c (
            id bigint primary key, display_name text not null, first_name text, last_name text, email text, phone text,
            city text, region text, country text, postal_code text, tags text[] not null default '{}',
            attributes jsonb not null default '{}'::jsonb, consent_email boolean not null default false,
            consent_sms boolean not null default false, consent_tracking boolean not null default false,
            lifecycle_stage text not null, influence_score double precision,
            created_at timestamptz not null default now(), updated_at timestamptz not null default now(),
            address_line1 text, address_line2 text, latitude double precision, longitude double precision,
            preferred_channel text, language text, do_not_contact boolean not null default false, support_level smallint,
            custom_fields jsonb not null default '{}'::jsonb,
            constraint c_support_level_check check (support_level between 1 and 5));
        alter table c add column household_key text generated always as (
            case when address_line1 is null or btrim(address_line1) = '' then null else md5(address_line1) end) stored;
        create index on c (updated_at desc, id desc);
        create index on c (created_at desc, id desc);
        create index on c (lifecycle_stage, updated_at desc, id desc);
        create index on c using gin (tags);
        create index on c using gin (custom_fields jsonb_path_ops);
        create index on c (postal_code) where postal_code is not null;
        create index on c (household_key) where household_key is not null;
        create table e (contact_id bigint not null, address text not null, address_norm text not null,
                        is_primary boolean not null default false, created_at timestamptz not null default now(), unique (address_norm));
        create index on e (contact_id);
        insert into c (id, display_name, first_name, last_name, email, phone, city, country, postal_code, tags, lifecycle_stage)
            select g, 'Old ' || g, 'Old', 'R' || g % 977, 'o' || g || '@bench.example', '+1212' || lpad(g::text, 7, '0'),
                   'City' || g % 500, 'US', lpad((10000 + g % 5000)::text, 5, '0'), '{imported}', 'subscriber'
            from generate_series(1, existing) g;
        insert into e select g, 'o' || g || '@bench.example', 'o' || g || '@bench.example', true from generate_series(1, existing) g;
        analyze c, e;
        oc := case when f.name = 'plain' then '' else ' on conflict do nothing' end;
        t_contact := 0;
        t_email := 0;
        for b in 0..(100000 / batch - 1) loop
            lo := existing + 1 + b * batch;
            hi := existing + (b + 1) * batch;
            started := clock_timestamp();
            execute 'insert into c (id, display_name, first_name, last_name, email, phone, city, region, country, postal_code, '
                 || 'address_line1, address_line2, latitude, longitude, tags, custom_fields, consent_email, consent_sms, '
                 || 'lifecycle_stage, language, support_level, preferred_channel, do_not_contact) '
                 || 'select u.id, u.dn, u.fn, u.ln, u.em, u.ph, u.ci, null, ''US'', u.pc, null, null, null, null, '
                 || '''{imported}''::text[], ''{}''::jsonb, false, false, ''subscriber'', null, null, null, false '
                 || 'from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) '
                 || 'u(id, dn, fn, ln, em, ph, ci, pc)' || oc
                using array(select g from generate_series(lo, hi) g), array(select 'New' || g || ' Row' || g % 977 from generate_series(lo, hi) g),
                      array(select 'New' || g from generate_series(lo, hi) g), array(select 'Row' || g % 977 from generate_series(lo, hi) g),
                      array(select 'n' || g || '@bench.example' from generate_series(lo, hi) g),
                      array(select '+1213' || lpad(g::text, 7, '0') from generate_series(lo, hi) g),
                      array(select 'City' || g % 500 from generate_series(lo, hi) g),
                      array(select lpad((10000 + g % 5000)::text, 5, '0') from generate_series(lo, hi) g);
            t_contact := t_contact + extract(epoch from clock_timestamp() - started) * 1000;
            started := clock_timestamp();
            execute 'insert into e (contact_id, address, address_norm, is_primary) '
                 || 'select * from unnest($1::bigint[], $2::text[], $3::text[], $4::bool[])' || oc
                using array(select g from generate_series(lo, hi) g), array(select 'n' || g || '@bench.example' from generate_series(lo, hi) g),
                      array(select 'n' || g || '@bench.example' from generate_series(lo, hi) g), array(select true from generate_series(lo, hi) g);
            t_email := t_email + extract(epoch from clock_timestamp() - started) * 1000;
        end loop;
        insert into result values ('contact', f.name, f.r, round(t_contact)), ('contact_email', f.name, f.r, round(t_email));
    end loop;
    drop table c, e;
end $$;
select tbl, form, round, ms as "ms for 100,000 rows" from result order by tbl, round, form;
select tbl, round((avg(ms) filter (where form = 'on conflict do nothing') - avg(ms) filter (where form = 'plain')) * 10) / 1000
       as "µs a row saved without on conflict" from result group by tbl order by tbl;
drop schema conflict_cost cascade;
