-- The e-mail variant probe of duplicate candidates in a table of its own (session 13, keys), as V114 did for names: the
-- expression index contact_email_variant_idx (dots and +tags of the local part dropped) cost every e-mail row an
-- import writes a regexp_replace and an index entry (3-5 us, docs/benchmarks.md), and only the pair refreshes read it.
-- The refreshes write this table instead, for the contacts they refresh (the duplicate drain for what imports marked, API
-- writes in their transaction: DuplicatePairs.VARIANTS): a contact's variants as of its last refresh; merged and erased
-- contacts leave with the cascade.
create table contact_email_variant (
    contact_id  bigint not null references contact (id) on delete cascade,
    variant     text not null,
    primary key (contact_id, variant)
);
-- the SELECT in a CTE for Citus (docs/scale-out.md rule 7); the index built once after the copy
with src as (
  select distinct contact_id,
         regexp_replace(split_part(address_norm, '@', 1), '(\+.*$)|\.', '', 'g') || '@' || split_part(address_norm, '@', 2) as variant
  from contact_email
)
insert into contact_email_variant (contact_id, variant) select contact_id, variant from src;
create index contact_email_variant_probe_idx on contact_email_variant (variant);
drop index contact_email_variant_idx;
