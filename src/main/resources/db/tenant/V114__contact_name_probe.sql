-- The similar-name probe of duplicate candidates in a table of its own (docs/import.md "Duplicate candidates", import7db):
-- the GiST on (postal code, display name trigrams) cost every new contact of an import about 42 µs inside the lane's
-- insert (V113; docs/benchmarks.md). The pair refreshes write this table instead, for the contacts they refresh: the
-- duplicate drain for what imports marked, API writes in their transaction. A contact is here with its postal code and
-- name as of its last refresh (none without a postal code); merged and erased contacts leave with the cascade.
create table contact_name_probe (
    contact_id    bigint primary key references contact (id) on delete cascade,
    postal_code   text not null,
    display_name  text not null
);
-- the SELECT in a CTE for Citus (docs/scale-out.md rule 7); the index built once after the copy
with src as (select id, postal_code, display_name from contact where postal_code is not null)
insert into contact_name_probe (contact_id, postal_code, display_name) select id, postal_code, display_name from src;
create index contact_name_probe_trgm_idx on contact_name_probe using gist (postal_code, display_name public.gist_trgm_ops);
drop index if exists contact_postal_name_trgm_idx;
