-- Every index of contact is paid by every imported row (docs/benchmarks.md, "Import speed, session 10").
-- contact_postal_code_idx (V51) served the duplicate finder's postal code equality, which the trigram index
-- contact_postal_name_trgm_idx (V53, postal_code as its first column, same predicate) serves since; a targeting rule's
-- postal code prefix (postal_code like 'p%') cannot read a btree of the default operator class outside the C
-- collation, and household and turf queries compare a normalised expression: nothing reads it.
drop index if exists contact_postal_code_idx;
