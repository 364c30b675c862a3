-- What the foreign keys of a created contact's key rows and first transition cost (session 13, keys; tenant migration
-- V121 dropped them). Scratch copies of contact (primary key only), contact_email, contact_phone, contact_external_id
-- and lifecycle_transition with their indexes as the migrations make them; 100,000 existing contacts with one row in each;
-- then 100,000 new contacts 1,000 per statement, each batch followed by its four inserts as ContactUpserts writes them
-- (`insert ... select from unnest ... on conflict do nothing` for the keys). Only the four inserts are timed. Two rounds
-- of each form, alternating, so that the spread between rounds shows the noise.
-- Run: psql "$DB_URL" -X -q -v ON_ERROR_STOP=1 -f bench/sql/contact_fk_cost.sql (own schema fk_cost, dropped after).
\set ON_ERROR_STOP on
drop schema if exists fk_cost cascade;
create schema fk_cost;
set search_path to fk_cost, public;
set synchronous_commit = off;
create table fk_result (form text, round int, ms numeric);
do $$
declare
    f record;
    started timestamptz;
    total numeric;
    existing int := 100000;
    lo bigint;
    hi bigint;
begin
    for f in select * from (values (1, 1, 'foreign keys'), (2, 1, 'no foreign keys'), (3, 2, 'foreign keys'), (4, 2, 'no foreign keys')) v(o, r, name)
             order by o loop
        drop table if exists e, p, x, t, c;
        create table c (id bigint primary key, display_name text not null, lifecycle_stage text not null);
        create table e (contact_id bigint not null, address text not null, address_norm text not null,
                        is_primary boolean not null default false, created_at timestamptz not null default now(), unique (address_norm));
        create index on e (contact_id);
        create index on e ((regexp_replace(split_part(address_norm, '@', 1), '(\+.*$)|\.', '', 'g') || '@' || split_part(address_norm, '@', 2)));
        create table p (contact_id bigint not null, e164 text not null, kind text check (kind in ('MOBILE', 'LANDLINE', 'OTHER')),
                        is_primary boolean not null default false, created_at timestamptz not null default now(), unique (e164));
        create index on p (contact_id);
        create table x (contact_id bigint not null, system text not null, value text not null,
                        created_at timestamptz not null default now(), unique (system, value));
        create index on x (contact_id);
        create table t (id bigint generated always as identity primary key, contact_id bigint not null, from_stage text,
                        to_stage text not null, occurred_at timestamptz not null default now(), source text not null default 'api',
                        campaign_id bigint, note text);
        create index on t (contact_id, occurred_at, id);
        create index on t (to_stage, occurred_at);
        if f.name = 'foreign keys' then
            alter table e add foreign key (contact_id) references c (id) on delete cascade;
            alter table p add foreign key (contact_id) references c (id) on delete cascade;
            alter table x add foreign key (contact_id) references c (id) on delete cascade;
            alter table t add foreign key (contact_id) references c (id) on delete cascade;
        end if;
        insert into c select g, 'Old' || g, 'subscriber' from generate_series(1, existing) g;
        insert into e select g, 'old' || g || '@bench.example', 'old' || g || '@bench.example', true from generate_series(1, existing) g;
        insert into p select g, '+1212' || lpad(g::text, 7, '0'), 'MOBILE', true from generate_series(1, existing) g;
        insert into x select g, 'crm', 'O' || g from generate_series(1, existing) g;
        insert into t (contact_id, to_stage, source) select g, 'subscriber', 'import' from generate_series(1, existing) g;
        analyze c, e, p, x, t;
        total := 0;
        for b in 0..99 loop
            lo := existing + 1 + b * 1000;
            hi := existing + (b + 1) * 1000;
            insert into c select g, 'New' || g, 'subscriber' from generate_series(lo, hi) g;
            started := clock_timestamp();
            insert into e (contact_id, address, address_norm, is_primary)
            select * from unnest(array(select g from generate_series(lo, hi) g), array(select 'n' || g || '@bench.example' from generate_series(lo, hi) g),
                                 array(select 'n' || g || '@bench.example' from generate_series(lo, hi) g), array(select true from generate_series(lo, hi) g))
            on conflict do nothing;
            insert into p (contact_id, e164, kind, is_primary)
            select * from unnest(array(select g from generate_series(lo, hi) g), array(select '+1213' || lpad(g::text, 7, '0') from generate_series(lo, hi) g),
                                 array(select 'MOBILE' from generate_series(lo, hi) g), array(select true from generate_series(lo, hi) g))
            on conflict do nothing;
            insert into x (contact_id, system, value)
            select * from unnest(array(select g from generate_series(lo, hi) g), array(select 'crm' from generate_series(lo, hi) g),
                                 array(select 'N' || g from generate_series(lo, hi) g))
            on conflict do nothing;
            insert into t (contact_id, from_stage, to_stage, source)
            select c2, f2, t2, 'import' from unnest(array(select g from generate_series(lo, hi) g), array(select null::text from generate_series(lo, hi) g),
                                                   array(select 'subscriber' from generate_series(lo, hi) g)) u(c2, f2, t2);
            total := total + extract(epoch from clock_timestamp() - started) * 1000;
        end loop;
        insert into fk_result values (f.name, f.r, round(total));
    end loop;
    drop table e, p, x, t, c;
end $$;
select form, round, ms as "ms: four inserts for 100,000 new contacts" from fk_result order by round, form;
select round((avg(ms) filter (where form = 'foreign keys') - avg(ms) filter (where form = 'no foreign keys')) * 10) / 1000
       as "µs a created contact saved (four rows)" from fk_result;
drop schema fk_cost cascade;
