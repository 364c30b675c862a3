-- The name index of duplicate candidates, made cheaper to write (docs/benchmarks.md, "Duplicate candidates stored"):
-- pairs are found per batch of written contacts now (profile/DuplicatePairs, V110), not per request, so the index no
-- longer has to serve a join of every contact. A GIN on the display name's trigrams (pending list on, as GIN's
-- default: an insert appends, the list is merged in bulk) replaces V53's GiST on (postal code, trigrams): measured,
-- an insert of 1,000 contacts took 44 ms with it against 76 ms with the GiST (35 ms with neither). The postal code
-- equality comes from contact_postal_code_idx (V51); where a postal code holds many people PostgreSQL can combine the
-- two (BitmapAnd), where it holds few it reads the postal code's rows.
drop index if exists contact_postal_name_trgm_idx;
create index contact_name_trgm_idx on contact using gin (display_name public.gin_trgm_ops) with (fastupdate = on)
    where postal_code is not null;
