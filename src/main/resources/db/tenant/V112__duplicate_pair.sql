-- Duplicate candidates, one row per pair (docs/import.md "Duplicate candidates"; dupes6): the reasons of a pair merged
-- (computed ones: e-mail local-part variant, similar name in the same postal code; recorded ones: the "same ..." of
-- AMBIGUOUS upserts, still kept in duplicate_candidate as their record) and its score, stored by
-- profile/DuplicatePairs. duplicateCandidates reads the page in index order: first 50 = 51 index entries, no grouping.
-- Dismissed pairs are never stored; merged and erased contacts take their pairs with them (cascade).
create table duplicate_pair (
    contact_id  bigint not null references contact (id) on delete cascade,
    other_id    bigint not null references contact (id) on delete cascade,
    score       double precision not null,
    reasons     text[] not null,
    primary key (contact_id, other_id),
    check (contact_id < other_id)
);
create index duplicate_pair_page_idx on duplicate_pair (score desc, contact_id, other_id);
create index duplicate_pair_other_idx on duplicate_pair (other_id);

-- Contacts whose pairs must be found again (import batches mark them in their transaction; DuplicateDrain drains them
-- outside the lanes). No foreign key: marking costs the batch no key check, and the drain drops ids that vanished.
create table duplicate_pending (
    contact_id  bigint primary key
);

-- The pairs stored so far, merged per pair (the same rule as DuplicatePairs.FIND); a CTE for Citus (docs/scale-out.md).
with found as (
  select contact_id, other_id, reason, score from duplicate_match
  union all
  select contact_id, other_id, unnest(reasons), score from duplicate_candidate
), pairs as (
  select f.contact_id, f.other_id, least(1.0, max(f.score) + 0.05 * (count(distinct f.reason) - 1)) as score,
         array_agg(distinct f.reason order by f.reason) as reasons
  from found f
  where not exists (select 1 from duplicate_dismissal d where d.contact_id = f.contact_id and d.other_id = f.other_id)
  group by f.contact_id, f.other_id
)
insert into duplicate_pair (contact_id, other_id, score, reasons)
select contact_id, other_id, score, reasons from pairs;

drop table duplicate_match;
