-- contact.email (the v1 primary) is no longer unique on its own (session 13, keys): every writer of contact.email writes
-- the same address to contact_email in its transaction (ContactPrimaries for createContact, updateContact and merges,
-- ContactUpserts for upserts and imports), and contact_email_norm_uq (unique address_norm, the case-folded address)
-- refuses a second contact with it, also under a race (the second insert waits for the first to commit, then finds it).
-- So contact_email_uq (unique lower(email)) checked the same thing twice, for ~4 us a created contact
-- (docs/benchmarks.md, "Session 12 (import7db)" 3.). Dropping an index is cheap on a tenant of any size.
drop index contact_email_uq;
