-- The similar-name probe of DuplicatePairs.FIND is per postal code: ONE index scan per contact that takes the postal
-- code equality and pg_trgm's % on the display name together. V111's GIN on the name alone could not (PostgreSQL read
-- the postal code's rows by contact_postal_code_idx and compared every one: 476 ms a batch at 1,000,000 contacts on
-- merged main, docs/benchmarks.md). GiST as V53 (btree_gist, already installed by control V8); figures in
-- docs/benchmarks.md, "Duplicate pairs drained outside the import (dupes6)".
drop index if exists contact_name_trgm_idx;
create index if not exists contact_postal_name_trgm_idx on contact using gist (postal_code, display_name public.gist_trgm_ops)
    where postal_code is not null;
