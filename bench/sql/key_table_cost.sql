-- bench/import.sh with BENCH_INDEX_COST=1: what a new contact's e-mail row costs an import's insert, part by part. A
-- scratch contact table (primary key only) and a scratch copy of contact_email get 100,000 rows; then, for each form of
-- the copy, 100,000 new contacts and their e-mails are inserted 1,000 per statement in one transaction, as a lane's
-- batch (ContactUpserts: the contacts, then `insert ... select from unnest ... on conflict do nothing`). The e-mail
-- statements alone are timed. "full" is contact_email as the migrations make it; each other form leaves one part out.
\set ON_ERROR_STOP on
set search_path to t_bench, public;
set synchronous_commit = off;
create temporary table key_cost (form text, ms numeric, us_per_row numeric);
do $$
declare
    f record;
    started timestamptz;
    elapsed numeric;
    total numeric;
    full_ms numeric;
    existing int := 100000;
begin
    for f in select * from (values (1, 'full'), (2, 'no foreign key'), (3, 'no e-mail variant index'), (4, 'no contact_id index'),
                                   (5, 'no on conflict clause'), (6, 'heap and unique index only')) v(o, name) order by o loop
        drop table if exists email_cost;
        drop table if exists contact_key_cost;
        create table contact_key_cost (id bigint primary key, display_name text not null);
        insert into contact_key_cost select g, 'Old' || g from generate_series(1, existing) g;
        create table email_cost (
            contact_id bigint not null, address text not null, address_norm text not null,
            is_primary boolean not null default false, created_at timestamptz not null default now(),
            constraint email_cost_norm_uq unique (address_norm));
        if f.name not in ('no foreign key', 'heap and unique index only') then
            alter table email_cost add constraint email_cost_fk foreign key (contact_id) references contact_key_cost (id) on delete cascade;
        end if;
        if f.name not in ('no contact_id index', 'heap and unique index only') then
            create index email_cost_contact_idx on email_cost (contact_id);
        end if;
        if f.name not in ('no e-mail variant index', 'heap and unique index only') then
            create index email_cost_variant_idx on email_cost
                ((regexp_replace(split_part(address_norm, '@', 1), '(\+.*$)|\.', '', 'g') || '@' || split_part(address_norm, '@', 2)));
        end if;
        insert into email_cost (contact_id, address, address_norm, is_primary)
        select g, 'old' || g || '@bench.example', 'old' || g || '@bench.example', true from generate_series(1, existing) g;
        total := 0;
        for b in 0..99 loop
            insert into contact_key_cost select g, 'New' || g from generate_series(existing + 1 + b * 1000, existing + (b + 1) * 1000) g;
            started := clock_timestamp();
            if f.name in ('no on conflict clause', 'heap and unique index only') then
                insert into email_cost (contact_id, address, address_norm, is_primary)
                select * from unnest(array(select g::bigint from generate_series(existing + 1 + b * 1000, existing + (b + 1) * 1000) g),
                                     array(select 'n' || g || '@bench.example' from generate_series(existing + 1 + b * 1000, existing + (b + 1) * 1000) g),
                                     array(select 'n' || g || '@bench.example' from generate_series(existing + 1 + b * 1000, existing + (b + 1) * 1000) g),
                                     array(select true from generate_series(1, 1000)));
            else
                insert into email_cost (contact_id, address, address_norm, is_primary)
                select * from unnest(array(select g::bigint from generate_series(existing + 1 + b * 1000, existing + (b + 1) * 1000) g),
                                     array(select 'n' || g || '@bench.example' from generate_series(existing + 1 + b * 1000, existing + (b + 1) * 1000) g),
                                     array(select 'n' || g || '@bench.example' from generate_series(existing + 1 + b * 1000, existing + (b + 1) * 1000) g),
                                     array(select true from generate_series(1, 1000)))
                on conflict do nothing;
            end if;
            total := total + extract(epoch from clock_timestamp() - started) * 1000;
        end loop;
        if f.name = 'full' then
            full_ms := total;
        end if;
        insert into key_cost values (f.name, round(total), round((full_ms - total) * 10) / 1000);
    end loop;
    drop table email_cost;
    drop table contact_key_cost;
end $$;
select form, ms as "ms for 100,000 e-mail rows", us_per_row as "µs a row saved against full" from key_cost order by ms desc;
