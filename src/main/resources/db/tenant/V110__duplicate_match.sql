-- Duplicate candidates computed when contacts are written (profile/DuplicatePairs), not per request: one row per pair
-- (contact_id < other_id) and computed reason (e-mail local-part variant, similar name in the same postal code).
-- The pairs that ambiguous upserts record (same email, phone, external id or handle) stay in duplicate_candidate.
-- Both cascade with their contacts, so merged and erased people leave no pair behind.
create table duplicate_match (
    contact_id  bigint not null references contact (id) on delete cascade,
    other_id    bigint not null references contact (id) on delete cascade,
    reason      text not null,
    score       double precision not null,
    primary key (contact_id, other_id, reason),
    check (contact_id < other_id)
);
-- a contact's pairs where it is the larger id (refresh, Contact.duplicateCandidates, the cascade)
create index duplicate_match_other_idx on duplicate_match (other_id);
create index duplicate_candidate_other_idx on duplicate_candidate (other_id);

-- One row the pair refreshes of a tenant lock in turn (DuplicatePairs): a refresh then sees every contact that the
-- refreshes before it wrote, so two similar people written by concurrent transactions still pair. A row of the
-- tenant's own schema, not an advisory lock: on Citus the lock and the contacts live on the same node.
create table duplicate_refresh (
    id  smallint primary key check (id = 1)
);
insert into duplicate_refresh (id) values (1);

-- The pairs of the contacts that exist already (same statement as DuplicatePairs.FIND, for every contact; the
-- SELECT in a CTE for Citus, docs/scale-out.md rule 7).
with variant as materialized (
  select e.contact_id, regexp_replace(split_part(e.address_norm, '@', 1), '(\+.*$)|\.', '', 'g') || '@' || split_part(e.address_norm, '@', 2) as v
  from contact_email e
), found as (
  select least(a.contact_id, b.contact_id) as contact_id, greatest(a.contact_id, b.contact_id) as other_id,
         'email local-part variant' as reason, 0.85::float8 as score
  from variant a join variant b on b.v = a.v and b.contact_id <> a.contact_id
  union all
  select least(a.id, b.id), greatest(a.id, b.id), 'similar name in the same postal code',
         0.5 + 0.5 * public.similarity(a.display_name, b.display_name)
  from contact a join contact b on b.postal_code = a.postal_code and b.display_name operator(public.%) a.display_name and b.id <> a.id
  where a.postal_code is not null and public.similarity(a.display_name, b.display_name) >= 0.5
), pairs as (
  select distinct f.contact_id, f.other_id, f.reason, f.score from found f
  where not exists (select 1 from duplicate_dismissal d where d.contact_id = f.contact_id and d.other_id = f.other_id)
)
insert into duplicate_match (contact_id, other_id, reason, score)
select contact_id, other_id, reason, score from pairs
on conflict do nothing;
